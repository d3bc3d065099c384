import gzip
import json

import pytest
from django.urls import reverse

from sinergi.regions import boundaries

pytestmark = pytest.mark.django_db

KECAMATAN_BUDGET = 300 * 1024  # bytes sent for the whole kecamatan layer


def url(level, within=""):
    return reverse("regions:boundaries", args=[level]) + (f"?within={within}" if within else "")


def test_kecamatan_layer_is_small_gzipped_reduced_and_complete(client):
    response = client.get(url("district", "52"), HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= KECAMATAN_BUDGET
    assert int(response["Content-Length"]) == len(response.content)
    data = json.loads(gzip.decompress(response.content))
    codes = [f["properties"]["code"] for f in data["features"]]
    assert len(codes) == 117 and codes == sorted(codes)
    assert all(set(f["properties"]) == {"code", "name"} for f in data["features"])
    points = [
        xy
        for f in data["features"]
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for xy in ring
    ]
    assert all(round(v, 4) == v for xy in points for v in xy)  # 4 decimals at most
    assert all(115.5 < x < 119.5 and -9.3 < y < -7.9 for x, y in points)  # NTB, [lng, lat]
    plain = client.get(url("district", "52"))  # no gzip asked: none sent
    assert "Content-Encoding" not in plain and json.loads(plain.content) == data
    assert len(plain.content) < 126332  # smaller than the shipped file


def test_within_filter_and_unknown_input(client):
    lotim = json.loads(client.get(url("district", "52.03")).content)
    codes = {f["properties"]["code"] for f in lotim["features"]}
    assert len(codes) == 21 and all(code.startswith("52.03.") for code in codes)
    regencies = json.loads(client.get(url("regency", "52")).content)
    assert len(regencies["features"]) == 10
    one = json.loads(client.get(url("regency", "52.71")).content)
    assert [f["properties"]["name"] for f in one["features"]] == ["Kota Mataram"]
    assert client.get(url("village", "52")).status_code == 404  # no village shapes shipped
    assert client.get(url("district", "99.99")).status_code == 404  # unknown region
    kecamatan = json.loads(client.get(url("district", "52.03.05")).content)["features"]
    assert [f["properties"]["code"] for f in kecamatan] == ["52.03.05"]


def test_etag_and_cache_headers_let_the_browser_reuse_the_layer(client):
    first = client.get(url("district", "52"), HTTP_ACCEPT_ENCODING="gzip")
    assert "max-age=86400" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert "Accept-Encoding" in first["Vary"]
    etag = first["ETag"]
    again = client.get(url("district", "52"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    other = client.get(url("district", "52.03"), HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200 and other["ETag"] != etag  # another layer, another tag


def test_the_layer_is_computed_once_per_process(client, django_assert_max_num_queries):
    boundaries.layer("district", "52")
    before = boundaries.layer.cache_info().hits
    with django_assert_max_num_queries(3):  # the region check and the session, no re-reading
        client.get(url("district", "52"))
    assert boundaries.layer.cache_info().hits == before + 1


def test_shipped_files_keep_their_mit_notice():
    notice = (boundaries.DATA / "NOTICE.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2024 Cahya DSN" in notice and "3c5a796" in notice
    assert "cahyadsn/wilayah_boundaries" in notice
