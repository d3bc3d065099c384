import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from sinergi.core.lookups import LookupFilter
from sinergi.regions import groups
from sinergi.regions.choices import (
    RegionGroupPurposeChoices,
    RegionKindChoices,
    RegionLevelChoices,
)
from sinergi.regions.forms import RegionLookupField
from sinergi.regions.models import Region, RegionGroup


class RegionFilter(LookupFilter):
    """`?region=` by Kemendagri code or name ("Lombok Timur", "Kec. Sakra"); an unknown name is
    a form error on the page, not an empty list. `apply(queryset, region)` says what "in the
    region" means for the list (usually the region and the areas below it)."""

    field_class = RegionLookupField

    def __init__(self, field_name=None, apply=None, **kwargs):
        kwargs.setdefault("label", _("Region (with areas below)"))
        super().__init__(field_name=field_name, apply=apply, **kwargs)


class RegionGroupField(forms.CharField):
    """A region group by id or slug; an unknown one is a clear form error, not an empty list."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return groups.resolve(text)
        except groups.UnknownGroup:
            raise ValidationError(  # params, not %: the API formats the message once more
                _("Unknown region group: %(value)s. Choose one on the region groups page."),
                code="invalid_choice",
                params={"value": text[:60]},
            ) from None


@extend_schema_field(OpenApiTypes.STR)  # an id or a slug, whatever the column it filters
class RegionGroupFilter(django_filters.Filter):
    """`?group=<id or slug>` for any FilterSet: rows in a member region of the group or below it.

        group = RegionGroupFilter(field_name="region_id")          # a region code column
        group = RegionGroupFilter(apply=lambda qs, g: qs.in_group(g))  # a rule of its own

    The group must be one the requesting user may see (the gate); otherwise the list is empty."""

    field_class = RegionGroupField

    def __init__(self, field_name="region_id", apply=None, **kwargs):
        kwargs.setdefault("label", _("Region group"))
        kwargs.setdefault("help_text", _("Id or slug of a region group"))
        self.apply = apply
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        request = getattr(self.parent, "request", None)
        user = getattr(request, "user", None)
        if not RegionGroup.objects.restrict(user).filter(pk=value.pk).exists():
            return qs.none()
        if self.apply is not None:
            return self.apply(qs, value)
        return qs.filter(groups.within_q(value, self.field_name))


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    level = django_filters.ChoiceFilter(choices=RegionLevelChoices.choices, label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=RegionKindChoices.choices, label=_("Kind"))
    within = RegionFilter(
        apply=lambda queryset, region: queryset.within(region), label=_("Within region")
    )
    group = RegionGroupFilter(field_name="code")

    class Meta:
        model = Region
        fields = ["q", "level", "kind", "within", "group"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class RegionGroupFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    purpose = django_filters.ChoiceFilter(
        choices=RegionGroupPurposeChoices.choices, label=_("Purpose")
    )
    region = RegionFilter(
        apply=lambda queryset, region: queryset.containing(region), label=_("Member region")
    )

    class Meta:
        model = RegionGroup
        fields = ["q", "year", "purpose", "region"]
