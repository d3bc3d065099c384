from django.urls import path

from sinergi.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("region/<str:code>/cards/", views.region_cards, name="region_cards"),
    path("<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("<slug:code>/gaps/", views.indicator_gaps, name="indicator_gaps"),
    path("<slug:code>/entry/", views.data_entry, name="data_entry"),
    path("<slug:code>/approvals/", views.approvals, name="approvals"),
]
