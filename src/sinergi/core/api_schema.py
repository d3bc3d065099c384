"""The OpenAPI schema (drf-spectacular): only the versioned paths are documented (/api/ is an
alias of them), token authentication is described, and every error answers the one shape of
core/api_errors.py. `sinergi spectacular --file docs/api/openapi.yaml` writes it; `make check`
fails when the committed file differs from what the code generates."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

VERSIONED = "/api/v1/"


def versioned_only(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: leave out the unversioned alias (/api/<resource>/)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(VERSIONED)]


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "sinergi.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal API token: `Token <key>` (also `Bearer <key>` or DHIS2's "
                "`ApiToken <key>`). / Token API pribadi, dibuat di halaman Token API."
            ),
        }


ERROR = {
    "type": "object",
    "description": "Every failure: a stable code for programs, a message for people (in the "
    "request's language), and the problems by field. / Bentuk setiap galat.",
    "properties": {
        "code": {"type": "string", "example": "invalid"},
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "example": {"name": ["This field is required."]},
        },
    },
    "required": ["code", "message", "errors"],
}
NOUNS = {  # Indonesian summaries: the resource of each path
    "auth": "token API", "regions": "wilayah", "region-groups": "kelompok wilayah",
    "organizations": "lembaga", "programs": "program", "indicators": "indikator",
    "values": "nilai indikator", "meetings": "rapat", "follow-ups": "tindak lanjut",
}  # fmt: skip
VERBS = {  # (method, one record?) → Indonesian verb
    ("get", False): "Daftar", ("get", True): "Rincian", ("post", False): "Tambah",
    ("put", True): "Ubah", ("patch", True): "Ubah sebagian", ("delete", True): "Hapus",
}  # fmt: skip


def summary_of(path: str, method: str) -> str | None:
    parts = path.removeprefix(VERSIONED).strip("/").split("/")
    noun = NOUNS.get(parts[0])
    if noun is None:
        return None
    if parts[-1] == "rollup":
        return "Rekap indikator per wilayah (dilaporkan, dihitung, sebagian)"
    if parts[0] == "auth":
        return "Buat token API dengan nama pengguna dan kata sandi"
    if parts[0] == "values" and method == "post":
        return "Simpan banyak nilai sekaligus (semua atau tidak sama sekali)"
    verb = VERBS.get((method, len(parts) > 1))
    return f"{verb} {noun}" if verb else None


def errors_and_summaries(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error shape as the `default` answer of every
    operation, and an Indonesian summary above each English description."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            summary = summary_of(path, method)
            if summary and "summary" not in operation:
                operation["summary"] = summary
            operation.setdefault("responses", {}).setdefault(
                "default",
                {
                    "description": "Any failure (400, 401, 403, 404, 405, 415, 429, 500), in the "
                    "one error shape",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            )
    return result
