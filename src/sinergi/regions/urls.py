from django.urls import path

from sinergi.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.RegionListView.as_view(), name="region_list"),
    path("groups/", views.RegionGroupListView.as_view(), name="group_list"),
    path("groups/add/", views.RegionGroupCreateView.as_view(), name="group_add"),
    path("groups/<int:pk>/", views.RegionGroupDetailView.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", views.RegionGroupUpdateView.as_view(), name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
    path("boundaries/<slug:level>.geojson", views.boundaries, name="boundaries"),
    path("<str:code>/", views.region_detail, name="region_detail"),
]
