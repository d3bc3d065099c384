"""A second province, set up with one command, works end to end: its regions and TP PKK teams,
the home region pages open on, roles given within it, an import by its operator, a roll-up."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sinergi.accounts.models import RoleAssignment
from sinergi.indicators.models import DataValue, Indicator
from sinergi.organizations.models import Organization
from sinergi.regions.instance import home_region_code
from sinergi.regions.models import Instance, Region
from sinergi.testing import make_user

pytestmark = pytest.mark.django_db

BALI = "51"
DENPASAR = "51.71"
VILLAGES = ["51.71.01.1001", "51.71.01.1002", "51.71.02.1003"]  # two kecamatan of Kota Denpasar


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bali():
    run("setup", "--province", BALI, "--name", "Sinergi Bali")
    return Region.objects.get(code=BALI)


def test_setup_loads_the_province_its_teams_and_sets_the_home_region(bali, client, settings):
    below = Region.objects.within(BALI)
    levels = {
        level: below.filter(level=level).count() for level in ("regency", "district", "village")
    }
    assert levels == {"regency": 9, "district": 57, "village": 716}
    teams = Organization.objects.filter(org_type="tp_pkk", home_region__code__startswith=BALI)
    assert teams.count() == 783 and teams.get(home_region=DENPASAR).parent.home_region_id == BALI
    assert Instance.objects.get().home_region == bali and home_region_code() == BALI
    page = client.get(reverse("regions:region_detail", args=[DENPASAR]))
    assert page.status_code == 200 and "Denpasar Selatan" in page.content.decode()
    # At every start, from the setting: nothing changes the second time.
    settings.SINERGI_PROVINCE = BALI
    again = run("setup")
    assert "0 created" in again and Region.objects.within(BALI).count() == 783


def test_a_second_province_is_refused_and_an_unknown_code_named(bali):
    with pytest.raises(CommandError, match=r"serves Provinsi Bali \(51\)"):
        run("setup", "--province", "53")
    with pytest.raises(CommandError, match="99 is not a province code.*51 Bali"):
        run("setup", "--province", "99")
    assert not Region.objects.filter(code="53").exists()


def test_roles_an_import_and_a_roll_up_in_the_new_province(bali, client, tmp_path):
    admin = make_user("admin.bali")
    admin.is_superuser = True
    admin.save()
    make_user("koordinator.bali")
    make_user("operator.denpasar")
    roles = reverse("accounts:roles")
    client.force_login(admin)
    given = client.post(
        roles, {"username": "koordinator.bali", "role": "coordinator", "region": BALI}
    )
    assert given.status_code == 302
    # The province's coordinator gives an operator role for the TP PKK team of Kota Denpasar...
    team = Organization.objects.get(org_type="tp_pkk", home_region=DENPASAR)
    client.force_login(make_user_obj("koordinator.bali"))
    data = {"username": "operator.denpasar", "role": "operator", "region": DENPASAR}
    assert client.post(roles, {**data, "organization": team.pk}).status_code == 302
    # ... and none in NTB, which this coordinator does not cover.
    refused = client.post(roles, {**data, "region": "52.71"})
    assert refused.status_code == 200 and "region" in refused.context["form"].errors
    assert RoleAssignment.objects.filter(user__username="operator.denpasar").count() == 1

    indicator = Indicator.objects.create(code="posyandu_aktif", name="Posyandu aktif")
    upload = tmp_path / "denpasar.csv"
    upload.write_text(
        "region,indicator,period,value\n"
        + "".join(f"{code},posyandu_aktif,2024,{n}\n" for n, code in enumerate(VILLAGES, start=3))
    )
    out = run("import", str(upload), "--user", "operator.denpasar")
    assert "3 rows imported: 3 new" in out
    outside = tmp_path / "ntb.csv"
    outside.write_text(upload.read_text() + "52.71.01.1001,posyandu_aktif,2024,9\n")
    problems = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import", str(outside), "--user", "operator.denpasar", stderr=problems)
    assert "baris 5" in problems.getvalue()  # the NTB row, outside the operator's region
    assert DataValue.objects.filter(indicator=indicator).count() == 3  # all or nothing

    # The roll-up opens on the home region: Bali's total comes from Kota Denpasar's villages.
    rows = json.loads(run("rollup", "posyandu_aktif", "2024", "--json"))
    figures = {row["code"]: row["value"] for row in rows}
    assert float(figures[DENPASAR]) == 3 + 4 + 5 and "52.71" not in figures
    assert "agree" in run("rollup", "posyandu_aktif", "2024", "--verify")
    assert "agree" in run("rollup", "posyandu_aktif", "2024", "--verify", "--region", DENPASAR)


def make_user_obj(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
