from django.conf import settings
from django.utils import translation


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
