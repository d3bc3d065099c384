"""A number that grows with every change of domain data, for caches that must never be stale.

Every change of domain data writes a history row (simple-history), so the largest history ids of
the tracked models change whenever data does — in every process and on every server, since they
are read from the database in one query.
"""

from functools import lru_cache

from django.db import connection

from sinergi.core.history import tracked_models


@lru_cache(maxsize=1)
def revision_sql() -> str:
    tables = sorted(model.history.model._meta.db_table for model in tracked_models())
    quote = connection.ops.quote_name
    parts = (f"SELECT MAX(history_id) FROM {quote(table)}" for table in tables)  # noqa: S608
    return " UNION ALL ".join(parts)


def data_revision() -> str:
    with connection.cursor() as cursor:
        cursor.execute(revision_sql())
        return "-".join(str(row[0] or 0) for row in cursor.fetchall())
