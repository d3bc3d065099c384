from django.urls import path

from sinergi.core import history_views

app_name = "core"

urlpatterns = [
    path("", history_views.audit_log, name="audit_log"),
    path("<str:label>/<str:pk>/", history_views.object_history, name="object_history"),
    path(
        "<str:label>/<str:pk>/restore/<int:history_id>/",
        history_views.restore_version,
        name="restore_version",
    ),
]
