"""Every URL pattern of the project, walked as every persona, with objects in and out of scope.

Each pattern (pages, exports, PDFs, the API and its format suffixes, history, approvals, jobs,
evidence files, Django's admin) has a declared case below: how to fill its arguments with an
object of each place, and the status each persona must get (200, 302 to sign in, 403, 404, 405;
never 500). Every text answer is searched for the secrets of the places the persona may not see;
write endpoints are also POSTed to, and a refused write must leave every table as it was; the
import page is driven end to end (upload, confirm) for values, programs and activities.
A pattern without a declared case fails `test_every_url_pattern_has_a_declared_case`.

Places: "lotim" (TP PKK Kab. Lombok Timur, 52.03, the operator's own organisation), "other"
(another organisation in 52.03) and "lobar" (TP PKK Kab. Lombok Barat, 52.01).
"""

import dataclasses
import datetime
import json
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve

PERSONAS = ["anonymous", "norole", "viewer.lobar", "operator.lotim", "koordinator.ntb", "admin"]
PLACES = ["lotim", "other", "lobar"]
ALL = set(PLACES)
SEES = {
    "anonymous": set(),
    "norole": set(),
    "viewer.lobar": {"lobar"},
    "operator.lotim": {"lotim", "other"},
    "koordinator.ntb": ALL,
    "admin": ALL,
}
WRITES = {"operator.lotim": {"lotim"}, "admin": ALL}  # everyone else writes nowhere
APPROVES = {"koordinator.ntb": ALL, "admin": ALL}
REGION = {"lotim": "52.03", "other": "52.03", "lobar": "52.01"}
VILLAGE = {"lotim": "52.03.05.2001", "other": "52.03.05.2002", "lobar": "52.01.01.2002"}
JOB_OWNER = {"lotim": "operator.lotim", "other": "koordinator.ntb", "lobar": "viewer.lobar"}
BY_REGION = ("lotim", "lobar")  # for pages of a region: "other" shares Lombok Timur
LOGIN = "/accounts/login/"
PEERS = {"lotim": "other", "other": "lotim", "lobar": "lotim"}  # lobar/lotim share no area


def secret(place: str) -> str:
    """Marks every private record of a place; it must never reach a persona outside it."""
    return f"Rahasia-{place}"


# ----------------------------------------------------------------- expected statuses


def public(persona, place):
    return 200


def signed_in(persona, place):
    return 302 if persona == "anonymous" else 200


def view(persona, place):
    return 200 if place in SEES[persona] else 404


def signed_in_view(persona, place):
    return 302 if persona == "anonymous" else view(persona, place)


def change(persona, place):
    return 302 if persona == "anonymous" else 200 if place in WRITES.get(persona, ()) else 404


def adder(persona, place):
    """Pages to add a record: offered to roles that may add somewhere, refused (403) to others."""
    if persona == "anonymous":
        return 302
    return 200 if persona in WRITES else 403


def in_region(persona, place):
    """May write records that have a region but no organisation (values, text imports)."""
    return persona == "admin" or (persona == "operator.lotim" and place != "lobar")


def child_adder(persona, place):
    """Adding to a program: a program the user cannot see answers 404 before anything else."""
    return adder(persona, place) if place in SEES[persona] else 404


GROUP_WRITERS = ("koordinator.ntb", "admin")  # region groups: coordinators and administrators


def importer(persona, place):
    """The import pages: for operators (values, records) and coordinators (region groups)."""
    if persona == "anonymous":
        return 302
    return 200 if persona in WRITES or persona in GROUP_WRITERS else 403


def group_adder(persona, place):
    if persona == "anonymous":
        return 302
    return 200 if persona in GROUP_WRITERS else 403


def group_change(persona, place):
    if persona == "anonymous":
        return 302
    return 200 if persona in GROUP_WRITERS else 404


def group_writes(persona, place):
    return persona in GROUP_WRITERS


def admin_only(persona, place):
    return {"anonymous": 302, "admin": 200}.get(persona, 403)


def post_only(persona, place):
    return 405


def job(persona, place):
    if persona == "anonymous":
        return 302
    return 200 if persona in (JOB_OWNER[place], "admin") else 404


def fixed(status: int) -> Callable:
    return lambda persona, place: status


@dataclass
class Case:
    """`url`: a format string filled from the place's objects ({program}, {region}…); without a
    placeholder the URL is walked once (place None). `get`: persona, place → status.
    `post`: place → form data (or JSON for the API, with `method`), POSTed by every persona;
    `writes`: persona, place → may it change anything (a refusal must change nothing)."""

    url: str
    get: Callable = public
    sign_in: bool = True  # a visitor's 302 leads to the sign-in page
    post: Callable | None = None
    method: str = "post"
    writes: Callable = lambda persona, place: place in WRITES.get(persona, ())  # noqa: E731
    places: tuple = ()

    def __post_init__(self):
        if not self.places:
            self.places = tuple(PLACES) if "{" in self.url else (None,)


def api_view(persona, place):
    """DHIS2's endpoints: a client without credentials gets 401 (HTTP Basic), as from DHIS2."""
    return 401 if persona == "anonymous" else view(persona, place)


def api_signed_in(persona, place):
    return 401 if persona == "anonymous" else 200


