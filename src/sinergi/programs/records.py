"""Programs and activities as rows of a spreadsheet (through ProgramForm and ActivityForm)."""

from django.utils.translation import gettext_lazy as _

from sinergi.core.records import Column, RecordSpec, by_id, pk_by, pks_by, register
from sinergi.organizations.models import Organization
from sinergi.programs.choices import ActivityStatusChoices, ProgramStatusChoices
from sinergi.programs.forms import ActivityRowForm, ProgramForm
from sinergi.programs.models import Activity, Program, Theme


def _slug(org):
    return org.slug if org else ""


def _find_program(data):
    if str(data.get("id") or "").strip().isdigit():
        return by_id(Program, data["id"])
    return Program.objects.filter(
        name=data.get("name", ""), fiscal_year=data.get("fiscal_year") or 0
    ).first()


PROGRAMS = RecordSpec(
    key="programs",
    label=lambda: _("Programs"),
    model=Program,
    form_class=ProgramForm,
    columns=[
        Column("id", _("program number in Sinergi; leave empty for a new program")),
        Column("name", _("program name")),
        Column("fiscal_year", _("fiscal year, e.g. 2025")),
        Column(
            "owner",
            _("slug of the owning organisation"),
            to_form=pk_by(Organization, "slug"),
            from_record=lambda p: _slug(p.owner),
        ),
        Column("status", _("status"), choices=lambda: ProgramStatusChoices.values),
        Column(
            "themes",
            _("theme codes separated by semicolons"),
            to_form=pks_by(Theme, "code"),
            from_record=lambda p: "; ".join(t.code for t in p.themes.all()),
        ),
        Column("budget", _("budget (Rp)")),
        Column("funding_source", _("source of funds")),
        Column(
            "focus_regions",
            _("focus region codes separated by commas"),
            from_record=lambda p: ", ".join(r.code for r in p.focus_regions.all()),
        ),
        Column("description", _("description")),
        Column("source", _("source of the information")),
    ],  # fmt: skip
    find=_find_program,
    unique_by_content=False,
)


def _find_activity(data):
    return by_id(Activity, data.get("id"))


ACTIVITIES = RecordSpec(
    key="activities",
    label=lambda: _("Activities"),
    model=Activity,
    form_class=ActivityRowForm,
    columns=[
        Column("id", _("activity number in Sinergi; leave empty for a new activity")),
        Column("program", _("program number"), from_record=lambda a: a.program_id),
        Column("title", _("activity title")),
        Column("status", _("status"), choices=lambda: ActivityStatusChoices.values),
        Column("start_date", _("start date, YYYY-MM-DD")),
        Column("end_date", _("end date, YYYY-MM-DD")),
        Column("region", _("Kemendagri region code"), from_record=lambda a: a.region_id),
        Column(
            "organizations",
            _("organisation slugs separated by semicolons"),
            to_form=pks_by(Organization, "slug"),
            from_record=lambda a: "; ".join(o.slug for o in a.organizations.all()),
        ),
        Column("participants", _("number of participants")),
        Column("beneficiaries", _("number of beneficiaries")),
        Column("budget_planned", _("planned budget (Rp)")),
        Column("budget_realised", _("realised budget (Rp)")),
        Column("description", _("description")),
    ],  # fmt: skip
    find=_find_activity,
)
register(PROGRAMS)
register(ACTIVITIES)
