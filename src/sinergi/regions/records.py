"""Region groups as rows of a spreadsheet: `group,year,purpose,region`, one row per member."""

from django.utils.translation import gettext_lazy as _

from sinergi.core.records import Column, RecordSpec, register
from sinergi.regions.choices import RegionGroupPurposeChoices
from sinergi.regions.forms import RegionGroupRowForm, find_group
from sinergi.regions.models import RegionGroup


def _find(data):
    return find_group(data.get("group", ""), data.get("year"))


def _memberships(groups):
    """One template row per member of each group."""
    return (
        RegionGroup.regions.through.objects.filter(regiongroup__in=groups)
        .select_related("regiongroup")
        .order_by("-regiongroup__year", "regiongroup__name", "region_id")
    )


SPEC = RecordSpec(
    key="region_groups",
    label=lambda: _("Region groups"),
    model=RegionGroup,
    form_class=RegionGroupRowForm,
    columns=[
        Column(
            "group",
            _("name (or slug) of the group; a new name makes a new group"),
            from_record=lambda m: m.regiongroup.name,
        ),
        Column("year", _("year, e.g. 2024"), from_record=lambda m: m.regiongroup.year),
        Column(
            "purpose",
            _("purpose"),
            choices=lambda: RegionGroupPurposeChoices.values,
            from_record=lambda m: m.regiongroup.purpose,
        ),
        Column(
            "region",
            _("Kemendagri code of one member region, e.g. 52.03"),
            from_record=lambda m: m.region_id,
        ),
    ],
    find=_find,
    in_template=_memberships,
)
register(SPEC)
