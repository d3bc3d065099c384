"""Program budget charts: planned against realised, through the gate, and their CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from sinergi.programs import charts
from sinergi.programs.models import Activity, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def budgets(demo):
    destana = Program.objects.get(name__contains="Destana")
    adminduk = Program.objects.get(name__contains="Adminduk")
    Activity.objects.create(
        program=destana, title="Pelatihan relawan", region_id="52.01",
        budget_planned=100_000_000, budget_realised=40_000_000,
    )  # fmt: skip
    Activity.objects.create(
        program=destana, title="Simulasi evakuasi", region_id="52.03",
        budget_planned=200_000_000,
    )  # fmt: skip
    Activity.objects.create(
        program=adminduk, title="Perekaman KTP-el", region_id="52.03",
        budget_planned=50_000_000, budget_realised=50_000_000,
    )  # fmt: skip
    return destana, adminduk


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_program_budget_per_activity_with_the_total_first(budgets, persona):
    destana, _adminduk = budgets
    chart = charts.program_budget_chart(destana, persona("koordinator.ntb"))
    assert chart.rows == [
        ["Jumlah", Decimal(300_000_000), Decimal(40_000_000), Decimal("13.3"), 2],
        ["Pelatihan relawan", Decimal(100_000_000), Decimal(40_000_000), Decimal("40.0"), 1],
        ["Simulasi evakuasi", Decimal(200_000_000), Decimal(0), Decimal("0.0"), 1],
    ]
    assert chart.spec["series"][0]["data"] == [3e8, 1e8, 2e8]
    assert chart.spec["series"][1]["data"] == [4e7, 4e7, 0.0]


def test_budget_charts_show_only_the_activities_the_user_may_see(budgets, persona):
    destana, _adminduk = budgets
    viewer = persona("viewer.lobar")  # reads the provincial program, and Lombok Barat below it
    chart = charts.program_budget_chart(destana, viewer)
    assert [row[0] for row in chart.rows] == ["Jumlah", "Pelatihan relawan"]
    assert chart.rows[0][1] == 100_000_000
    by_owner = charts.budget_by(Program.objects.restrict(viewer), viewer, "owner")
    assert [row[1] for row in by_owner.rows] == [100_000_000]


def test_budget_by_organisation_and_by_theme(budgets, persona):
    destana, adminduk = budgets
    reader = persona("koordinator.ntb")
    programs = Program.objects.restrict(reader)
    by_owner = charts.budget_by(programs, reader, "owner")
    assert [(row[0], row[1], row[2], row[4]) for row in by_owner.rows] == [
        (destana.owner.name, 300_000_000, 40_000_000, 2),
        (adminduk.owner.name, 50_000_000, 50_000_000, 1),
    ]
    by_theme = charts.budget_by(programs, reader, "theme")
    themes = {row[0]: row[1] for row in by_theme.rows}
    for theme in destana.themes.all():  # a program with several themes counts in each
        assert themes[theme.name] >= 300_000_000
    for theme in adminduk.themes.all():
        assert themes[theme.name] >= 50_000_000


def test_pages_show_the_budget_charts_and_their_csv(client, budgets, persona):
    destana, adminduk = budgets
    client.force_login(persona("koordinator.ntb"))
    page = client.get(destana.get_absolute_url())
    assert 'id="chart-budget"' in page.text and 'id="chart-budget-spec"' in page.text
    lines = csv_rows(client.get(destana.get_absolute_url(), {"chart": "budget", "format": "csv"}))
    assert [line[0] for line in lines[1:]] == ["Jumlah", "Pelatihan relawan", "Simulasi evakuasi"]
    listing = client.get(reverse("programs:program_list"), {"year": "2023"})
    assert [c.id for c in listing.context["charts"]] == ["budget-owner", "budget-theme"]
    owner_csv = listing.context["charts"][0].csv_url
    assert "year=2023" in owner_csv
    lines = csv_rows(client.get(reverse("programs:program_list") + owner_csv))
    assert [line[0] for line in lines[1:]] == [destana.owner.name, adminduk.owner.name]
    # The list's filters apply to the chart: only the Destana program's owner.
    lines = csv_rows(
        client.get(
            reverse("programs:program_list"),
            {"q": "Destana", "chart": "budget-owner", "format": "csv"},
        )
    )
    assert [line[0] for line in lines[1:]] == [destana.owner.name]
    without = Program.objects.exclude(activities__isnull=False).first()
    assert 'id="chart-budget"' not in client.get(without.get_absolute_url()).text


def test_anonymous_visitors_get_no_budget(client, budgets):
    destana, _adminduk = budgets
    response = client.get(destana.get_absolute_url(), {"chart": "budget", "format": "csv"})
    assert response.status_code == 404
    listing = client.get(reverse("programs:program_list"), {"chart": "budget-owner",
                                                            "format": "csv"})  # fmt: skip
    assert csv_rows(listing) == [
        ["Lembaga", "Rencana (Rp)", "Realisasi (Rp)", "Realisasi %", "Kegiatan"]
    ]
    assert "chart-budget" not in client.get(reverse("programs:program_list")).text
