"""Data value sets in DHIS2's shape: reading a payload (JSON or CSV), importing it through
Sinergi's one write path (`indicators.services.save_values`: the gate, approval locks, edit
windows, history, maintained summaries) and exporting the values a user may see.

Unlike DHIS2, a payload with any conflict writes nothing, unless the caller asks for a partial
import (`importMode=PARTIAL`, or `partialImport=true`): then the rows without a conflict are
written and the others ignored. Conflicts carry DHIS2's error code where DHIS2 has one (E76xx) and
Sinergi's own (SN…) where it has none, with the 0-based indexes of the rows.
"""

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sinergi.core.models import record_event
from sinergi.core.permissions import ADD, VIEW, regions_for
from sinergi.indicators import aggregates
from sinergi.indicators.approvals import locks, window_error
from sinergi.indicators.choices import ValueTypeChoices
from sinergi.indicators.dhis2 import periods as dhis2_periods
from sinergi.indicators.dhis2.uids import (
    DEFAULT_CODE,
    DEFAULT_COMBO,
    dotted,
    indicator_codes_by_uid,
    indicator_uid,
    region_codes_by_uid,
    region_uid,
    uid,
)
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.services import ValueChange, ValueErrors, save_values
from sinergi.regions.models import Region
from sinergi.regions.querysets import among, code_within_q

STRATEGIES = ("CREATE_AND_UPDATE", "CREATE", "UPDATE", "DELETE")
SCHEMES = ("UID", "CODE")
MAX_ROWS = 100_000
CSV_COLUMNS = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
               "value", "storedby", "lastupdated", "comment", "followup", "deleted"]  # fmt: skip
NUMBER = re.compile(r"^-?\d+(\.\d+)?$", re.ASCII)  # DHIS2's machine format: no thousands mark
SOURCE = "DHIS2 API"


class PayloadError(ValueError):
    """The payload as a whole cannot be read (answered 409 with the message, nothing written)."""


@dataclass
class Options:
    id_scheme: str = "UID"
    data_element_scheme: str = ""
    org_unit_scheme: str = ""
    dry_run: bool = False
    strategy: str = "CREATE_AND_UPDATE"
    partial: bool = False

    @property
    def de_scheme(self) -> str:
        return self.data_element_scheme or self.id_scheme

    @property
    def ou_scheme(self) -> str:
        return self.org_unit_scheme or self.id_scheme

    def as_json(self) -> dict:
        return {
            "dryRun": self.dry_run,
            "importStrategy": self.strategy,
            "importMode": "PARTIAL" if self.partial else "ALL_OR_NOTHING",
            "idSchemes": {
                "idScheme": self.id_scheme,
                "dataElementIdScheme": self.de_scheme,
                "orgUnitIdScheme": self.ou_scheme,
            },
        }


def truthy(text) -> bool:
    return str(text).strip().lower() in ("true", "1", "yes")


def options_from(params) -> Options:
    """Options from the query string (DHIS2's names), or PayloadError naming the bad one."""

    def scheme(name: str, default: str) -> str:
        value = (params.get(name) or default).strip().upper()
        if value and value not in SCHEMES:
            raise PayloadError(
                _("%(name)s=%(value)s is not supported: use UID or CODE.")
                % {"name": name, "value": params.get(name)}
            )
        return value

    strategy = (params.get("importStrategy") or params.get("strategy") or STRATEGIES[0]).upper()
    if strategy == "NEW_AND_UPDATES":  # DHIS2's older names
        strategy = "CREATE_AND_UPDATE"
    strategy = {"NEW": "CREATE", "UPDATES": "UPDATE", "DELETES": "DELETE"}.get(strategy, strategy)
    if strategy not in STRATEGIES:
        raise PayloadError(
            _("importStrategy=%(value)s is not supported: use one of %(choices)s.")
            % {"value": strategy, "choices": ", ".join(STRATEGIES)}
        )
    return Options(
        id_scheme=scheme("idScheme", "UID"),
        data_element_scheme=scheme("dataElementIdScheme", ""),
        org_unit_scheme=scheme("orgUnitIdScheme", ""),
        dry_run=truthy(params.get("dryRun", "false")),
        strategy=strategy,
        partial=(params.get("importMode") or "").upper() == "PARTIAL"
        or truthy(params.get("partialImport", "false")),
    )


# ----------------------------------------------------------------- reading payloads


