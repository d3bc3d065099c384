import re
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]+)')


def crawl(client, start="/", limit=150):
    """Follow every same-site link from `start`, two levels deep; return {url: status}."""
    seen, frontier = {}, [start]
    for _depth in range(3):
        following = []
        for url in frontier:
            if url in seen or len(seen) >= limit:
                continue
            response = client.get(url)
            seen[url] = response.status_code
            if response.status_code == 200 and "text/html" in response["Content-Type"]:
                for href in HREF.findall(response.content.decode()):
                    href = urljoin(url, href.replace("&amp;", "&"))
                    parsed = urlparse(href)
                    if not parsed.netloc and not parsed.path.startswith(("/static/", "/admin/")):
                        following.append(href)
        frontier = following
    return seen


def test_home_is_in_indonesian(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Beranda" in response.text and "Wilayah" in response.text and "Lembaga" in response.text


def test_language_switch_to_english(client, demo):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.text
    assert "Home" in response.text and "Regions" in response.text


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_linked_from_home_answers(client, demo, operator, signed_in):
    if signed_in:
        client.force_login(operator)
    statuses = crawl(client)
    assert len(statuses) > 30
    broken = {url: status for url, status in statuses.items() if status not in (200, 302)}
    assert broken == {}


def test_home_query_count_is_bounded(client, demo, django_assert_max_num_queries):
    from sinergi.indicators.demo import load_figures
    from sinergi.indicators.models import Indicator

    load_figures()
    key_indicators = Indicator.objects.filter(is_key=True).count()
    assert key_indicators >= 6
    # The cards take 4 queries however many there are; the focus regions, the headline map and
    # its trend a few more, none per region or card.
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert len(response.context["cards"]) == key_indicators


def test_static_assets_are_served_by_the_app(client):
    page = client.get("/").text
    assert "cdn" not in page.lower()
    for path in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
        response = client.get(path)
        assert response.status_code == 200, path


def test_home_is_cached_until_data_changes_and_per_scope(
    client, demo, persona, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.core.management import call_command

    from sinergi.indicators.models import Aggregate, Indicator
    from sinergi.indicators.services import save_value

    formed = Indicator.objects.get(code="destana_formed")
    save_value(formed, "52", "2023", 434)
    assert "434" in client.get("/").text
    with django_assert_max_num_queries(1):  # only the data revision: the body comes from the cache
        assert "434" in client.get("/").text
    save_value(formed, "52", "2023", 440)  # a write: the next page load shows it
    assert "440" in client.get("/").text
    # A damaged summary, shown and cached (say after a restart), is repaired by a rebuild, which
    # changes no value: the page follows the rebuilt summaries, not the cached page.
    damaged = Aggregate.objects.filter(indicator=formed, region="52", period="2023")
    damaged.update(reported=999, value=999)
    cache.clear()
    assert "999" in client.get("/").text
    call_command("rollup", "destana_formed", "2023", "--rebuild")
    assert "440" in client.get("/").text
    client.force_login(persona("koordinator.ntb"))
    signed_in = client.get("/").text
    assert "Pelayanan administrasi kependudukan" in signed_in  # programs: not public
    client.logout()
    assert "Pelayanan administrasi kependudukan" not in client.get("/").text
