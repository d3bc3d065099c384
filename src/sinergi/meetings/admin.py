from django.contrib import admin

from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant, ProgressNote


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("organization", "person")


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    raw_id_fields = ("organizations", "programs", "regions")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "organiser", "place")
    search_fields = ("title", "summary")
    raw_id_fields = ("organiser", "region")
    inlines = [ParticipantInline, AgreementInline]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("what", "responsible_organization", "due_date", "status")
    list_filter = ("status",)
    raw_id_fields = ("meeting", "agreement", "responsible_organization", "responsible_person")
    inlines = [ProgressNoteInline]
