"""Inserting many new data values with their history rows in a few statements.

simple_history's bulk_create_with_history goes through the ORM's bulk_create twice; for tens of
thousands of values most of that time is spent preparing each value. Here the values that are
the same for every row (indicator, period, who, when, provenance) are prepared once, each row
contributes only its region, value and comment, and the history rows are copied from the new
rows by the database (INSERT … SELECT), with the ids it gave. The rows are identical to what the
ORM would write (same columns, same prepared values); the tests compare both paths.
"""

from django.db import connection
from django.utils import timezone

from sinergi.indicators.models import DataValue

BATCH = 900  # rows per INSERT; SQLite allows 32,766 parameters per statement


def _prep(model, name, value):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


def insert_with_history(indicator, period_id: str, rows, user=None, source_kind="entry",
                        source="") -> int:  # fmt: skip
    """rows: [(region code, Decimal value, comment)], none of which exists yet."""
    if not rows:
        return 0
    now = timezone.now()
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    constant = {
        "indicator_id": indicator.pk,
        "period": period_id,
        "status": _prep(DataValue, "status", DataValue._meta.get_field("status").default),
        "source_kind": source_kind,
        "source": source,
        "created_by_id": user_id,
        "updated_by_id": user_id,
        "created_at": _prep(DataValue, "created_at", now),
        "updated_at": _prep(DataValue, "updated_at", now),
        "version": 1,
    }
    value_field = DataValue._meta.get_field("value")
    columns = ["region_id", "value", "comment", *constant]
    table = DataValue._meta.db_table
    quote = connection.ops.quote_name
    history = DataValue.history.model
    # The history row copies the value row as the database holds it, plus who and when.
    copied = [f.column for f in DataValue._meta.concrete_fields]
    history_constant = {
        "history_date": _prep(history, "history_date", now),
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user_id,
    }
    history_columns = [*copied, *history_constant]
    column_list = ", ".join(quote(c) for c in columns)
    history_sql = (
        f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in history_columns)}) "
        f"SELECT {', '.join(quote(c) for c in copied)}, "
        f"{', '.join(['%s'] * len(history_constant))} FROM {quote(table)} "
        "WHERE indicator_id = %s AND period = %s AND "
    )
    history_params = [*history_constant.values(), indicator.pk, period_id]

    def row(region, value, comment):
        return (
            region,
            value_field.get_db_prep_save(value, connection),
            comment,
            *constant.values(),
        )

    # These cells had no value before this write, so every row the history statements find is
    # one just made.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's fastest way in: no statement text to build or parse.
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for cell in rows:
                    copy.write_row(row(*cell))
            cursor.execute(
                history_sql + "region_id = ANY(%s)",
                [*history_params, [region for region, _value, _comment in rows]],
            )
            return len(rows)
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            values = [
                item for region, value, comment in part for item in row(region, value, comment)
            ]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(part))
            cursor.execute(
                f"INSERT INTO {quote(table)} ({column_list}) VALUES {placeholders}",  # noqa: S608
                values,
            )
            cursor.execute(
                history_sql + f"region_id IN ({', '.join(['%s'] * len(part))})",
                [*history_params, *[region for region, _value, _comment in part]],
            )
    return len(rows)
