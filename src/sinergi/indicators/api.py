import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from sinergi.core.api import GateReadOnlyViewSet
from sinergi.core.api_errors import error_body
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.periods import PeriodError
from sinergi.indicators.reports import visible
from sinergi.indicators.rollup import RollupError, rollup
from sinergi.indicators.services import ValueChange, ValueErrors, save_values
from sinergi.regions import groups
from sinergi.regions.instance import home_region_code
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "value_type", "levels", "aggregation", "period_type",
                  "direction", "definition", "source", "is_key"]  # fmt: skip


class DataValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)

    class Meta:
        model = DataValue
        fields = ["id", "indicator", "region", "period", "value", "comment", "status",
                  "source_kind", "source", "version", "updated_at"]  # fmt: skip


class DataValueFilterSet(django_filters.FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code")
    region = django_filters.CharFilter(method="within", label="region code (and below)")

    class Meta:
        model = DataValue
        fields = ["indicator", "period", "status", "source_kind"]

    def within(self, queryset, name, value):
        return queryset.filter(code_within_q(value.strip(), "region_id"))


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})
class ValueField(serializers.Field):
    """A value as a JSON number or as text in ASCII digits ("12", "12.5", "12,5"), or for an
    ordered level its name ("Madya", "Destana Madya"); null or "" removes it. The indicator's own
    rules (type, range, level names) are checked when saving."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "Enter a number (digits 0-9), a level's name, or null to remove the value."
        )
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid")
        if not str(data).isascii():
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


class ValueItemSerializer(serializers.Serializer):
    region = serializers.CharField(max_length=30)
    value = ValueField(allow_null=True)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ValueWriteSerializer(serializers.Serializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    period = serializers.CharField(max_length=7)
    values = serializers.ListField(child=ValueItemSerializer(), min_length=1, max_length=5000)


class RollupRowSerializer(serializers.Serializer):
    """One region's figure (documentation of /rollup/'s rows)."""

    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    reported = serializers.FloatField(allow_null=True, help_text="its own reported value")
    computed = serializers.FloatField(allow_null=True, help_text="from the regions below")
    value = serializers.FloatField(allow_null=True, help_text="the figure shown (see basis)")
    difference = serializers.FloatField(allow_null=True, help_text="reported − computed")
    target = serializers.FloatField(allow_null=True)
    achievement_pct = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    children_reporting = serializers.IntegerField()
    children_total = serializers.IntegerField()
    status = serializers.CharField()
    basis = serializers.CharField(help_text="reported, computed, partial or empty")
    partial = serializers.BooleanField()
    coverage_pct = serializers.FloatField(allow_null=True)
    source_text = serializers.CharField(help_text="where the figure comes from, as on the pages")


class WriteCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    deleted = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class IndicatorViewSet(GateReadOnlyViewSet):
    """Indicators by code, with value type, aggregation, period type and direction."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    lookup_field = "code"

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, description="DHIS2-style period: 2023, 2023Q1, 202301"),
            OpenApiParameter("region", str, description="region code (default 52, the province)"),
            OpenApiParameter("level", str, description="regency, district or village"),
            OpenApiParameter("group", str, description="id or slug of a region group"),
        ],
        responses={200: RollupRowSerializer(many=True)},
    )
    @action(detail=True, pagination_class=None, filter_backends=[])
    def rollup(self, request, code=None, format=None):
        """/api/indicators/<code>/rollup/?period=2023&region=52&level=regency[&group=<id|slug>]
        — only regions whose figures the user may see (and, with a group, only its members and
        the regions below them). Each row says where its value comes from: `basis` (reported,
        computed, partial or ""), `partial`, `coverage_pct` and `source_text` (the same sentence
        as the pages, in the request's language)."""
        indicator = self.get_object()
        code = request.query_params.get("region", "").replace("\x00", "") or home_region_code()
        region = get_object_or_404(Region, code=code)
        regions = visible(request.user).within(region)
        if not regions.filter(code=region.code).exists():
            raise NotFound(_("%(code)s is outside what you may see.") % {"code": region.code})
        try:
            group = groups.resolve(request.query_params.get("group"), request.user)
        except groups.UnknownGroup as unknown:
            raise ValidationError(
                {"group": _("Unknown region group: %(value)s") % {"value": unknown}}
            ) from None
        if group is not None:  # only the members of the group and the regions below them
            regions = regions.filter(groups.within_q(group, "code"))
        try:
            rows = rollup(
                indicator,
                request.query_params.get("period", ""),
                region,
                request.query_params.get("level") or None,
                regions=regions,
            )
        except (PeriodError, RollupError) as error:
            raise ValidationError({"period": str(error)}) from error
        return Response([{**row.as_json(), "source_text": row.source_text} for row in rows])


class DataValueViewSet(GateReadOnlyViewSet):
    """Values in scope; POST writes many values of one indicator and period, all or nothing,
    through the same path as the entry grid and imports (scope, approval locks, edit windows,
    summaries, history): {"indicator", "period", "values": [{"region", "value", "version"?}]}."""

    queryset = DataValue.objects.select_related("indicator")
    serializer_class = DataValueSerializer
    filterset_class = DataValueFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=ValueWriteSerializer, responses={200: WriteCountsSerializer})
    def create(self, request, *args, **kwargs):
        payload = ValueWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        changes = []
        for item in payload.validated_data["values"]:
            changes.append(
                ValueChange(item["region"], item["value"], item.get("version"), item["comment"])
            )
        try:
            result = save_values(
                payload.validated_data["indicator"],
                payload.validated_data["period"],
                changes,
                user=request.user,
                source_kind="entry",
                source="API",
            )
        except ValueErrors as errors:  # the API's error shape, by region code (or "period")
            body = error_body(
                "invalid",
                _("Nothing was saved: see each region's problem under “errors”."),
                {key: [message] for key, message in errors.errors.items()},
            )
            if errors.conflicts:
                body["conflicts"] = [c.__dict__ for c in errors.conflicts]
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"created": result.created, "updated": result.updated, "deleted": result.deleted,
             "unchanged": result.unchanged},
            status=status.HTTP_200_OK,
        )  # fmt: skip