def api_job(persona, place):
    return 401 if persona == "anonymous" else job(persona, place)


def dhis2_post(place):
    return {"dataValues": [{"dataElement": "destana_level", "period": "2023",
                            "orgUnit": VILLAGE[place], "value": "2"}]}  # fmt: skip


DHIS2_SET = "idScheme=code&dataElement=destana_level&period=2023&orgUnit={village}"


def values_post(place):
    return {"indicator": "destana_level", "period": "2023",
            "values": [{"region": VILLAGE[place], "value": "Madya"}]}  # fmt: skip


def meeting_post(place, follow_up=False):
    """The meeting form: a meeting organised by the place's organisation in its region, with a
    follow-up for that organisation (or no rows: an edit leaves the stored ones alone)."""
    data = {"meeting-title": f"Rapat baru {place}", "meeting-date": "2024-05-02",
            "meeting-region": REGION[place], "meeting-organiser": "{org_pk}"}  # fmt: skip
    for part in ("participants", "agreements", "followups"):
        data[f"{part}-TOTAL_FORMS"] = "1" if follow_up and part == "followups" else "0"
        data[f"{part}-INITIAL_FORMS"] = "0"
    if follow_up:
        data.update({"followups-0-what": "Tindak lanjut baru", "followups-0-status": "open",
                     "followups-0-responsible_organization": "{org_pk}"})  # fmt: skip
    return data


