"""Importing indicator values, CSV or XLSX, in the long layout (one value per row)

    region,indicator,period,value[,comment]

or the wide layout of Sinergi's template (`spreadsheets.wide_template`: one row per region, one
column per "<indicator code> <period>").

Every row is checked and every problem reported with its row (the header is row 1) and column;
nothing is written unless the whole file is clean, and then all of it in one transaction, through
the same write path as the entry grid (gate, approval locks, edit windows, summaries, history).
"""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core.utils.tables import (
    MAX_BYTES,
    ImportFileError,
    ImportResult,
    Problem,
    columns_of,
    formula_problem,
    read_rows,
)
from sinergi.indicators import aggregates, periods
from sinergi.indicators.models import Indicator
from sinergi.indicators.services import (
    ValueChange,
    ValueErrors,
    derived_message,
    is_village,
    save_values,
)
from sinergi.indicators.spreadsheets import is_wide, wide_header_problems, wide_to_long

__all__ = ["MAX_BYTES", "ImportFileError", "ImportResult", "Problem", "import_values", "read_rows"]
from sinergi.regions.models import Region
from sinergi.regions.querysets import MANY_CODES

COLUMNS = ["region", "indicator", "period", "value"]
OPTIONAL = ["comment"]


def check_header(rows: list[dict]) -> list[Problem]:
    if not rows:
        return [Problem(1, "-", _("No data rows under the header."))]
    header = columns_of(rows)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [
            Problem(
                1,
                c,
                _("Column %(c)s is missing; the header must be %(h)s.")
                % {"c": c, "h": ",".join(COLUMNS + OPTIONAL)},
            )
            for c in missing
        ]
    return []


def import_values(
    path: Path,
    user=None,
    dry_run: bool = False,
    source: str | None = None,
    progress=None,
) -> ImportResult:
    """Check every row; write all of them in one transaction, or none."""
    result = ImportResult()
    try:
        rows = read_rows(path)
    except ImportFileError as exc:
        result.problems.append(Problem(0, "-", str(exc)))
        return result
    header = columns_of(rows)
    if is_wide(header):
        result.problems = [Problem(1, column, message) for column, message in
                           wide_header_problems(header)]  # fmt: skip
        rows = wide_to_long(rows)
        if not rows and not result.problems:
            result.problems.append(Problem(1, "-", _("The sheet has no values to import.")))
    else:
        result.problems = check_header(rows)
    result.rows = len(rows)
    if result.problems:
        return result
    indicators = {i.code: i for i in Indicator.objects.all()}
    # The codes of existing regions: those of the file, or for a big file simply all of them.
    codes = {r.get("region", "").strip() for r in rows} if len(rows) <= MANY_CODES else ()
    regions = Region.objects.values_list("code", flat=True)
    known = set(regions.filter(code__in=codes) if codes else regions)
    groups: dict = defaultdict(list)
    seen: dict = {}  # (indicator, region, period): the row that gave it
    checks: dict = {}  # (indicator, value text): check_value's result
    pairs: dict = {}  # (indicator, period text): check_pair's result
    derived: dict = {}  # indicator code: the level indicator it counts (not entered for villages)
    steps = 2 * len(rows)  # checking every row, then writing every row
    for index, raw in enumerate(rows, start=1):
        if progress and index % 2000 == 0:
            progress(index, steps)
        number = raw["_row"]  # as the spreadsheet shows it
        value_column = raw.get("_column", "value")
        region, code = raw.get("region", "").strip(), raw.get("indicator", "").strip()
        period, value = raw.get("period", "").strip(), raw.get("value", "").strip()
        comment = raw.get("comment", "") or ""
        texts = {"region": region, "indicator": code, "period": period, value_column: value,
                 "comment": comment}  # fmt: skip
        formulas = [(column, formula_problem(text)) for column, text in texts.items()]
        formulas = [Problem(number, column, message) for column, message in formulas if message]
        if formulas:
            result.problems.extend(formulas)
            continue
        if region not in known:
            result.problems.append(
                Problem(
                    number,
                    "region",
                    _("Unknown region code %(c)r (use a Kemendagri code such as 52.03.05.2001).")
                    % {"c": region},
                )
            )
        pair = pairs.get((code, period))
        if pair is None:  # each indicator and period of the file is looked at once
            pair = pairs[(code, period)] = check_pair(indicators, code, period)
        indicator, cell_problems = pair
        for column, message in cell_problems:
            result.problems.append(Problem(number, column, message))
        if cell_problems or region not in known:
            continue
        if code not in derived:
            derived[code] = indicator.counted_from
        if value and derived[code] is not None and is_village(region):
            result.problems.append(
                Problem(number, "indicator", derived_message(indicator, derived[code]))
            )
            continue
        checked = checks.get((code, value))
        if checked is None:  # each distinct text of an indicator is checked once
            checked = checks[(code, value)] = check_value(indicator, value)
        if type(checked) is str:
            result.problems.append(Problem(number, value_column, checked))
            continue
        key = (code, region, period)
        if key in seen:
            result.problems.append(
                Problem(
                    number,
                    "region",
                    _("Same region, indicator and period as row %(r)s.") % {"r": seen[key]},
                )
            )
            continue
        seen[key] = number
        groups[(code, period)].append(ValueChange(region, checked, comment=comment))
    if result.problems:
        return result
    if progress:
        progress(len(rows), steps)
    try:
        with transaction.atomic():
            # Every indicator of the file at once: see aggregates.lock_for_writing.
            aggregates.lock_for_writing(indicators[code] for code, _period in groups)
            # Summaries once for the whole file: each quarter and year once, not once per month.
            with aggregates.refreshed_once():
                for (code, period), changes in groups.items():
                    group = (code, period)
                    written = save_values(
                        indicators[code],
                        period,
                        changes,
                        user,
                        source_kind="import",
                        source=source or path.name,
                        known=known,
                    )
                    result.created += written.created
                    result.updated += written.updated
                    result.unchanged += written.unchanged
                    if progress:
                        progress(len(rows) + written_rows(result), steps)
            if dry_run:
                transaction.set_rollback(True)
    except ValueErrors as exc:  # found by the write (scope, approvals, edit window) in `group`
        code, period = group
        for region, message in exc.errors.items():
            number = seen.get((code, region, period), 0)
            result.problems.append(
                Problem(number, "region" if region != "period" else "period", message)
            )
        result.created = result.updated = result.unchanged = 0
    return result


def check_pair(indicators: dict, code: str, period: str) -> tuple[Indicator | None, list]:
    """The indicator of a row's code, and the problems of its indicator and period as (column,
    message)."""
    indicator, problems = indicators.get(code), []
    if indicator is None:
        problems.append(("indicator", _("Unknown indicator %(c)r.") % {"c": code}))
    try:
        parsed = periods.parse(period)
    except periods.PeriodError:
        message = _("%(p)r is not a period: use 2023, 2023Q1 or 202302.") % {"p": period}
        return indicator, [*problems, ("period", message)]
    if indicator is not None and parsed.type != indicator.period_type:
        message = _("%(i)s is reported per %(t)s.") % {
            "i": code,
            "t": indicator.get_period_type_display().lower(),
        }
        problems.append(("period", message))
    return indicator, problems


def check_value(indicator: Indicator, value: str) -> Decimal | str:
    """The value of a cell as stored (a level also by its name, "Madya" or "Destana Madya"), or
    what is wrong with it."""
    try:
        return indicator.check_value(value)
    except ValidationError as exc:
        return " ".join(exc.messages)


def written_rows(result: ImportResult) -> int:
    return result.created + result.updated + result.unchanged
