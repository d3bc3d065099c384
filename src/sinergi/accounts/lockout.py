"""The address a sign-in attempt is counted against (django-axes' AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


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
