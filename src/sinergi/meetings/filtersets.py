import django_filters
from django.utils.translation import gettext_lazy as _

from sinergi.core.lookups import LookupFilterSetMixin
from sinergi.meetings.choices import ActionStatusChoices
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.filtersets import OrganizationFilter, PersonFilter
from sinergi.regions.filtersets import RegionFilter
from sinergi.regions.querysets import code_within_q


class MeetingFilterSet(LookupFilterSetMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Year"), min_value=1900, max_value=2100, decimal_places=0
    )
    organiser = OrganizationFilter(field_name="organiser", label=_("Organiser"))
    region = RegionFilter(
        apply=lambda queryset, region: queryset.filter(code_within_q(region.code, "region_id"))
    )

    class Meta:
        model = Meeting
        fields = ["q", "year", "organiser", "region"]


class ActionItemFilterSet(LookupFilterSetMixin, django_filters.FilterSet):
    organization = OrganizationFilter(
        field_name="responsible_organization", label=_("Organisation")
    )
    person = PersonFilter(field_name="responsible_person", label=_("Person responsible"))
    status = django_filters.ChoiceFilter(choices=ActionStatusChoices.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))

    class Meta:
        model = ActionItem
        fields = ["organization", "person", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
