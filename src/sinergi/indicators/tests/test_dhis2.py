"""DHIS2-compatible data exchange (docs/dhis2.md): payloads as DHIS2's Web API documentation
writes them, the operator of Kab. Lombok Timur writing in and out of its scope, dry runs, import
strategies, partial imports, round trips, single values, metadata, queued imports."""

import base64
import csv
import io
import json

import pytest
from django.test import Client

from sinergi.accounts.tokens import create_token, revoke
from sinergi.indicators.approvals import act
from sinergi.indicators.dhis2 import periods as dhis2_periods
from sinergi.indicators.dhis2.uids import (
    DEFAULT_COMBO,
    indicator_uid,
    is_uid,
    job_pk,
    job_uid,
    region_uid,
    uid,
)
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.indicators.services import ValueChange, save_values
from sinergi.regions.services import INDONESIA_FILE, read_region_rows
from sinergi.testing import PASSWORD, make_persona, make_user

pytestmark = pytest.mark.django_db

LOTIM = "52.03.05.2001"  # a village of Kab. Lombok Timur
LOTIM_2 = "52.03.05.2002"
LOBAR = "52.01.01.2002"  # a village of Kab. Lombok Barat
DE = indicator_uid("destana_level")  # yearly, ordered levels Pratama < Madya < Utama
SETS = "/api/dataValueSets"


