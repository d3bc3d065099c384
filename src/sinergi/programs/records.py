"""Programs and activities as rows of a spreadsheet (through ProgramForm and ActivityForm)."""

from django.utils.translation import gettext as _

from sinergi.core.records import Column, RecordSpec, pk_by, pks_by, register
from sinergi.organizations.models import Organization
from sinergi.programs.choices import ActivityStatusChoices, ProgramStatusChoices
from sinergi.programs.forms import ActivityForm, ProgramForm
from sinergi.programs.models import Activity, Program, Theme


def _slug(org):
    return org.slug if org else ""


def _find_program(data):
    pk = str(data.get("id") or "")
    if pk.isdigit():
        return Program.objects.filter(pk=pk).first()
    return Program.objects.filter(
        name=data.get("name", ""), fiscal_year=data.get("fiscal_year") or 0
    ).first()


PROGRAMS = RecordSpec(
    key="programs",
    label=lambda: _("Programs"),
    model=Program,
    form_class=ProgramForm,
    columns=[
        Column("id", "id", "nomor program di Sinergi; kosongkan untuk program baru"),
        Column("name", "name", "nama program"),
        Column("fiscal_year", "fiscal_year", "tahun anggaran, mis. 2025"),
        Column(
            "owner",
            "owner",
            "slug organisasi pemilik",
            to_form=pk_by(Organization, "slug"),
            from_record=lambda p: _slug(p.owner),
        ),
        Column("status", "status", "status", choices=lambda: ProgramStatusChoices.values),
        Column(
            "themes",
            "themes",
            "kode tema dipisah titik koma",
            to_form=pks_by(Theme, "code"),
            from_record=lambda p: "; ".join(t.code for t in p.themes.all()),
        ),
        Column("budget", "budget", "anggaran (Rp)"),
        Column("funding_source", "funding_source", "sumber dana"),
        Column(
            "focus_regions",
            "focus_regions",
            "kode wilayah fokus dipisah koma",
            from_record=lambda p: ", ".join(r.code for r in p.focus_regions.all()),
        ),
        Column("description", "description", "keterangan"),
        Column("source", "source", "sumber informasi"),
    ],  # fmt: skip
    find=_find_program,
)


def _find_activity(data):
    pk = str(data.get("id") or "")
    return Activity.objects.filter(pk=pk).first() if pk.isdigit() else None


def _program_of(data):
    pk = str(data.get("program") or "")
    return {"program": Program.objects.filter(pk=pk).first() if pk.isdigit() else None}


ACTIVITIES = RecordSpec(
    key="activities",
    label=lambda: _("Activities"),
    model=Activity,
    form_class=ActivityForm,
    columns=[
        Column("id", "id", "nomor kegiatan di Sinergi; kosongkan untuk kegiatan baru"),
        Column("program", "program", "nomor program", from_record=lambda a: a.program_id),
        Column("title", "title", "judul kegiatan"),
        Column("status", "status", "status", choices=lambda: ActivityStatusChoices.values),
        Column("start_date", "start_date", "tanggal mulai, TTTT-BB-HH"),
        Column("end_date", "end_date", "tanggal selesai, TTTT-BB-HH"),
        Column("region", "region", "kode wilayah Kemendagri", from_record=lambda a: a.region_id),
        Column(
            "organizations",
            "organizations",
            "slug organisasi dipisah titik koma",
            to_form=pks_by(Organization, "slug"),
            from_record=lambda a: "; ".join(o.slug for o in a.organizations.all()),
        ),
        Column("participants", "participants", "jumlah peserta"),
        Column("beneficiaries", "beneficiaries", "jumlah penerima manfaat"),
        Column("budget_planned", "budget_planned", "anggaran direncanakan (Rp)"),
        Column("budget_realised", "budget_realised", "anggaran terealisasi (Rp)"),
        Column("description", "description", "keterangan"),
    ],  # fmt: skip
    find=_find_activity,
    form_kwargs=_program_of,
)
register(PROGRAMS)
register(ACTIVITIES)
