import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sinergi.regions.models import Region


class RegionTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    parent = tables.Column(verbose_name=_("Part of"), linkify=True, orderable=False)

    class Meta:
        model = Region
        fields = ("code", "name", "kind", "parent")
        attrs = {"class": "table table-sm table-hover"}
