"""The fast insert path writes exactly what the ORM path (bulk_create_with_history) writes."""

from decimal import Decimal

import pytest
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sinergi.indicators.bulk import insert_with_history, update_with_history
from sinergi.indicators.models import DataValue, Indicator
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

FAST = ["52.03.05.2001", "52.03.05.2002"]
SLOW = ["52.03.06.2001", "52.03.06.2002"]
IGNORED = {"id", "history_id", "history_date", "created_at", "updated_at", "region", "region_id"}


def rows_of(queryset, fields):
    return [{f: getattr(row, f) for f in fields} for row in queryset.order_by("region_id")]


def test_fast_insert_writes_what_the_orm_writes():
    user = make_persona("operator.lotim")
    indicator = Indicator.objects.get(code="destana_level")
    values = [("52.03.05.2001", Decimal("2"), "catatan"), ("52.03.05.2002", Decimal("1"), "")]
    insert_with_history(indicator, "2023", values, user=user, source_kind="import", source="a.csv")
    orm = [
        DataValue(indicator=indicator, region_id=region.replace("52.03.05", "52.03.06"),
                  period="2023", value=value, comment=comment, source_kind="import",
                  source="a.csv", created_by=user, updated_by=user)
        for region, value, comment in values
    ]  # fmt: skip
    bulk_create_with_history(orm, DataValue, default_user=user)
    fields = [f.attname for f in DataValue._meta.concrete_fields if f.attname not in IGNORED]
    fast = rows_of(DataValue.objects.filter(region_id__in=FAST), fields)
    slow = rows_of(DataValue.objects.filter(region_id__in=SLOW), fields)
    assert fast == slow and fast[0]["value"] == Decimal("2")
    history = DataValue.history.model
    hfields = [f.attname for f in history._meta.concrete_fields if f.attname not in IGNORED]
    fast_h = rows_of(history.objects.filter(region_id__in=FAST), hfields)
    slow_h = rows_of(history.objects.filter(region_id__in=SLOW), hfields)
    assert fast_h == slow_h and fast_h[0]["history_type"] == "+"
    assert fast_h[0]["history_user_id"] == user.pk
    created = DataValue.objects.get(region_id="52.03.05.2001")
    assert created.history.get().id == created.pk  # the history row belongs to its value
    assert created.created_at.tzinfo is not None  # read back as the ORM writes it
    assert created.history.get().history_date == created.history.get().history_date


def test_fast_update_writes_what_the_orm_writes():
    user = make_persona("operator.lotim")
    indicator = Indicator.objects.get(code="destana_level")
    for region in [*FAST, *SLOW]:
        DataValue.objects.create(indicator=indicator, region_id=region, period="2023", value=1,
                                 comment="lama", source="awal.csv")  # fmt: skip
    changes = {"2001": (Decimal("3"), "baru"), "2002": (Decimal("2"), "")}
    fast = {
        dv.pk: changes[dv.region_id[-4:]] for dv in DataValue.objects.filter(region_id__in=FAST)
    }
    update_with_history(fast, user=user, source_kind="import", source="")
    slow = list(DataValue.objects.filter(region_id__in=SLOW))
    for dv in slow:  # what save_values did with the ORM before
        value, comment = changes[dv.region_id[-4:]]
        dv.value, dv.comment = value, comment or dv.comment
        dv.updated_by, dv.version, dv.source_kind = user, dv.version + 1, "import"
    bulk_update_with_history(
        slow, DataValue, ["value", "comment", "updated_by", "version", "source_kind", "source"],
        default_user=user,
    )  # fmt: skip
    fields = [f.attname for f in DataValue._meta.concrete_fields if f.attname not in IGNORED]
    assert rows_of(DataValue.objects.filter(region_id__in=FAST), fields) == rows_of(
        DataValue.objects.filter(region_id__in=SLOW), fields
    )
    changed = DataValue.objects.get(region_id=FAST[0])
    assert (changed.value, changed.comment, changed.version) == (Decimal("3"), "baru", 2)
    assert DataValue.objects.get(region_id=FAST[1]).comment == "lama"  # no comment: kept
    assert changed.source == "awal.csv"  # no source given: kept
    history = DataValue.history.model
    hfields = [f.attname for f in history._meta.concrete_fields if f.attname not in IGNORED]
    fast_h = rows_of(history.objects.filter(region_id__in=FAST, history_type="~"), hfields)
    slow_h = rows_of(history.objects.filter(region_id__in=SLOW, history_type="~"), hfields)
    assert fast_h == slow_h and len(fast_h) == 2 and fast_h[0]["history_user_id"] == user.pk
    assert changed.history.first().id == changed.pk


def test_history_rows_are_those_of_the_rows_just_written(monkeypatch):
    """Values already in the cell keep their one history row; every new value gets one, over
    several statements."""
    monkeypatch.setattr("sinergi.indicators.bulk.INSERT_BATCH", 2)
    indicator = Indicator.objects.get(code="destana_level")
    DataValue.objects.create(indicator=indicator, region_id=SLOW[0], period="2023", value=1)
    new = [*FAST, SLOW[1], "52.03.06.2003", "52.03.06.2004"]
    assert insert_with_history(indicator, "2023", [(r, Decimal("2"), "") for r in new]) == 5
    history = DataValue.history.model.objects.filter(indicator=indicator, period="2023")
    by_region = {row.region_id: row for row in history}
    assert len(history) == 6 and set(by_region) == {*new, SLOW[0]}
    assert by_region[SLOW[0]].value == 1 and by_region[FAST[0]].value == 2
    assert {row.id for row in history} == set(
        DataValue.objects.filter(indicator=indicator, period="2023").values_list("pk", flat=True)
    )


def test_two_updates_in_one_transaction():
    """An import updates each (indicator, period) in turn inside one transaction."""
    from django.db import transaction

    indicator = Indicator.objects.get(code="destana_level")
    for period in ("2022", "2023"):
        DataValue.objects.create(indicator=indicator, region_id=FAST[0], period=period, value=1)
    with transaction.atomic():
        for period in ("2022", "2023"):
            value = DataValue.objects.get(region_id=FAST[0], period=period)
            assert update_with_history({value.pk: (Decimal(period[-1]), "")}) == 1
    values = DataValue.objects.filter(region_id=FAST[0]).order_by("period")
    assert [(v.value, v.version) for v in values] == [(Decimal("2"), 2), (Decimal("3"), 2)]
    assert DataValue.history.filter(region_id=FAST[0], history_type="~").count() == 2
