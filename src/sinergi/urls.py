from django.contrib import admin
from django.urls import include, path

from sinergi.core import api_docs
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
    # The API's versioned root; /api/<resource>/ is the same endpoints under their first
    # address (an alias, not a redirect: scripts that POST there keep working).
    path("api/v1/schema/", api_docs.SchemaView.as_view(), name="api_schema"),
    path("api/v1/docs/", api_docs.SwaggerView.as_view(), name="api_docs"),
    path("api/v1/redoc/", api_docs.RedocView.as_view(), name="api_redoc"),
    path("api/v1/", include(("sinergi.api_urls", "api"), namespace="v1")),
    path("api/", include(("sinergi.api_urls", "api"), namespace="unversioned")),
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
