import datetime

import pytest
from django.urls import reverse

from sinergi.core.models import AuditEvent
from sinergi.indicators import reference
from sinergi.indicators.approvals import ApprovalError, act
from sinergi.indicators.models import Approval, DataValue, EditWindow, Indicator
from sinergi.indicators.services import ValueErrors, save_value
from sinergi.testing import make_persona, make_user

pytestmark = pytest.mark.django_db

VILLAGE, DISTRICT, REGENCY = "52.03.05.2001", "52.03.05", "52.03"


@pytest.fixture
def people(demo):
    return {
        name: make_persona(name) for name in ["operator.lotim", "koordinator.ntb", "viewer.lobar"]
    }


@pytest.fixture
def level():
    return Indicator.objects.get(code="destana_level")


def test_submit_approve_locks_and_unapprove_unlocks(people, level):
    operator, coordinator = people["operator.lotim"], people["koordinator.ntb"]
    save_value(level, VILLAGE, "2023", 1, operator)
    act("submit", level, [(DISTRICT, "2023")], operator)
    assert DataValue.objects.get(region_id=VILLAGE).status == "submitted"
    act("approve", level, [(DISTRICT, "2023")], coordinator)
    assert DataValue.objects.get(region_id=VILLAGE).status == "approved"
    with pytest.raises(ValueErrors) as info:  # locked for the operator …
        save_value(level, VILLAGE, "2023", 2, operator)
    assert "koordinator.ntb" in info.value.errors[VILLAGE]
    with pytest.raises(ValueErrors):  # … and for the coordinator and the system alike
        save_value(level, VILLAGE, "2023", 2)
    assert DataValue.objects.get(region_id=VILLAGE).value == 1
    act("unapprove", level, [(DISTRICT, "2023")], coordinator)
    save_value(level, VILLAGE, "2023", 2, operator)
    assert DataValue.objects.get(region_id=VILLAGE).value == 2
    assert reference.verify(Indicator.objects.get(code="destana_formed"), "2023") == []


def test_approval_above_locks_every_level_below(people, level):
    coordinator = people["koordinator.ntb"]
    act("approve", level, [(REGENCY, "2023")], coordinator)
    with pytest.raises(ValueErrors, match="52.03"):
        save_value(level, VILLAGE, "2023", 1, people["operator.lotim"])
    with pytest.raises(ApprovalError):  # cannot un-approve below the level that locked it
        act("unapprove", level, [(DISTRICT, "2023")], coordinator)


def test_return_needs_a_comment_and_reopens_the_data(people, level):
    operator, coordinator = people["operator.lotim"], people["koordinator.ntb"]
    save_value(level, VILLAGE, "2023", 1, operator)
    act("submit", level, [(DISTRICT, "2023")], operator)
    with pytest.raises(ApprovalError, match="comment"):
        act("return", level, [(DISTRICT, "2023")], coordinator)
    act("return", level, [(DISTRICT, "2023")], coordinator, "Desa 2001 belum diverifikasi BPBD")
    approval = Approval.objects.get(region_id=DISTRICT)
    assert approval.state == "returned" and "BPBD" in approval.comment
    assert DataValue.objects.get(region_id=VILLAGE).status == "draft"


def test_only_coordinators_in_scope_approve(people, level):
    with pytest.raises(ApprovalError):
        act("approve", level, [(DISTRICT, "2023")], people["operator.lotim"])
    lobar_coordinator = make_user("koordinator.lobar", role="coordinator", region="52.01")
    with pytest.raises(ApprovalError, match="52.03.05"):
        act("approve", level, [(DISTRICT, "2023")], lobar_coordinator)
    with pytest.raises(ApprovalError):
        act("submit", level, [(DISTRICT, "2023")], people["viewer.lobar"])
    assert not Approval.objects.exists()


def test_bulk_approval_of_many_regions_and_periods_is_all_or_nothing(people, level):
    coordinator = people["koordinator.ntb"]
    cells = [
        (district, year)
        for district in ["52.03.01", "52.03.02", "52.03.03"]
        for year in ["2023", "2024"]
    ]
    assert act("approve", level, cells, coordinator) == 6
    assert Approval.objects.filter(state="approved").count() == 6
    with pytest.raises(ApprovalError):  # one cell outside scope: nothing changes
        act("unapprove", level, [("52.03.01", "2023"), ("52.01.01", "2023")], coordinator)
    assert Approval.objects.filter(state="approved").count() == 6
    assert AuditEvent.objects.filter(kind="approval").count() == 1


def test_edit_window_refuses_entry_outside_it_except_for_admins(people, level):
    today = datetime.date.today()
    EditWindow.objects.create(
        indicator=level, period="2023", opens=today - datetime.timedelta(days=60),
        closes=today - datetime.timedelta(days=30),
    )  # fmt: skip
    with pytest.raises(ValueErrors) as info:
        save_value(level, VILLAGE, "2023", 1, people["operator.lotim"])
    assert "period" in info.value.errors
    save_value(level, VILLAGE, "2023", 1, make_persona("admin"))


def test_approval_page_in_the_browser_flow(client, people, level):
    client.force_login(people["koordinator.ntb"])
    url = reverse("indicators:approvals", args=["destana_level"]) + "?region=52.03&period=2023"
    page = client.get(url)
    assert len(page.context["rows"]) == 21 and page.context["can_approve"]
    response = client.post(url, {"action": "approve", "cell": ["52.03.05|2023", "52.03.06|2023"]})
    assert response.status_code == 302
    assert set(Approval.objects.values_list("region_id", flat=True)) == {"52.03.05", "52.03.06"}
    client.force_login(people["viewer.lobar"])  # Lombok Timur is outside the viewer's regions
    assert client.post(url, {"action": "unapprove", "cell": ["52.03.05|2023"]}).status_code == 404
    assert Approval.objects.filter(state="approved").count() == 2


@pytest.mark.parametrize("public", [None, []])
def test_approvals_show_only_to_signed_in_users_within_their_regions(
    client, settings, people, level, public
):
    if public is not None:
        settings.SINERGI_PUBLIC = public
    act("approve", level, [(REGENCY, "2023")], people["koordinator.ntb"], "catatan rahasia")
    page = reverse("indicators:approvals", args=["destana_level"])
    anonymous = client.get(page + "?region=52&period=2023")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(make_user("tanpa.peran"))
    assert client.get(page + "?region=52&period=2023").status_code == 404
    client.force_login(people["viewer.lobar"])
    assert client.get(page + "?region=52.03&period=2023").status_code == 404
    province = client.get(page + "?region=52&period=2023").content.decode()
    assert "Lombok Barat" in province and "Lombok Timur" not in province
    assert "koordinator.ntb" not in province and "catatan rahasia" not in province
    client.force_login(people["operator.lotim"])
    own = client.get(page + "?region=52&period=2023").content.decode()
    assert "koordinator.ntb" in own and "catatan rahasia" in own
