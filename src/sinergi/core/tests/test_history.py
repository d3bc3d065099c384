import pytest
from django.urls import reverse

from sinergi.core.models import AuditEvent
from sinergi.indicators import reference
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.services import save_value
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import PASSWORD, make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    client.force_login(make_persona("admin"))
    return client


def test_page_edits_record_who_when_before_and_after(admin_client):
    program = Program.objects.get(name__contains="Adminduk")
    admin_client.post(
        reverse("programs:program_edit", args=[program.pk]),
        {"name": "Pelayanan Adminduk keliling", "fiscal_year": 2023, "status": "ongoing",
         "owner": program.owner_id},
    )  # fmt: skip
    latest = program.history.order_by("-history_date").first()
    assert latest.history_type == "~" and latest.history_user.username == "admin"
    page = admin_client.get(reverse("core:object_history", args=["programs.program", program.pk]))
    seen = [
        (str(field), before, after)
        for change in page.context["changes"]
        for field, before, after in change.changes
    ]
    renamed = (
        "nama",
        "Pelayanan administrasi kependudukan (Adminduk)",
        "Pelayanan Adminduk keliling",
    )
    assert renamed in seen
    assert "Restore" not in page.text or page.context["can_restore"]


def test_data_values_keep_every_version_and_restore_keeps_summaries_true(admin_client):
    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.03.05.2001", "2023", 1)
    save_value(level, "52.03.05.2001", "2023", 3)
    value = DataValue.objects.get(indicator=level, region_id="52.03.05.2001")
    assert value.history.count() == 2
    first = value.history.order_by("history_date").first()
    response = admin_client.post(
        reverse("core:restore_version", args=["indicators.datavalue", value.pk, first.history_id])
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 1 and value.history.count() == 3
    assert reference.verify(Indicator.objects.get(code="destana_formed"), "2023") == []
    assert AuditEvent.objects.filter(kind="restore").count() == 1


def test_deletion_is_recorded(admin_client):
    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.03.05.2001", "2023", 2)
    save_value(level, "52.03.05.2001", "2023", None)
    assert DataValue.history.filter(history_type="-", region_id="52.03.05.2001").count() == 1


def test_only_admins_restore_or_read_the_audit_log(client, demo):
    program = Program.objects.first()
    record = program.history.first()
    client.force_login(make_persona("koordinator.ntb"))
    assert client.get(reverse("core:audit_log")).status_code == 403
    url = reverse("core:restore_version", args=["programs.program", program.pk, record.history_id])
    assert client.post(url).status_code == 403
    history = client.get(reverse("core:object_history", args=["programs.program", program.pk]))
    assert history.status_code == 200 and not history.context["can_restore"]


def test_history_follows_the_scope(client, demo):
    lobar = Organization.objects.get(slug="tp-pkk-52-01")
    program = Program.objects.create(name="Rahasia Lobar", fiscal_year=2024, owner=lobar)
    client.force_login(make_persona("operator.lotim"))
    url = reverse("core:object_history", args=["programs.program", program.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("core:object_history", args=["auth.group", 1])).status_code == 404


def test_sign_in_events_exports_and_role_changes_are_recorded(client, demo):
    make_persona("viewer.lobar")
    assert AuditEvent.objects.filter(kind="role_change", summary__contains="viewer.lobar").exists()
    client.post(reverse("accounts:login"), {"username": "viewer.lobar", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "viewer.lobar", "password": PASSWORD})
    client.get(reverse("indicators:indicator_detail", args=["destana_formed"]), {"format": "csv"})
    kinds = list(AuditEvent.objects.order_by("time", "pk").values_list("kind", "username"))
    assert ("login_failed", "viewer.lobar") in kinds
    assert ("login", "viewer.lobar") in kinds
    assert ("export", "viewer.lobar") in kinds
    admin = make_persona("admin")
    client.force_login(admin)
    page = client.get(reverse("core:audit_log"), {"event": "login_failed"})
    assert [e.username for e in page.context["events"]] == ["viewer.lobar"]
    changes = client.get(reverse("core:audit_log"), {"model": "programs.program"}).context[
        "changes"
    ]
    created = [record for _date, label, _name, record in changes if record.history_type == "+"]
    assert len(created) == 5 and {label for _d, label, _n, _r in changes} == {"programs.program"}