def basic(username: str, password: str = PASSWORD) -> Client:
    """A client signing in as DHIS2 clients do: HTTP Basic on every request."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {token}")


@pytest.fixture
def lotim():
    make_persona("operator.lotim")
    return basic("operator.lotim")


@pytest.fixture
def admin():
    make_persona("admin")
    return basic("admin")


def dv(village: str, value: str) -> dict:
    """One data value of destana_level for 2023, as a DHIS2 client writes it."""
    return {"dataElement": DE, "period": "2023", "orgUnit": region_uid(village), "value": value}


def post_json(client, payload, query=""):
    return client.post(f"{SETS}{query}", json.dumps(payload), content_type="application/json")


def post_csv(client, text, query=""):
    return client.post(f"{SETS}{query}", text, content_type="application/csv")


def values():
    return dict(
        DataValue.objects.filter(indicator__code="destana_level").values_list("region_id", "value")
    )


def summary_of(response):
    body = response.json()
    return body["response"]


# ----------------------------------------------------------------- identifiers and periods


def test_uids_are_dhis2_shaped_stable_and_unique_for_all_of_indonesia():
    assert is_uid(region_uid("52.03")) and is_uid(indicator_uid("destana_formed"))
    assert region_uid("52.03") == region_uid("52.03")  # derived: the same on every server
    assert region_uid("52.03") != indicator_uid("52.03")
    codes = [row["code"] for row in read_region_rows(INDONESIA_FILE)]
    assert len(codes) > 90_000
    assert len({region_uid(code) for code in codes}) == len(codes)
    assert job_pk(job_uid(123456)) == 123456 and is_uid(job_uid(7))


@pytest.mark.parametrize(
    "period, kind",
    [
        ("2023S1", "SixMonthly"),
        ("2023W5", "Weekly"),
        ("20230105", "Daily"),
        ("202301B", "BiMonthly"),
        ("2023April", "Financial"),
        ("2023NovQ1", "QuarterlyNov"),
    ],
)
def test_dhis2_periods_sinergi_does_not_store_are_refused_by_name(period, kind):
    with pytest.raises(dhis2_periods.PeriodRefused, match=kind):
        dhis2_periods.parse(period)
    assert dhis2_periods.parse("2023Q1").type == "quarter"
    assert dhis2_periods.parse("202301").type == "month"


# ----------------------------------------------------------------- the done-when scenario


def test_operator_writes_its_village_by_json_and_csv_and_gets_a_conflict_for_lombok_barat(lotim):
    ok = post_json(lotim, {"dataValues": [dv(LOTIM, "2")]})
    assert ok.status_code == 200, ok.content
    assert summary_of(ok)["status"] == "SUCCESS"
    assert summary_of(ok)["importCount"] == {
        "imported": 1,
        "updated": 0,
        "ignored": 0,
        "deleted": 0,
    }
    assert values() == {LOTIM: 2}
    assert DataValue.objects.get(region_id=LOTIM).history.first().history_user.username == (
        "operator.lotim"
    )
    assert Aggregate.objects.filter(region_id="52.03", period="2023").exists()  # roll-ups follow

    csv_body = (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
        f"{DE},2023,{region_uid(LOTIM)},{DEFAULT_COMBO},{DEFAULT_COMBO},3\n"
    )
    ok = post_csv(lotim, csv_body)
    assert ok.status_code == 200 and summary_of(ok)["importCount"]["updated"] == 1
    assert values() == {LOTIM: 3}

    mixed = {"dataValues": [dv(LOTIM_2, "1"), dv(LOBAR, "1")]}
    mixed_csv = csv_body.replace(region_uid(LOTIM), region_uid(LOBAR))
    mixed_csv += f"{DE},2023,{region_uid(LOTIM_2)},,,1\n"
    for response in (post_json(lotim, mixed), post_csv(lotim, mixed_csv)):
        assert response.status_code == 409
        summary = summary_of(response)
        assert summary["status"] == "ERROR"
        assert summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 2, "deleted": 0}
        (conflict,) = summary["conflicts"]
        assert conflict["object"] == region_uid(LOBAR)
        assert conflict["errorCode"] == "E7617" and conflict["property"] == "orgUnit"
        assert conflict["indexes"] == [
            1 if response.request["CONTENT_TYPE"].endswith("json") else 0
        ]
        assert values() == {LOTIM: 3}  # nothing written, not even Lombok Timur's row

    dry = post_json(lotim, mixed, "?dryRun=true")
    assert dry.status_code == 409
    assert summary_of(dry)["conflicts"] == summary_of(post_json(lotim, mixed))["conflicts"]
    assert summary_of(dry)["importCount"] == summary_of(post_json(lotim, mixed))["importCount"]
    assert values() == {LOTIM: 3}


def test_a_dry_run_reports_what_would_be_written_and_writes_nothing(lotim):
    payload = {"dataValues": [dv(LOTIM, "2")]}
    dry = post_json(lotim, payload, "?dryRun=true")
    assert dry.status_code == 200
    assert summary_of(dry)["importCount"]["imported"] == 1
    assert summary_of(dry)["importOptions"]["dryRun"] is True
    assert values() == {} and not Aggregate.objects.filter(period="2023").exists()
    real = post_json(lotim, payload)
    assert summary_of(real)["importCount"] == summary_of(dry)["importCount"]


@pytest.mark.parametrize("who", ["viewer.lobar", "koordinator.ntb"])
def test_readers_write_nothing(who):
    make_persona(who)
    response = post_json(basic(who), {"dataValues": [dv(LOBAR, "1")]})
    assert response.status_code == 409
    assert summary_of(response)["conflicts"][0]["errorCode"] == "E7617"
    assert values() == {}


def test_without_credentials_or_with_a_wrong_password_the_answer_is_401():
    make_persona("operator.lotim")
    anonymous = Client().get(f"{SETS}?dataElement={DE}&period=2023&orgUnit={region_uid('52')}")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Basic")
    assert basic("operator.lotim", "wrong-password").get("/api/me").status_code == 401
    assert Client().post(SETS, "{}", content_type="application/json").status_code == 401


def test_basic_authentication_is_locked_out_like_the_sign_in_form(settings):
    make_persona("operator.lotim")
    assert basic("operator.lotim").get("/api/me").status_code == 200
    statuses = [
        basic("operator.lotim", "guess").get("/api/me").status_code
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = basic("operator.lotim").get("/api/me")  # even the right password
    # a client of the API is told in the API's shape, not with the sign-in form's HTML page
    assert locked.status_code == 429 and locked["Content-Type"] == "application/json"
    assert locked.json()["code"] == "locked_out" and "Terlalu banyak" in locked.json()["message"]


# ----------------------------------------------------------------- strategies and partial import


def seed_lotim(value=1):
    save_values(Indicator.objects.get(code="destana_level"), "2023", [ValueChange(LOTIM, value)])


def two_rows():
    return {"dataValues": [dv(LOTIM, "3"), dv(LOTIM_2, "2")]}


def test_import_strategy_create_only_adds_and_update_only_changes(lotim):
    seed_lotim()
    created = summary_of(post_json(lotim, two_rows(), "?importStrategy=CREATE"))
    assert created["importCount"] == {"imported": 1, "updated": 0, "ignored": 1, "deleted": 0}
    assert values() == {LOTIM: 1, LOTIM_2: 2}
    DataValue.objects.filter(region_id=LOTIM_2).delete()
    updated = summary_of(post_json(lotim, two_rows(), "?importStrategy=UPDATE"))
    assert updated["importCount"] == {"imported": 0, "updated": 1, "ignored": 1, "deleted": 0}
    assert values() == {LOTIM: 3}


def test_import_strategy_delete_and_an_empty_value_remove_values(lotim):
    seed_lotim()
    deleted = summary_of(post_json(lotim, two_rows(), "?importStrategy=DELETE"))
    assert deleted["importCount"] == {"imported": 0, "updated": 0, "ignored": 1, "deleted": 1}
    assert values() == {}
    seed_lotim()
    empty = {
        "dataValues": [
            {"dataElement": DE, "period": "2023", "orgUnit": region_uid(LOTIM), "value": ""}
        ]
    }
    assert summary_of(post_json(lotim, empty))["importCount"]["deleted"] == 1
    assert values() == {}
    bad = post_json(lotim, two_rows(), "?importStrategy=MERGE")
    assert bad.status_code == 409 and "importStrategy" in bad.json()["message"]


def test_a_partial_import_is_asked_for_explicitly_and_writes_the_rows_without_conflict(lotim):
    payload = two_rows()
    payload["dataValues"].append(dv(LOBAR, "1"))
    summary = summary_of(post_json(lotim, payload, "?importMode=PARTIAL"))
    assert summary["status"] == "WARNING"
    assert summary["importCount"] == {"imported": 2, "updated": 0, "ignored": 1, "deleted": 0}
    assert summary["conflicts"][0]["indexes"] == [2]
    assert values() == {LOTIM: 3, LOTIM_2: 2}


def test_every_problem_of_a_payload_is_reported_with_its_row(lotim):
    payload = {
        "dataValues": [
            {
                "dataElement": "noSuchElem1",
                "period": "2023",
                "orgUnit": region_uid(LOTIM),
                "value": "1",
            },
            {"dataElement": DE, "period": "2023S1", "orgUnit": region_uid(LOTIM), "value": "1"},
            {"dataElement": DE, "period": "2023", "orgUnit": "noSuchUnit1", "value": "1"},
            dv(LOTIM, "9"),
            {"dataElement": DE, "period": "2023", "orgUnit": region_uid(LOTIM_2), "value": "1.500"},
            {"dataElement": DE, "period": "202301", "orgUnit": region_uid(LOTIM), "value": "1"},
            {
                "dataElement": DE,
                "period": "2023",
                "orgUnit": region_uid(LOTIM_2),
                "value": "1",
                "categoryOptionCombo": "someCombo01",
            },
        ]
    }
    response = post_json(lotim, payload)
    assert response.status_code == 409
    codes = {(c["errorCode"], tuple(c["indexes"])) for c in summary_of(response)["conflicts"]}
    assert codes == {
        ("E7610", (0,)),
        ("E7611", (1,)),
        ("E7612", (2,)),
        ("E7619", (3,)),
        ("E7619", (4,)),
        ("E7611", (5,)),
        ("E7613", (6,)),
    }
    assert "SixMonthly" in json.dumps(summary_of(response)["conflicts"])
    assert values() == {}


def test_approved_data_is_a_conflict_and_stays_as_it_was(lotim):
    seed_lotim()
    act(
        "approve",
        Indicator.objects.get(code="destana_level"),
        [("52.03.05", "2023")],
        make_persona("koordinator.ntb"),
    )
    response = post_json(lotim, two_rows())
    assert response.status_code == 409
    assert {c["errorCode"] for c in summary_of(response)["conflicts"]} == {"E7630"}
    assert values() == {LOTIM: 1}


def test_a_bad_body_is_a_conflict_not_a_server_error(lotim):
    for body in ("[1, 2]", '{"dataValues": 5}', '{"dataValues": ["x"]}'):
        response = lotim.post(SETS, body, content_type="application/json")
        assert response.status_code == 409, body
    xml = lotim.post(SETS, "<xml/>", content_type="application/xml")
    assert xml.status_code == 409 and "application/csv" in xml.json()["message"]
    assert lotim.post(SETS, "{", content_type="application/json").status_code == 400


# ----------------------------------------------------------------- payloads from DHIS2's docs


def test_the_documentation_s_json_payload_with_set_level_period_and_org_unit(lotim):
    """DHIS2 docs, "Sending data values": period and orgUnit given once for the set."""
    payload = {
        "dataSet": "pBOMPrpg1QX",
        "completeDate": "2023-02-03",
        "period": "2023",
        "orgUnit": region_uid(LOTIM),
        "attributeOptionCombo": DEFAULT_COMBO,
        "dataValues": [
            {
                "dataElement": DE,
                "categoryOptionCombo": DEFAULT_COMBO,
                "value": "1",
                "comment": "comment1",
            }
        ],
    }
    response = post_json(lotim, payload)
    assert summary_of(response)["importCount"]["imported"] == 1
    assert DataValue.objects.get(region_id=LOTIM).comment == "comment1"


def test_the_documentation_s_csv_payload_with_quoted_cells_and_codes(lotim):
    """DHIS2 docs, "Sending CSV data values": a header, quoted cells, empty trailing columns;
    here with idScheme=code (indicator codes, Kemendagri codes)."""
    body = (
        '"dataelement","period","orgunit","catoptcombo","attroptcombo","value","storedby",'
        '"timestamp","comment"\n'
        f'"destana_level","2023","{LOTIM}","default",,"2","operator","2023-02-03",\n'
        f'"destana_level","2023","{LOTIM_2}","default",,"Madya","operator","2023-02-03","x"\n'
    )
    response = post_csv(lotim, body, "?idScheme=code")
    assert response.status_code == 200, response.content
    assert values() == {LOTIM: 2, LOTIM_2: 2}


def test_the_documentation_s_code_scheme_for_data_elements_and_org_units_separately(lotim):
    payload = {
        "dataValues": [
            {
                "dataElement": "destana_level",
                "period": "2023",
                "orgUnit": region_uid(LOTIM),
                "value": 1,
            }
        ]
    }
    response = post_json(lotim, payload, "?dataElementIdScheme=CODE&orgUnitIdScheme=UID")
    assert summary_of(response)["importCount"]["imported"] == 1
    assert post_json(lotim, payload, "?idScheme=NAME").status_code == 409


# ----------------------------------------------------------------- export and round trips


def exported(client, query, suffix=""):
    return client.get(f"{SETS}{suffix}?{query}")


def test_export_filters_and_shows_only_what_the_user_may_see(admin):
    seed_lotim(2)
    save_values(Indicator.objects.get(code="destana_level"), "2023", [ValueChange(LOBAR, 1)])
    query = f"dataElement={DE}&period=2023&orgUnit={region_uid('52')}&children=true"
    rows = exported(admin, query).json()["dataValues"]
    assert {row["orgUnit"] for row in rows} == {region_uid(LOTIM), region_uid(LOBAR)}
    row = next(r for r in rows if r["orgUnit"] == region_uid(LOTIM))
    assert row["dataElement"] == DE and row["value"] == "2" and row["period"] == "2023"
    assert row["categoryOptionCombo"] == DEFAULT_COMBO and row["followup"] is False
    assert row["lastUpdated"].endswith("+0000")
    by_accept = admin.get(f"{SETS}?{query}", HTTP_ACCEPT="application/csv")
    assert by_accept["Content-Type"] == "application/csv" and DE in by_accept.content.decode()
    without_children = exported(admin, f"dataElement={DE}&period=2023&orgUnit={region_uid('52')}")
    assert without_children.json()["dataValues"] == []
    make_persona("viewer.lobar")
    seen = exported(basic("viewer.lobar"), query).json()["dataValues"]
    assert [row["orgUnit"] for row in seen] == [region_uid(LOBAR)]
    coded = exported(
        admin,
        "idScheme=code&dataElement=destana_level&startDate=2023-01-01"
        "&endDate=2023-12-31&orgUnit=52.03&children=true",
    ).json()
    assert coded["dataValues"][0]["orgUnit"] == LOTIM
    assert coded["dataValues"][0]["dataElement"] == "destana_level"
    by_theme = exported(
        admin,
        f"dataSet={uid('ds', 'pra-bencana')}&period=2023&orgUnit=52.03"
        "&orgUnitIdScheme=code&children=true",
    ).json()
    assert len(by_theme["dataValues"]) == 1
    assert exported(admin, f"period=2023&orgUnit={region_uid('52')}").status_code == 409
    assert exported(admin, f"dataElement={DE}&orgUnit={region_uid('52')}").status_code == 409
    assert exported(admin, f"dataElement={DE}&period=2023S1&orgUnit=x").status_code == 409


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_round_trip_into_an_emptied_database_gives_identical_values(admin, suffix):
    level = Indicator.objects.get(code="destana_level")
    save_values(
        level,
        "2023",
        [
            ValueChange(LOTIM, 2, comment="dari BPBD"),
            ValueChange(LOBAR, 3),
            ValueChange("52.71.01.1004", 1),
        ],
    )
    save_values(level, "2024", [ValueChange(LOTIM, 3)])
    query = (
        f"dataElement={DE}&startDate=2023-01-01&endDate=2024-12-31"
        f"&orgUnit={region_uid('52')}&children=true"
    )

    def cells():
        return sorted(
            DataValue.objects.values_list(
                "indicator__code", "region_id", "period", "value", "comment"
            )
        )

    def summaries():
        return sorted(Aggregate.objects.values_list("region_id", "period", "value"))

    before, rolled_up = cells(), summaries()
    response = exported(admin, query, suffix)
    assert response.status_code == 200
    DataValue.objects.all().delete()
    Aggregate.objects.all().delete()
    if suffix == ".csv":
        assert response["Content-Type"] == "application/csv"
        assert next(csv.reader(io.StringIO(response.content.decode())))[0] == "dataelement"
        result = post_csv(admin, response.content.decode())
    else:
        result = post_json(admin, response.json())
    assert summary_of(result)["importCount"]["imported"] == 4
    assert cells() == before and summaries() == rolled_up


# ----------------------------------------------------------------- single values


def test_single_data_values_get_post_delete(lotim):
    query = f"de={DE}&pe=2023&ou={region_uid(LOTIM)}"
    assert lotim.get(f"/api/dataValues?{query}").status_code == 404
    created = lotim.post(f"/api/dataValues?{query}&value=2&comment=ok")
    assert created.status_code == 201, created.content
    assert lotim.get(f"/api/dataValues?{query}").json() == ["2"]
    form = lotim.post(
        "/api/dataValues", {"de": DE, "pe": "2023", "ou": region_uid(LOTIM), "value": "3"}
    )
    assert form.status_code == 201 and values() == {LOTIM: 3}
    assert lotim.delete(f"/api/dataValues?{query}").status_code == 204
    assert values() == {}
    assert lotim.delete(f"/api/dataValues?{query}").status_code == 409
    outside = lotim.post(f"/api/dataValues?de={DE}&pe=2023&ou={region_uid(LOBAR)}&value=1")
    assert outside.status_code == 409 and outside.json()["errorCode"] == "E7617"
    assert values() == {}
    seed_lotim()
    make_persona("viewer.lobar")
    assert basic("viewer.lobar").get(f"/api/dataValues?{query}").status_code == 404
    assert basic("viewer.lobar").delete(f"/api/dataValues?{query}").status_code == 409
    assert values() == {LOTIM: 1}


# ----------------------------------------------------------------- metadata


def test_organisation_units_page_filter_and_fields(lotim):
    first = lotim.get("/api/organisationUnits?pageSize=10").json()
    assert first["pager"]["total"] == 1294 and first["pager"]["pageCount"] == 130
    assert "page=2" in first["pager"]["nextPage"] and len(first["organisationUnits"]) == 10
    assert set(first["organisationUnits"][0]) == {"id", "displayName"}
    one = lotim.get(
        "/api/organisationUnits.json?filter=code:eq:52.03&fields=id,code,level,parent[id,code]"
    ).json()["organisationUnits"]
    assert one == [
        {
            "id": region_uid("52.03"),
            "code": "52.03",
            "level": 2,
            "parent": {"id": region_uid("52"), "code": "52"},
        }
    ]
    lombok = lotim.get(
        "/api/organisationUnits?filter=name:ilike:lombok&filter=level:eq:2&paging=false&fields=code"
    ).json()
    assert "pager" not in lombok
    assert {u["code"] for u in lombok["organisationUnits"]} == {"52.01", "52.02", "52.03", "52.08"}
    detail = lotim.get(f"/api/organisationUnits/{region_uid(LOTIM)}").json()
    assert detail["code"] == LOTIM and detail["level"] == 4
    assert detail["path"].split("/")[1:] == [
        region_uid(c) for c in ("52", "52.03", "52.03.05", LOTIM)
    ]
    undotted = lotim.get("/api/organisationUnits?filter=code:eq:5203&fields=code").json()
    assert undotted["organisationUnits"] == [{"code": "52.03"}]
    assert lotim.get("/api/organisationUnits?filter=code:like").status_code == 200
    assert lotim.get("/api/organisationUnits?filter=nope:eq:1").status_code == 409
    assert lotim.get("/api/organisationUnits?filter=code").status_code == 409
    assert lotim.get("/api/organisationUnits/noSuchUnit1").status_code == 404


def test_organisation_units_as_geojson_from_the_maps_boundaries(lotim):
    response = lotim.get(f"/api/organisationUnits.geojson?level=3&parent={region_uid('52.03')}")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert len(features) == 21  # the kecamatan of Lombok Timur
    assert all(f["properties"]["parent"] == region_uid("52.03") for f in features)
    assert features[0]["geometry"]["type"] == "MultiPolygon" and is_uid(features[0]["id"])
    assert len(lotim.get("/api/organisationUnits.geojson?level=2").json()["features"]) == 10


def test_data_elements_are_the_raw_indicators(lotim):
    answer = lotim.get("/api/dataElements?fields=*&paging=false").json()["dataElements"]
    level = next(d for d in answer if d["code"] == "destana_level")
    assert level["id"] == DE and level["valueType"] == "INTEGER_ZERO_OR_POSITIVE"
    assert level["periodType"] == "Yearly" and level["domainType"] == "AGGREGATE"
    assert lotim.get(f"/api/dataElements/{DE}?fields=id,name").json() == {
        "id": DE,
        "name": Indicator.objects.get(code="destana_level").name,
    }
    found = lotim.get("/api/dataElements?filter=code:in:[destana_level,destana_formed]").json()
    assert found["pager"]["total"] == 2


def test_themes_are_data_sets_listing_their_data_elements(lotim):
    sets = lotim.get("/api/dataSets?paging=false&fields=*").json()["dataSets"]
    pra = next(d for d in sets if d["code"] == "pra-bencana")
    assert pra["id"] == uid("ds", "pra-bencana") and pra["periodType"] == "Yearly"
    elements = {e["dataElement"]["id"] for e in pra["dataSetElements"]}
    themed = Indicator.objects.filter(themes__code="pra-bencana").values_list("code", flat=True)
    assert elements == {indicator_uid(code) for code in themed} and DE in elements
    assert indicator_uid("destana_formed") in elements
    one = lotim.get(f"/api/dataSets/{pra['id']}?fields=id,code").json()
    assert one == {"id": pra["id"], "code": "pra-bencana"}
    assert lotim.get("/api/dataSets/noSuchSet01").status_code == 404


def test_me_and_system_info(lotim):
    me = lotim.get("/api/me").json()
    assert me["username"] == "operator.lotim"
    assert me["organisationUnits"] == [{"id": region_uid("52.03"), "code": "52.03"}]
    assert "F_DATAVALUE_ADD" in me["authorities"]
    info = lotim.get("/api/system/info").json()
    assert info["version"].startswith("2.") and info["calendar"] == "iso8601"
    make_user("norole")
    assert basic("norole").get("/api/me").json()["organisationUnits"] == []


# ----------------------------------------------------------------- queued imports


def test_an_async_import_returns_a_task_to_poll_with_the_summary(lotim):
    response = post_json(lotim, two_rows(), "?async=true")
    assert response.status_code == 200
    task = response.json()["response"]
    assert task["jobType"] == "DATAVALUE_IMPORT"
    notes = lotim.get(task["relativeNotifierEndpoint"]).json()
    assert notes[0]["completed"] is True
    summary = lotim.get(f"/api/system/taskSummaries/DATAVALUE_IMPORT/{task['id']}").json()
    assert summary["responseType"] == "ImportSummary" and summary["importCount"]["imported"] == 2
    assert values() == {LOTIM: 3, LOTIM_2: 2}
    make_persona("viewer.lobar")
    assert basic("viewer.lobar").get(task["relativeNotifierEndpoint"]).status_code == 404
    csv_task = post_csv(lotim, f"h\n{DE},2023,{region_uid(LOBAR)},,,1\n", "?async=true").json()
    summary = lotim.get(
        f"/api/system/taskSummaries/DATAVALUE_IMPORT/{csv_task['response']['id']}"
    ).json()
    assert summary["status"] == "ERROR" and summary["conflicts"][0]["errorCode"] == "E7617"


def test_a_payload_above_the_limit_is_refused_with_the_reason(lotim, monkeypatch):
    from sinergi.indicators.dhis2 import exchange, views

    monkeypatch.setattr(views, "MAX_BODY_BYTES", 100)
    assert post_json(lotim, two_rows()).status_code == 413
    monkeypatch.undo()

    monkeypatch.setattr(exchange, "MAX_ROWS", 1)
    response = post_json(lotim, two_rows())
    assert response.status_code == 409 and "1" in response.json()["message"]
    assert values() == {}


def test_hostile_queries_are_refused_or_bounded_never_a_server_error(admin):
    deep = "id" + "[id" * 50 + "]" * 50
    assert admin.get(f"/api/organisationUnits?fields=parent{deep}").status_code == 409
    seed_lotim()
    wide = "dataElement=destana_level&startDate=0001-01-01&endDate=9999-12-31&orgUnit=52"
    every_year = admin.get(f"{SETS}?{wide}&children=true&idScheme=code")
    assert every_year.status_code == 200 and len(every_year.json()["dataValues"]) == 1
    for query in ("page=x", "pageSize=-5", "filter=level:gt:9", "filter=id:in:[", "fields=]"):
        assert admin.get(f"/api/organisationUnits?{query}").status_code in (200, 409), query
    assert (
        admin.get(
            f"{SETS}?dataElement={DE}&period=2023&orgUnit=52&startDate=2023-13-45&idScheme=uid"
        ).status_code
        == 409
    )


def test_a_refusal_by_the_write_itself_is_a_conflict_and_partial_writes_the_rest(
    lotim, monkeypatch
):
    """What only the write can see (a change made meanwhile) is reported like the rest."""
    from sinergi.indicators.dhis2 import exchange
    from sinergi.indicators.services import ValueErrors

    real = exchange.save_values

    def refusing(indicator, period, changes, *args, **kwargs):
        if any(change.region == LOTIM for change in changes):
            raise ValueErrors({LOTIM: "Changed meanwhile"})
        return real(indicator, period, changes, *args, **kwargs)

    monkeypatch.setattr(exchange, "save_values", refusing)
    whole = post_json(lotim, two_rows())
    assert whole.status_code == 409 and values() == {}
    (conflict,) = summary_of(whole)["conflicts"]
    assert (conflict["errorCode"], conflict["indexes"]) == ("SN104", [0])
    assert summary_of(whole)["importCount"]["ignored"] == 2
    partial = summary_of(post_json(lotim, two_rows(), "?importMode=PARTIAL"))
    assert partial["status"] == "WARNING"
    assert partial["importCount"] == {"imported": 1, "updated": 0, "ignored": 1, "deleted": 0}
    assert values() == {LOTIM_2: 2}


def test_a_closed_edit_window_is_a_conflict_and_an_import_is_audited(lotim):
    import datetime

    from sinergi.core.models import AuditEvent
    from sinergi.indicators.models import EditWindow

    level = Indicator.objects.get(code="destana_level")
    window = EditWindow.objects.create(
        indicator=level,
        period="2023",
        opens=datetime.date(2023, 1, 1),
        closes=datetime.date(2023, 3, 31),
    )
    closed = post_json(lotim, two_rows())
    assert closed.status_code == 409 and values() == {}
    assert {c["errorCode"] for c in summary_of(closed)["conflicts"]} == {"SN103"}
    window.delete()
    assert not AuditEvent.objects.filter(kind="import").exists()
    post_json(lotim, two_rows(), "?dryRun=true")
    assert not AuditEvent.objects.filter(kind="import").exists()
    post_json(lotim, two_rows())
    event = AuditEvent.objects.get(kind="import")
    assert event.username == "operator.lotim" and event.detail["imported"] == 2


# ----------------------------------------------------------------- ADX


def adx_body(*groups) -> str:
    """ADX as DHIS2's documentation writes it: codes, ISO 8601 period intervals."""
    inner = "".join(
        f'<group orgUnit="{ou}" period="{period}">'
        + "".join(f'<dataValue dataElement="destana_level" value="{v}"/>' for v in group_values)
        + "</group>"
        for ou, period, group_values in groups
    )
    return f'<?xml version="1.0"?><adx xmlns="urn:ihe:qrph:adx:2015">{inner}</adx>'