CASES = {
    # dashboards
    "": Case("/"),
    "regions/<str:code>/profile/": Case("/regions/{region}/profile/", places=BY_REGION),
    "reports/region/<str:code>.pdf": Case("/reports/region/{region}.pdf", places=BY_REGION),
    "reports/program/<int:pk>.pdf": Case("/reports/program/{program}.pdf", view),
    # convergence: published figures for everyone, programs through the gate
    "convergence/": Case(
        "/convergence/?region={region}&year=2024&indicator=destana_formed", places=BY_REGION
    ),
    "convergence/areas.json": Case(
        "/convergence/areas.json?region={region}&year=2024&indicator=destana_formed",
        places=BY_REGION,
    ),
    # regions
    "regions/": Case("/regions/?q=Lombok"),
    # search as you type: suggestions through the gate (every place's person is "Rahasia-…")
    "search/organisations/": Case("/search/organisations/?q=Lombok"),
    "search/regions/": Case("/search/regions/?q=Lombok%20Timur"),
    "search/people/": Case("/search/people/?q=Rahasia"),
    "regions/boundaries/<slug:level>.geojson": Case(
        "/regions/boundaries/district.geojson?within=52.03"
    ),
    "regions/<str:code>/": Case("/regions/{region}/", places=BY_REGION),
    "regions/groups/": Case("/regions/groups/?year=2024"),
    "regions/groups/add/": Case(
        "/regions/groups/add/",
        group_adder,
        post=lambda place: {
            "name": f"Kelompok baru {place}",
            "year": 2025,
            "purpose": "other",
            "owner_region": REGION[place],
            "regions": REGION[place],
        },
        writes=group_writes,
        places=tuple(PLACES),
    ),  # fmt: skip
    "regions/groups/<int:pk>/": Case("/regions/groups/{group}/"),
    "regions/groups/<int:pk>/edit/": Case(
        "/regions/groups/{group}/edit/",
        group_change,
        post=lambda place: {
            "name": f"Diubah {place}",
            "year": 2024,
            "purpose": "other",
            "owner_region": REGION[place],
            "regions": VILLAGE[place],
        },
        writes=group_writes,
    ),  # fmt: skip
    "regions/groups/<int:pk>/delete/": Case(
        "/regions/groups/{group}/delete/", group_change, post=lambda place: {}, writes=group_writes
    ),
    # organisations
    "organizations/": Case("/organizations/?q=Lombok"),
    "organizations/add/": Case(
        "/organizations/add/",
        admin_only,  # an operator bound to an organisation adds none
        post=lambda place: {"name": "Lembaga baru", "org_type": "ngo", "home_region": "52.03"},
        writes=lambda persona, place: persona == "admin",
    ),
    "organizations/<slug:slug>/": Case("/organizations/{org}/"),
    "organizations/<slug:slug>/edit/": Case(
        "/organizations/{org}/edit/",
        change,
        post=lambda place: {
            "name": f"Diubah {place}",
            "org_type": "tp_pkk",
            "home_region": REGION[place],
        },
    ),  # fmt: skip
    "organizations/<slug:slug>/positions/add/": Case(
        "/organizations/{org}/positions/add/",
        change,
        post=lambda place: {"title": "Sekretaris", "person_name": f"Orang {place}"},
    ),
    # programs
    "programs/": Case("/programs/?fiscal_year=2024"),
    "programs/add/": Case(
        "/programs/add/",
        adder,
        post=lambda place: {
            "name": "Program baru",
            "fiscal_year": 2024,
            "status": "planned",
            "owner": "{org_pk}",
            "focus_regions": REGION[place],
        },
        places=tuple(PLACES),
    ),  # fmt: skip
    "programs/5w/": Case("/programs/5w/?year=2024"),
    "programs/suggestions/": Case("/programs/suggestions/?year=2024&region={region}"),
    "programs/suggestions/accept/": Case(
        "/programs/suggestions/accept/",
        post_only,
        post=lambda place: {"program": "{program}", "other": "{peer}", "role": "funder"},
        # The peer's owner joins the program: operator.lotim may add only its own organisation
        # (TP PKK Lombok Timur, the owner of "lotim"), so only to the "other" program.
        writes=lambda persona, place: (
            place != "lobar"
            and (persona == "admin" or (persona, place) == ("operator.lotim", "other"))
        ),
        places=tuple(PLACES),
    ),
    "programs/suggestions/dismiss/": Case(
        "/programs/suggestions/dismiss/",
        post_only,
        post=lambda place: {"program": "{program}", "other": "{peer}"},
        writes=lambda persona, place: place != "lobar" and persona in ("admin", "operator.lotim"),
        places=tuple(PLACES),
    ),
    "programs/5w/map/": Case("/programs/5w/map/?year=2024&theme=penanggulangan-bencana"),
    "programs/5w/map.json": Case(
        "/programs/5w/map.json?year=2024",
        lambda persona, place: 403 if persona in ("anonymous", "norole") else 200,
        sign_in=False,
    ),
    "programs/<int:pk>/": Case("/programs/{program}/", view),
    "programs/<int:pk>/edit/": Case(
        "/programs/{program}/edit/",
        change,
        post=lambda place: {
            "name": f"Diubah {place}",
            "fiscal_year": 2024,
            "status": "ongoing",
            "owner": "{org_pk}",
        },
    ),  # fmt: skip
    "programs/<int:program_pk>/collaborations/add/": Case(
        "/programs/{program}/collaborations/add/",
        child_adder,
        post=lambda place: {"partner": "{org_pk}", "role": "funder", "status": "proposed"},
    ),
    "programs/collaborations/<int:pk>/edit/": Case(
        "/programs/collaborations/{collaboration}/edit/",
        change,
        post=lambda place: {"partner": "{org_pk}", "role": "funder", "status": "agreed"},
    ),
    "programs/<int:program_pk>/activities/add/": Case(
        "/programs/{program}/activities/add/",
        child_adder,
        post=lambda place: {
            "title": "Kegiatan baru",
            "status": "planned",
            "region": VILLAGE[place],
        },
    ),  # fmt: skip
    "programs/activities/<int:pk>/": Case("/programs/activities/{activity}/", view),
    "programs/activities/<int:pk>/edit/": Case(
        "/programs/activities/{activity}/edit/",
        change,
        post=lambda place: {"title": f"Diubah {place}", "status": "done", "region": VILLAGE[place]},
    ),  # fmt: skip
    # indicators, imports, data entry, approvals
    "indicators/": Case("/indicators/"),
    "indicators/region/<str:code>/cards/": Case(
        "/indicators/region/{region}/cards/", places=BY_REGION
    ),
    "indicators/import/": Case("/indicators/import/", importer),
    "indicators/import/template.xlsx": Case(
        "/indicators/import/template.xlsx?region=52.03&indicators=destana_formed&period=2023",
        importer,  # refused, with the reason, to those who may not import
    ),
    "indicators/import/records/<slug:what>.xlsx": Case(
        "/indicators/import/records/programs.xlsx", signed_in
    ),
    "indicators/import/jobs/<int:pk>/": Case("/indicators/import/jobs/{job}/", job),
    "indicators/import/jobs/<int:pk>/marked.xlsx": Case(
        "/indicators/import/jobs/{job}/marked.xlsx",
        lambda persona, place: 302 if persona == "anonymous" else 404,  # no problems to mark
    ),
    "indicators/import/<str:token>/marked.xlsx": Case(
        "/indicators/import/0123456789abcdef/marked.xlsx", signed_in_view
    ),
    "indicators/<slug:code>/": Case("/indicators/destana_formed/?region={region}&period=2023"),
    "indicators/<slug:code>/map/": Case(
        "/indicators/destana_formed/map/?region={region}&period=2023&outline=52.03",
        places=BY_REGION,
    ),
    "indicators/<slug:code>/map.json": Case(
        "/indicators/destana_formed/map.json?region={region}&period=2023", places=BY_REGION
    ),
    "indicators/<slug:code>/gaps/": Case(
        "/indicators/destana_formed/gaps/?region={region}&period=2023"
    ),
    "indicators/<slug:code>/entry/": Case(
        "/indicators/destana_level/entry/?region={district}&period=2023",
        lambda persona, place: (
            302
            if persona == "anonymous"
            else 200
            if persona == "admin" or (persona == "operator.lotim" and place != "lobar")
            else 403
        ),
        post=lambda place: {f"value_{VILLAGE[place]}": "3", f"orig_{VILLAGE[place]}": ""},
        writes=in_region,
    ),
    "indicators/<slug:code>/approvals/": Case(
        "/indicators/destana_formed/approvals/?region={region}&period=2023",
        signed_in_view,  # a region outside the user's view answers 404
        post=lambda place: {"action": "approve", "cell": f"{VILLAGE[place]}|2023"},
        writes=lambda persona, place: place in APPROVES.get(persona, ()),
    ),
    # meetings and follow-ups
    "meetings/": Case("/meetings/?year=2024"),
    "meetings/followups/": Case("/meetings/followups/"),
    "meetings/followups/<int:pk>/update/": Case(
        "/meetings/followups/{action_item}/update/",
        post_only,
        post=lambda place: {"status": "done", "note": "Sudah"},
    ),
    "meetings/followups/report/<slug:slug>.pdf": Case(
        "/meetings/followups/report/{org}.pdf", signed_in
    ),
    "meetings/evidence/<int:pk>/": Case("/meetings/evidence/{note}/", signed_in_view),
    "meetings/<int:pk>/": Case("/meetings/{meeting}/", view),
    "meetings/<int:pk>/notulen.pdf": Case("/meetings/{meeting}/notulen.pdf", signed_in_view),
    "meetings/add/": Case(
        "/meetings/add/",
        adder,
        post=lambda place: meeting_post(place, follow_up=True),
        places=tuple(PLACES),
    ),
    "meetings/<int:pk>/edit/": Case(
        "/meetings/{meeting}/edit/", change, post=lambda place: meeting_post(place)
    ),
    "meetings/<int:pk>/delete/": Case("/meetings/{meeting}/delete/", change, post=lambda place: {}),
    # text imports
    "text-imports/new/": Case(
        "/text-imports/new/",
        adder,
        post=lambda place: {
            "text": "Rapat koordinasi di Lombok pada 3 Februari 2023.",
            "region": REGION[place],
        },
        writes=in_region,
        places=tuple(PLACES),
    ),  # fmt: skip
    "text-imports/<int:pk>/": Case(
        "/text-imports/{draft}/",
        signed_in_view,
        post=lambda place: {"discard": "1"},
        writes=in_region,  # drafts belong to a region, not to an organisation
    ),
    # the REST API
    "api/": Case("/api/"),
    "api/<drf_format_suffix:format>": Case("/api/.json"),
    "api/v1/schema/": Case("/api/v1/schema/"),  # public: the gate decides what each answers
    "api/v1/docs/": Case("/api/v1/docs/"),
    "api/v1/redoc/": Case("/api/v1/redoc/"),
    "api/auth/token/": Case(
        "/api/auth/token/",
        fixed(405),
        post=lambda place: {"username": "", "password": ""},  # refused: no failure recorded
        writes=lambda persona, place: False,
    ),
    "api/^regions/$": Case("/api/regions/?code=52.03"),
    "api/^regions\\.(?P<format>[a-z0-9]+)/?$": Case("/api/regions.json?code=52.03"),
    "api/^regions/(?P<pk>[0-9.]+)/$": Case("/api/regions/{region}/", places=BY_REGION),
    "api/^regions/(?P<pk>[0-9.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/regions/{region}.json", places=BY_REGION
    ),
    "api/^region-groups/$": Case("/api/region-groups/?year=2024"),
    "api/^region-groups\\.(?P<format>[a-z0-9]+)/?$": Case("/api/region-groups.json?year=2024"),
    "api/^region-groups/(?P<pk>[^/.]+)/$": Case("/api/region-groups/{group}/"),
    "api/^region-groups/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/region-groups/{group}.json"
    ),
    "api/^organizations/$": Case(
        "/api/organizations/",
        post=lambda place: {"name": "Lembaga API", "org_type": "ngo", "home_region": "52.03"},
        writes=lambda persona, place: persona == "admin",
        places=tuple(PLACES),
    ),
    "api/^organizations\\.(?P<format>[a-z0-9]+)/?$": Case("/api/organizations.json"),
    "api/^organizations/(?P<slug>[^/.]+)/$": Case(
        "/api/organizations/{org}/",
        post=lambda place: {"acronym": "DIUBAH"},
        method="patch",
    ),
    "api/^organizations/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/organizations/{org}.json"
    ),
    "api/^programs/$": Case(
        "/api/programs/?fiscal_year=2024",
        post=lambda place: {
            "name": "Program API",
            "fiscal_year": 2024,
            "owner": "{org_pk}",
            "focus_regions": [REGION[place]],
        },
        places=tuple(PLACES),
    ),  # fmt: skip
    "api/^programs\\.(?P<format>[a-z0-9]+)/?$": Case("/api/programs.json?fiscal_year=2024"),
    "api/^programs/(?P<pk>[^/.]+)/$": Case(
        "/api/programs/{program}/", view, post=lambda place: {"name": "Diubah"}, method="patch"
    ),
    "api/^programs/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/programs/{program}.json", view
    ),
    "api/^indicators/$": Case("/api/indicators/"),
    "api/^indicators\\.(?P<format>[a-z0-9]+)/?$": Case("/api/indicators.json"),
    "api/^indicators/(?P<code>[^/.]+)/$": Case("/api/indicators/destana_formed/"),
    "api/^indicators/(?P<code>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/indicators/destana_formed.json"
    ),
    "api/^indicators/(?P<code>[^/.]+)/rollup/$": Case(
        "/api/indicators/destana_formed/rollup/?period=2023&region={region}"
    ),
    "api/^indicators/(?P<code>[^/.]+)/rollup\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/indicators/destana_formed/rollup.json?period=2023&region={region}"
    ),
    "api/^values/$": Case(
        "/api/values/?indicator=destana_formed",
        post=values_post,
        writes=in_region,  # values have no organisation
        places=tuple(PLACES),
    ),
    "api/^values\\.(?P<format>[a-z0-9]+)/?$": Case("/api/values.json?indicator=destana_formed"),
    "api/^values/(?P<pk>[^/.]+)/$": Case("/api/values/{value}/", view),
    "api/^values/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case("/api/values/{value}.json", view),
    "api/^meetings/$": Case("/api/meetings/"),
    "api/^meetings\\.(?P<format>[a-z0-9]+)/?$": Case("/api/meetings.json"),
    "api/^meetings/(?P<pk>[^/.]+)/$": Case("/api/meetings/{meeting}/", view),
    "api/^meetings/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/meetings/{meeting}.json", view
    ),
    "api/^follow-ups/$": Case("/api/follow-ups/"),
    "api/^follow-ups\\.(?P<format>[a-z0-9]+)/?$": Case("/api/follow-ups.json"),
    "api/^follow-ups/(?P<pk>[^/.]+)/$": Case(
        "/api/follow-ups/{action_item}/",
        view,
        post=lambda place: {"status": "done"},
        method="patch",
    ),
    "api/^follow-ups/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": Case(
        "/api/follow-ups/{action_item}.json", view
    ),
    # DHIS2-compatible exchange (docs/dhis2.md)
    "api/dataValueSets": Case(
        "/api/dataValueSets?" + DHIS2_SET,
        api_signed_in,
        sign_in=False,
        post=lambda place: dhis2_post(place),
        writes=in_region,
    ),
    "api/^dataValueSets\\.(?P<suffix>json|csv)$": Case(
        "/api/dataValueSets.csv?" + DHIS2_SET,
        api_signed_in,
        sign_in=False,
        post=lambda place: dhis2_post(place),
        writes=in_region,
    ),
    "api/^dataValues(?:\\.json)?$": Case(
        "/api/dataValues?idScheme=code&de=destana_level&pe=2023&ou={village}",
        api_view,
        sign_in=False,
        post=lambda place: {
            "de": "destana_level",
            "pe": "2023",
            "ou": VILLAGE[place],
            "value": "3",
        },  # fmt: skip
        writes=in_region,
    ),
    "api/^organisationUnits(?:\\.json)?$": Case(
        "/api/organisationUnits.json?filter=code:eq:{region}&fields=*",
        api_signed_in,
        sign_in=False,
    ),  # fmt: skip
    "api/organisationUnits.geojson": Case(
        "/api/organisationUnits.geojson?level=3", api_signed_in, sign_in=False
    ),
    "api/^organisationUnits/(?P<ident>[A-Za-z0-9.]+?)(?:\\.json)?$": Case(
        "/api/organisationUnits/{region_uid}", api_signed_in, sign_in=False, places=BY_REGION
    ),
    "api/^dataElements(?:\\.json)?$": Case(
        "/api/dataElements?filter=code:eq:destana_formed", api_signed_in, sign_in=False
    ),
    "api/^dataElements/(?P<ident>[A-Za-z0-9]+)(?:\\.json)?$": Case(
        "/api/dataElements/{indicator_uid}.json", api_signed_in, sign_in=False, places=("lotim",)
    ),
    "api/^dataSets(?:\\.json)?$": Case(
        "/api/dataSets?fields=id,code,dataSetElements[dataElement[id]]",
        api_signed_in,
        sign_in=False,
    ),  # fmt: skip
    "api/^dataSets/(?P<ident>[A-Za-z0-9]+)(?:\\.json)?$": Case(
        "/api/dataSets/{data_set_uid}", api_signed_in, sign_in=False, places=("lotim",)
    ),
    "api/^me(?:\\.json)?$": Case("/api/me", api_signed_in, sign_in=False),
    "api/^system/info(?:\\.json)?$": Case("/api/system/info", api_signed_in, sign_in=False),
    "api/system/tasks/<str:task_type>/<str:task_id>": Case(
        "/api/system/tasks/DATAVALUE_IMPORT/{dhis2_task}", api_job, sign_in=False
    ),
    "api/system/taskSummaries/<str:task_type>/<str:task_id>": Case(
        "/api/system/taskSummaries/DATAVALUE_IMPORT/{dhis2_task}", api_job, sign_in=False
    ),
    # accounts, roles, history, language
    "accounts/login/": Case("/accounts/login/"),
    "accounts/logout/": Case("/accounts/logout/", fixed(405)),
    "accounts/roles/": Case(
        "/accounts/roles/",
        lambda persona, place: {"anonymous": 302, "koordinator.ntb": 200, "admin": 200}.get(
            persona, 403
        ),
        post=lambda place: {"username": "norole", "role": "viewer", "region": REGION[place]},
        writes=lambda persona, place: persona in ("koordinator.ntb", "admin"),
        places=tuple(PLACES),
    ),
    "accounts/roles/<int:pk>/remove/": Case(
        "/accounts/roles/{role}/remove/",
        post_only,
        post=lambda place: {},
        writes=lambda persona, place: persona in ("koordinator.ntb", "admin"),
    ),
    "accounts/tokens/": Case(
        "/accounts/tokens/",
        signed_in,
        post=lambda place: {"name": "Skrip"},
        writes=lambda persona, place: persona != "anonymous",  # each user's own tokens
    ),
    "accounts/tokens/<int:pk>/revoke/": Case(
        "/accounts/tokens/{token}/revoke/",
        post_only,
        post=lambda place: {},
        writes=lambda persona, place: persona == JOB_OWNER[place],  # only its owner revokes it
    ),
    "history/": Case("/history/", admin_only),
    "history/<str:label>/<str:pk>/": Case("/history/programs.program/{program}/", signed_in_view),
    "history/<str:label>/<str:pk>/restore/<int:history_id>/": Case(
        "/history/programs.program/{program}/restore/{program_history}/",
        post_only,
        post=lambda place: {},
        writes=lambda persona, place: persona == "admin",
    ),
    "i18n/setlang/": Case("/i18n/setlang/", fixed(302), sign_in=False),  # back to the page
    "health/": Case("/health/"),  # what works, never why not (figures for staff only)
}


