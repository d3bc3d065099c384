"""Error pages in the site layout and the user's language: what happened, why, what to do.

Registered as handler403/404/500 in sinergi/urls.py (Django's CSRF refusal renders 403_csrf.html
by itself). The 403 page shows the reason the view gave to PermissionDenied; the 500 page is
rendered without the request (no context processors, no database), so it still shows when those
are what failed. Under /api/ the answer is JSON, never a page: the API's own views shape their
errors, and these handlers only catch what never reached them (an unknown address, a crash).
"""

import logging

from django.http import (
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.utils.functional import Promise
from rest_framework import exceptions as api_exceptions

logger = logging.getLogger(__name__)


def reason_of(exception) -> str:
    """The message a view gave to PermissionDenied (translated when it was raised), if any."""
    message = (getattr(exception, "args", None) or ("",))[0]
    return str(message) if isinstance(message, str | Promise) else ""


API_PREFIX = "/api/"


def for_api(request) -> bool:
    return request is not None and request.path.startswith(API_PREFIX)


def api_error(status: int, detail) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=status)


def permission_denied(request, exception=None):
    if for_api(request):
        reason = reason_of(exception) or api_exceptions.PermissionDenied.default_detail
        return api_error(403, reason)
    content = render(request, "403.html", {"reason": reason_of(exception)}).content
    return HttpResponseForbidden(content)


def page_not_found(request, exception=None):
    if for_api(request):
        return api_error(404, api_exceptions.NotFound.default_detail)
    return HttpResponseNotFound(render(request, "404.html").content)


def server_error(request):
    if for_api(request):
        return api_error(500, api_exceptions.APIException.default_detail)
    try:
        content = loader.render_to_string("500.html")
    except Exception:  # the layout itself failed: a page without it still says what to do
        logger.exception("the 500 page could not be rendered")
        content = "<h1>500</h1><p>Terjadi kesalahan di server. Coba lagi beberapa menit lagi.</p>"
    return HttpResponseServerError(content)
