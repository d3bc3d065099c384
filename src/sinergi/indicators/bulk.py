"""Inserting many new data values with their history rows in a few statements.

simple_history's bulk_create_with_history goes through the ORM's bulk_create twice; for tens of
thousands of values most of that time is spent preparing each value. Here the values that are
the same for every row (indicator, period, who, when, provenance) are prepared once, each row
contributes only its region, value and comment, and the history rows are written the same way
with the ids the database gave. The rows are identical to what the ORM would write (same
columns, same prepared values); the tests compare both paths.
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
    history_columns = [f.column for f in history._meta.concrete_fields if f.name != "history_id"]
    history_constant = {
        "history_date": _prep(history, "history_date", now),
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user_id,
    }
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            values = []
            for region, value, comment in part:
                values.extend((region, value_field.get_db_prep_save(value, connection), comment))
                values.extend(constant.values())
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(part))
            cursor.execute(
                f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
                f"VALUES {placeholders}",
                values,
            )
            # The ids the database gave, by the cell's unique key (no reliance on row order).
            cursor.execute(
                f"SELECT id, region_id FROM {quote(table)} WHERE indicator_id = %s AND "  # noqa: S608
                f"period = %s AND region_id IN ({', '.join(['%s'] * len(part))})",
                [indicator.pk, period_id, *[r[0] for r in part]],
            )
            ids = {region: pk for pk, region in cursor.fetchall()}
            history_values = []
            for region, value, comment in part:
                row = {"id": ids[region], "region_id": region,
                       "value": value_field.get_db_prep_save(value, connection),
                       "comment": comment, **constant, **history_constant}  # fmt: skip
                history_values.append([row[column] for column in history_columns])
            cursor.executemany(
                f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608
                f"({', '.join(quote(c) for c in history_columns)}) "
                f"VALUES ({', '.join(['%s'] * len(history_columns))})",
                history_values,
            )
    return len(rows)
