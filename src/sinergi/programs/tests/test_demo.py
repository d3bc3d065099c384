import pytest
from django.apps import apps
from django.core.management import call_command

from sinergi.organizations.models import Position
from sinergi.programs.models import Collaboration, Program

pytestmark = pytest.mark.django_db

DEMO_MODELS = [
    "organizations.Organization",
    "organizations.Person",
    "organizations.Position",
    "programs.Program",
    "programs.Collaboration",
    "programs.Theme",
    "accounts.User",
]


def snapshot():
    rows = {}
    for label in DEMO_MODELS:
        model = apps.get_model(label)
        rows[label] = sorted(map(str, model.objects.values_list(flat=False)))
    rows["focus"] = sorted(
        Program.focus_regions.through.objects.values_list("program_id", "region_id")
    )
    rows["scope"] = sorted(
        Collaboration.scope_regions.through.objects.values_list("collaboration_id", "region_id")
    )
    return rows


def test_demo_twice_leaves_the_same_rows(capsys):
    call_command("demo")
    first = snapshot()
    call_command("demo")
    assert snapshot() == first
    assert "admin" in capsys.readouterr().out


def test_demo_records_the_founding_meeting(demo):
    officials = {
        (p.person.display_name, p.title, p.organization.slug)
        for p in Position.objects.select_related("person", "organization")
    }
    assert officials == {
        ("Hj. Lale Prayatni", "Ketua I", "tp-pkk-52"),
        ("Ahmad Nur Aulia", "Kepala", "dpmpd-dukcapil-ntb"),
        ("Ruslan Abdul Gani, SH., MH.", "Kepala Pelaksana", "bpbd-ntb"),
    }
    programs = Program.objects.filter(fiscal_year=2023)
    assert programs.count() == 5
    assert all(p.collaborations.filter(partner__slug="tp-pkk-52").exists() for p in programs)
    destana = programs.get(name__contains="Destana")
    assert destana.owner.slug == "bpbd-ntb"
    assert sorted(destana.focus_regions.values_list("code", flat=True)) == [
        "52.03",
        "52.07",
        "52.71",
    ]
    assert set(destana.themes.values_list("code", flat=True)) >= {
        "pra-bencana",
        "tanggap-darurat",
        "pasca-bencana",
    }
    assert "567" in destana.description and "434" in destana.description
    assert programs.get(name__contains="perkawinan").owner is None  # the article names no owner
    assert all(p.budget is None for p in programs)  # no invented numbers


def test_loading_the_demo_again_adds_no_history(demo):
    from sinergi.core.history import tracked_models
    from sinergi.indicators.demo import load_figures
    from sinergi.programs.demo import load_demo

    load_figures()
    before = {m: m.history.count() for m in tracked_models()}
    load_demo()
    load_figures()
    assert {m: m.history.count() for m in tracked_models()} == before
