from django.contrib import admin

from sinergi.indicators.models import Approval, DataValue, EditWindow, Indicator, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "value_type",
        "aggregation",
        "period_type",
        "direction",
        "is_key",
    )
    list_filter = ("value_type", "aggregation", "period_type", "is_key", "themes")
    search_fields = ("code", "name")
    raw_id_fields = ("numerator", "denominator", "weight", "count_input", "owner")
    filter_horizontal = ("themes",)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "region", "period", "kind", "value")
    list_filter = ("kind", "indicator")
    raw_id_fields = ("region",)


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    """Read-only here: values change through the entry grid, imports and the API, which keep the
    summaries and the optimistic lock in step."""

    list_display = ("indicator", "region", "period", "value", "status", "updated_by", "updated_at")
    list_filter = ("indicator", "status", "source_kind")
    search_fields = ("region__code", "region__name")
    raw_id_fields = ("region",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EditWindow)
class EditWindowAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period", "opens", "closes")
    list_filter = ("indicator",)


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ("indicator", "region", "period", "state", "updated_by", "updated_at")
    list_filter = ("state", "indicator")
    raw_id_fields = ("region",)
