"""Marks for tests that need PostgreSQL: skipped on SQLite, with the reason."""

import pytest
from django.db import connection


def postgresql_only(reason):
    """Return the pytestmark of a module that needs PostgreSQL and real commits.

    reason says why SQLite cannot run it; the `postgres` mark lets `-m` pick them.
    """
    return [
        pytest.mark.django_db(transaction=True),
        pytest.mark.postgres,
        pytest.mark.skipif(connection.vendor != "postgresql", reason=reason),
    ]
