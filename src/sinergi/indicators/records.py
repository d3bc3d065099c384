"""Targets as rows of a spreadsheet (through TargetForm)."""

from django.utils.translation import gettext_lazy as _

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
        Column("indicator", _("indicator code"), from_record=lambda t: t.indicator.code),
        Column("region", _("Kemendagri region code"), from_record=lambda t: t.region_id),
        Column("period", _("2025, 2025Q1 or 202501")),
        Column("kind", _("target or baseline"), choices=lambda: TargetKindChoices.values),
        Column("value", _("target value")),
        Column("note", _("note")),
        Column("source", _("source")),
    ],
    find=_find,
)
register(SPEC)
