import logging
import re
import time
import uuid

from django.conf import settings
from django.utils import translation

from sinergi.core import logs

SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
request_log = logging.getLogger("sinergi.request")


class LanguageMiddleware:
    """Bahasa Indonesia unless the user chose another language with the switch (cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: offices in NTB
    often run English-language browsers, and the product's default language is Indonesian.
    Under /api/ a program that sends no cookie chooses with Accept-Language (a script's header
    is a choice, not a browser default); Indonesian otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen is None and request.path.startswith("/api/"):
            chosen = self.accepted(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    def accepted(self, header: str) -> str | None:
        """The first language of an Accept-Language header that Sinergi speaks ("en-US" is en)."""
        for part in header.split(","):
            code = part.split(";")[0].strip().lower().split("-")[0]
            if code in self.available:
                return code
        return None


class RequestIdMiddleware:
    """Gives every request an id: the proxy's X-Request-ID when it sends a sane one (nginx's
    $request_id), else a new one. It is on every log line of the request, in the X-Request-ID
    response header, and in one `sinergi.request` line per request (method, path, status, time)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = rid
        token = logs.request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            logs.request_id.reset(token)
