"""The follow-up chart: per responsible organisation and status, overdue apart, with its CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from sinergi.meetings.charts import followups_chart
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.meetings.views import action_items
from sinergi.organizations.models import Organization
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(demo):
    lobar = Meeting.objects.create(
        title="Rapat Dasawisma Lombok Barat",
        date=datetime.date(2024, 1, 5),
        organiser=Organization.objects.get(slug="tp-pkk-52-01"),
        region_id="52.01",
    )
    team = Organization.objects.get(slug="tp-pkk-52-01")
    for what, status in (("Mendata Dasawisma", "in_progress"), ("Melatih kader", "done")):
        ActionItem.objects.create(
            meeting=lobar, what=what, responsible_organization=team, status=status
        )
    return team


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_follow_ups_by_organisation_and_status_with_overdue_apart(board):
    chart = followups_chart(list(action_items(make_persona("koordinator.ntb"))))
    assert chart.columns[:6] == [
        "Lembaga", "Terlambat", "Terbuka", "Sedang berjalan",
        "Terlaksana", "Dibatalkan",
    ]  # fmt: skip
    by_name = {row[0]: row[1:] for row in chart.rows}
    # BPBD's Destana follow-up was due at the end of 2023: overdue, not counted as open.
    assert by_name["Badan Penanggulangan Bencana Daerah Provinsi Nusa Tenggara Barat"] == [
        1, 0, 0, 0, 0, 1,
    ]  # fmt: skip
    assert by_name["TP PKK Provinsi Nusa Tenggara Barat"] == [0, 1, 0, 0, 0, 1]
    assert by_name[board.name] == [0, 0, 1, 1, 0, 2]
    assert chart.rows[0][0].startswith("Badan Penanggulangan")  # most overdue/open work first
    overdue = chart.spec["series"][0]
    assert overdue["name"] == "Terlambat" and sum(overdue["data"]) == 1
    assert chart.spec["stacked"] and chart.spec["colors"][0] == "#c0392b"


def test_follow_up_chart_follows_the_gate_and_the_filters(client, board):
    client.force_login(make_persona("operator.lotim"))
    page = client.get(reverse("meetings:followups"))
    names = [row[0] for row in page.context["charts"][0].rows]
    assert board.name not in names  # Lombok Barat's follow-ups are outside Lombok Timur's role
    client.force_login(make_persona("koordinator.ntb"))
    page = client.get(reverse("meetings:followups"))
    assert 'id="chart-followups"' in page.text
    lines = csv_rows(client.get(reverse("meetings:followups"), {"chart": "followups",
                                                                "format": "csv"}))  # fmt: skip
    assert len(lines) == 1 + 3 and lines[0][-1] == "Jumlah"
    only = csv_rows(client.get(reverse("meetings:followups"), {"organization": "bpbd-ntb",
                               "chart": "followups", "format": "csv"}))  # fmt: skip
    assert [line[0] for line in only[1:]] == [
        "Badan Penanggulangan Bencana Daerah Provinsi Nusa Tenggara Barat"
    ]
    nothing = client.get(reverse("meetings:followups"), {"organization": "no-such-team"})
    assert nothing.context["charts"] == [] and "chart-followups" not in nothing.text
