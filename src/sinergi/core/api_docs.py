"""The API's schema and documentation pages at /api/v1/schema/, /api/v1/docs/ (Swagger UI) and
/api/v1/redoc/ (ReDoc), with every asset served by Sinergi itself (drf-spectacular-sidecar) and
no inline script, so the site's Content-Security-Policy holds and an office without internet
reads them too. Public like the API root: what each endpoint returns is decided by the gate."""

from csp.decorators import csp_update
from django.utils import translation
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """The schema as committed in docs/api/openapi.yaml: in English whatever the language of the
    request (the descriptions are English with Indonesian summaries)."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI; its start script is served by the same view (?script), not inline."""

    permission_classes = [AllowAny]
    url_name = "api_schema"
    title = "Sinergi API"


@method_decorator(csp_update({"worker-src": ["'self'", "blob:"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    """ReDoc, without the web fonts drf-spectacular's page loads from outside (its search runs
    in a worker made from a blob: URL)."""

    permission_classes = [AllowAny]
    url_name = "api_schema"
    template_name = "core/api_redoc.html"
    title = "Sinergi API"