def versioned(cases: dict) -> dict:
    """/api/v1/ is the API's versioned root and /api/ an alias of it: each endpoint served under
    both is walked under both (endpoints only under /api/, like DHIS2's, are not doubled)."""
    routes = set(url_patterns())
    doubled = {}
    for key, case in cases.items():
        key_v1 = "api/v1/" + key.removeprefix("api/")
        if key.startswith("api/") and key_v1 in routes:
            doubled[key_v1] = dataclasses.replace(case, url=case.url.replace("/api/", "/api/v1/"))
    return doubled


# Queries that once answered 500 (issue 13 finding 7), tried on the pattern they belong to.
PROBES = {
    "api/^values/$": "/api/values/?region=52.03",
    "meetings/": "/meetings/?year=-1",
    "history/<str:label>/<str:pk>/": "/history/programs.program/abc/",
    "history/": "/history/?since=2026-13-45",
}
PROBE_STATUS = {  # a clear refusal or an empty answer, never 500
    "api/^values/$": public,
    "meetings/": public,
    "history/<str:label>/<str:pk>/": lambda persona, place: 302 if persona == "anonymous" else 404,
    "history/": admin_only,
}

ADMIN_PREFIX = "admin/"  # Django's admin: one rule for all its patterns, filled generically


def admin_status(persona, route):
    if persona != "admin":
        return 200 if route == "admin/login/" else 302  # to the admin's sign-in
    return None  # an administrator: any answer but a 500


