from django.contrib import admin
from django.urls import include, path

from sinergi.core.health import health

urlpatterns = [
    path("", include("sinergi.dashboards.urls")),
    path("regions/", include("sinergi.regions.urls")),
    path("organizations/", include("sinergi.organizations.urls")),
    path("programs/", include("sinergi.programs.urls")),
    path("indicators/", include("sinergi.indicators.urls")),
    path("meetings/", include("sinergi.meetings.urls")),
    path("text-imports/", include("sinergi.extraction.urls")),
    path("api/", include("sinergi.indicators.dhis2.urls")),  # DHIS2-compatible: docs/dhis2.md
    path("api/", include("sinergi.api_urls")),
    path("search/", include("sinergi.search_urls")),
    path("accounts/", include("sinergi.accounts.urls")),
    path("history/", include("sinergi.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]

handler403 = "sinergi.core.errors.permission_denied"
handler404 = "sinergi.core.errors.page_not_found"
handler500 = "sinergi.core.errors.server_error"