@dataclass
class Row:
    """One data value of a payload, as sent (index: 0-based position among the values)."""

    index: int
    data_element: str = ""
    period: str = ""
    org_unit: str = ""
    category_option_combo: str = ""
    attribute_option_combo: str = ""
    value: object = None
    comment: str = ""
    deleted: bool = False


def text(value) -> str:
    result = "" if value is None else str(value).strip()
    refuse_nul(result)
    return result


def refuse_nul(value: str) -> None:
    """No identifier or value holds a NUL character (and PostgreSQL refuses them in text)."""
    if "\x00" in value:
        raise PayloadError(_("The request holds a NUL character (\\0); remove it."))


def rows_from_json(payload) -> list[Row]:
    """DHIS2's JSON data value set: {"dataSet"?, "period"?, "orgUnit"?, "attributeOptionCombo"?,
    "dataValues": [{"dataElement", "period", "orgUnit", "categoryOptionCombo",
    "attributeOptionCombo", "value", "comment", "deleted"…}]}; the set's period, orgUnit and
    attributeOptionCombo apply to the values without their own."""
    if not isinstance(payload, dict) or not isinstance(payload.get("dataValues", []), list):
        raise PayloadError(_('The body must be a JSON object with a list "dataValues".'))
    values = payload.get("dataValues", [])
    if len(values) > MAX_ROWS:
        raise PayloadError(too_many())
    rows = []
    for index, item in enumerate(values):
        if not isinstance(item, dict):
            raise PayloadError(_("Data value %(index)s is not a JSON object.") % {"index": index})
        value = item.get("value")
        rows.append(
            Row(
                index=index,
                data_element=text(item.get("dataElement")),
                period=text(item.get("period") or payload.get("period")),
                org_unit=text(item.get("orgUnit") or payload.get("orgUnit")),
                category_option_combo=text(item.get("categoryOptionCombo")),
                attribute_option_combo=text(
                    item.get("attributeOptionCombo") or payload.get("attributeOptionCombo")
                ),
                value=value if isinstance(value, bool) else text(value),
                comment=text(item.get("comment")),
                deleted=item.get("deleted") in (True, "true"),
            )
        )
    return rows


def rows_from_csv(body: str, header: bool = True) -> list[Row]:
    """DHIS2's CSV: columns by position — dataelement, period, orgunit, categoryoptioncombo,
    attributeoptioncombo, value, storedby, lastupdated, comment, followup, deleted; the first
    line is a header unless firstRowIsHeader=false."""
    refuse_nul(body)
    try:
        lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"), newline="")))
    except csv.Error as error:
        raise PayloadError(_("The CSV body cannot be read: %(error)s") % {"error": error}) from None
    if header:
        lines = lines[1:]
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if len(lines) > MAX_ROWS:
        raise PayloadError(too_many())
    rows = []
    for index, line in enumerate(lines):
        cells = [*line, *[""] * (len(CSV_COLUMNS) - len(line))]
        rows.append(
            Row(
                index=index,
                data_element=cells[0].strip(),
                period=cells[1].strip(),
                org_unit=cells[2].strip(),
                category_option_combo=cells[3].strip(),
                attribute_option_combo=cells[4].strip(),
                value=cells[5].strip(),
                comment=cells[8].strip(),
                deleted=truthy(cells[10]) if cells[10] else False,
            )
        )
    return rows


def too_many() -> str:
    return _("A payload holds at most %(n)s data values; send it in parts.") % {"n": MAX_ROWS}


# ----------------------------------------------------------------- the import summary