SIGNED_IN = PERSONAS[1:]


# ----------------------------------------------------------------- walking the resolver


def url_patterns(urlconf=None) -> list[str]:
    """Every pattern of the URLconf as its full route (includes and API routes flattened)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return list(walk(get_resolver(urlconf).url_patterns, ""))


def undeclared(routes) -> list[str]:
    return [r for r in routes if r not in CASES and not r.startswith(ADMIN_PREFIX)]


CASES.update(versioned(CASES))


def test_every_url_pattern_has_a_declared_case():
    routes = url_patterns()
    assert undeclared(routes) == [], "declare a case for each new URL in tests/test_urls_walk.py"
    assert sorted(set(CASES) - set(routes)) == [], "cases for URLs that no longer exist"


def test_a_new_url_without_a_case_fails_the_walk(settings):
    from sinergi import urls

    module = types.ModuleType("walk_test_urls")
    module.urlpatterns = [*urls.urlpatterns, path("reports/secret/<int:pk>/", lambda r, pk: None)]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    try:
        assert undeclared(url_patterns()) == ["reports/secret/<int:pk>/"]
    finally:
        del sys.modules[module.__name__]


# ----------------------------------------------------------------- the world, built once


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from sinergi.accounts.models import RoleAssignment
    from sinergi.accounts.tokens import create_token
    from sinergi.core.models import Job
    from sinergi.extraction.services import save_draft
    from sinergi.indicators.dhis2.uids import indicator_uid, job_uid, region_uid, uid
    from sinergi.indicators.models import DataValue, Indicator
    from sinergi.indicators.services import ValueChange, save_values
    from sinergi.meetings.models import ActionItem, Meeting, ProgressNote
    from sinergi.organizations.models import Organization, Person, Position
    from sinergi.programs.models import Activity, Collaboration, Program, Theme
    from sinergi.regions.models import RegionGroup
    from sinergi.testing import make_persona, make_user

    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    with django_db_blocker.unblock(), media, transaction.atomic():
        users = {name: make_persona(name) for name in PERSONAS[2:]}
        users["norole"] = make_user("norole")
        users["anonymous"] = None
        orgs = {
            "lotim": Organization.objects.get(slug="tp-pkk-52-03"),
            "other": Organization.objects.create(
                name="Dinas Kesehatan Kabupaten Lombok Timur",
                org_type="opd",
                home_region_id="52.03",
            ),  # fmt: skip
            "lobar": Organization.objects.get(slug="tp-pkk-52-01"),
        }
        indicator = Indicator.objects.get(code="destana_level")  # counted by destana_formed
        theme = Theme.objects.get(code="penanggulangan-bencana")
        fill = {}
        for place in PLACES:
            org, mark = orgs[place], secret(place)
            program = Program.objects.create(name=f"{mark} program", fiscal_year=2024, owner=org)
            program.focus_regions.set([REGION[place]])
            program.themes.set([theme])  # "lotim" and "other" share it and Lombok Timur: a pair
            activity = Activity.objects.create(
                program=program, title=f"{mark} kegiatan", region_id=VILLAGE[place]
            )
            collaboration = Collaboration.objects.create(
                program=program, partner=org, role="co_implementer"
            )
            meeting = Meeting.objects.create(
                title=f"{mark} rapat", date=datetime.date(2024, 3, 1), region_id=REGION[place],
                organiser=org,
            )  # fmt: skip
            item = ActionItem.objects.create(
                meeting=meeting, what=f"{mark} tindak lanjut", responsible_organization=org,
                due_date=datetime.date(2024, 6, 1),
            )  # fmt: skip
            note = ProgressNote.objects.create(action_item=item, text=f"{mark} catatan")
            person = Person.objects.create(name=f"{mark} orang")
            Position.objects.create(person=person, organization=org, title="Sekretaris")
            note.evidence.save("bukti.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
            draft = save_draft(f"Rapat {mark} di Lombok pada 3 Februari 2023.", users["admin"],
                               region=REGION[place])  # fmt: skip
            save_values(indicator, "2023", [ValueChange(VILLAGE[place], 1)], users["admin"])
            role = RoleAssignment.objects.create(
                user=make_user(f"staf.{place}"), role="viewer", region_id=REGION[place]
            )
            owner = users[JOB_OWNER[place]]
            program.name = f"{mark} program"  # a second version to restore
            program.save()
            group = RegionGroup.objects.create(
                name=f"Kelompok {place}", year=2024, purpose="stunting_locus",
                owner_region_id=REGION[place],
            )  # fmt: skip
            group.regions.set([REGION[place]])
            fill[place] = {
                "group": group.pk,
                "region": REGION[place],
                "district": VILLAGE[place][:8],
                "org": org.slug,
                "org_pk": org.pk,
                "program": program.pk,
                "program_history": program.history.order_by("history_id").first().history_id,
                "activity": activity.pk,
                "collaboration": collaboration.pk,
                "meeting": meeting.pk,
                "action_item": item.pk,
                "note": note.pk,
                "draft": draft.pk,
                "value": DataValue.objects.get(indicator=indicator, region_id=VILLAGE[place]).pk,
                "role": role.pk,
                "job": Job.objects.create(kind="import-check", created_by=owner).pk,
                "village": VILLAGE[place],
                "region_uid": region_uid(REGION[place]),
                "indicator_uid": indicator_uid(indicator.code),
                "data_set_uid": uid("ds", theme.code),
                "dhis2_task": job_uid(Job.objects.create(kind="dhis2-import", created_by=owner).pk),
                "token": create_token(owner, f"{mark} token")[0].pk,
            }
        for place, peer in PEERS.items():  # a collaboration suggestion's other program
            fill[place]["peer"] = fill[peer]["program"]
        yield users, fill
        transaction.set_rollback(True)


def client_for(users, persona) -> Client:
    client = Client(raise_request_exception=False)
    if users[persona] is not None:
        client.force_login(users[persona])
    return client


def body_text(response) -> str:
    if response.streaming or not response.get("Content-Type", "").startswith(
        ("text/", "application/json")
    ):
        return ""
    return response.content.decode("utf-8", "replace")


def fingerprint() -> tuple:
    """Rows of every table of Sinergi's apps (their history tables included)."""
    return tuple(
        model.objects.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("sinergi.")
    )


