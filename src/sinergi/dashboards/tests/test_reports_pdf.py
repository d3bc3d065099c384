import pytest
from django.urls import reverse

from sinergi.indicators.demo import load_figures
from sinergi.programs.models import Program
from sinergi.testing import make_persona, pdf_text

pytestmark = pytest.mark.django_db


def test_region_profile_with_figures_targets_charts_and_sources(client, demo):
    load_figures()
    client.force_login(make_persona("koordinator.ntb"))
    text = pdf_text(client.get(reverse("dashboards:region_profile_pdf", args=["52"])))
    assert "PROFIL WILAYAH" in text and "Nusa Tenggara Barat" in text
    assert "434" in text and "567" in text  # Destana 2023 against its target
    assert "dpmpddukcapil.ntbprov.go.id" in text  # the source of that figure
    assert "Capaian terhadap target" in text  # the chart's title
    assert "Program yang berjalan di sini" in text


def test_a_village_profile_names_its_level(client, demo):
    from sinergi.indicators.models import Indicator
    from sinergi.indicators.services import save_value

    level = Indicator.objects.get(code="destana_level")
    level.is_key = True
    level.save()
    save_value(level, "52.71.01.1004", "2023", 2)
    client.force_login(make_persona("koordinator.ntb"))
    text = pdf_text(client.get(reverse("dashboards:region_profile_pdf", args=["52.71.01.1004"])))
    assert "Ampenan Selatan" in text and "(2023): Madya" in text


def test_program_report_follows_the_gate(client, demo):
    program = Program.objects.filter(name__contains="Destana").first()
    url = reverse("dashboards:program_report_pdf", args=[program.pk])
    assert client.get(url).status_code == 404  # programs are not public
    client.force_login(make_persona("viewer.lobar"))
    text = pdf_text(client.get(url))
    assert "LAPORAN PROGRAM" in text and program.name[:20] in text
    assert "Sisa target Destana" in text  # the founding meeting's agreement concerns it