@dataclass
class Summary:
    options: Options
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    conflicts: list = field(default_factory=list)
    written: bool = False

    def conflict(self, obj: str, message: str, code: str, prop: str, indexes) -> None:
        """One conflict per object, property and code, with the rows that have it."""
        for known in self.conflicts:
            same = (known["object"], known["errorCode"], known["property"]) == (obj, code, prop)
            if same and known["value"] == message:
                known["indexes"] = sorted({*known["indexes"], *indexes})
                return
        self.conflicts.append({"object": obj, "objects": {prop: obj}, "value": message,
                               "errorCode": code, "property": prop,
                               "indexes": sorted(indexes)})  # fmt: skip

    @property
    def status(self) -> str:
        if not self.conflicts:
            return "SUCCESS"
        return "WARNING" if self.options.partial else "ERROR"

    def as_json(self) -> dict:
        """DHIS2's web message around an ImportSummary (as DHIS2 2.38 and later answer)."""
        ok = self.status == "SUCCESS"
        if ok:
            description = _("Import process completed successfully")
        elif self.options.partial:
            description = _("Import completed with conflicts: the rows with a conflict were "
                            "ignored.")  # fmt: skip
        else:
            description = _(
                "Nothing was imported: the payload has conflicts. Correct them and "
                "send it again, or ask for a partial import (importMode=PARTIAL)."
            )
        if self.options.dry_run:
            description = _("Dry run, nothing was written: %(description)s") % {
                "description": description
            }
        return {
            "httpStatus": "OK" if ok else "Conflict",
            "httpStatusCode": 200 if ok else 409,
            "status": "OK" if ok else "WARNING" if self.options.partial else "ERROR",
            "message": _("Import was successful.") if ok else
            _("One or more conflicts were found; see the import summary."),
            "response": {
                "responseType": "ImportSummary",
                "status": self.status,
                "importOptions": self.options.as_json(),
                "description": description,
                "importCount": {"imported": self.imported, "updated": self.updated,
                                "ignored": self.ignored, "deleted": self.deleted},
                "conflicts": self.conflicts,
                "dataSetComplete": "false",
            },
        }  # fmt: skip


# ----------------------------------------------------------------- importing


@dataclass
class Cell:
    """A row resolved to Sinergi's terms."""

    row: Row
    indicator: Indicator
    region: str
    period: str
    value: Decimal | None


class Resolver:
    """Turns the identifiers of a payload into indicators, regions and periods."""

    def __init__(self, options: Options):
        self.options = options
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.de_uids = indicator_codes_by_uid() if options.de_scheme == "UID" else {}
        self.ou_uids = region_codes_by_uid() if options.ou_scheme == "UID" else {}

    def indicator(self, identifier: str) -> Indicator | None:
        code = self.de_uids.get(identifier) if self.options.de_scheme == "UID" else identifier
        indicator = self.indicators.get(code or "")
        return None if indicator is None or indicator.is_ratio else indicator

    def region_code(self, identifier: str) -> str:
        if self.options.ou_scheme == "UID":
            return self.ou_uids.get(identifier, "")
        return dotted(identifier)


def value_of(indicator: Indicator, raw) -> Decimal:
    """A DHIS2 value (text in machine format: 12 or 12.5; true/false for yes/no; a level by its
    number or name) as Sinergi stores it, or ValidationError."""
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    text_value = str(raw).strip()
    if indicator.value_type == ValueTypeChoices.YES_NO and text_value.lower() in ("true", "false"):
        text_value = "1" if text_value.lower() == "true" else "0"
    if indicator.value_type == ValueTypeChoices.LEVEL and not NUMBER.match(text_value):
        names = {name.lower(): str(i) for i, name in enumerate(indicator.levels, start=1)}
        text_value = names.get(text_value.lower(), text_value)
    if not NUMBER.match(text_value):
        raise ValidationError(
            _("%(value)r is not a number in DHIS2's format (digits, an optional minus and a "
              "decimal point: 1234.5).") % {"value": text_value}
        )  # fmt: skip
    return indicator.check_value(Decimal(text_value))