def check(response, expected, persona, place, what, sign_in=True) -> list[str]:
    """The status is the expected one (never a 500), a visitor's redirect leads to a sign-in
    page (`sign_in`), and the answer holds no secret of a place the persona may not see."""
    problems = []
    status = response.status_code
    if status >= 500 or (expected is not None and status != expected):
        problems.append(f"{what} as {persona} ({place}): {status}, expected {expected}")
    location = response.get("Location", "")
    to_sign_in = location.startswith((LOGIN, "/admin/login/"))
    if sign_in and status == 302 and persona == "anonymous" and not to_sign_in:
        problems.append(f"{what} as {persona}: redirected to {location}")
    text = body_text(response)
    for hidden in ALL - SEES[persona]:
        if secret(hidden) in text:
            problems.append(f"{what} as {persona} shows a record of {hidden}")
    return problems


def reaches(url: str, key: str) -> bool:
    """Does `url` resolve to the pattern `key`? (Resolved regex routes lose their "^".)"""
    return resolve(url.split("?")[0]).route == key.replace("/^", "/")


def filled(template: str, values: dict | None) -> str:
    return template.format(**values) if values else template


def data_for(case, place, fill):
    data = case.post(place)
    values = fill[place or "lotim"]
    return {
        key: (value.format(**values) if isinstance(value, str) else value)
        for key, value in data.items()
    }


