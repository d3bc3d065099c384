from django.contrib import admin

from sinergi.organizations.models import Organization, Person, Position


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "org_type", "home_region")
    list_filter = ("org_type", "home_region__level")
    search_fields = ("name", "acronym", "slug")
    raw_id_fields = ("home_region", "parent")
    inlines = [PositionInline]
    show_full_result_count = False


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "honorific", "degrees")
    search_fields = ("name",)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("person", "title", "organization", "start_date", "end_date")
    search_fields = ("person__name", "title", "organization__name")
    raw_id_fields = ("person", "organization")