def resolve(rows: list[Row], options: Options, user, summary: Summary) -> list[Cell]:
    """Check every row (identifiers, period, value, scope, approval locks, edit windows) and
    report every problem as a conflict; return the rows Sinergi can write."""
    resolver = Resolver(options)
    codes = {resolver.region_code(row.org_unit) for row in rows} - {""}
    known = {code for (code,) in among(Region.objects.values_list("code"), "code", codes)}
    writable = known
    scope = regions_for(user, DataValue, ADD)
    if scope is not None:
        allowed = Region.objects.filter(scope).values_list("code")
        writable = {code for (code,) in among(allowed, "code", known)}
    cells, seen = [], {}
    for row in rows:
        problems = []
        indicator = resolver.indicator(row.data_element)
        if indicator is None:
            problems.append(
                (
                    row.data_element,
                    "E7610",
                    "dataElement",
                    _("Data element not found or not accessible: `%(id)s`")
                    % {"id": row.data_element},
                )
            )
        period = None
        try:
            period = dhis2_periods.parse(row.period)
        except dhis2_periods.PeriodRefused as refused:
            problems.append((row.period, "E7611", "period", str(refused)))
        if period is not None and indicator is not None and period.type != indicator.period_type:
            problems.append(
                (
                    row.period,
                    "E7611",
                    "period",
                    _(
                        "Period type of period `%(period)s` is not valid for data element "
                        "`%(de)s`, which is reported %(type)s."
                    )
                    % {
                        "period": row.period,
                        "de": row.data_element,
                        "type": dhis2_periods.TYPE_NAMES[indicator.period_type],
                    },
                )
            )
        code = resolver.region_code(row.org_unit)
        if code not in known:
            problems.append(
                (
                    row.org_unit,
                    "E7612",
                    "orgUnit",
                    _("Organisation unit not found or not accessible: `%(id)s`")
                    % {"id": row.org_unit},
                )
            )
        elif code not in writable:
            problems.append(
                (
                    row.org_unit,
                    "E7617",
                    "orgUnit",
                    _(
                        "Organisation unit `%(id)s` (%(code)s) is not in the hierarchy of "
                        "the current user: you may not write data there."
                    )
                    % {"id": row.org_unit, "code": code},
                )
            )
        for combo, prop, error in (
            (row.category_option_combo, "categoryOptionCombo", "E7613"),
            (row.attribute_option_combo, "attributeOptionCombo", "E7615"),
        ):
            if combo not in ("", DEFAULT_COMBO, DEFAULT_CODE):
                problems.append(
                    (
                        combo,
                        error,
                        prop,
                        _(
                            "Category option combo not found: `%(id)s` (Sinergi has no "
                            "disaggregation: leave it out or send %(default)s)."
                        )
                        % {"id": combo, "default": DEFAULT_COMBO},
                    )
                )
        value = None
        removing = row.deleted or options.strategy == "DELETE" or row.value in ("", None)
        if not removing and indicator is not None:
            try:
                value = value_of(indicator, row.value)
            except ValidationError as invalid:
                problems.append(
                    (
                        text(row.value),
                        "E7619",
                        "value",
                        _("Value must match data element's `%(de)s` type constraints: %(reason)s")
                        % {"de": row.data_element, "reason": " ".join(invalid.messages)},
                    )
                )
        elif removing and row.comment and not row.deleted and options.strategy != "DELETE":
            problems.append(
                (
                    row.data_element,
                    "SN101",
                    "value",
                    _("A comment without a value: Sinergi keeps comments with values only."),
                )
            )
        if not problems and indicator is not None and period is not None:
            key = (indicator.pk, code, period.id)
            if key in seen:
                problems.append(
                    (
                        row.org_unit,
                        "SN102",
                        "dataValue",
                        _(
                            "Same data element, period and organisation unit as data "
                            "value %(index)s."
                        )
                        % {"index": seen[key]},
                    )
                )
            else:
                seen[key] = row.index
        for obj, error, prop, message in problems:
            summary.conflict(obj, message, error, prop, [row.index])
        if not problems:
            cells.append(Cell(row, indicator, code, period.id, value))
    check_locks(cells, user, summary)
    return cells


def check_locks(cells: list[Cell], user, summary: Summary) -> None:
    """Approved (locked) data and closed edit windows, as conflicts (the write checks them
    again)."""
    groups = defaultdict(list)
    for cell in cells:
        groups[(cell.indicator, cell.period)].append(cell)
    for (indicator, period), group in groups.items():
        closed = window_error(indicator, period, user)
        if closed:
            summary.conflict(period, closed, "SN103", "period", [c.row.index for c in group])
        locked = locks(indicator, period, {cell.region for cell in group})
        for cell in group:
            if cell.region in locked:
                approval = locked[cell.region]
                summary.conflict(
                    cell.row.org_unit,
                    _("Data is already approved for organisation unit `%(ou)s` (%(region)s), "
                      "period `%(period)s`: a coordinator must un-approve it first.")
                    % {"ou": cell.row.org_unit, "region": approval.region_id, "period": period},
                    "E7630", "orgUnit", [cell.row.index],
                )  # fmt: skip


def conflicting(summary: Summary) -> set[int]:
    return {index for c in summary.conflicts for index in c["indexes"]}


