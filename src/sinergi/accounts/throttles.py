"""API rate limits (DRF throttles; rates in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]):
one budget per token (a user's tokens and session each count apart), one per anonymous address
(the same address the sign-in lockout counts, behind SINERGI_PROXY_COUNT trusted proxies)."""

from rest_framework.throttling import SimpleRateThrottle

from sinergi.accounts.lockout import client_address
from sinergi.accounts.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonAddressRateThrottle(SimpleRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        ident = client_address(request._request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