def post_adx(client, body, query=""):
    return client.post(f"{SETS}{query}", body, content_type="application/adx+xml")


def test_adx_imports_with_codes_and_periods_as_intervals_all_or_nothing(lotim):
    ok = post_adx(lotim, adx_body((LOTIM, "2023-01-01/P1Y", ["2"])))
    assert ok.status_code == 200, ok.content
    assert values() == {LOTIM: 2}
    mixed = adx_body((LOTIM_2, "2023-01-01/P1Y", ["1"]), (LOBAR, "2023-01-01/P1Y", ["1"]))
    for query in ("", "?dryRun=true"):
        refused = post_adx(lotim, mixed, query)
        assert refused.status_code == 409
        (conflict,) = summary_of(refused)["conflicts"]
        assert (conflict["errorCode"], conflict["indexes"]) == ("E7617", [1])
    assert values() == {LOTIM: 2}
    quarter = post_adx(lotim, adx_body((LOTIM, "2023-04-01/P3M", ["1"])))
    assert summary_of(quarter)["conflicts"][0]["errorCode"] == "E7611"  # a yearly indicator
    sex = adx_body((LOTIM, "2023-01-01/P1Y", ["1"])).replace('value="1"', 'value="1" SEX="F"')
    assert summary_of(post_adx(lotim, sex))["conflicts"][0]["errorCode"] == "E7613"


