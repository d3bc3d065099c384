import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_browser_starts_at_the_provinces(client):
    response = client.get(reverse("regions:region_list"))
    assert response.status_code == 200
    assert "Nusa Tenggara Barat" in response.text
    assert "Kabupaten Lombok Timur" not in response.text  # the hint may name it


def test_region_page_has_breadcrumbs_children_and_village_kinds(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("regions:region_detail", args=["52.71"]))
    assert response.status_code == 200
    text = response.text
    assert "Kota Mataram" in text
    assert 'class="breadcrumb-item"' in text and "Provinsi Nusa Tenggara Barat" in text
    assert "Ampenan" in text  # a kecamatan below it
    assert "TP PKK Kota Mataram" in text


def test_province_page_counts_desa_and_kelurahan_per_regency(client):
    response = client.get(reverse("regions:region_detail", args=["52"]))
    rows = {row.code: row for row in response.context["children"]}
    assert rows["52.03"].child_count == 21
    assert rows["52.03"].village_kinds == {"desa": 239, "kelurahan": 15}
    assert rows["52.71"].village_kinds == {"kelurahan": 50}


def test_search_by_name_and_by_code(client):
    by_name = client.get(reverse("regions:region_list"), {"q": "sumbawa barat"})
    assert "Kabupaten Sumbawa Barat" in by_name.text
    by_code = client.get(reverse("regions:region_list"), {"q": "52.03.05"})
    codes = [row.record.code for row in by_code.context["table"].page.object_list]
    assert codes and all(code.startswith("52.03.05") for code in codes)


def test_unknown_region_is_404(client):
    assert client.get(reverse("regions:region_detail", args=["99.99"])).status_code == 404


def test_suggestions_offer_matching_regions(client):
    response = client.get(reverse("search:regions"), {"q": "Lombok Timur"})
    assert '<option value="52.03">' in response.text


def test_region_search_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("regions:region_list"), {"q": "a", "level": "village"})
    assert response.context["table"].paginator.count > 500
