import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sinergi.organizations.choices import OrganizationTypeChoices
from sinergi.organizations.models import Organization
from sinergi.regions.choices import RegionLevelChoices
from sinergi.regions.filtersets import RegionGroupFilter


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or acronym"))
    org_type = django_filters.ChoiceFilter(choices=OrganizationTypeChoices.choices, label=_("Type"))
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region (code, with areas below)")
    )
    group = RegionGroupFilter(field_name="home_region_id")
    level = django_filters.ChoiceFilter(
        field_name="home_region__level", choices=RegionLevelChoices.choices, label=_("Level")
    )

    class Meta:
        model = Organization
        fields = ["q", "org_type", "region", "group", "level"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

    def filter_region(self, queryset, name, value):
        return queryset.within(value.strip())
