"""DHIS2's Web API paths under /api/ (DHIS2 clients call /api/dataValueSets, not /api/v1/…)."""

from django.urls import path, re_path

from sinergi.indicators.dhis2 import views

urlpatterns = [
    path("dataValueSets", views.DataValueSetView.as_view(), name="dhis2_data_value_sets"),
    re_path(
        r"^dataValueSets\.(?P<suffix>json|csv)$",
        views.DataValueSetView.as_view(),
        name="dhis2_data_value_sets_format",
    ),
    re_path(r"^dataValues(?:\.json)?$", views.DataValueView.as_view(), name="dhis2_data_values"),
    re_path(
        r"^organisationUnits(?:\.json)?$",
        views.OrganisationUnitsView.as_view(),
        name="dhis2_organisation_units",
    ),
    path(
        "organisationUnits.geojson",
        views.OrganisationUnitsGeoJSONView.as_view(),
        name="dhis2_organisation_units_geojson",
    ),
    re_path(
        r"^organisationUnits/(?P<ident>[A-Za-z0-9.]+?)(?:\.json)?$",
        views.OrganisationUnitsView.as_view(),
        name="dhis2_organisation_unit",
    ),
    re_path(
        r"^dataElements(?:\.json)?$", views.DataElementsView.as_view(), name="dhis2_data_elements"
    ),
    re_path(
        r"^dataElements/(?P<ident>[A-Za-z0-9]+)(?:\.json)?$",
        views.DataElementsView.as_view(),
        name="dhis2_data_element",
    ),
    re_path(r"^dataSets(?:\.json)?$", views.DataSetsView.as_view(), name="dhis2_data_sets"),
    re_path(
        r"^dataSets/(?P<ident>[A-Za-z0-9]+)(?:\.json)?$",
        views.DataSetsView.as_view(),
        name="dhis2_data_set",
    ),
    re_path(r"^me(?:\.json)?$", views.MeView.as_view(), name="dhis2_me"),
    re_path(r"^system/info(?:\.json)?$", views.SystemInfoView.as_view(), name="dhis2_system_info"),
    path("system/tasks/<str:task_type>/<str:task_id>", views.TaskView.as_view(), name="dhis2_task"),
    path(
        "system/taskSummaries/<str:task_type>/<str:task_id>",
        views.TaskSummaryView.as_view(),
        name="dhis2_task_summary",
    ),
]
