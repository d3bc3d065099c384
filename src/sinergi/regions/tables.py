import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sinergi.regions.models import Region, RegionGroup


class RegionTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    parent = tables.Column(verbose_name=_("Part of"), linkify=True, orderable=False)

    class Meta:
        model = Region
        fields = ("code", "name", "kind", "parent")
        attrs = {"class": "table table-sm table-hover"}


class RegionGroupTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    year = tables.Column(verbose_name=_("Year"))
    purpose = tables.Column(verbose_name=_("Purpose"))
    members = tables.Column(verbose_name=_("Members"), orderable=False, empty_values=())
    owner_region = tables.Column(
        verbose_name=_("Owner region"), linkify=True, order_by=("owner_region_id",)
    )

    class Meta:
        model = RegionGroup
        fields = ("name", "year", "purpose", "members", "owner_region")
        attrs = {"class": "table table-sm table-hover"}

    def render_purpose(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            record.purpose_color,
            record.get_purpose_display(),
        )

    def value_purpose(self, record):
        return record.get_purpose_display()

    def render_members(self, record):
        return ", ".join(r.full_name for r in record.regions.all()) or "—"

    def value_members(self, record):
        return ", ".join(r.code for r in record.regions.all())
