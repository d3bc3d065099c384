import django_filters
from django.utils.translation import gettext_lazy as _

from sinergi.organizations.models import Organization
from sinergi.programs.choices import ActivityStatusChoices, ProgramStatusChoices
from sinergi.programs.models import Activity, Program, Theme
from sinergi.regions.filtersets import RegionGroupFilter


class ProgramFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    year = django_filters.NumberFilter(field_name="fiscal_year", label=_("Fiscal year"))
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="code", field_name="themes", label=_("Theme")
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.filter(programs__isnull=False).distinct(),
        to_field_name="slug",
        label=_("Owner"),
    )
    organization = django_filters.CharFilter(
        method="filter_organization", label=_("Organisation involved (slug)")
    )
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region (code, with areas below)")
    )
    group = RegionGroupFilter(apply=lambda queryset, group: queryset.in_group(group))
    status = django_filters.ChoiceFilter(choices=ProgramStatusChoices.choices, label=_("Status"))

    class Meta:
        model = Program
        fields = ["q", "year", "theme", "owner", "organization", "region", "group", "status"]

    def filter_region(self, queryset, name, value):
        return queryset.within(value.strip())

    def filter_organization(self, queryset, name, value):
        organization = Organization.objects.filter(slug=value.strip()).first()
        return queryset.involving(organization) if organization else queryset.none()


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region (code, with areas below)")
    )
    group = RegionGroupFilter(field_name="region_id")
    status = django_filters.ChoiceFilter(choices=ActivityStatusChoices.choices, label=_("Status"))

    class Meta:
        model = Activity
        fields = ["q", "region", "group", "status"]

    def filter_region(self, queryset, name, value):
        return queryset.within(value.strip())
