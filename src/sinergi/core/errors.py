"""Error pages in the site layout and the user's language: what happened, why, what to do.

Registered as handler403/404/500 in sinergi/urls.py (Django's CSRF refusal renders 403_csrf.html
by itself). Under /api/ they answer JSON in the API's error shape (core/api_errors.py). The 403
page shows the reason the view gave to PermissionDenied; the 500 page is rendered without the
request (no context processors, no database), so it still shows when those are what failed.
"""

import logging

from django.http import (
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from sinergi.core.api_errors import error_response

logger = logging.getLogger(__name__)


def reason_of(exception) -> str:
    """The message a view gave to PermissionDenied (translated when it was raised), if any."""
    message = (getattr(exception, "args", None) or ("",))[0]
    return str(message) if isinstance(message, str | Promise) else ""


def is_api(request) -> bool:
    return getattr(request, "path", "").startswith("/api/")  # the 500 page may get no request


def permission_denied(request, exception=None):
    if is_api(request):
        reason = reason_of(exception) or _("You do not have permission to do this.")
        return error_response(403, "permission_denied", reason)
    content = render(request, "403.html", {"reason": reason_of(exception)}).content
    return HttpResponseForbidden(content)


def page_not_found(request, exception=None):
    if is_api(request):
        message = _("There is no API endpoint at this address; the list is at /api/v1/.")
        return error_response(404, "not_found", message)
    return HttpResponseNotFound(render(request, "404.html").content)


def server_error(request):
    if is_api(request):  # no database, no template: only a translated sentence
        message = _("Something went wrong on the server; try again in a few minutes.")
        return error_response(500, "server_error", message)
    try:
        content = loader.render_to_string("500.html")
    except Exception:  # the layout itself failed: a page without it still says what to do
        logger.exception("the 500 page could not be rendered")
        content = "<h1>500</h1><p>Terjadi kesalahan di server. Coba lagi beberapa menit lagi.</p>"
    return HttpResponseServerError(content)
