from django.urls import path

from sinergi.extraction import views

app_name = "extraction"

urlpatterns = [
    path("new/", views.draft_new, name="draft_new"),
    path("<int:pk>/", views.draft_review, name="draft_review"),
]
