"""DHIS2's Web API endpoints (see docs/dhis2.md). Thin: the work is in exchange.py and
metadata.py. Clients sign in as DHIS2 clients do (HTTP Basic) or with the project's API
authentication (session, tokens); everything reads and writes through the permission gate."""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import parsers, permissions
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import ParseError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

import sinergi
from sinergi.core.models import Job, current_change_reason
from sinergi.core.parsers import LimitedJSONParser
from sinergi.core.permissions import VIEW, roles_of
from sinergi.indicators.dhis2 import adx, exchange, metadata
from sinergi.indicators.dhis2.tasks import KIND, run_dhis2_import
from sinergi.indicators.dhis2.uids import job_pk, job_uid, region_uid, uid
from sinergi.regions import boundaries

MAX_BODY_BYTES = 30 * 1024 * 1024  # a data value set of 100,000 values in JSON is about 15 MB
DHIS2_VERSION = "2.39.0"  # the DHIS2 Web API behaviour Sinergi follows (docs/dhis2.md)
TASK = "DATAVALUE_IMPORT"
SCHEME_PARAMS = ("idScheme", "dataElementIdScheme", "orgUnitIdScheme")


class CSVParser(parsers.BaseParser):
    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return stream.read().decode("utf-8") if stream else ""
        except UnicodeDecodeError as error:
            raise ParseError(_("The CSV body must be UTF-8 text.")) from error


class ApplicationCSVParser(CSVParser):
    media_type = "application/csv"


class ADXParser(parsers.BaseParser):
    media_type = "application/adx+xml"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read() if stream else b""


def message(status: int, text: str, **extra) -> Response:
    """DHIS2's web message."""
    names = {
        200: "OK",
        201: "Created",
        400: "Bad Request",
        404: "Not Found",
        409: "Conflict",
        413: "Payload Too Large",
    }
    body = {
        "httpStatus": names.get(status, str(status)),
        "httpStatusCode": status,
        "status": "OK" if status < 300 else "ERROR",
        "message": text,
        **extra,
    }
    return Response(body, status=status)


class BasicAuth(BasicAuthentication):
    """DRF's HTTP Basic, handing Django's own request to `authenticate()`: the sign-in
    signals (lockout, the audit event of a failed sign-in) read `request.user`, which on DRF's
    request would start authentication again (endless recursion)."""

    def authenticate_credentials(self, userid, password, request=None):
        return super().authenticate_credentials(
            userid, password, getattr(request, "_request", request)
        )


class DHIS2View(APIView):
    """HTTP Basic first (a client without credentials gets 401 with WWW-Authenticate, as from
    DHIS2), then the project's own authentication classes."""

    renderer_classes = [JSONRenderer]
    parser_classes = [LimitedJSONParser, CSVParser, ApplicationCSVParser, ADXParser]
    permission_classes = [permissions.IsAuthenticated]

    def get_authenticators(self):
        return [BasicAuth(), *(c() for c in api_settings.DEFAULT_AUTHENTICATION_CLASSES)]

    def perform_content_negotiation(self, request, force=False):
        # CSV and ADX answers are written by the views; anything else is JSON, whatever the
        # Accept header says (DHIS2 clients send application/csv or application/adx+xml).
        return super().perform_content_negotiation(request, force=True)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            for value in [name, *values]:
                exchange.refuse_nul(value)

    def handle_exception(self, exc):
        if isinstance(exc, exchange.PayloadError | metadata.QueryError):
            return message(409, str(exc))
        return super().handle_exception(exc)


def body_rows(request) -> tuple[list, str]:
    """The rows of a POSTed payload and its kind ("json" or "csv")."""
    content = request.content_type.split(";")[0].strip().lower()
    if content in ("text/csv", "application/csv"):
        header = request.query_params.get("firstRowIsHeader", "true").lower() != "false"
        return exchange.rows_from_csv(request.data, header=header), "csv"
    if content == "application/adx+xml":
        return adx.rows_from_adx(request.data), "adx"
    if content != "application/json":
        raise exchange.PayloadError(
            _("Send the data value set as application/json, application/csv or "
              "application/adx+xml (Content-Type).")
        )  # fmt: skip
    return exchange.rows_from_json(request.data), "json"