def test_adx_refuses_entity_bombs_and_bad_xml_without_writing(lotim):
    bomb = ('<?xml version="1.0"?><!DOCTYPE adx [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><adx>&b;</adx>')  # fmt: skip
    for body in (bomb, "<adx><group", "<other/>"):
        response = post_adx(lotim, body)
        assert response.status_code == 409, body
    assert values() == {}


def test_adx_export_round_trips(admin):
    level = Indicator.objects.get(code="destana_level")
    save_values(level, "2023", [ValueChange(LOTIM, 2, comment="dari BPBD"), ValueChange(LOBAR, 3)])
    query = "dataElement=destana_level&period=2023&orgUnit=52&children=true"
    exported_adx = admin.get(f"{SETS}?{query}", HTTP_ACCEPT="application/adx+xml")
    assert exported_adx["Content-Type"] == "application/adx+xml"
    text = exported_adx.content.decode()
    assert 'period="2023-01-01/P1Y"' in text and f'orgUnit="{LOTIM}"' in text
    before = sorted(DataValue.objects.values_list("region_id", "value", "comment"))
    DataValue.objects.all().delete()
    result = post_adx(admin, exported_adx.content)
    assert summary_of(result)["importCount"]["imported"] == 2
    assert sorted(DataValue.objects.values_list("region_id", "value", "comment")) == before


