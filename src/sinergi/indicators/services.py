"""Writing indicator values: validated, all-or-nothing, optimistic locking, summaries refreshed
in the same transaction."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core.permissions import ADD, regions_for
from sinergi.core.utils.timezones import local_stamp
from sinergi.indicators import aggregates, periods
from sinergi.indicators.approvals import lock_message, locks, window_error
from sinergi.indicators.bulk import insert_with_history, update_with_history
from sinergi.indicators.models import DataValue, Indicator
from sinergi.regions.codes import CODE_WIDTH
from sinergi.regions.models import Region
from sinergi.regions.querysets import among

BATCH = 1000


@dataclass(slots=True)  # an import makes one per row
class ValueChange:
    """One cell of a write: `value` None (or '') removes the value; `version` is the version the
    writer saw (None: the writer saw no value, or does not care)."""

    region: str
    value: object
    version: int | None = None
    comment: str = ""


@dataclass
class Conflict:
    region: str
    updated_by: str
    updated_at: object
    version: int


class ValueErrors(Exception):
    """Every problem of a write, by region code; nothing was saved."""

    def __init__(self, errors: dict[str, str], conflicts: list[Conflict] | None = None):
        self.errors = errors
        self.conflicts = conflicts or []
        super().__init__("; ".join(f"{code}: {message}" for code, message in errors.items()))


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    regions: list = field(default_factory=list)


def check_period(indicator: Indicator, period_id: str) -> periods.Period:
    try:
        period = periods.parse(period_id)
    except periods.PeriodError as exc:
        raise ValueErrors({"period": str(exc)}) from exc
    if period.type != indicator.period_type:
        raise ValueErrors(
            {
                "period": _("%(indicator)s is reported per %(type)s; %(period)s is not.")
                % {
                    "indicator": indicator.code,
                    "type": indicator.get_period_type_display().lower(),
                    "period": period.id,
                }
            }
        )
    if indicator.is_ratio:
        raise ValueErrors(
            {"indicator": _("%(code)s is computed from two indicators.") % {"code": indicator.name}}
        )
    return period


@transaction.atomic
def save_values(
    indicator: Indicator,
    period_id: str,
    changes: list[ValueChange],
    user=None,
    source_kind: str = "entry",
    source: str = "",
    known: set[str] | None = None,
) -> WriteResult:
    """Write many values of one indicator and period at once, or none of them. `known`: the
    codes of existing regions, if the caller has read them in this transaction (an import of
    many periods reads them once)."""
    period = check_period(indicator, period_id)
    aggregates.lock_for_writing([indicator])
    codes = [change.region for change in changes]
    if known is None:
        known = {code for (code,) in among(Region.objects.values_list("code"), "code", codes)}
    else:
        known = known.intersection(codes)
    # (region, id, value, comment, version) of the values there are, locked until the end.
    current = {
        row[0]: row
        for row in among(
            DataValue.objects.select_for_update()
            .filter(indicator=indicator, period=period.id)
            .values_list("region_id", "pk", "value", "comment", "version")
            .order_by(),
            "region_id",
            codes,
        )
    }
    errors: dict[str, str] = {}
    conflicts: list[Conflict] = []
    if user is not None:  # None: the system itself (CLI run by the server operator, demo)
        scope = regions_for(user, DataValue, ADD)
        if scope is not None:
            allowed = Region.objects.filter(scope).values_list("code")
            allowed = {code for (code,) in among(allowed, "code", known)}
            for code in known - allowed:
                errors[code] = _("Outside your role's regions: you cannot change this value.")
    parsed: dict[str, Decimal | None] = {}
    counted_from = indicator.counted_from  # a village's value is derived: not entered (removable)
    checked: dict = {}  # value as given: as stored
    for change in changes:
        if change.region not in known:
            errors[change.region] = _("Unknown region code.")
            continue
        if change.region in errors:
            continue
        existing = current.get(change.region)
        if change.version is not None and (existing[4] if existing else 0) != change.version:
            found = conflict(change.region, existing)
            conflicts.append(found)
            when = local_stamp(found.updated_at)
            errors[change.region] = _(
                "Changed by %(who)s at %(when)s after you opened the form; reload and try again."
            ) % {"who": found.updated_by, "when": when}
            continue
        raw = change.value
        if raw is None or (type(raw) is str and not raw.strip()):
            parsed[change.region] = None
            continue
        if counted_from is not None and is_village(change.region):
            errors[change.region] = derived_message(indicator, counted_from)
            continue
        number = checked.get(raw)  # equal values (a file repeats many) are checked once
        if number is None:
            try:
                number = checked[raw] = indicator.check_value(raw)
            except ValidationError as exc:
                errors[change.region] = " ".join(exc.messages)
                continue
        parsed[change.region] = number
    closed = window_error(indicator, period.id, user)
    if closed:
        errors["period"] = closed
    for code, approval in locks(indicator, period.id, parsed).items():
        errors[code] = lock_message(approval)
    if errors:
        raise ValueErrors(errors, conflicts)

    result = WriteResult()
    comments = {change.region: change.comment for change in changes}
    new, changed, removed = [], {}, []
    for code, value in parsed.items():
        existing = current.get(code)
        if value is None:
            if existing:
                removed.append(existing[1])
                result.regions.append(code)
            continue
        if existing is None:
            new.append((code, value, comments[code]))
        elif existing[2] != value or (comments[code] and existing[3] != comments[code]):
            changed[existing[1]] = (value, comments[code])
        else:
            result.unchanged += 1
            continue
        result.regions.append(code)
    for instance in values_by_pk(removed):
        instance.delete()
        result.deleted += 1
    # Many rows at once, each with its history row (who, when, before, after).
    history_user = user if getattr(user, "is_authenticated", False) else None
    result.created = insert_with_history(
        indicator, period.id, new, user=history_user, source_kind=source_kind, source=source
    )
    result.updated = update_with_history(
        changed, user=history_user, source_kind=source_kind, source=source
    )
    if result.regions:
        aggregates.refresh(indicator, period.id, result.regions)
    return result


def is_village(code: str) -> bool:
    """Whether an existing region's code is a village's (its width tells its level)."""
    return len(code) == CODE_WIDTH["village"]


def derived_message(indicator: Indicator, counted_from: Indicator) -> str:
    """Why a village's value of a count derived from levels is not entered, and where to go."""
    return _(
        "%(indicator)s is counted from each village's %(level)s: record the village's level "
        "in %(code)s (%(levels)s) instead."
    ) % {
        "indicator": indicator.name,
        "level": counted_from.name,
        "code": counted_from.code,
        "levels": counted_from.levels_text() if counted_from.levels else counted_from.code,
    }


def values_by_pk(pks: list[int]):
    """The values with these ids, read in batches (SQLite limits the parameters of a query)."""
    for start in range(0, len(pks), BATCH):
        yield from DataValue.objects.filter(pk__in=pks[start : start + BATCH])


def conflict(region: str, existing: tuple | None) -> Conflict:
    """Who changed the value, and when, since the writer saw it."""
    if existing is None:
        return Conflict(region, "?", None, 0)
    value = DataValue.objects.select_related("updated_by").get(pk=existing[1])
    who = value.updated_by.get_username() if value.updated_by else "?"
    return Conflict(region, who, value.updated_at, value.version)


def save_value(indicator, region_code, period_id, value, user=None, **kwargs) -> WriteResult:
    version = kwargs.pop("version", None)
    comment = kwargs.pop("comment", "")
    return save_values(
        indicator, period_id, [ValueChange(region_code, value, version, comment)], user, **kwargs
    )


def restore_value(record) -> DataValue:
    """Restore a value's earlier version (core.history.RESTORERS) through the normal write path,
    so the summaries follow."""
    save_value(record.indicator, record.region_id, record.period, record.value)
    return DataValue.objects.get(
        indicator=record.indicator, region_id=record.region_id, period=record.period
    )
