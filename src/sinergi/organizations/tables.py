import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sinergi.organizations.models import Organization


class OrganizationTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    acronym = tables.Column(verbose_name=_("Acronym"))
    org_type = tables.Column(verbose_name=_("Type"))
    home_region = tables.Column(
        linkify=True, verbose_name=_("Home region"), order_by=("home_region_id",)
    )

    class Meta:
        model = Organization
        fields = ("name", "acronym", "org_type", "home_region")
        attrs = {"class": "table table-sm table-hover"}
