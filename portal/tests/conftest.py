import pytest

from .live import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once a session for the tests' gunicorn servers."""
    return collect_static(tmp_path_factory.getbasetemp() / "staticfiles")
