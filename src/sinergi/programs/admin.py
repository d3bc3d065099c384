from django.contrib import admin

from sinergi.programs.models import Activity, Collaboration, DismissedSuggestion, Program, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "group", "parent", "order")
    list_filter = ("group",)
    search_fields = ("name", "code")


class CollaborationInline(admin.TabularInline):
    model = Collaboration
    extra = 0
    raw_id_fields = ("partner", "scope_regions")


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "fiscal_year", "owner", "status")
    list_filter = ("fiscal_year", "status", "themes")
    search_fields = ("name", "owner__name")
    raw_id_fields = ("owner", "focus_regions")
    filter_horizontal = ("themes",)
    inlines = [CollaborationInline]


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ("program", "partner", "role", "status")
    list_filter = ("role", "status")
    raw_id_fields = ("program", "partner", "scope_regions")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "region", "start_date", "status")
    list_filter = ("status", "stage")
    search_fields = ("title", "program__name")
    raw_id_fields = ("program", "region", "organizations")


@admin.register(DismissedSuggestion)
class DismissedSuggestionAdmin(admin.ModelAdmin):
    """Dismissed collaboration suggestions: delete one to suggest the pair again."""

    list_display = ("program", "other", "dismissed_by", "dismissed_at")
    raw_id_fields = ("program", "other", "dismissed_by")
