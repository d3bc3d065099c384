"""Spreadsheet templates and imports of records (organisations, programs, activities, targets).

Each importable model registers a `RecordSpec` (in its app's `ready()`): the columns of its
template, its natural key and the form that validates one row — the same form as the page, with
the user's choices restricted by the gate. An import checks every row, reports every problem by
row (the header is row 1) and column, and writes all rows in one transaction or none, through
`core.writes`: a row that names a stored record the user may not change is refused before
anything is written, and each saved record is checked against the gate in that transaction.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sinergi.core.permissions import CHANGE, VIEW, user_can
from sinergi.core.utils.exports import safe_cell
from sinergi.core.utils.regional import date_text, number_text
from sinergi.core.utils.tables import (
    ImportFileError,
    ImportResult,
    Problem,
    columns_of,
    formula_problem,
    read_rows,
)
from sinergi.core.writes import OutOfScope, save_checked

REGISTRY: dict[str, "RecordSpec"] = {}


@dataclass
class Column:
    name: str  # header in the file and the form field it fills
    help: str = ""
    choices: Callable | None = None  # () -> [values] offered as a list in the template
    to_form: Callable | None = None  # cell text -> form data (e.g. slug -> pk)
    from_record: Callable | None = None  # record -> cell value in the template


@dataclass
class RecordSpec:
    key: str  # "organizations"
    label: Callable[[], str]
    model: type
    form_class: type
    columns: list[Column]
    find: Callable  # (row dict) -> existing instance or None
    form_kwargs: Callable = field(default=lambda row: {})
    in_template: Callable = field(default=lambda queryset: queryset)  # which records to list
    # Whether the row's content (not only its first column) names one record at most: a program's
    # name and year may be another organisation's program too, and then the row adds a new one.
    unique_by_content: bool = True


def register(spec: RecordSpec) -> None:
    REGISTRY[spec.key] = spec


def pk_by(model, key: str) -> Callable[[str], object]:
    """Cell text (a slug, a code) -> the record's pk for the form; an unknown text is passed on
    unchanged so that the form names it as an invalid choice."""

    def convert(text: str):
        return model.objects.filter(**{key: text}).values_list("pk", flat=True).first() or text

    return convert


def by_id(model, value):
    """The record whose id is the cell's text, or None (empty, not a number, or unknown)."""
    pk = str(value or "").strip()
    return model.objects.filter(pk=pk).first() if pk.isdigit() else None


def pks_by(model, key: str) -> Callable[[str], list]:
    """The same for several values separated by semicolons ("tp-pkk-52; bpbd-ntb")."""

    def convert(text: str) -> list:
        keys = [part.strip() for part in text.split(";") if part.strip()]
        found = dict(model.objects.filter(**{f"{key}__in": keys}).values_list(key, "pk"))
        return [found.get(k, k) for k in keys]

    return convert


