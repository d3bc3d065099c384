import django_filters
from django.utils.translation import gettext_lazy as _

from sinergi.meetings.choices import ActionStatusChoices
from sinergi.meetings.models import ActionItem, Meeting


class MeetingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Year"), min_value=1900, max_value=2100, decimal_places=0
    )
    organiser = django_filters.CharFilter(field_name="organiser__slug", label=_("Organiser (slug)"))
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region (code, with areas below)")
    )

    class Meta:
        model = Meeting
        fields = ["q", "year", "organiser", "region"]

    def filter_region(self, queryset, name, value):
        from sinergi.regions.querysets import code_within_q

        return queryset.filter(code_within_q(value.strip(), "region_id"))


class ActionItemFilterSet(django_filters.FilterSet):
    organization = django_filters.CharFilter(
        field_name="responsible_organization__slug", label=_("Organisation (slug)")
    )
    status = django_filters.ChoiceFilter(choices=ActionStatusChoices.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))

    class Meta:
        model = ActionItem
        fields = ["organization", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
