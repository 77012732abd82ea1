"""Fixed SELECTs for what every page shows, without the ORM's per-query cost.

The navigation and the side column (weather, poll, most read) are on every page.
Building and compiling an ORM query costs about 0.3 ms of CPU each time, more
than the database spends answering it, so these few queries are written once as
SQL. Their rows are converted by the model fields' own converters, exactly as
the ORM would convert them, on PostgreSQL and SQLite alike.
"""

from django.db import connection
from django.db.models.expressions import Col


class Select:
    """A SELECT of known model fields, in order; run with fresh parameters."""

    def __init__(self, sql, fields):
        self.sql = sql
        self.fields = fields
        self._converters = {}

    def rows(self, *params):
        """Return the rows as tuples of Python values."""
        adapt = connection.ops.adapt_datetimefield_value
        params = [adapt(p) if hasattr(p, "tzinfo") else p for p in params]
        with connection.cursor() as cursor:
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

    def _converters_for(self, connection):
        if connection.vendor not in self._converters:
            found = []
            for index, field in enumerate(self.fields):
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
