import pytest
from django.urls import reverse

from sinergi.accounts.models import RoleAssignment
from sinergi.core.models import AuditEvent
from sinergi.core.permissions import user_can
from sinergi.testing import make_persona, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, demo):
    make_user("baru")
    client.force_login(make_persona("koordinator.ntb"))
    return client


def test_coordinator_gives_and_removes_roles_in_its_region(coordinator_client):
    url = reverse("accounts:roles")
    response = coordinator_client.post(
        url, {"username": "baru", "role": "viewer", "region": "52.03"}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__username="baru")
    event = AuditEvent.objects.filter(kind="role_change").latest("time")
    assert event.username == "koordinator.ntb" and "baru" in event.summary
    coordinator_client.post(reverse("accounts:role_remove", args=[assignment.pk]))
    assert not RoleAssignment.objects.filter(user__username="baru").exists()


def test_coordinator_cannot_make_admins_or_act_outside_its_region(client, demo):
    make_user("baru")
    lobar = make_user("koordinator.lobar", role="coordinator", region="52.01")
    client.force_login(lobar)
    url = reverse("accounts:roles")
    outside = client.post(url, {"username": "baru", "role": "viewer", "region": "52.03"})
    assert outside.status_code == 200 and "region" in outside.context["form"].errors
    admin = client.post(url, {"username": "baru", "role": "admin", "region": "52.01"})
    assert "role" in admin.context["form"].errors
    lotim = make_persona("operator.lotim").role_assignments.get()
    assert client.post(reverse("accounts:role_remove", args=[lotim.pk])).status_code == 404
    assert not RoleAssignment.objects.filter(user__username="baru").exists()
    assert RoleAssignment.objects.filter(pk=lotim.pk).exists()


def test_operators_and_viewers_do_not_manage_roles(client, demo):
    for name in ["operator.lotim", "viewer.lobar"]:
        client.force_login(make_persona(name))
        assert client.get(reverse("accounts:roles")).status_code == 403
        assert "/accounts/roles/" not in client.get("/").text


# ------------------------------------------ issue 13, finding 4: nobody raises their own rights


def test_nobody_gives_themselves_a_role(client, demo):
    from rest_framework.test import APIClient

    from sinergi.programs.models import Program

    url = reverse("accounts:roles")
    for name in ["koordinator.ntb", "admin"]:
        user = make_persona(name)
        client.force_login(user)
        response = client.post(url, {"username": name, "role": "operator", "region": "52"})
        assert response.status_code == 200 and "username" in response.context["form"].errors
        assert not user.role_assignments.filter(role="operator").exists()
        own = user.role_assignments.get()
        assert not user_can(user, "delete", own) and not user_can(user, "change", own)
        assert reverse("accounts:role_remove", args=[own.pk]) not in client.get(url).text
        assert client.post(reverse("accounts:role_remove", args=[own.pk])).status_code == 404
        assert user.role_assignments.filter(pk=own.pk).exists()
    api = APIClient()
    api.force_authenticate(make_persona("koordinator.ntb"))
    program = Program.objects.first()
    response = api.patch(f"/api/programs/{program.pk}/", {"name": "X"}, format="json")
    assert response.status_code == 403


def test_a_coordinator_grants_only_lower_roles_with_organisations_of_its_region(client, demo):
    from sinergi.organizations.models import Organization

    make_user("baru")
    coordinator = make_user("koordinator.lotim", role="coordinator", region="52.03")
    client.force_login(coordinator)
    url = reverse("accounts:roles")
    for role in ["coordinator", "admin"]:
        response = client.post(url, {"username": "baru", "role": role, "region": "52.03"})
        assert "role" in response.context["form"].errors
    for slug in ["tp-pkk-52-01", "tp-pkk-52"]:  # another regency's body, the province's body
        response = client.post(
            url,
            {"username": "baru", "role": "operator", "region": "52.03",
             "organization": Organization.objects.get(slug=slug).pk},
        )  # fmt: skip
        assert "organization" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user__username="baru").exists()
    other = make_user("koordinator.lain", role="coordinator", region="52.03.05")
    assert not user_can(coordinator, "delete", other.role_assignments.get())
    response = client.post(
        url,
        {"username": "baru", "role": "operator", "region": "52.03",
         "organization": Organization.objects.get(slug="tp-pkk-52-03").pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert RoleAssignment.objects.get(user__username="baru").organization.slug == "tp-pkk-52-03"


def test_the_gate_itself_refuses_role_rows_past_the_rule(demo):
    """Whatever channel writes a role row, the gate judges the row as saved."""
    from sinergi.organizations.models import Organization

    coordinator = make_user("koordinator.lotim", role="coordinator", region="52.03")
    baru = make_user("baru")
    rows = [
        RoleAssignment(user=coordinator, role="viewer", region_id="52.03"),
        RoleAssignment(user=baru, role="coordinator", region_id="52.03"),
        RoleAssignment(user=baru, role="operator", region_id="52.03",
                       organization=Organization.objects.get(slug="tp-pkk-52-01")),
    ]  # fmt: skip
    for row in rows:
        row.save()
        assert not user_can(coordinator, "add", row), row
    fine = RoleAssignment.objects.create(user=baru, role="viewer", region_id="52.03.05")
    assert user_can(coordinator, "add", fine)


def test_administrators_do_not_edit_their_own_roles_in_the_django_admin_either(client, demo):
    admin = make_persona("admin")
    other = make_persona("viewer.lobar")
    client.force_login(admin)
    own = client.get(f"/admin/accounts/user/{admin.pk}/change/").context["inline_admin_formsets"]
    assert not (own[0].has_add_permission or own[0].has_change_permission
                or own[0].has_delete_permission)  # fmt: skip
    others = client.get(f"/admin/accounts/user/{other.pk}/change/")
    assert others.context["inline_admin_formsets"][0].has_add_permission


def test_role_history_shows_only_to_the_user_and_those_who_manage_the_region(client, demo):
    admin_role = RoleAssignment.objects.get(user=make_persona("admin"))
    viewer = make_persona("viewer.lobar")
    own = RoleAssignment.objects.get(user=viewer)
    lotim = make_user("kader.lotim", role="viewer", region="52.03")
    lotim_role = RoleAssignment.objects.get(user=lotim)
    coordinator_lotim = make_user("koordinator.lotim", role="coordinator", region="52.03")

    def status(user, assignment):
        client.force_login(user)
        url = reverse("core:object_history", args=["accounts.roleassignment", assignment.pk])
        return client.get(url).status_code

    assert status(viewer, admin_role) == 404  # placed above the viewer's region: not theirs
    assert status(viewer, lotim_role) == 404
    assert status(viewer, own) == 200
    assert status(make_persona("operator.lotim"), lotim_role) == 404  # operators manage no roles
    assert status(coordinator_lotim, lotim_role) == 200
    assert status(coordinator_lotim, admin_role) == 404
    assert status(make_persona("koordinator.ntb"), admin_role) == 200


def test_a_role_names_a_kecamatan_or_village_body_typed_by_name(coordinator_client):
    """Role management offers organisations of every level: a kecamatan's TP PKK team, typed."""
    response = coordinator_client.post(
        reverse("accounts:roles"),
        {"username": "baru", "role": "operator", "region": "Kec. Sakra",
         "organization": "TP PKK Kecamatan Sakra"},
    )  # fmt: skip
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__username="baru")
    assert assignment.region_id == assignment.organization.home_region_id == "52.03.02"
