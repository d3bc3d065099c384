"""The address a sign-in attempt is counted against (django-axes' AXES_CLIENT_IP_CALLABLE) and
what a locked-out attempt is answered (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request) -> str | None:
    """REMOTE_ADDR, or behind SINERGI_PROXY_COUNT trusted proxies the address the outermost of
    them saw: each proxy appends the address it received from to X-Forwarded-For, so the client
    is that many entries from the right (anything further left the client may have forged)."""
    proxies = settings.SINERGI_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_message() -> str:
    text = _(
        "Too many failed sign-ins for this account or address: try again in %(hours)s "
        "hour(s), or ask an administrator to unlock it."
    )
    return text % {"hours": f"{settings.AXES_COOLOFF_TIME:g}"}


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE): under /api/ (HTTP
    Basic of a DHIS2 client) the API's error shape; elsewhere the sign-in form's page."""
    # imported here: DRF's settings (read by api_errors) import the throttles, which import this
    from sinergi.core.api_errors import error_response

    if request.path.startswith("/api/"):
        return error_response(429, "locked_out", locked_message())
    context = {"cooloff_timedelta": get_cool_off(request)}
    return render(request, "registration/locked.html", context, status=429)
