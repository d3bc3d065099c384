import django_filters
from django.utils.translation import gettext_lazy as _

from sinergi.regions.choices import RegionKindChoices, RegionLevelChoices
from sinergi.regions.models import Region


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    level = django_filters.ChoiceFilter(choices=RegionLevelChoices.choices, label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=RegionKindChoices.choices, label=_("Kind"))
    within = django_filters.CharFilter(method="filter_within", label=_("Within region (code)"))

    class Meta:
        model = Region
        fields = ["q", "level", "kind", "within"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_within(self, queryset, name, value):
        return queryset.within(value.strip())
