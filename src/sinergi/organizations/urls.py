from django.urls import path

from sinergi.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="organization_list"),
    path("add/", views.OrganizationCreateView.as_view(), name="organization_add"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("<slug:slug>/edit/", views.OrganizationUpdateView.as_view(), name="organization_edit"),
    path("<slug:slug>/positions/add/", views.position_add, name="position_add"),
]
