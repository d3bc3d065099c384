"""Organisations as rows of a spreadsheet (template and import through OrganizationForm)."""

from django.utils.translation import gettext_lazy as _

from sinergi.core.records import Column, RecordSpec, pk_by, register
from sinergi.organizations.choices import OrganizationTypeChoices
from sinergi.organizations.forms import OrganizationForm
from sinergi.organizations.models import Organization


def _find(data):
    slug = data.get("slug") or ""
    if slug:
        return Organization.objects.filter(slug=slug).first()
    return Organization.objects.filter(
        name=data.get("name", ""), home_region_id=data.get("home_region", "")
    ).first()


def _slug_of(pk):
    return Organization.objects.filter(pk=pk).values_list("slug", flat=True).first() or ""


SPEC = RecordSpec(
    key="organizations",
    label=lambda: _("Organisations"),
    model=Organization,
    form_class=OrganizationForm,
    columns=[
        Column("slug", _("unique key; leave empty for a new organisation")),
        Column("name", _("full name")),
        Column("acronym", _("short form, e.g. BPBD")),
        Column("org_type", _("type"), choices=lambda: OrganizationTypeChoices.values),
        Column(
            "home_region",
            _("Kemendagri region code, e.g. 52.03"),
            from_record=lambda o: o.home_region_id,
        ),
        Column(
            "parent",
            _("slug of the parent organisation"),
            to_form=pk_by(Organization, "slug"),
            from_record=lambda o: _slug_of(o.parent_id) if o.parent_id else "",
        ),
        Column(
            "aliases",
            _("other names, separated by semicolons"),
            to_form=lambda text: "\n".join(p.strip() for p in text.split(";")),
            from_record=lambda o: "; ".join(o.aliases or []),
        ),
        Column("website", _("website address")),
        Column("description", _("description")),
    ],  # fmt: skip
    find=_find,
    # Kecamatan and desa TP PKK teams (over a thousand) are made by load_regions, not typed.
    in_template=lambda qs: qs.exclude(
        org_type="tp_pkk", home_region__level__in=["district", "village"]
    ).select_related("home_region"),
)
register(SPEC)
