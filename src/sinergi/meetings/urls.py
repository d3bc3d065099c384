from django.urls import path

from sinergi.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("followups/", views.followups, name="followups"),
    path("followups/<int:pk>/update/", views.action_update, name="action_update"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
]
