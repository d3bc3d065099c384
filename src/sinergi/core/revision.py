"""A number that grows with every change of domain data, for caches that must never be stale.

Every change of domain data writes a history row (simple-history), so the largest history ids of
the tracked models change whenever data does — in every process and on every server, since they
are read from the database in one query. Tables written without history (derived summaries,
rebuilt by `sinergi rollup --rebuild`) are added by the caller: their rows get new ids when they
are rewritten.
"""

from functools import lru_cache

from django.db import connection

from sinergi.core.history import tracked_models


@lru_cache(maxsize=8)
def revision_sql(derived: tuple = ()) -> str:
    quote = connection.ops.quote_name
    tables = sorted(model.history.model._meta.db_table for model in tracked_models())
    parts = [f"SELECT MAX(history_id) FROM {quote(table)}" for table in tables]  # noqa: S608
    parts += [
        f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}"  # noqa: S608
        for model in derived
    ]
    return " UNION ALL ".join(parts)


def data_revision(*derived) -> str:
    """The revision of domain data and of the `derived` models (models without history)."""
    with connection.cursor() as cursor:
        cursor.execute(revision_sql(derived))
        return "-".join(str(row[0] or 0) for row in cursor.fetchall())
