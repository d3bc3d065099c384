from django.urls import path

from sinergi.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("add/", views.meeting_edit, name="meeting_add"),
    path("followups/", views.followups, name="followups"),
    path("followups/<int:pk>/update/", views.action_update, name="action_update"),
    path("followups/report/<slug:slug>.pdf", views.followup_report, name="followup_report"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("<int:pk>/notulen.pdf", views.meeting_pdf, name="meeting_pdf"),
]