def import_rows(rows: list[Row], options: Options, user) -> Summary:
    """Import the rows through Sinergi's write path; see the module's docstring."""
    summary = Summary(options)
    cells = resolve(rows, options, user, summary)
    if summary.conflicts and not options.partial:
        summary.ignored = len(rows)
        return summary
    summary.ignored = len(conflicting(summary))
    cells = [cell for cell in cells if cell.row.index not in conflicting(summary)]
    with transaction.atomic():
        # Writers of these indicators wait from here: what exists is read under the lock.
        aggregates.lock_for_writing({cell.indicator for cell in cells})
        groups = by_strategy(cells, options, summary)
        with aggregates.refreshed_once():
            for (indicator, period), group in groups.items():
                write_group(indicator, period, group, user, summary)
        if options.dry_run or (summary.conflicts and not options.partial):
            transaction.set_rollback(True)
    if summary.conflicts and not options.partial:  # found by the write itself
        summary.imported = summary.updated = summary.deleted = 0
        summary.ignored = len(rows)
    summary.written = not options.dry_run and bool(
        summary.imported + summary.updated + summary.deleted
    )
    if summary.written:
        record_event(
            "import", user, f"{SOURCE}: {len(rows)} data values", rows=len(rows),
            imported=summary.imported, updated=summary.updated, deleted=summary.deleted,
        )  # fmt: skip
    return summary


def by_strategy(cells: list[Cell], options: Options, summary: Summary) -> dict:
    """{(indicator, period): cells to write} under the import strategy; the others are ignored
    (CREATE: values there are; UPDATE: values there are not, and removals; any strategy: the
    removal of a value there is not)."""
    existing = existing_cells(cells)
    groups = defaultdict(list)
    for cell in cells:
        there = (cell.indicator.pk, cell.region, cell.period) in existing
        removing = cell.value is None
        if (
            (options.strategy == "CREATE" and there)
            or (options.strategy == "UPDATE" and (not there or removing))
            or (removing and not there)
        ):
            summary.ignored += 1
            continue
        groups[(cell.indicator, cell.period)].append(cell)
    return groups


def existing_cells(cells: list[Cell]) -> set[tuple]:
    found = set()
    by_group = defaultdict(list)
    for cell in cells:
        by_group[(cell.indicator.pk, cell.period)].append(cell.region)
    for (indicator_id, period), codes in by_group.items():
        rows = DataValue.objects.filter(indicator_id=indicator_id, period=period)
        for (code,) in among(rows.values_list("region_id"), "region_id", codes):
            found.add((indicator_id, code, period))
    return found


def write_group(indicator, period, group: list[Cell], user, summary: Summary) -> None:
    """One indicator and period through save_values, in a savepoint; what the write refuses
    becomes conflicts (and, in a partial import, the rest is written without those rows)."""
    for attempt in range(2):
        changes = [ValueChange(c.region, c.value, comment=c.row.comment) for c in group]
        try:
            with transaction.atomic():
                result = save_values(indicator, period, changes, user, source_kind="import",
                                     source=SOURCE)  # fmt: skip
        except ValueErrors as refused:
            by_region = {cell.region: cell for cell in group}
            for key, message in refused.errors.items():
                hit = [by_region[key]] if key in by_region else group
                obj = hit[0].row.org_unit if key in by_region else period
                summary.conflict(obj, message, "SN104", "dataValue", [c.row.index for c in hit])
            if not summary.options.partial:
                return
            group = [cell for cell in group if cell.region not in refused.errors]
            summary.ignored += len(changes) - len(group)
            if attempt or any(key not in by_region for key in refused.errors) or not group:
                summary.ignored += len(group)
                return
            continue
        summary.imported += result.created
        summary.updated += result.updated
        summary.deleted += result.deleted
        summary.ignored += result.unchanged
        return


# ----------------------------------------------------------------- exporting


def value_text(indicator: Indicator, value: Decimal) -> str:
    if indicator.value_type == ValueTypeChoices.YES_NO:
        return "true" if value else "false"
    return format(value.normalize(), "f")


