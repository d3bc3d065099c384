from django.urls import path

from sinergi.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.RegionListView.as_view(), name="region_list"),
    path("suggest/", views.region_suggest, name="region_suggest"),
    path("boundaries/<slug:level>.geojson", views.boundaries, name="boundaries"),
    path("<str:code>/", views.region_detail, name="region_detail"),
]
