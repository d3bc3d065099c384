import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sinergi.core.lookups import LookupFilter, LookupFilterSetMixin
from sinergi.organizations.choices import OrganizationTypeChoices
from sinergi.organizations.forms import OrganizationField, PersonField
from sinergi.organizations.models import Organization
from sinergi.regions.choices import RegionLevelChoices
from sinergi.regions.filtersets import RegionFilter, RegionGroupFilter


class OrganizationFilter(LookupFilter):
    """`?organization=` by name, acronym or slug, among the organisations the user may see."""

    field_class = OrganizationField


class PersonFilter(LookupFilter):
    """`?person=` by name, among the people the user may see."""

    field_class = PersonField


class OrganizationFilterSet(LookupFilterSetMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or acronym"))
    org_type = django_filters.ChoiceFilter(choices=OrganizationTypeChoices.choices, label=_("Type"))
    region = RegionFilter(apply=lambda queryset, region: queryset.within(region))
    group = RegionGroupFilter(field_name="home_region_id")
    level = django_filters.ChoiceFilter(
        field_name="home_region__level", choices=RegionLevelChoices.choices, label=_("Level")
    )

    class Meta:
        model = Organization
        fields = ["q", "org_type", "region", "group", "level"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
