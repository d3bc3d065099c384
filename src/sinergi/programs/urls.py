from django.urls import path

from sinergi.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    path("add/", views.ProgramCreateView.as_view(), name="program_add"),
    path("5w/", views.five_w, name="five_w"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/accept/", views.suggestion_accept, name="suggestion_accept"),
    path("suggestions/dismiss/", views.suggestion_dismiss, name="suggestion_dismiss"),
    path("5w/map/", views.five_w_map, name="five_w_map"),
    path("5w/map.json", views.five_w_map_data, name="five_w_map_data"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="program_edit"),
    path(
        "<int:program_pk>/collaborations/add/",
        views.CollaborationCreateView.as_view(),
        name="collaboration_add",
    ),
    path(
        "collaborations/<int:pk>/edit/",
        views.CollaborationUpdateView.as_view(),
        name="collaboration_edit",
    ),
    path(
        "<int:program_pk>/activities/add/", views.ActivityCreateView.as_view(), name="activity_add"
    ),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_edit"),
]
