from django.urls import path

from sinergi.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<str:code>/profile/", views.region_profile, name="region_profile"),
    path("reports/region/<str:code>.pdf", views.region_profile_pdf, name="region_profile_pdf"),
    path("reports/program/<int:pk>.pdf", views.program_report_pdf, name="program_report_pdf"),
]
