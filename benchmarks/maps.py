"""Benchmark: the NTB Destana map page with its data and the kecamatan layer, and Beranda (home)
with its cards, map and trend chart, against the sign-in page of the same app measured in the same
run; and the bytes sent for the kecamatan layer.

    DEBUG=1 .venv/bin/python benchmarks/maps.py          # SQLite (temporary file)

Targets (issue 14): map page + data + kecamatan layer <= 3x the sign-in page; home page with
charts <= 3x; kecamatan layer <= 300 KB sent. The figures are the real NTB demo (`sinergi demo`).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

REPEAT = 10
BUDGET_BYTES = 300 * 1024
PAGE = "/indicators/destana_formed/map/?region=52&period=2023"
DATA = "/indicators/destana_formed/map.json?region=52.03&period=2023"  # a drill to Lombok Timur
REGENCIES = "/regions/boundaries/regency.geojson?within=52"
KECAMATAN = "/regions/boundaries/district.geojson?within=52"
SIGN_IN = "/accounts/login/"
DETAIL = "/indicators/destana_formed/?region=52&period=2023"  # the same roll-up as a table
HOME = "/"


def setup():
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures
    from sinergi.programs.demo import load_demo
    from sinergi.regions.models import Region

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="52").exists():
        call_command("load_regions", verbosity=0)
    load_demo()
    load_meeting()
    load_figures()
    from sinergi.regions.demo import load_groups

    load_groups(source="https://dpmpddukcapil.ntbprov.go.id/?p=116")  # as `sinergi demo`


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def map_requests(client):
    """What a browser asks for: the map page (its data embedded), the kab/kota layer, the whole
    kecamatan layer, and the data of one drill-down (Lombok Timur)."""
    sent = 0
    for url in (PAGE, DATA, REGENCIES, KECAMATAN):
        sent += len(get(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate").content)
    return sent


def best(func, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def interleaved(first, second, repeat=REPEAT * 3):
    """Best times of two requests measured alternately, so that the load of a busy machine falls
    on both alike (the ratio is what counts)."""
    a, b = [], []
    for _ in range(repeat):
        for func, times in ((first, a), (second, b)):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    return min(a), min(b)


def main():
    print(f"database: {connection.vendor}")
    setup()
    client = Client()
    get(client, SIGN_IN)  # Django's own warm-up (URLconf, templates, translations)
    start = time.perf_counter()
    map_requests(client)  # the first: reads and reduces the boundary files (once per process)
    cold = time.perf_counter() - start
    map_best, map_median = best(lambda: map_requests(client))
    page_best, _ = best(lambda: get(client, PAGE))
    layer = get(client, KECAMATAN, HTTP_ACCEPT_ENCODING="gzip, deflate")
    plain = get(client, KECAMATAN)
    detail_best, _ = best(lambda: get(client, DETAIL))
    empty_best, empty_median = best(lambda: get(client, SIGN_IN))
    not_modified = client.get(KECAMATAN, HTTP_IF_NONE_MATCH=layer["ETag"])
    opened_best, opened_median = best(
        lambda: [get(client, u, HTTP_ACCEPT_ENCODING="gzip") for u in (PAGE, KECAMATAN)]
    )
    home_best, home_median = best(lambda: get(client, HOME))
    rebuilt_best, rebuilt_median = best(lambda: (cache.clear(), get(client, HOME)))
    print(f"{'map page + kab/kota and kecamatan layers + 1 drill, first':<60}{cold * 1000:8.1f} ms")
    print(
        f"{'map page + kab/kota and kecamatan layers + 1 drill, next':<60}"
        f"{map_best * 1000:8.1f} ms (median {map_median * 1000:.1f})"
    )
    data_best, _ = best(lambda: get(client, DATA))
    layers_best, _ = best(
        lambda: [get(client, u, HTTP_ACCEPT_ENCODING="gzip") for u in (REGENCIES, KECAMATAN)]
    )
    print(f"{'  of which the map page (HTML, table, embedded data)':<60}{page_best * 1000:8.1f} ms")
    print(f"{'  of which the drill-down data (JSON)':<60}{data_best * 1000:8.1f} ms")
    print(f"{'  of which the kab/kota and kecamatan layers':<60}{layers_best * 1000:8.1f} ms")
    print(f"{'(the indicator page, same roll-up without a map)':<60}{detail_best * 1000:8.1f} ms")
    print(
        f"{'sign-in page (same layout and middleware, no data)':<60}"
        f"{empty_best * 1000:8.1f} ms (median {empty_median * 1000:.1f})"
    )
    print(
        f"{'home page (cards, focus regions, map, trend chart), next':<60}"
        f"{home_best * 1000:8.1f} ms (median {home_median * 1000:.1f})"
    )
    print(
        f"{'home page, first load after a change (cache rebuilt)':<60}"
        f"{rebuilt_best * 1000:8.1f} ms (median {rebuilt_median * 1000:.1f})"
    )
    print(
        f"{'map page + kecamatan layer (what opening the map costs)':<60}"
        f"{opened_best * 1000:8.1f} ms (median {opened_median * 1000:.1f})"
    )
    opened_pair, empty_pair = interleaved(
        lambda: [get(client, u, HTTP_ACCEPT_ENCODING="gzip") for u in (PAGE, KECAMATAN)],
        lambda: get(client, SIGN_IN),
    )
    ratio = opened_pair / empty_pair
    print(
        f"map page + kecamatan layer / sign-in page, measured alternately: {ratio:.2f} "
        f"({opened_pair * 1000:.1f} / {empty_pair * 1000:.1f} ms; target <= 3)"
    )
    print(f"map page + both layers + 1 drill / sign-in page: {map_best / empty_best:.2f}")
    print(f"home page / sign-in page: {home_best / empty_best:.2f} (target <= 3)")
    print(f"home page rebuilt / sign-in page: {rebuilt_best / empty_best:.2f}")
    sent = len(layer.content)
    print(
        f"kecamatan layer (117 kecamatan): {sent:,} bytes sent gzipped, {len(plain.content):,} "
        f"uncompressed; {not_modified.status_code} with its ETag "
        f"(target <= {BUDGET_BYTES:,} bytes): {'ok' if sent <= BUDGET_BYTES else 'OVER'}"
    )


if __name__ == "__main__":
    main()
