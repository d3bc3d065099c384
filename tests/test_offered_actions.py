"""Actions the user may not take are not offered: a button or link that could only lead to a
refusal is hidden by the same gate that would refuse it."""

import pytest
from django.urls import reverse

from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

SUBMIT = 'name="action" value="submit"'
APPROVE = 'name="action" value="approve"'


def page(client, persona, url, **query):
    client.force_login(make_persona(persona))
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "persona,region,offered",
    [
        ("operator.lotim", "52.03", True),
        ("operator.lotim", "52.01", False),  # the grid would refuse: outside its regions
        ("operator.lotim", "52", True),  # the grid shows Lombok Timur's row
        ("viewer.lobar", "52.01", False),
        ("koordinator.ntb", "52.03", False),  # coordinators read and approve, never enter
        ("admin", "52.01", True),
    ],
)
def test_enter_data_is_offered_only_where_the_grid_would_accept(client, persona, region, offered):
    url = reverse("indicators:indicator_detail", args=["destana_formed"])
    text = page(client, persona, url, region=region, period="2023")
    assert ("/indicators/destana_formed/entry/" in text) == offered
    entry = client.get(reverse("indicators:data_entry", args=["destana_formed"]),
                       {"region": region, "period": "2023"})  # fmt: skip
    assert entry.status_code == (200 if offered else 403)


@pytest.mark.parametrize(
    "persona,region,submit,approve",
    [
        ("operator.lotim", "52.03", True, False),
        ("operator.lotim", "52", True, False),  # the province: shows Lombok Timur's rows only
        ("koordinator.ntb", "52.03", False, True),
        ("viewer.lobar", "52.01", False, False),
        ("admin", "52.01", True, True),
    ],
)
def test_approval_buttons_only_where_a_row_allows_them(client, persona, region, submit, approve):
    url = reverse("indicators:approvals", args=["destana_formed"])
    text = page(client, persona, url, region=region, period="2023")
    assert (SUBMIT in text) == submit
    assert (APPROVE in text) == approve


def test_a_partnership_is_offered_for_editing_only_to_those_who_may_change_it(client):
    from sinergi.organizations.models import Organization
    from sinergi.programs.models import Collaboration, Program

    team = Organization.objects.get(slug="tp-pkk-52-03")
    dinkes = Organization.objects.create(
        name="Dinas Kesehatan Kabupaten Lombok Timur", org_type="opd", home_region_id="52.03"
    )
    program = Program.objects.create(name="Posyandu", fiscal_year=2024, owner=team)
    own = Collaboration.objects.create(program=program, partner=team, role="lead")
    other = Collaboration.objects.create(program=program, partner=dinkes, role="funder")
    text = page(client, "operator.lotim", program.get_absolute_url())
    assert reverse("programs:collaboration_edit", args=[own.pk]) in text
    assert reverse("programs:collaboration_edit", args=[other.pk]) not in text
    refused = client.get(reverse("programs:collaboration_edit", args=[other.pk]))
    assert refused.status_code == 404  # what the hidden link would have led to


@pytest.mark.parametrize("persona,offered", [("viewer.lobar", False), ("admin", True)])
def test_audit_and_admin_links_only_for_administrators_even_staff(client, persona, offered):
    user = make_persona(persona)
    user.is_staff = True  # e.g. set by mistake: the audit log and the admin would refuse
    user.save()
    text = page(client, persona, "/")
    assert ('href="/history/"' in text) == offered
    assert ('href="/admin/"' in text) == offered
    assert client.get("/history/").status_code == (200 if offered else 403)


def test_an_operator_of_an_organisation_is_not_offered_to_add_organisations(client):
    text = page(client, "operator.lotim", reverse("organizations:organization_list"))
    assert reverse("organizations:organization_add") not in text
    refused = client.get(reverse("organizations:organization_add"))
    assert refused.status_code == 403
    assert "Peran Anda tidak mengizinkan penambahan ini." in refused.content.decode()
    text = page(client, "admin", reverse("organizations:organization_list"))
    assert reverse("organizations:organization_add") in text