@pytest.mark.parametrize(
    "query",
    [
        "organisationUnits?page=99999999999999999999",
        "dataElements?page=99999999999999999999&pageSize=50",
        "dataSets?page=%C2%B2",
        "dataValueSets?dataElement=destana_level&idScheme=CODE&period=2023&orgUnit=52"
        "&children=true&limit=99999999999999999999999",
        "dataValueSets?dataElement=destana_level&idScheme=CODE&period=2023&orgUnit=52"
        "&children=true&limit=%C2%B2",
    ],
)
def test_a_huge_page_or_limit_is_answered_never_a_500(lotim, query):
    """Numbers past the database's integer range (or digits that are not ASCII) in page and
    limit: an empty page, all values, or a 409 naming the parameter."""
    lotim.raise_request_exception = False
    response = lotim.get(f"/api/{query}")
    assert response.status_code in (200, 409), response.content[:300]


def test_level_zero_is_no_level(lotim):
    response = lotim.get("/api/organisationUnits.geojson?level=0")
    assert response.status_code == 409 and "level" in response.json()["message"]


def test_a_queued_import_sent_with_a_token_names_it_in_the_history(monkeypatch):
    """The queue's worker runs the import after the request is gone: its history rows still
    name the token the import came with (as a direct import's do)."""
    from sinergi.accounts.tokens import create_token
    from sinergi.indicators.dhis2 import tasks, views

    token, key = create_token(make_persona("operator.lotim"), "OpenSID")
    queued = []
    monkeypatch.setattr(views, "run_dhis2_import", queued.append)  # run later, as the worker
    client = Client(HTTP_AUTHORIZATION=f"ApiToken {key}")
    assert post_json(client, {"dataValues": [dv(LOTIM, "2")]}, "?async=true").status_code == 200
    tasks.run_dhis2_import.call_local(queued[0])
    value = DataValue.objects.get(region_id=LOTIM, indicator__code="destana_level")
    assert value.history.first().history_change_reason == f"API: OpenSID ({token.prefix}…)"


