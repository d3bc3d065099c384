import pytest
from django.urls import reverse

from sinergi.accounts.models import RoleAssignment
from sinergi.core.models import AuditEvent
from sinergi.core.testing import make_persona, make_user

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
