"""One shape for every failure of the API, in the request's language:

    {"code": "invalid", "message": "…", "errors": {"field": ["…"], "values.0.region": ["…"]}}

`code` is stable and meant for programs (DRF's codes: invalid, parse_error, not_authenticated,
authentication_failed, permission_denied, not_found, method_not_allowed, unsupported_media_type,
throttled…, and not_found/server_error/bad_request for failures outside a view); `message` is for
people; `errors` names each field with its problems (empty when the failure is not about fields).
`exception_handler` is DRF's EXCEPTION_HANDLER; `error_response` also serves the JSON 400, 403,
404 and 500 answers of core/errors.py for paths under /api/.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def error_body(code: str, message: str, errors: dict | None = None, **extra) -> dict:
    return {"code": code, "message": str(message), "errors": errors or {}, **extra}


def error_response(status: int, code: str, message: str, **extra) -> JsonResponse:
    """For failures outside DRF's views (unknown /api/ address, server error)."""
    return JsonResponse(error_body(code, message, **extra), status=status)


def field_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail flattened to {"field": [...], "values.0.region": [...]}."""
    if isinstance(detail, dict):
        flat = {}
        for name, value in detail.items():
            flat.update(field_errors(value, f"{prefix}{name}."))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:  # a list of items: only those with problems
                flat.update(field_errors(item, f"{prefix}{index}."))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip(".") or NON_FIELD: [str(message) for message in messages]}


def first_code(exc) -> str:
    codes = exc.get_codes()
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) and codes else exc.default_code


def exception_handler(exc, context):
    """DRF's handler (which also turns Django's Http404 and PermissionDenied into answers), with
    its body rewritten into the one shape. An exception it does not know stays unhandled and
    becomes the JSON 500 of core/errors.py."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            "invalid",
            _("The request has errors: see each field's messages under “errors”."),
            field_errors(exc.detail),
        )
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(detail, dict | list):  # a refusal that names fields
            body = error_body(first_code(exc), exc.default_detail, field_errors(detail))
        else:
            body = error_body(first_code(exc), detail)
    else:  # Django's Http404 / PermissionDenied, translated by DRF's handler
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        code = "not_found" if response.status_code == 404 else "permission_denied"
        body = error_body(code, detail)
    response.data = body
    return response
