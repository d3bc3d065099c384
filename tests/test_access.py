"""Trying to break the permission gate: personas × actions × objects inside and outside their
scope, through pages, the data-entry path, the REST API and the CLI. A denied write must change
nothing."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from sinergi.core.permissions import user_can
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.services import ValueChange, ValueErrors, save_values
from sinergi.organizations.models import Organization
from sinergi.programs.models import Activity, Program
from sinergi.testing import make_persona, make_user

# One pytest worker runs the whole matrix: the last test counts the cases the others tried.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("access-matrix")]

PERSONAS = ["anonymous", "norole", "viewer.lobar", "operator.lotim", "koordinator.ntb", "admin"]
CASES = []  # (persona, action, object, allowed) actually tried, for the closing note's count


@pytest.fixture
def world(demo):
    """Objects inside Kab. Lombok Timur (52.03) and inside Kab. Lombok Barat (52.01)."""
    lotim_team = Organization.objects.get(slug="tp-pkk-52-03")
    lobar_team = Organization.objects.get(slug="tp-pkk-52-01")
    objects = {}
    for key, team, region, village in [
        ("lotim", lotim_team, "52.03", "52.03.05.2001"),
        ("lobar", lobar_team, "52.01", "52.01.01.2002"),
    ]:
        program = Program.objects.create(name=f"Posyandu {key}", fiscal_year=2024, owner=team)
        program.focus_regions.set([region])
        activity = Activity.objects.create(
            program=program, title=f"Kegiatan {key}", region_id=village
        )
        objects[key] = {"program": program, "activity": activity, "team": team, "village": village}
    users = {
        name: make_persona(name)
        for name in ["viewer.lobar", "operator.lotim", "koordinator.ntb", "admin"]
    }
    users["norole"] = make_user("norole")
    users["anonymous"] = None
    return objects, users


def client_for(users, persona):
    client = Client()
    if users[persona] is not None:
        client.force_login(users[persona])
    return client


# Who may read what: 200 means visible, 404 hidden (never a 500).
READ = {
    # persona: (lotim program/activity, lobar program/activity)
    "anonymous": (404, 404),
    "norole": (404, 404),
    "viewer.lobar": (404, 200),
    "operator.lotim": (200, 404),
    "koordinator.ntb": (200, 200),
    "admin": (200, 200),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
@pytest.mark.parametrize("kind", ["program", "activity"])
def test_detail_pages_follow_the_scope(world, persona, place, kind):
    objects, users = world
    expected = READ[persona][0 if place == "lotim" else 1]
    obj = objects[place][kind]
    response = client_for(users, persona).get(obj.get_absolute_url())
    CASES.append((persona, "view", f"{kind}:{place}", expected == 200))
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_and_5w_show_only_what_is_in_scope(world, persona):
    objects, users = world
    client = client_for(users, persona)
    listed = {
        row.record.name
        for row in client.get(reverse("programs:program_list")).context["table"].page.object_list
    }
    lotim_visible, lobar_visible = (code == 200 for code in READ[persona])
    assert ("Posyandu lotim" in listed) == lotim_visible
    assert ("Posyandu lobar" in listed) == lobar_visible
    matrix = client.get(reverse("programs:five_w"), {"year": 2024}).context["matrix"]
    names = {p.name for cell in matrix.cells.values() for p, _role in cell.programs}
    assert ("Posyandu lotim" in names) == lotim_visible and (
        "Posyandu lobar" in names
    ) == lobar_visible
    CASES.extend(
        [(persona, "list", "program", lotim_visible), (persona, "5w", "program", lobar_visible)]
    )


WRITE = {
    "anonymous": (False, False),
    "norole": (False, False),
    "viewer.lobar": (False, False),
    "operator.lotim": (True, False),
    "koordinator.ntb": (False, False),
    "admin": (True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_program_edit_only_in_scope_and_denied_edits_change_nothing(world, persona, place):
    objects, users = world
    program = objects[place]["program"]
    allowed = WRITE[persona][0 if place == "lotim" else 1]
    response = client_for(users, persona).post(
        reverse("programs:program_edit", args=[program.pk]),
        {"name": "Diubah", "fiscal_year": 2024, "status": "ongoing", "owner": program.owner_id},
    )
    program.refresh_from_db()
    CASES.append((persona, "change", f"program:{place}", allowed))
    assert (program.name == "Diubah") == allowed
    assert response.status_code in ((302,) if allowed or persona == "anonymous" else (403, 404))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_activity_edit_and_organisation_edit(world, persona, place):
    objects, users = world
    activity, team = objects[place]["activity"], objects[place]["team"]
    allowed = WRITE[persona][0 if place == "lotim" else 1]
    client = client_for(users, persona)
    client.post(
        reverse("programs:activity_edit", args=[activity.pk]),
        {"title": "Diubah", "status": "done", "region": activity.region_id},
    )
    client.post(
        reverse("organizations:organization_edit", args=[team.slug]),
        {"name": "Diubah", "org_type": "tp_pkk", "home_region": team.home_region_id},
    )
    activity.refresh_from_db()
    team.refresh_from_db()
    CASES.extend(
        [
            (persona, "change", f"activity:{place}", allowed),
            (persona, "change", f"org:{place}", allowed),
        ]
    )
    assert (activity.title == "Diubah") == allowed
    assert (team.name == "Diubah") == allowed


def test_operator_cannot_move_an_activity_out_of_its_regency(world):
    objects, users = world
    activity = objects["lotim"]["activity"]
    client = client_for(users, "operator.lotim")
    response = client.post(
        reverse("programs:activity_edit", args=[activity.pk]),
        {"title": "Pindah", "status": "done", "region": "52.01.01.2002"},
    )
    activity.refresh_from_db()
    assert response.status_code == 200 and activity.region_id == "52.03.05.2001"
    assert activity.title == "Kegiatan lotim"
    CASES.append(("operator.lotim", "move-out", "activity:lotim", False))


def test_operator_cannot_create_for_another_organisation_or_region(world):
    objects, users = world
    client = client_for(users, "operator.lotim")
    before = Program.objects.count()
    response = client.post(
        reverse("programs:program_add"),
        {
            "name": "Nyasar",
            "fiscal_year": 2024,
            "status": "planned",
            "owner": objects["lobar"]["team"].pk,
        },
    )
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    response = client.post(  # no owner, focus outside: saved, checked, rolled back
        reverse("programs:program_add"),
        {"name": "Nyasar", "fiscal_year": 2024, "status": "planned", "focus_regions": "52.01"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Program.objects.count() == before
    response = client.post(
        reverse("programs:program_add"),
        {
            "name": "Sah",
            "fiscal_year": 2024,
            "status": "planned",
            "owner": objects["lotim"]["team"].pk,
        },
    )
    assert response.status_code == 302 and Program.objects.filter(name="Sah").exists()
    viewer = client_for(users, "viewer.lobar")
    assert viewer.get(reverse("programs:program_add")).status_code == 403
    CASES.extend(
        [
            ("operator.lotim", "add", "program:lobar", False),
            ("operator.lotim", "add", "program:nowhere", False),
            ("operator.lotim", "add", "program:lotim", True),
            ("viewer.lobar", "add", "program", False),
        ]
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_data_values_are_written_only_in_scope(world, persona, place):
    objects, users = world
    level = Indicator.objects.get(code="destana_level")
    village = objects[place]["village"]
    allowed = persona in ("admin",) or (persona == "operator.lotim" and place == "lotim")
    if users[persona] is None:
        allowed = False
    else:
        try:
            save_values(level, "2023", [ValueChange(village, 1)], users[persona])
        except ValueErrors as exc:
            assert not allowed, exc.errors
    CASES.append((persona, "add", f"datavalue:{place}", allowed))
    assert DataValue.objects.filter(indicator=level, region_id=village).exists() == allowed
    grid = client_for(users, persona).get(
        reverse("indicators:data_entry", args=["destana_level"]),
        {"region": village[:8], "period": "2023"},
    )
    assert grid.status_code == (200 if allowed else 302 if users[persona] is None else 403)


def test_coordinator_may_approve_in_its_region_and_nobody_else(world):
    objects, users = world
    program = objects["lotim"]["program"]
    assert user_can(users["koordinator.ntb"], "approve", program)
    assert not user_can(users["operator.lotim"], "approve", program)
    assert not user_can(users["viewer.lobar"], "approve", objects["lobar"]["program"])
    CASES.extend(
        [
            ("koordinator.ntb", "approve", "program:lotim", True),
            ("operator.lotim", "approve", "program:lotim", False),
            ("viewer.lobar", "approve", "program:lobar", False),
        ]
    )


def test_personal_data_is_never_public(world, client):
    tp_pkk = Organization.objects.get(slug="tp-pkk-52")
    page = client.get(tp_pkk.get_absolute_url())
    assert page.status_code == 200 and "Lale Prayatni" not in page.text
    signed_in = client_for(world[1], "viewer.lobar").get(tp_pkk.get_absolute_url())
    assert "Lale Prayatni" in signed_in.text  # a province official covers Lombok Barat too
    CASES.extend([("anonymous", "view", "person", False), ("viewer.lobar", "view", "person", True)])


def test_cli_rollup_shows_only_what_the_user_may_see(world, capsys, settings):
    settings.SINERGI_PUBLIC = []  # figures not published: the CLI must still apply the gate
    call_command(
        "rollup", "destana_formed", "2023", "--region", "52.01", "--user", "viewer.lobar", "--json"
    )
    assert json.loads(capsys.readouterr().out)[0]["code"] == "52.01"
    with pytest.raises(CommandError, match="outside"):
        call_command(
            "rollup", "destana_formed", "2023", "--region", "52.03", "--user", "viewer.lobar"
        )
    CASES.extend(
        [
            ("viewer.lobar", "cli-view", "rollup:lobar", True),
            ("viewer.lobar", "cli-view", "rollup:lotim", False),
        ]
    )


def test_operator_with_an_organisation_changes_only_that_organisations_records(world):
    objects, users = world
    dinkes = Organization.objects.create(
        name="Dinas Kesehatan Kabupaten Lombok Timur", org_type="opd", home_region_id="52.03"
    )
    program = Program.objects.create(name="Imunisasi", fiscal_year=2024, owner=dinkes)
    client = client_for(users, "operator.lotim")
    assert client.get(program.get_absolute_url()).status_code == 200  # in its region: readable
    response = client.post(
        reverse("programs:program_edit", args=[program.pk]),
        {"name": "Diubah", "fiscal_year": 2024, "status": "ongoing", "owner": dinkes.pk},
    )
    program.refresh_from_db()
    assert response.status_code == 404 and program.name == "Imunisasi"
    assert not user_can(users["operator.lotim"], "change", dinkes)
    CASES.extend(
        [
            ("operator.lotim", "view", "program:other-org", True),
            ("operator.lotim", "change", "program:other-org", False),
            ("operator.lotim", "change", "org:other-org", False),
        ]
    )


# ---------------------------------------------------------------- the REST API channel


def api_client_for(users, persona):
    from rest_framework.test import APIClient

    client = APIClient()
    if users[persona] is not None:
        client.force_authenticate(users[persona])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_api_reads_follow_the_scope(world, persona, place):
    objects, users = world
    expected = READ[persona][0 if place == "lotim" else 1]
    client = api_client_for(users, persona)
    program = objects[place]["program"]
    assert client.get(f"/api/programs/{program.pk}/").status_code == expected
    listed = {row["id"] for row in client.get("/api/programs/?fiscal_year=2024").json()["results"]}
    assert (program.pk in listed) == (expected == 200)
    CASES.append((persona, "api-view", f"program:{place}", expected == 200))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_api_writes_only_in_scope_and_denied_writes_change_nothing(world, persona, place):
    objects, users = world
    program = objects[place]["program"]
    allowed = WRITE[persona][0 if place == "lotim" else 1]
    client = api_client_for(users, persona)
    response = client.patch(f"/api/programs/{program.pk}/", {"name": "Diubah"}, format="json")
    program.refresh_from_db()
    assert (program.name == "Diubah") == allowed
    assert response.status_code == 200 if allowed else response.status_code in (401, 403, 404)
    CASES.append((persona, "api-change", f"program:{place}", allowed))
    deleted = client.delete(f"/api/programs/{program.pk}/")
    exists = Program.objects.filter(pk=program.pk).exists()
    assert exists == (not allowed) or deleted.status_code == 409  # PROTECTed rows stay
    CASES.append((persona, "api-delete", f"program:{place}", allowed))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_api_data_values_only_in_scope(world, persona, place):
    objects, users = world
    village = objects[place]["village"]
    allowed = persona == "admin" or (persona == "operator.lotim" and place == "lotim")
    response = api_client_for(users, persona).post(
        "/api/values/",
        {"indicator": "destana_level", "period": "2023", "values": [{"region": village,
                                                                      "value": 2}]},
        format="json",
    )  # fmt: skip
    written = DataValue.objects.filter(indicator__code="destana_level", region_id=village)
    assert written.exists() == allowed, response.content
    if allowed:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code in (401, 403)
    else:  # signed in: every refused region is named, nothing is written
        assert response.status_code == 400 and village in response.json()["errors"]
    CASES.append((persona, "api-add", f"datavalue:{place}", allowed))


def test_api_create_outside_scope_is_rolled_back(world):
    objects, users = world
    client = api_client_for(users, "operator.lotim")
    response = client.post(
        "/api/programs/",
        {"name": "Program Lombok Barat", "fiscal_year": 2024, "owner": objects["lobar"]["team"].pk,
         "focus_regions": ["52.01"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert not Program.objects.filter(name="Program Lombok Barat").exists()
    inside = client.post(
        "/api/programs/",
        {"name": "Program Lombok Timur", "fiscal_year": 2024, "owner": objects["lotim"]["team"].pk,
         "focus_regions": ["52.03"]},
        format="json",
    )  # fmt: skip
    assert inside.status_code == 201
    program = Program.objects.get(name="Program Lombok Timur")
    # The API write has its history, by the user who made it.
    assert program.history.earliest().history_user == users["operator.lotim"]
    org = client.patch(
        f"/api/organizations/{objects['lobar']['team'].slug}/", {"acronym": "X"}, format="json"
    )
    assert org.status_code in (403, 404)
    assert Organization.objects.get(slug="tp-pkk-52-01").acronym == "TP PKK"
    CASES.extend(
        [
            ("operator.lotim", "api-add", "program:lobar", False),
            ("operator.lotim", "api-add", "program:lotim", True),
            ("operator.lotim", "api-change", "org:lobar", False),
        ]
    )


def test_api_writes_name_only_related_records_the_user_may_see(world, settings):
    """As in the forms: operator.lotim may not hang its team under a body it cannot see."""
    settings.SINERGI_PUBLIC = []  # organisations not published: Lombok Barat's are hidden
    objects, users = world
    hidden = Organization.objects.create(
        name="Dinas Sosial Kabupaten Lombok Barat", org_type="opd", home_region_id="52.01"
    )
    client = api_client_for(users, "operator.lotim")
    team = objects["lotim"]["team"]
    response = client.patch(f"/api/organizations/{team.slug}/", {"parent": hidden.pk},
                            format="json")  # fmt: skip
    assert response.status_code == 400 and "parent" in response.json()["errors"]
    team.refresh_from_db()
    assert team.parent_id != hidden.pk
    response = client.post(
        "/api/programs/",
        {"name": "Milik lain", "fiscal_year": 2024, "owner": hidden.pk, "focus_regions": ["52.03"]},
        format="json",
    )
    assert response.status_code == 400 and "owner" in response.json()["errors"]
    CASES.extend([("operator.lotim", "api-change", "org:parent-hidden", False),
                  ("operator.lotim", "api-add", "program:owner-hidden", False)])  # fmt: skip


def test_api_token_rollup_meetings_and_personal_data(world, settings):
    from rest_framework.test import APIClient

    from sinergi.accounts.tokens import create_token

    settings.SINERGI_PUBLIC = []  # figures not published: the API must still apply the gate
    _token, key = create_token(world[1]["viewer.lobar"], "script")
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    rows = client.get("/api/indicators/destana_formed/rollup/?period=2023&region=52.01").json()
    assert rows[0]["code"] == "52.01"
    assert client.get("/api/indicators/destana_formed/rollup/?period=2023&region=52.03")\
        .status_code == 404  # fmt: skip
    assert client.get("/api/meetings/").json()["count"] == 1  # the provincial meeting
    anonymous = APIClient()
    assert anonymous.get("/api/meetings/").json()["count"] == 0
    assert anonymous.get("/api/indicators/destana_formed/rollup/?period=2023&region=52")\
        .status_code == 404  # fmt: skip
    wrong = APIClient(HTTP_AUTHORIZATION="Token wrong")
    assert wrong.get("/api/meetings/").status_code in (401, 403)
    CASES.extend(
        [
            ("viewer.lobar", "api-view", "rollup:lobar", True),
            ("viewer.lobar", "api-view", "rollup:lotim", False),
            ("viewer.lobar", "api-view", "meeting:province", True),
            ("anonymous", "api-view", "meeting:province", False),
            ("anonymous", "api-view", "rollup:province-unpublished", False),
        ]
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_list_exports_hold_exactly_the_filtered_rows_in_scope(world, persona, file_format):
    import csv
    import io

    from openpyxl import load_workbook

    objects, users = world
    client = client_for(users, persona)
    response = client.get(reverse("programs:program_list"), {"fiscal_year": 2024,
                                                             "export": file_format})  # fmt: skip
    assert response.status_code == 200
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(
            values_only=True)]  # fmt: skip
    names = {row[0] for row in rows[1:]} | {row[1] for row in rows[1:] if len(row) > 1}
    for place in ("lotim", "lobar"):
        visible = READ[persona][0 if place == "lotim" else 1] == 200
        assert (objects[place]["program"].name in names) == visible, (persona, place, rows)
        CASES.append((persona, f"export-{file_format}", f"program:{place}", visible))


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_queued_import_is_seen_only_by_whoever_started_it(world, persona):
    """Jobs have no region: the gate gives them to their owner (and administrators) alone."""
    from sinergi.core.models import Job

    _objects, users = world
    owner = users["operator.lotim"]
    job = Job.objects.create(kind="import-check", created_by=owner, file_name="a.csv")
    allowed = persona in ("operator.lotim", "admin")
    for action in ("view", "change", "delete"):
        assert Job.objects.restrict(users[persona], action).filter(pk=job.pk).exists() == allowed
    response = client_for(users, persona).get(reverse("indicators:import_job", args=[job.pk]))
    assert response.status_code == (200 if allowed else 302 if persona == "anonymous" else 404)
    CASES.append((persona, "view", "job", allowed))


@pytest.mark.parametrize("persona", PERSONAS)
def test_django_admin_is_for_administrators_even_when_others_are_staff(world, persona):
    """The admin edits rows past every scope: a staff flag alone must not open it."""
    from sinergi.programs.models import Program

    objects, users = world
    if users[persona] is not None and persona != "admin":
        users[persona].is_staff = True  # e.g. set by mistake in the user form
        users[persona].save()
        users[persona].user_permissions.set(
            Permission.objects.filter(codename__in=["view_program", "change_program"])
        )
    allowed = persona == "admin"
    client = client_for(users, persona)
    program = objects["lobar"]["program"]
    for url in ("/admin/", f"/admin/programs/program/{program.pk}/change/"):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 302), (persona, url)
        if not allowed:
            assert response.url.startswith("/admin/login/")
    response = client.post(
        f"/admin/programs/program/{program.pk}/change/", {"name": "Diubah lewat admin"}
    )
    assert Program.objects.get(pk=program.pk).name != "Diubah lewat admin"
    CASES.append((persona, "change", "admin", allowed))


# ------------------------------------- write cases of the imports and the text-import confirm


def rows_of(*models):
    """Every row of these tables, field by field: what a refused write must leave untouched."""
    return {model.__name__: {row["id"]: row for row in model.objects.values()} for model in models}


def changed_rows(before, after):
    """{table: ids added, removed or changed} between two `rows_of` snapshots."""
    changes = {}
    for table, rows in after.items():
        ids = {pk for pk in rows.keys() | before[table].keys()
               if rows.get(pk) != before[table].get(pk)}  # fmt: skip
        if ids:
            changes[table] = ids
    return changes


def user_or_anonymous(users, persona):
    """The acting user; None would be the system itself, which the gate does not restrict."""
    from django.contrib.auth.models import AnonymousUser

    return users[persona] or AnonymousUser()


def record_rows(objects, place):
    """One row per records import that edits (or, for targets, adds) a record of `place`,
    handing programs and activities to Lombok Timur (a take-over, where `place` is Lombok Barat)."""
    program, activity, team = (objects[place][k] for k in ("program", "activity", "team"))
    return {
        "programs": [str(program.pk), program.name, "2024", "tp-pkk-52-03", "ongoing", "", "",
                     "", "52.03", "Diubah lewat impor", ""],
        "activities": [str(activity.pk), str(program.pk), "Diubah lewat impor", "planned", "",
                       "", "52.03.05.2001", "tp-pkk-52-03", "", "", "", "", ""],
        "organizations": [team.slug, team.name, "TP PKK", "tp_pkk", team.home_region_id,
                          "tp-pkk-52", "", "", "Diubah lewat impor"],
        "targets": ["destana_formed", team.home_region_id, "2026", "target", "40", "", ""],
    }  # fmt: skip


RECORD_MODELS = {  # kind: (model, the world's object it edits)
    "programs": (Program, "program"),
    "activities": (Activity, "activity"),
    "organizations": (Organization, "team"),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_records_imports_write_only_in_scope_row_by_row(world, persona, place, tmp_path):
    import csv

    from sinergi.core.records import REGISTRY, import_records
    from sinergi.indicators.models import Target

    objects, users = world
    user = user_or_anonymous(users, persona)
    for kind, row in record_rows(objects, place).items():
        allowed = persona == "admin" if kind == "targets" else WRITE[persona][place == "lobar"]
        path = tmp_path / f"{kind}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([[c.name for c in REGISTRY[kind].columns], row])
        models = (Program, Activity, Organization, Target)
        before = rows_of(*models)
        result = import_records(REGISTRY[kind], path, user)
        changes = changed_rows(before, rows_of(*models))
        CASES.append((persona, "import", f"{kind}:{place}", allowed))
        assert result.ok == allowed, (persona, kind, place, result.problems)
        if not allowed:
            assert changes == {}, (persona, kind, place)
            assert all(p.row == 2 for p in result.problems)
        elif kind == "targets":
            assert changes == {"Target": {Target.objects.get(period="2026").pk}}
        else:
            model, key = RECORD_MODELS[kind]
            assert changes == {model.__name__: {objects[place][key].pk}}, (kind, changes)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_values_import_writes_only_in_scope_row_by_row(world, persona, place, tmp_path):
    from sinergi.indicators.imports import import_values
    from sinergi.indicators.models import Aggregate

    objects, users = world
    allowed = persona == "admin" or (persona == "operator.lotim" and place == "lotim")
    path = tmp_path / "nilai.csv"
    path.write_text(f"region,indicator,period,value\n{objects[place]['village']},destana_level,"
                    "2024,2\n", encoding="utf-8")  # fmt: skip
    before = rows_of(DataValue, Aggregate)
    result = import_values(path, user_or_anonymous(users, persona))
    changes = changed_rows(before, rows_of(DataValue, Aggregate))
    CASES.append((persona, "import", f"datavalue:{place}", allowed))
    assert result.ok == allowed, result.problems
    if allowed:
        written = DataValue.objects.get(region_id=objects[place]["village"], period="2024")
        assert changes["DataValue"] == {written.pk}
    else:
        assert changes == {} and result.problems[0].row == 2


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("place", ["lotim", "lobar"])
def test_text_import_confirm_writes_only_in_scope_row_by_row(world, persona, place):
    import datetime

    from django.core.exceptions import PermissionDenied, ValidationError

    from sinergi.extraction.services import Review, confirm, save_draft
    from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant
    from sinergi.organizations.models import Person, Position

    objects, users = world
    host, team, village = (
        objects["lotim"]["team"],
        objects[place]["team"],
        objects["lotim"]["village"],
    )
    draft = save_draft("Rapat koordinasi Destana.", region="52.03")
    # A Lombok Timur meeting with a value there, giving a position and a follow-up to `place`.
    review = Review(
        title="Rapat Destana", date=datetime.date(2024, 5, 21), region="52.03",
        organiser=host.pk, organizations=[{"id": host.pk}, {"id": team.pk}],
        people=[{"name": "Baiq Contoh", "position": "Sekretaris", "organization": 1}],
        quantities=[{"indicator": Indicator.objects.get(code="destana_level").pk,
                     "meaning": "achievement", "value": 2, "region": village, "period": "2024"}],
        agreements=[{"text": "Membentuk Destana.", "organizations": [1], "responsible": 1}],
    )  # fmt: skip
    allowed = persona == "admin" or (persona == "operator.lotim" and place == "lotim")
    models = (Meeting, Participant, Agreement, ActionItem, Person, Position, Organization,
              DataValue)  # fmt: skip
    before = rows_of(*models)
    try:
        confirm(draft, review, user_or_anonymous(users, persona))
    except (PermissionDenied, ValidationError):
        assert not allowed
    changes = changed_rows(before, rows_of(*models))
    CASES.append((persona, "text-import", f"meeting:{place}", allowed))
    if allowed:
        assert set(changes) == {"Meeting", "Participant", "Agreement", "ActionItem", "Person",
                                "Position", "DataValue"}  # fmt: skip
        assert ActionItem.objects.get(what="Membentuk Destana.").responsible_organization == team
    else:
        assert changes == {}, (persona, place, changes)
        draft.refresh_from_db()
        assert draft.status == "draft"


def test_zz_report_the_number_of_cases(capsys):
    with capsys.disabled():
        print(f"\naccess matrix: {len(CASES)} persona × action × object cases tried")
    assert len(CASES) >= 60
