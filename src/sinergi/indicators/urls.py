from django.urls import path

from sinergi.indicators import import_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("region/<str:code>/cards/", views.region_cards, name="region_cards"),
    path("import/", import_views.import_page, name="import"),
    path("import/template.xlsx", import_views.template_download, name="import_template"),
    path(
        "import/records/<slug:what>.xlsx",
        import_views.records_template,
        name="import_records_template",
    ),  # fmt: skip
    path("import/jobs/<int:pk>/", import_views.import_job, name="import_job"),
    path(
        "import/jobs/<int:pk>/marked.xlsx", import_views.import_job_marked, name="import_job_marked"
    ),  # fmt: skip
    path("import/<str:token>/marked.xlsx", import_views.marked_file, name="import_marked"),
    path("<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("<slug:code>/map/", views.indicator_map, name="indicator_map"),
    path("<slug:code>/map.json", views.indicator_map_data, name="indicator_map_data"),
    path("<slug:code>/gaps/", views.indicator_gaps, name="indicator_gaps"),
    path("<slug:code>/entry/", views.data_entry, name="data_entry"),
    path("<slug:code>/approvals/", views.approvals, name="approvals"),
]
