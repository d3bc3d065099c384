"""Targets as rows of a spreadsheet (through TargetForm)."""

from django.utils.translation import gettext as _

from sinergi.core.records import Column, RecordSpec, register
from sinergi.indicators.choices import TargetKindChoices
from sinergi.indicators.forms import TargetForm
from sinergi.indicators.models import Target


def _find(data):
    return Target.objects.filter(
        indicator__code=data.get("indicator", ""),
        region_id=data.get("region", ""),
        period=data.get("period", ""),
        kind=data.get("kind") or "target",
    ).first()


SPEC = RecordSpec(
    key="targets",
    label=lambda: _("Targets"),
    model=Target,
    form_class=TargetForm,
    columns=[
        Column("indicator", "indicator", "kode indikator", from_record=lambda t: t.indicator.code),
        Column("region", "region", "kode wilayah Kemendagri", from_record=lambda t: t.region_id),
        Column("period", "period", "2025, 2025Q1 atau 202501"),
        Column("kind", "kind", "target atau baseline", choices=lambda: TargetKindChoices.values),
        Column("value", "value", "nilai target"),
        Column("note", "note", "catatan"),
        Column("source", "source", "sumber"),
    ],
    find=_find,
)
register(SPEC)