def stamp(moment) -> str:
    """DHIS2's timestamp format, in UTC: 2023-02-03T09:30:00.000+0000."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def as_dhis2(value: DataValue, options: Options) -> dict:
    indicator = value.indicator
    user = value.updated_by or value.created_by
    return {
        "dataElement": indicator_uid(indicator.code)
        if options.de_scheme == "UID"
        else indicator.code,
        "period": value.period,
        "orgUnit": region_uid(value.region_id) if options.ou_scheme == "UID" else value.region_id,
        "categoryOptionCombo": DEFAULT_COMBO if options.id_scheme == "UID" else DEFAULT_CODE,
        "attributeOptionCombo": DEFAULT_COMBO if options.id_scheme == "UID" else DEFAULT_CODE,
        "value": value_text(indicator, value.value),
        "storedBy": user.get_username() if user else "",
        "created": stamp(value.created_at),
        "lastUpdated": stamp(value.updated_at),
        "comment": value.comment,
        "followup": False,
    }


def csv_text(values: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for v in values:
        writer.writerow([v["dataElement"], v["period"], v["orgUnit"], v["categoryOptionCombo"],
                         v["attributeOptionCombo"], v["value"], v["storedBy"], v["lastUpdated"],
                         v["comment"], "false", "false"])  # fmt: skip
    return out.getvalue()


def visible_values(user):
    return DataValue.objects.restrict(user, VIEW).select_related(
        "indicator", "updated_by", "created_by"
    )


def listed(params, name: str) -> list[str]:
    """A DHIS2 list parameter: repeated (de=a&de=b) or separated by commas."""
    return [
        part.strip() for value in params.getlist(name) for part in value.split(",") if part.strip()
    ]


def day(params, name: str) -> date | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise PayloadError(
            _("%(name)s=%(value)s is not a date: use YYYY-MM-DD.") % {"name": name, "value": raw}
        ) from None


def export_values(user, params, options: Options):
    """The values of a GET /api/dataValueSets the user may see, filtered like DHIS2's: dataSet
    (a theme) and/or dataElement, period or startDate/endDate (or lastUpdated), orgUnit (with
    children=true: and every region below)."""
    resolver = Resolver(options)
    values = visible_values(user)
    data_sets, elements = listed(params, "dataSet"), listed(params, "dataElement")
    if not data_sets and not elements:
        raise PayloadError(_("At least one valid data set or data element must be specified."))
    codes = set()
    for identifier in elements:
        indicator = resolver.indicator(identifier)
        if indicator is None:
            raise PayloadError(
                _("Data element not found or not accessible: `%(id)s`") % {"id": identifier}
            )
        codes.add(indicator.code)
    if data_sets:
        themes = themes_by_id(options)
        for identifier in data_sets:
            if identifier not in themes:
                raise PayloadError(
                    _("Data set not found or not accessible: `%(id)s`") % {"id": identifier}
                )
            codes |= set(themes[identifier].indicators.values_list("code", flat=True))
    values = values.filter(indicator__code__in=codes)
    period_ids = []
    for identifier in listed(params, "period"):
        try:
            period_ids.append(dhis2_periods.parse(identifier).id)
        except dhis2_periods.PeriodRefused as refused:
            raise PayloadError(str(refused)) from None
    start, finish = day(params, "startDate"), day(params, "endDate")
    since = day(params, "lastUpdated")
    if period_ids:
        values = values.filter(period__in=period_ids)
    elif start and finish:
        if finish < start:
            raise PayloadError(_("endDate is before startDate."))
        values = values.filter(
            period__in=dhis2_periods.within(start, finish, range(start.year, finish.year + 1))
        )
    elif not since:
        raise PayloadError(
            _("At least one valid period, start/end dates or last updated date must be specified.")
        )
    if since:
        values = values.filter(updated_at__date__gte=since)
    units = listed(params, "orgUnit")
    if not units:
        raise PayloadError(_("At least one valid organisation unit must be specified."))
    region_q = None
    children = truthy(params.get("children", "false"))
    for identifier in units:
        code = resolver.region_code(identifier)
        if not code or not Region.objects.filter(code=code).exists():
            raise PayloadError(
                _("Organisation unit not found or not accessible: `%(id)s`") % {"id": identifier}
            )
        q = code_within_q(code, "region_id") if children else Q(region_id=code)
        region_q = q if region_q is None else region_q | q
    values = values.filter(region_q).order_by("indicator__code", "period", "region_id")
    limit = params.get("limit")
    if limit and limit.isascii() and limit.isdigit() and int(limit) < 2**31:
        values = values[: int(limit)]  # a larger limit than that is no limit (no 500 either)
    return values


def themes_by_id(options: Options) -> dict:
    """{identifier: theme} for dataSet: a data set is a theme (its indicators), by UID or code."""
    from sinergi.programs.models import Theme

    themes = Theme.objects.all()
    if options.id_scheme == "UID":
        return {uid("ds", theme.code): theme for theme in themes}
    return {theme.code: theme for theme in themes}