def template(spec: RecordSpec, user) -> bytes:
    """Header, the records the user may see (to edit in place), lists for choices, and an
    instructions sheet in Bahasa Indonesia."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append([c.name for c in spec.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D1E7DD")
    records = spec.model.objects.restrict(user, VIEW) if user else spec.model.objects.all()
    for record in spec.in_template(records)[:5000]:
        sheet.append(
            [safe_cell(c.from_record(record) if c.from_record else getattr(record, c.name, ""))
             for c in spec.columns]
        )  # fmt: skip
    last = max(sheet.max_row, 2) + 500
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        if column.choices:
            values = [str(v) for v in column.choices()]
            if values and len(",".join(values)) < 250:
                validation = DataValidation(
                    type="list", formula1='"' + ",".join(values) + '"', allow_blank=True
                )
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{last}")
    notes = workbook.create_sheet("Petunjuk")
    notes.append([_("Sinergi template: %(label)s") % {"label": spec.label()}])
    notes["A1"].font = Font(bold=True, size=13)
    notes.append([_("One row per record. Rows that exist are updated, new rows are added.")])
    notes.append([_("Sinergi checks every row and saves only when there are no problems.")])
    notes.append([""])
    for column in spec.columns:
        notes.append([f"{column.name}: {column.help}"])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def not_yours(user, instance, key: str) -> str:
    """Why a row may not change the record it names; the record's name only to those who may
    read it (ids must not reveal what is out of scope)."""
    if user_can(user, VIEW, instance):
        return _(
            "This row names %(record)s, which is outside your role's region or organisation; "
            "you may not change it. Leave %(column)s empty (and change the name) to add a record "
            "of your own."
        ) % {"record": instance, "column": key}
    return _(
        "No record with this %(column)s is within your role's region or organisation. Leave "
        "%(column)s empty to add a record of your own."
    ) % {"column": key}


def regional_text(form_field, text: str) -> str:
    """A number or date cell as the form reads it, from the ways Indonesian files write them
    ("1.500.000", "12,5", "3 Februari 2023", "03/02/2023"); other cells as they are."""
    if not text:
        return text
    if isinstance(form_field, forms.IntegerField) or (
        isinstance(form_field, forms.DecimalField) and form_field.decimal_places == 0
    ):
        return number_text(text, whole=True) or text  # "750.000" rupiah: thousands
    if isinstance(form_field, (forms.DecimalField, forms.FloatField)):
        return number_text(text) or text
    if isinstance(form_field, forms.DateField):
        return date_text(text) or text
    return text


def import_records(spec: RecordSpec, path: Path, user=None, dry_run: bool = False) -> ImportResult:

    result = ImportResult()
    try:
        rows = read_rows(path, required="")
    except ImportFileError as error:
        result.problems.append(Problem(0, "-", str(error)))
        return result
    result.rows = len(rows)
    header = columns_of(rows)
    missing = [c.name for c in spec.columns if c.name not in header]
    for name in missing:
        result.problems.append(
            Problem(1, name, _("Column %(c)s is missing; download the template.") % {"c": name})
        )
    if not rows and not missing:
        result.problems.append(Problem(1, "-", _("No data rows under the header.")))
    if result.problems:
        return result
    forms = []
    for raw in rows:
        number = raw["_row"]
        texts = {column.name: str(raw.get(column.name) or "").strip() for column in spec.columns}
        formulas = [(name, formula_problem(text)) for name, text in texts.items()]
        formulas = [Problem(number, name, message) for name, message in formulas if message]
        if formulas:
            result.problems.extend(formulas)
            continue
        data = {}
        for column in spec.columns:
            text = regional_text(spec.form_class.base_fields.get(column.name), texts[column.name])
            data[column.name] = column.to_form(text) if column.to_form and text else text
        instance = spec.find(data)
        if instance is not None and user is not None and not user_can(user, CHANGE, instance):
            key = spec.columns[0].name
            if not texts[key] and not spec.unique_by_content:
                instance = None  # another's record of the same name: this row adds one
            else:
                result.problems.append(Problem(number, key, not_yours(user, instance, key)))
                continue
        form = spec.form_class(data, instance=instance, user=user, **spec.form_kwargs(data))
        if not form.is_valid():
            for name, errors in form.errors.items():
                column = name if name in data else "-"
                for error in errors:
                    result.problems.append(Problem(number, column, error))
            continue
        forms.append((number, form, instance is not None))
    if result.problems:
        return result
    try:
        with transaction.atomic():
            for number, form, existing in forms:
                if existing and not form.has_changed():
                    result.unchanged += 1
                    continue
                try:
                    save_checked(user, form.save, form.instance)
                except OutOfScope as refused:
                    refused.row = number
                    raise
                result.updated += existing
                result.created += not existing
            if dry_run:
                transaction.set_rollback(True)
    except OutOfScope as refused:
        result.problems.append(
            Problem(refused.row, "-", _("%(reason)s Nothing was written.") % {"reason": refused})
        )
        result.created = result.updated = result.unchanged = 0
    return result