class DataValueSetView(DHIS2View):
    """GET: the values the user may see, as JSON or CSV; POST: import a data value set."""

    def get(self, request, suffix="json"):
        options = exchange.options_from(request.query_params)
        as_adx = "adx" in request.headers.get("Accept", "")
        if as_adx and not any(name in request.query_params for name in SCHEME_PARAMS):
            options.id_scheme = "CODE"  # as DHIS2: ADX speaks codes unless told otherwise
        values = exchange.export_values(request.user, request.query_params, options)
        rows = [exchange.as_dhis2(value, options) for value in values]
        if as_adx:
            return HttpResponse(adx.adx_text(rows), content_type="application/adx+xml")
        if suffix == "csv" or "csv" in request.headers.get("Accept", ""):
            return HttpResponse(exchange.csv_text(rows), content_type="application/csv")
        return Response({"dataValues": rows})

    def post(self, request, suffix="json"):
        options = exchange.options_from(request.query_params)
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > MAX_BODY_BYTES:
            return message(
                413,
                _("The body is larger than %(mb)s MB; send the data values in parts.")
                % {"mb": MAX_BODY_BYTES // (1024 * 1024)},
            )
        rows, kind = body_rows(request)
        if kind == "adx" and not any(name in request.query_params for name in SCHEME_PARAMS):
            options.id_scheme = "CODE"  # as DHIS2: ADX speaks codes unless told otherwise
        if exchange.truthy(request.query_params.get("async", "false")):
            return self.queue(request, kind, options.id_scheme)
        summary = exchange.import_rows(rows, options, request.user).as_json()
        return Response(summary, status=summary["httpStatusCode"])

    def queue(self, request, kind: str, id_scheme: str) -> Response:
        folder = Path(settings.MEDIA_ROOT) / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"dhis2-{uuid.uuid4().hex}.{kind}"
        body = {"csv": lambda: request.data.encode(), "adx": lambda: request.data,
                "json": lambda: json.dumps(request.data).encode()}[kind]()  # fmt: skip
        path.write_bytes(body)
        job = Job.objects.create(
            kind=KIND,
            created_by=request.user,
            file_name=f"dataValueSets.{kind}",
            path=str(path),
            result={
                "reason": current_change_reason(),  # the token's name, for the history rows
                "params": {
                    "idScheme": id_scheme,
                    **{k: v for k, v in request.query_params.items() if k != "async"},
                },
            },
        )
        run_dhis2_import(job.pk)
        task = job_uid(job.pk)
        return message(
            200,
            _("Initiated %(task)s") % {"task": TASK},
            response={
                "name": TASK,
                "id": task,
                "created": exchange.stamp(job.created_at),
                "jobType": TASK,
                "relativeNotifierEndpoint": f"/api/system/tasks/{TASK}/{task}",
            },
        )


def own_job(request, task_id: str) -> Job | None:
    pk = job_pk(task_id)
    if pk is None:
        return None
    return Job.objects.restrict(request.user, VIEW).filter(pk=pk, kind=KIND).first()


class TaskView(DHIS2View):
    """DHIS2's notifications of a queued import: newest first, `completed` on the last."""

    def get(self, request, task_type, task_id):
        job = own_job(request, task_id)
        if job is None or task_type != TASK:
            return message(404, _("No such task."))
        done = job.finished
        text = {
            "created": _("Import queued"),
            "running": _("Importing data values"),
            "completed": _("Import done"),
            "failed": job.message or _("Import failed"),
        }[job.status]
        return Response(
            [
                {
                    "uid": task_id,
                    "level": "ERROR" if job.status == "failed" else "INFO",
                    "category": TASK,
                    "time": exchange.stamp(job.finished_at or job.created_at),
                    "message": text,
                    "completed": done,
                }
            ]
        )


class TaskSummaryView(DHIS2View):
    """The import summary of a finished queued import (as DHIS2's taskSummaries)."""

    def get(self, request, task_type, task_id):
        job = own_job(request, task_id)
        if job is None or task_type != TASK:
            return message(404, _("No such task."))
        summary = (job.result or {}).get("summary")
        if not job.finished:
            return Response({})
        if summary is None:
            return message(409, job.message or _("Import failed"))
        return Response(summary["response"])


class DataValueView(DHIS2View):
    """One value: GET, POST (create or update) and DELETE with de, pe, ou (co optional)."""

    parser_classes = [LimitedJSONParser, parsers.FormParser, parsers.MultiPartParser]

    def row(self, request) -> exchange.Row:
        params = {**request.query_params.dict()}
        if isinstance(request.data, dict):
            params.update({k: v for k, v in request.data.items() if isinstance(v, str | int)})
            long_names = {
                "dataElement": "de",
                "period": "pe",
                "orgUnit": "ou",
                "categoryOptionCombo": "co",
                "attributeOptionCombo": "cc",
            }
            for long, short in long_names.items():
                if long in params:
                    params[short] = str(params[long])
        for value in params.values():
            exchange.refuse_nul(str(value))
        return exchange.Row(
            index=0,
            data_element=str(params.get("de", "")).strip(),
            period=str(params.get("pe", "")).strip(),
            org_unit=str(params.get("ou", "")).strip(),
            category_option_combo=str(params.get("co", "")).strip(),
            value=str(params.get("value", "")).strip(),
            comment=str(params.get("comment", "")).strip(),
        )

    def write(self, request, strategy: str):
        options = exchange.options_from(request.query_params)
        options.strategy = strategy
        row = self.row(request)
        if strategy == "DELETE":
            row.value = ""
        elif row.value == "":
            return message(
                409,
                _("Data value or comment not specified for data element: `%(de)s`")
                % {"de": row.data_element},
            )
        summary = exchange.import_rows([row], options, request.user)
        if summary.conflicts:
            return message(
                409, summary.conflicts[0]["value"], errorCode=summary.conflicts[0]["errorCode"]
            )
        if strategy == "DELETE" and not summary.deleted:
            return message(409, _("Data value cannot be deleted because it does not exist"))
        return Response(status=204 if strategy == "DELETE" else 201)

    def get(self, request):
        options = exchange.options_from(request.query_params)
        row = self.row(request)
        resolver = exchange.Resolver(options)
        indicator = resolver.indicator(row.data_element)
        found = None
        if indicator is not None:
            found = (
                exchange.visible_values(request.user)
                .filter(
                    indicator=indicator,
                    period=row.period.strip(),
                    region_id=resolver.region_code(row.org_unit),
                )
                .first()
            )
        if found is None:
            return message(404, _("Data value does not exist."))
        return Response([exchange.value_text(indicator, found.value)])

    def post(self, request):
        return self.write(request, "CREATE_AND_UPDATE")

    def put(self, request):
        return self.write(request, "CREATE_AND_UPDATE")

    def delete(self, request):
        return self.write(request, "DELETE")


class OrganisationUnitsView(DHIS2View):
    def get(self, request, ident=None):
        return collection_answer(
            request,
            metadata.ORG_UNITS,
            metadata.org_units(request.user),
            metadata.org_unit,
            ident,
            "code",
            metadata.ou_id,
        )


class DataElementsView(DHIS2View):
    def get(self, request, ident=None):
        return collection_answer(
            request,
            metadata.DATA_ELEMENTS,
            metadata.data_elements(request.user),
            metadata.data_element,
            ident,
            "code",
            metadata.de_id,
        )


class DataSetsView(DHIS2View):
    """Themes as DHIS2 data sets (what `dataSet=` selects in /api/dataValueSets)."""

    def get(self, request, ident=None):
        return collection_answer(
            request,
            metadata.data_sets_resource(),
            metadata.data_sets(request.user),
            metadata.data_set,
            ident,
            "code",
            metadata.ds_id,
        )


def collection_answer(request, resource, queryset, represent, ident, key, to_key):
    path = request.path
    if ident is None:
        return Response(
            metadata.collection(resource, queryset, request.query_params, path, represent)
        )
    obj = queryset.filter(**{key: to_key(ident)}).first()
    if obj is None:
        return message(404, _("Object not found: `%(id)s`") % {"id": ident})
    fields = metadata.field_list(request.query_params.get("fields", ""), ("*",))
    return Response(metadata.pick(represent(obj), fields))


class OrganisationUnitsGeoJSONView(DHIS2View):
    """Shapes of the kab/kota (level 2) and kecamatan (level 3) the user may see, from the maps'
    boundary files: /api/organisationUnits.geojson?level=2[&parent=<uid>]."""

    def get(self, request):
        units = metadata.org_units(request.user)
        levels = [
            metadata.ou_level(level) for level in exchange.listed(request.query_params, "level")
        ]
        levels = levels or ["regency"]
        parents = [metadata.ou_id(p) for p in exchange.listed(request.query_params, "parent")]
        allowed = {r.code: r for r in units.filter(level__in=levels)}
        features = []
        for level in levels:
            if not boundaries.has_boundaries(level):
                continue
            for feature in boundaries.features(level):
                code = feature["properties"]["code"]
                if code not in allowed or (
                    parents and not any(code.startswith(p + ".") for p in parents)
                ):
                    continue
                region = allowed[code]
                features.append(
                    {
                        "type": "Feature",
                        "id": region_uid(code),
                        "geometry": feature["geometry"],
                        "properties": {
                            "code": code,
                            "name": region.full_name,
                            "level": metadata.LEVEL_NUMBER[region.level],
                            "parent": region_uid(region.parent_id) if region.parent_id else None,
                        },
                    }
                )
        return HttpResponse(
            json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
            content_type="application/geo+json",
        )


class MeView(DHIS2View):
    def get(self, request):
        user = request.user
        roles = roles_of(user)
        writes = sorted({code for role, code, _org in roles if role in ("admin", "operator")})
        if user.is_superuser:
            writes = sorted(
                {
                    *writes,
                    *metadata.org_units(user)
                    .filter(level="province")
                    .values_list("code", flat=True),
                }
            )
        reads = sorted({*writes, *(code for _role, code, _org in roles)})
        authorities = set()
        for role, _code, _org in roles:
            authorities |= {
                "admin": {"ALL"},
                "coordinator": {"F_APPROVE_DATA", "F_VIEW_DATA"},
                "operator": {"F_DATAVALUE_ADD", "F_DATAVALUE_DELETE", "F_VIEW_DATA"},
                "viewer": {"F_VIEW_DATA"},
            }[role]
        if user.is_superuser:
            authorities.add("ALL")
        return Response(
            {
                "id": uid("us", user.get_username()),
                "username": user.get_username(),
                "firstName": user.first_name,
                "surname": user.last_name,
                "displayName": user.get_full_name() or user.get_username(),
                "name": user.get_full_name() or user.get_username(),
                "email": user.email,
                "organisationUnits": [{"id": region_uid(c), "code": c} for c in writes],
                "dataViewOrganisationUnits": [{"id": region_uid(c), "code": c} for c in reads],
                "userRoles": [
                    {"id": uid("ur", role), "name": role}
                    for role in sorted({r for r, _c, _o in roles})
                ],
                "authorities": sorted(authorities),
                "settings": {"keyUiLocale": request.LANGUAGE_CODE},
            }
        )


class SystemInfoView(DHIS2View):
    def get(self, request):
        now = timezone.now()
        return Response(
            {
                "contextPath": request.build_absolute_uri("/").rstrip("/"),
                "version": DHIS2_VERSION,
                "revision": "sinergi",
                "systemName": "Sinergi",
                "sinergiVersion": getattr(sinergi, "__version__", ""),
                "serverDate": exchange.stamp(now),
                "serverTimeZoneId": settings.TIME_ZONE,
                "calendar": "iso8601",
                "dateFormat": "yyyy-mm-dd",
            }
        )
