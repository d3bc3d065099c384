import django_filters
from django.utils.translation import gettext_lazy as _

from sinergi.core.lookups import LookupFilterSetMixin
from sinergi.organizations.filtersets import OrganizationFilter
from sinergi.programs.choices import ActivityStatusChoices, ProgramStatusChoices
from sinergi.programs.models import Activity, Program, Theme
from sinergi.regions.filtersets import RegionFilter, RegionGroupFilter


def within_region(queryset, region):
    return queryset.within(region)


class ProgramFilterSet(LookupFilterSetMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    year = django_filters.NumberFilter(field_name="fiscal_year", label=_("Fiscal year"))
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="code", field_name="themes", label=_("Theme")
    )
    owner = OrganizationFilter(field_name="owner", label=_("Owner"))
    organization = OrganizationFilter(
        apply=lambda queryset, organization: queryset.involving(organization),
        label=_("Organisation involved"),
    )
    region = RegionFilter(apply=within_region)
    group = RegionGroupFilter(apply=lambda queryset, group: queryset.in_group(group))
    status = django_filters.ChoiceFilter(choices=ProgramStatusChoices.choices, label=_("Status"))

    class Meta:
        model = Program
        fields = ["q", "year", "theme", "owner", "organization", "region", "group", "status"]


class ActivityFilterSet(LookupFilterSetMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    region = RegionFilter(apply=within_region)
    group = RegionGroupFilter(field_name="region_id")
    status = django_filters.ChoiceFilter(choices=ActivityStatusChoices.choices, label=_("Status"))

    class Meta:
        model = Activity
        fields = ["q", "region", "group", "status"]