def walk(world, key, personas) -> list[str]:
    users, fill = world
    case = CASES[key]
    problems = []
    for persona in personas:
        client = client_for(users, persona)
        for place in case.places:
            url = filled(case.url, fill.get(place))
            assert reaches(url, key), f"{url} does not reach {key}"
            response = client.get(url)
            expected = case.get(persona, place)
            problems += check(response, expected, persona, place, f"GET {url}", case.sign_in)
        for place in case.places if case.post else ():
            problems += write(client, case, key, persona, place, fill)
    return problems


def write(client, case, key, persona, place, fill) -> list[str]:
    """POST (or PATCH) to a write endpoint: a refused write must change nothing at all."""
    url = filled(case.url, fill.get(place))
    data = data_for(case, place, fill)
    with transaction.atomic():  # undone afterwards: the next persona finds the same world
        before = fingerprint()
        if key.startswith("api/"):
            response = getattr(client, case.method)(
                url, json.dumps(data), content_type="application/json"
            )
        else:
            response = client.post(url, data)
        changed = fingerprint() != before
        transaction.set_rollback(True)
    if response.status_code >= 500:
        return [f"POST {url} as {persona} ({place}): {response.status_code}"]
    if changed and not case.writes(persona, place):
        return [f"POST {url} as {persona} ({place}) changed something out of scope"]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(CASES))