# ----------------------------------------------------------------- the done-when, with a token


def test_an_operator_s_personal_token_writes_its_village_and_gets_a_conflict_for_lombok_barat():
    """The done-when scenario as a DHIS2 script runs it with a personal access token
    (`Authorization: ApiToken …`): JSON and CSV write the Lombok Timur village, a payload with a
    Lombok Barat village is a conflict that writes nothing, a dry run reports the same summary
    and writes nothing, and the history names the token."""
    user = make_persona("operator.lotim")
    token, key = create_token(user, "Skrip DHIS2 Dinkes")
    client = Client(HTTP_AUTHORIZATION=f"ApiToken {key}")
    reason = f"API: Skrip DHIS2 Dinkes ({token.prefix}…)"

    dry = post_json(client, {"dataValues": [dv(LOTIM, "2")]}, "?dryRun=true")
    assert dry.status_code == 200, dry.content
    assert summary_of(dry)["importOptions"]["dryRun"] is True
    assert values() == {} and not Aggregate.objects.filter(period="2023").exists()
    ok = post_json(client, {"dataValues": [dv(LOTIM, "2")]})
    assert ok.status_code == 200, ok.content
    assert summary_of(ok)["status"] == "SUCCESS"
    assert (
        summary_of(ok)["importCount"]
        == summary_of(dry)["importCount"]
        == {
            "imported": 1,
            "updated": 0,
            "ignored": 0,
            "deleted": 0,
        }
    )
    assert values() == {LOTIM: 2}
    record = DataValue.objects.get(region_id=LOTIM).history.first()
    assert record.history_user == user and record.history_change_reason == reason
    assert Aggregate.objects.filter(region_id="52.03", period="2023").exists()

    csv_body = (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
        f"{DE},2023,{region_uid(LOTIM)},{DEFAULT_COMBO},{DEFAULT_COMBO},3\n"
    )
    dry = post_csv(client, csv_body, "?dryRun=true")
    assert dry.status_code == 200 and summary_of(dry)["importCount"]["updated"] == 1
    assert values() == {LOTIM: 2}
    ok = post_csv(client, csv_body)
    assert ok.status_code == 200, ok.content
    assert summary_of(ok)["importCount"] == summary_of(dry)["importCount"]
    assert values() == {LOTIM: 3}
    records = DataValue.objects.get(region_id=LOTIM).history.all()
    assert [r.history_change_reason for r in records] == [reason, reason]

    mixed = {"dataValues": [dv(LOTIM_2, "1"), dv(LOBAR, "1")]}
    mixed_csv = csv_body.replace(region_uid(LOTIM), region_uid(LOBAR))
    mixed_csv += f"{DE},2023,{region_uid(LOTIM_2)},,,1\n"
    for send, body, index in ((post_json, mixed, 1), (post_csv, mixed_csv, 0)):
        real, dry = send(client, body), send(client, body, "?dryRun=true")
        for response in (real, dry):
            assert response.status_code == 409, response.content
            summary = summary_of(response)
            assert summary["status"] == "ERROR"
            assert summary["importCount"] == {
                "imported": 0,
                "updated": 0,
                "ignored": 2,
                "deleted": 0,
            }
            (conflict,) = summary["conflicts"]
            assert conflict["object"] == region_uid(LOBAR)
            assert conflict["errorCode"] == "E7617" and conflict["property"] == "orgUnit"
            assert conflict["indexes"] == [index]
        assert summary_of(dry)["conflicts"] == summary_of(real)["conflicts"]
        assert summary_of(dry)["importOptions"]["dryRun"] is True
        assert values() == {LOTIM: 3}  # nothing written, not even Lombok Timur's row
    assert DataValue.history.filter(region_id__in=[LOTIM_2, LOBAR]).count() == 0

    revoke(user, token.pk)  # a revoked token writes nothing more
    assert post_json(client, {"dataValues": [dv(LOTIM, "1")]}).status_code == 401
    assert values() == {LOTIM: 3}
