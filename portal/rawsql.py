"""Fixed SELECTs for what every page shows, without the ORM's per-query cost.

The navigation and the side column (weather, poll, most read) are on every page.
Building and compiling an ORM query costs about 0.3 ms of CPU each time, more
than the database spends answering it, so these few queries are written once as
SQL. Their rows are converted by the model fields' own converters, exactly as
the ORM would convert them, on PostgreSQL and SQLite alike.

On PostgreSQL each SELECT is also prepared once per connection (PREPARE, then
EXECUTE with the parameters): the server parses and plans it once instead of on
every page, which was most of its work for these short indexed reads. Values
that never change (a status, a LIMIT) are written into the SQL rather than sent
as parameters, so that the one plan kept can use the partial indexes. Behind
PgBouncer in transaction mode, where a connection's prepared statements are not
its own, set DATABASE_PREPARED_STATEMENTS=false.
"""

import hashlib
import re

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models.expressions import Col

# "prepared statement does not exist"; "cached plan must not change result type".
STALE_PREPARED = {"26000", "0A000"}


def literal(text):
    """Return a constant of the code (never user input) as an SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


class Select:
    """A SELECT of known model fields, in order; run with fresh parameters."""

    def __init__(self, sql, fields):
        if "%%" in sql:
            raise ValueError("A fixed SELECT takes its values as %s parameters.")
        self.sql = sql
        self.fields = fields
        self._converters = {}
        # Named after its first table, so that logs of EXECUTE still say what it reads.
        table = re.search(r'FROM "(\w+)"', sql)
        digest = hashlib.sha256(sql.encode()).hexdigest()[:16]
        self.name = f"{table.group(1) if table else 'select'}_{digest}"
        # PostgreSQL's own placeholders are $1, $2...: psycopg2 fills only EXECUTE's.
        parts = sql.split("%s")
        numbered = parts[0] + "".join(
            f"${n}{part}" for n, part in enumerate(parts[1:], 1)
        )
        self.prepare_sql = f"PREPARE {self.name} AS {numbered}"
        self.execute_sql = f"EXECUTE {self.name}"
        if len(parts) > 1:
            self.execute_sql += "(" + ", ".join(["%s"] * (len(parts) - 1)) + ")"

    def rows(self, *params):
        """Return the rows as tuples of Python values."""
        adapt = connection.ops.adapt_datetimefield_value
        params = [adapt(p) if hasattr(p, "tzinfo") else p for p in params]
        with connection.cursor() as cursor:
            if (
                connection.vendor == "postgresql"
                and settings.DATABASE_PREPARED_STATEMENTS
            ):
                self._execute_prepared(connection, cursor, params)
            else:
                cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        converters = self._converters_for(connection)
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for index, functions, column in converters:
                value = row[index]
                for function in functions:
                    value = function(value, column, connection)
                row[index] = value
            converted.append(tuple(row))
        return converted

    def _execute_prepared(self, connection, cursor, params):
        """EXECUTE this SELECT, PREPAREd first unless the session has it.

        The server may have lost it (DEALLOCATE, DISCARD ALL), or may refuse it
        because a migration changed the type of a column it returns: it is then
        prepared again, once, unless a transaction is open, which the error
        has already aborted.
        """
        session = connection.connection  # a new one after every reconnection
        known = getattr(connection, "prepared_selects", None)
        if known is None or known[0] is not session:
            known = connection.prepared_selects = (session, set())
        prepared = known[1]
        if self.name not in prepared:
            # Prepared statements belong to the session, not the transaction: one
            # prepared inside a transaction that rolls back stays prepared.
            cursor.execute(self.prepare_sql)
            prepared.add(self.name)
            cursor.execute(self.execute_sql, params)
            return
        try:
            cursor.execute(self.execute_sql, params)
        except DatabaseError as error:
            code = getattr(error.__cause__, "pgcode", None)
            if code not in STALE_PREPARED or connection.in_atomic_block:
                raise
            prepared.discard(self.name)
            if code == "0A000":  # still prepared, with the old result type
                cursor.execute(f"DEALLOCATE {self.name}")
            cursor.execute(self.prepare_sql)
            prepared.add(self.name)
            cursor.execute(self.execute_sql, params)

    def _converters_for(self, connection):
        if connection.vendor not in self._converters:
            found = []
            for index, field in enumerate(self.fields):
                if field is None:  # a column the SQL makes, needing no conversion
                    continue
                column = Col(field.model._meta.db_table, field)
                functions = connection.ops.get_db_converters(
                    column
                ) + field.get_db_converters(connection)
                if functions:
                    found.append((index, functions, column))
            self._converters[connection.vendor] = found
        return self._converters[connection.vendor]


def fields(model, *names):
    return [model._meta.get_field(name) for name in names]
