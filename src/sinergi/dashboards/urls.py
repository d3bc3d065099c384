from django.urls import path

from sinergi.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("convergence/", views.convergence_page, name="convergence"),
    path("convergence/areas.json", views.convergence_json, name="convergence_json"),
    path("regions/<str:code>/profile/", views.region_profile, name="region_profile"),
    path("reports/region/<str:code>.pdf", views.region_profile_pdf, name="region_profile_pdf"),
    path("reports/program/<int:pk>.pdf", views.program_report_pdf, name="program_report_pdf"),
]
