"""Writing many data values with their history rows in a few statements.

simple_history's bulk_create_with_history and bulk_update_with_history go through the ORM for
every row; for tens of thousands of values most of that time is spent preparing each value. Here
the values that are the same for every row (indicator, period, who, when, provenance) are
prepared once, each row contributes only its region (or id), value and comment, and the history
rows are copied from the written rows by the database (INSERT … SELECT). The rows are identical
to what the ORM paths write (same columns, same prepared values); the tests compare both.
"""

from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from sinergi.core.models import current_change_reason
from sinergi.indicators.models import DataValue

BATCH = 900  # rows per statement; SQLite allows 32,766 parameters per statement
INSERT_BATCH = 3000  # new rows per statement on SQLite (three parameters each)
quote = connection.ops.quote_name
TABLE = quote(DataValue._meta.db_table)


def _prep(model, name, value):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


_VALUE_FIELD = DataValue._meta.get_field("value")


def _value(value):
    # A checked value is a Decimal, which the field passes through unchanged (Django's backends
    # adapt decimals as they are); anything else goes through the field's own preparation.
    if type(value) is Decimal:
        return value
    return _VALUE_FIELD.get_db_prep_save(value, connection)


def _user_id(user):
    return user.pk if getattr(user, "is_authenticated", False) else None


def copy_to_history(cursor, where: str, params: list, kind: str, now, user=None) -> None:
    """History rows ("+" created, "~" changed) for the value rows `where` selects, as the database
    now holds them, with who and when."""
    history = DataValue.history.model
    copied = [f.column for f in DataValue._meta.concrete_fields]
    extra = {
        "history_date": _prep(history, "history_date", now),
        "history_change_reason": current_change_reason(),  # the API token, if any
        "history_type": kind,
        "history_user_id": _user_id(user),
    }
    cursor.execute(
        f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in [*copied, *extra])}) "
        f"SELECT {', '.join(quote(c) for c in copied)}, {', '.join(['%s'] * len(extra))} "
        f"FROM {TABLE} WHERE {where}",
        [*extra.values(), *params],
    )


@transaction.atomic  # the history copy below relies on it
def insert_with_history(indicator, period_id: str, rows, user=None, source_kind="entry",
                        source="") -> int:  # fmt: skip
    """rows: [(region code, Decimal value, comment)], none of which exists yet."""
    if not rows:
        return 0
    now = timezone.now()
    user_id = _user_id(user)
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
    shared = list(constant.values())
    columns = ", ".join(quote(c) for c in ["region_id", "value", "comment", *constant])
    cell = "indicator_id = %s AND period = %s AND "
    # These cells had no value before this write, so every row the history statements find is
    # one just made.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's fastest way in: no statement text to build or parse.
            with cursor.cursor.copy(f"COPY {TABLE} ({columns}) FROM STDIN") as copy:
                for region, value, comment in rows:
                    copy.write_row((region, _value(value), comment, *shared))
            regions = [region for region, _value_, _comment in rows]
            copy_to_history(
                cursor, cell + "region_id = ANY(%s)", [indicator.pk, period_id, regions], "+", now,
                user,
            )  # fmt: skip
            return len(rows)
        # SQLite: the constant columns are given once per statement, each row only its region,
        # value and comment.
        fixed = ", ".join(["%s"] * len(shared))
        first = None
        for start in range(0, len(rows), INSERT_BATCH):
            part = rows[start : start + INSERT_BATCH]
            cursor.execute(
                f"INSERT INTO {TABLE} ({columns}) SELECT column1, column2, column3, {fixed} "  # noqa: S608
                f"FROM (VALUES {', '.join(['(%s, %s, %s)'] * len(part))})",
                [*shared, *[item for r, v, c in part for item in (r, _value(v), c)]],
            )
            if first is None:  # the smallest id the first statement gave
                regions = [region for region, _value_, _comment in part]
                cursor.execute(
                    f"SELECT MIN(id) FROM {TABLE} WHERE {cell}"  # noqa: S608
                    f"region_id IN ({', '.join(['%s'] * len(regions))})",
                    [indicator.pk, period_id, *regions],
                )
                (first,) = cursor.fetchone()
        # SQLite has one writer at a time: from the first INSERT until the end of this
        # transaction no other connection adds rows, and new ids are larger than every earlier
        # one, so the rows of this cell from the first new id on are exactly the rows just written.
        copy_to_history(cursor, cell + "id >= %s", [indicator.pk, period_id, first], "+", now,
                        user)  # fmt: skip
    return len(rows)


CHANGED = "sinergi_changed_values"  # PostgreSQL: a temporary table, dropped after each use


def update_sql(changed: str) -> str:
    """UPDATE of the values listed in `changed` (column1 id, column2 value, column3 comment);
    parameters: who, when, source kind, source, source."""
    return (
        f"UPDATE {TABLE} SET value = changed.column2, "  # noqa: S608
        f"comment = CASE WHEN changed.column3 = '' THEN {TABLE}.comment ELSE changed.column3 END, "
        "updated_by_id = %s, updated_at = %s, version = version + 1, source_kind = %s, "
        f"source = CASE WHEN %s = '' THEN {TABLE}.source ELSE %s END "
        f"FROM {changed} AS changed WHERE {TABLE}.id = changed.column1"
    )


def update_with_history(changes: dict, user=None, source_kind="entry", source="") -> int:
    """changes: {value id: (Decimal value, comment)}. Each value gets the new value, the comment
    if one is given, who and when, its provenance (the source if one is given) and version + 1."""
    if not changes:
        return 0
    now = timezone.now()
    items = list(changes.items())
    who_when = [getattr(user, "pk", None), _prep(DataValue, "updated_at", now), source_kind,
                source, source]  # fmt: skip
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The changes go into a temporary table by COPY, then one UPDATE and one history copy
            # join it (instead of a statement per 900 rows, each with its list of parameters).
            cursor.execute(
                f"CREATE TEMPORARY TABLE {CHANGED} (column1 bigint PRIMARY KEY, column2 numeric, "
                "column3 text)"
            )
            with cursor.cursor.copy(f"COPY {CHANGED} FROM STDIN") as copy:
                for pk, (value, comment) in items:
                    copy.write_row((pk, _value(value), comment or ""))
            cursor.execute(f"ANALYZE {CHANGED}")
            cursor.execute(update_sql(CHANGED), who_when)
            listed = f"id IN (SELECT column1 FROM {CHANGED})"  # noqa: S608
            copy_to_history(cursor, listed, [], "~", now, user)
            cursor.execute(f"DROP TABLE {CHANGED}")
            return len(items)
        for start in range(0, len(items), BATCH):
            part = items[start : start + BATCH]
            rows = ", ".join(["(%s, %s, %s)"] * len(part))
            cursor.execute(
                update_sql(f"(VALUES {rows})"),
                [*who_when, *[x for pk, (v, c) in part for x in (pk, _value(v), c or "")]],
            )
            ids = [pk for pk, _change in part]
            copy_to_history(cursor, f"id IN ({', '.join(['%s'] * len(ids))})", ids, "~", now, user)
    return len(items)