def test_walk(world, key):
    problems = walk(world, key, PERSONAS)
    assert not problems, "\n".join(problems)


# Imports through the page (upload, then confirm): kind → (header, row filled per place, writes).
# Each row takes a record of the place and pulls it into operator.lotim's own scope.
IMPORTS = {
    "values": ("region,indicator,period,value", "{village},destana_level,2023,Utama", in_region),
    "programs": (
        "id,name,fiscal_year,owner,status,themes,budget,funding_source,focus_regions,description,"
        "source",
        "{program},Diubah lewat impor,2024,tp-pkk-52-03,ongoing,,,,52.03,Diubah,",
        lambda persona, place: place in WRITES.get(persona, ()),
    ),
    "activities": (
        "id,program,title,status,start_date,end_date,region,organizations,participants,"
        "beneficiaries,budget_planned,budget_realised,description",
        "{activity},{program},Diubah lewat impor,done,,,52.03.05.2001,tp-pkk-52-03,,,,,Diubah",
        lambda persona, place: place in WRITES.get(persona, ()),
    ),
    "region_groups": (
        "group,year,purpose,region",
        "Kelompok {place},2024,other,{region}",  # the place's group, its purpose changed
        lambda persona, place: persona in GROUP_WRITERS,
    ),
}


def imported(client, kind: str, place: str, values: dict):
    """Upload a one-row CSV on the import page and confirm it (as a person would)."""
    header, row, _writes = IMPORTS[kind]
    body = f"{header}\n{row.format(**values)}\n".encode()
    upload = SimpleUploadedFile("data.csv", body, content_type="text/csv")
    preview = client.post("/indicators/import/", {"what": kind, "file": upload})
    token = preview.context.get("token") if preview.context else None
    if not token:
        return preview
    return client.post("/indicators/import/", {"token": token, "file_name": "data.csv"})


def import_problems(world, kind, personas) -> list[str]:
    users, fill = world
    problems = []
    for persona in personas:
        client = client_for(users, persona)
        for place in PLACES:
            values = {**fill[place], "village": VILLAGE[place], "place": place}
            with transaction.atomic():
                before = fingerprint()
                response = imported(client, kind, place, values)
                changed = fingerprint() != before
                transaction.set_rollback(True)
            if response.status_code >= 500:
                problems.append(f"import {kind} as {persona} ({place}): {response.status_code}")
            allowed = IMPORTS[kind][2](persona, place)
            if changed != allowed:  # an accepted import that writes nothing proves nothing
                what = "wrote out of scope" if changed else "was not written"
                problems.append(f"import {kind} as {persona} ({place}) {what}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(IMPORTS))
def test_imports_write_only_in_scope(world, kind):
    problems = import_problems(world, kind, PERSONAS)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(PROBES))
def test_probe(world, key):
    users, _fill = world
    url = PROBES[key]
    assert reaches(url, key)
    problems = []
    for persona in PERSONAS:
        response = client_for(users, persona).get(url)
        problems += check(response, PROBE_STATUS[key](persona, None), persona, None, f"GET {url}")
    assert not problems, "\n".join(problems)


def admin_url(route: str) -> str:
    """A URL for a pattern of Django's admin, filled with an existing object of its model."""
    from django.contrib.contenttypes.models import ContentType

    from sinergi.programs.models import Program

    url = "/" + route.replace("^", "").replace("$", "")
    if "<path:object_id>" in url and (match := re.match(r"/admin/(\w+)/(\w+)/", url)):
        first = apps.get_model(match[1], match[2]).objects.order_by("pk").first()
        url = url.replace("<path:object_id>", str(first.pk if first else 0))
    url = url.replace("<int:content_type_id>", str(ContentType.objects.get_for_model(Program).pk))
    url = url.replace("<path:object_id>", str(Program.objects.order_by("pk").first().pk))
    url = re.sub(r"\(\?P<app_label>[^)]*\)", "programs", url)
    url = re.sub(r"\(\?P<url>[^)]*\)", "no-such-page/", url)
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_walk_the_admin(world, persona):
    users, _fill = world
    client = client_for(users, persona)
    problems = []
    routes = [r for r in url_patterns() if r.startswith(ADMIN_PREFIX)]
    assert len(routes) > 50
    for route in routes:
        url = admin_url(route)
        response = client.get(url)
        expected = admin_status(persona, route)
        logout = route == "admin/logout/"  # GET never signs out; others go to the admin's index
        if logout:
            expected = 405 if persona == "admin" else 302
        problems += check(response, expected, persona, None, f"GET {url}", sign_in=False)
        if expected == 302 and not logout and not response["Location"].startswith("/admin/login/"):
            problems.append(f"GET {url} as {persona} went to {response['Location']}")
    assert not problems, "\n".join(problems)
