"""Fuzzing the DHIS2-compatible endpoints: generated data value sets (JSON and CSV) and query
parameters as a writer and a reader. Any answer of 500 fails; a refused payload writes nothing."""

import base64
import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from sinergi.indicators.dhis2.uids import DEFAULT_COMBO, indicator_uid, region_uid
from sinergi.indicators.models import DataValue
from sinergi.testing import PASSWORD, fuzz_settings, make_persona

pytestmark = pytest.mark.django_db

FUZZ = fuzz_settings()
hostile = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "1.500",
            "1e999",
            "NaN",
            "true",
            "Madya",
            "2023",
            "2023Q1",
            "2023S1",
            "202313",
            "20230101",
            "52",
            "52.03.05.2001",
            "5203",
            "default",
            DEFAULT_COMBO,
            indicator_uid("destana_level"),
            region_uid("52.03.05.2001"),
            region_uid("52.01.01.2002"),
            "destana_level",
            "\x00",
            "１２",
            "' OR 1=1 --",
            "[",
            "]",
            ":",
            "a:eq:",
            "id:in:[a,b",
        ]
    ),
    st.text(max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.none(),
    st.booleans(),
)
FIELDS = [
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "comment",
    "deleted",
]
PARAMS = [
    "dryRun",
    "importStrategy",
    "idScheme",
    "dataElementIdScheme",
    "orgUnitIdScheme",
    "importMode",
    "firstRowIsHeader",
    "dataElement",
    "dataSet",
    "period",
    "startDate",
    "endDate",
    "lastUpdated",
    "orgUnit",
    "children",
    "limit",
    "fields",
    "filter",
    "page",
    "pageSize",
    "paging",
    "rootJunction",
    "level",
    "parent",
    "de",
    "pe",
    "ou",
    "value",
]
URLS = [
    "/api/dataValueSets",
    "/api/dataValueSets.csv",
    "/api/dataValues",
    "/api/organisationUnits",
    "/api/organisationUnits.geojson",
    "/api/dataElements",
    f"/api/organisationUnits/{region_uid('52.03')}",
    "/api/me",
    "/api/system/info",
]


def basic(username: str) -> Client:
    token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {token}")


@pytest.fixture
def clients(db):
    return {name: (make_persona(name), basic(name))[1] for name in ("operator.lotim", "admin")}


def text_of(value) -> str:
    return "" if value is None else str(value)


@FUZZ
@given(data=st.data())
def test_generated_data_value_sets_never_cause_a_server_error(clients, data):
    who = data.draw(st.sampled_from(sorted(clients)), label="persona")
    rows = data.draw(
        st.lists(st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=8), max_size=4),
        label="rows",
    )
    params = data.draw(
        st.dictionaries(st.sampled_from(PARAMS[:7]), hostile.map(text_of), max_size=3),
        label="params",
    )
    params.pop("async", None)
    before = DataValue.objects.count()
    if data.draw(st.booleans(), label="csv"):
        body = "h\n" + "\n".join(",".join(text_of(r.get(f)) for f in FIELDS) for r in rows)
        response = clients[who].generic(
            "POST",
            "/api/dataValueSets",
            body.encode(),
            content_type="application/csv",
            QUERY_STRING=urlencode(params),
        )
    else:
        response = clients[who].post(
            "/api/dataValueSets?" + urlencode(params),
            json.dumps({"dataValues": rows}),
            content_type="application/json",
        )
    assert response.status_code < 500, (rows, params)
    if response.status_code != 200:
        assert DataValue.objects.count() == before


@FUZZ
@given(data=st.data())
def test_generated_queries_never_cause_a_server_error(clients, data):
    who = data.draw(st.sampled_from(sorted(clients)), label="persona")
    url = data.draw(st.sampled_from(URLS), label="url")
    params = data.draw(
        st.dictionaries(st.sampled_from(PARAMS), hostile.map(text_of), max_size=5), label="params"
    )
    response = clients[who].get(url, params)
    assert response.status_code < 500, (url, params)
