"""Recording, editing and deleting a meeting by hand (issue 15, item 5), through the pages."""

import datetime

import pytest
from django.urls import reverse

from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import make_persona, make_user

pytestmark = pytest.mark.django_db

ADD = reverse("meetings:meeting_add")
PARTS = ("participants", "agreements", "followups")


def org(slug: str) -> Organization:
    return Organization.objects.get(slug=slug)


def posted(meeting: dict, initial: dict | None = None, **rows) -> dict:
    """The form as a browser posts it: the meeting's fields, then each part's rows (a list of
    dicts) behind its management form; `initial`: how many rows of a part are stored ones."""
    data = {f"meeting-{name}": value for name, value in meeting.items()}
    for part in PARTS:
        part_rows = rows.get(part, [])
        data[f"{part}-TOTAL_FORMS"] = str(len(part_rows))
        data[f"{part}-INITIAL_FORMS"] = str((initial or {}).get(part, 0))
        for index, row in enumerate(part_rows):
            data.update({f"{part}-{index}-{name}": value for name, value in row.items()})
    return data


def as_shown(page) -> dict:
    """What a browser posts back from a form page left as it is shown."""
    data = {}
    forms = [page.context["form"]]
    for _name, formset, _label in page.context["parts"]:
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False or value == "":
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "on" if value is True else str(value)
    return data


@pytest.fixture
def secretariat(db):
    """An operator of TP PKK Provinsi NTB: the secretariat that records the province's meetings."""
    return make_user("sekretariat.ntb", role="operator", region="52", organization=org("tp-pkk-52"))


def meeting_fields(organiser: Organization, region="52", **changes) -> dict:
    return {
        "title": "Rapat koordinasi Destana dan Adminduk",
        "date": "2024-02-14",
        "place": "Kantor TP PKK Provinsi NTB",
        "region": region,
        "organiser": organiser.pk,
        "summary": "Percepatan Destana dan pelayanan Adminduk",
        "source_url": "",
        **changes,
    }


def test_secretariat_records_a_meeting_with_two_agreements_and_a_follow_up(
    client, demo, secretariat
):
    team = org("tp-pkk-52")
    program = Program.objects.filter(name__icontains="Destana").first()
    client.force_login(secretariat)
    form = client.get(ADD)
    assert form.status_code == 200 and "Catat rapat" in form.text
    response = client.post(
        ADD,
        posted(
            meeting_fields(team),
            participants=[{"organization": org("bpbd-ntb").pk, "role": "speaker"}],
            agreements=[
                {
                    "text": "Membentuk 133 Destana tersisa",
                    "organizations": [team.pk],
                    "programs": [program.pk],
                    "regions": "52.03, 52.71",
                },
                {"text": "TP PKK menggerakkan kader Adminduk", "regions": ""},
            ],  # fmt: skip
            followups=[
                {
                    "what": "Surat edaran ke TP PKK Kab/Kota",
                    "responsible_organization": team.pk,
                    "due_date": "2024-03-31",
                    "status": "open",
                },
            ],  # fmt: skip
        ),
    )
    meeting = Meeting.objects.get(title="Rapat koordinasi Destana dan Adminduk")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.organiser == team and meeting.region_id == "52"
    roles = dict(meeting.participants.values_list("organization__slug", "role"))
    assert roles == {"tp-pkk-52": "host", "bpbd-ntb": "speaker"}
    first, second = meeting.agreements.order_by("pk")
    assert sorted(first.regions.values_list("code", flat=True)) == ["52.03", "52.71"]
    assert list(first.programs.all()) == [program] and list(first.organizations.all()) == [team]
    assert second.text == "TP PKK menggerakkan kader Adminduk"
    item = meeting.action_items.get()
    assert item.due_date == datetime.date(2024, 3, 31) and item.responsible_organization == team
    assert meeting.history.get().history_user == secretariat  # history, with who did it
    board = client.get(reverse("meetings:followups"))
    open_items = {value: items for value, _label, items in board.context["columns"]}["open"]
    assert item in open_items and "Surat edaran ke TP PKK Kab/Kota" in board.text
    page = client.get(meeting.get_absolute_url())
    assert "Membentuk 133 Destana tersisa" in page.text and 'id="meeting-edit"' in page.text


def test_add_another_row_keeps_what_was_typed_and_saves_nothing(client, demo, secretariat):
    client.force_login(secretariat)
    data = posted(
        meeting_fields(org("tp-pkk-52"), title=""),
        agreements=[{"text": "Kesepakatan pertama"}],
    )
    data["add-agreements"] = "1"
    page = client.post(ADD, data)
    assert page.status_code == 200 and not Meeting.objects.filter(date="2024-02-14").exists()
    agreements = {name: formset for name, formset, _label in page.context["parts"]}
    assert len(agreements["agreements"].forms) == 2
    assert "Kesepakatan pertama" in page.text
    assert "invalid-feedback" not in page.text  # no errors before the user saves
    assert "is-invalid" not in page.text and 'aria-invalid="true"' not in page.text
    data = {**data, "add-followups": "1"}
    del data["add-agreements"]
    page = client.post(ADD, data)
    followups = {name: formset for name, formset, _label in page.context["parts"]}["followups"]
    assert len(followups.forms) == 1  # a new row, with the default status of a new follow-up
    assert 'name="followups-0-status"' in page.text
    assert followups.forms[0]["status"].value() == "open"


def test_validation_errors_are_named_by_field_and_row(client, demo, secretariat):
    client.force_login(secretariat)
    bpbd = org("bpbd-ntb").pk
    page = client.post(
        ADD,
        posted(
            meeting_fields(org("tp-pkk-52"), title="", date="14/02/2024x"),
            participants=[
                {"organization": bpbd, "role": "speaker"},
                {"organization": bpbd, "role": "participant"},
            ],  # fmt: skip
            followups=[
                {"what": "", "responsible_organization": org("tp-pkk-52").pk, "status": "open"},
                {"what": "Tanpa penanggung jawab", "status": "open"},
            ],  # fmt: skip
        ),
    )
    assert page.status_code == 200
    assert set(page.context["form"].errors) == {"title", "date"}
    parts = {name: formset for name, formset, _label in page.context["parts"]}
    assert "what" in parts["followups"].forms[0].errors
    assert "responsible_organization" in parts["followups"].forms[1].errors
    assert (
        "Peserta 2 mengulang Peserta 1" in parts["participants"].forms[1].errors["organization"][0]
    )
    assert 'id="meeting-errors"' not in page.text or "Judul" in page.text
    assert not Meeting.objects.filter(date="2024-02-14").exists()
    assert not ActionItem.objects.filter(what="Tanpa penanggung jawab").exists()


def test_editing_changes_the_meeting_and_its_rows_in_one_save(client, demo):
    meeting = Meeting.objects.get()
    client.force_login(make_persona("admin"))
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = as_shown(page)
    parts = {name: formset for name, formset, _label in page.context["parts"]}
    agreements = parts["agreements"]
    followups = parts["followups"]
    assert len(agreements.forms) == 3 and len(followups.forms) == 3  # two stored, one blank
    data["meeting-place"] = "Ruang Rapat Bappeda"
    data["agreements-0-DELETE"] = "on"
    data["agreements-2-text"] = "Kesepakatan baru: rapat evaluasi Juni"
    bpbd_row = next(
        i for i, f in enumerate(followups.forms) if f.instance.responsible_organization_id
        and f.instance.responsible_organization.slug == "bpbd-ntb"
    )  # fmt: skip
    data[f"followups-{bpbd_row}-status"] = "in_progress"
    removed = agreements.forms[0].instance
    detached = list(removed.action_items.values_list("pk", flat=True))
    assert detached  # the demo's agreements each carry a follow-up
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.place == "Ruang Rapat Bappeda"
    texts = list(meeting.agreements.values_list("text", flat=True))
    assert removed.text not in texts and "Kesepakatan baru: rapat evaluasi Juni" in texts
    assert len(texts) == 2
    item = ActionItem.objects.get(responsible_organization__slug="bpbd-ntb")
    assert item.status == "in_progress"
    assert meeting.history.count() == 2 and Agreement.history.filter(history_type="-").exists()
    assert meeting.participants.count() == 4  # untouched rows stay as they were
    for pk in detached:  # the follow-ups of the removed agreement stay, recorded as changed
        item = ActionItem.objects.get(pk=pk)
        assert item.agreement is None and item.history.first().agreement_id is None


def test_operator_edits_its_meeting_but_cannot_touch_another_bodys_follow_up(client, demo):
    lotim_team, health = org("tp-pkk-52-03"), org("tp-pkk-52")
    meeting = Meeting.objects.create(
        title="Rapat TP PKK Lombok Timur", date=datetime.date(2024, 1, 10),
        organiser=lotim_team, region_id="52.03",
    )  # fmt: skip
    ActionItem.objects.create(
        meeting=meeting, what="Tugas provinsi", responsible_organization=health
    )
    client.force_login(make_persona("operator.lotim"))
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    data = as_shown(client.get(url))
    data["meeting-place"] = "Selong"
    assert client.post(url, data).status_code == 302  # the province's row is left alone
    meeting.refresh_from_db()
    assert meeting.place == "Selong"
    data = as_shown(client.get(url))
    data["followups-0-status"] = "done"
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Tindak lanjut 1: Anda tidak boleh memberikan tindak lanjut kepada TP PKK" in page.text
    meeting.refresh_from_db()
    assert meeting.action_items.get().status == "open"
    # Removing an agreement that carries the province's follow-up is refused, named by row.
    agreement = Agreement.objects.create(meeting=meeting, text="Kesepakatan bersama provinsi")
    meeting.action_items.update(agreement=agreement)
    data = as_shown(client.get(url))
    data["agreements-0-DELETE"] = "on"
    page = client.post(url, data)
    assert "Kesepakatan 1: tindak lanjutnya “Tugas provinsi” diberikan kepada TP PKK" in page.text
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    delete = client.get(reverse("meetings:meeting_delete", args=[meeting.pk]))
    assert 'id="delete-blocked"' in delete.text  # its follow-up is not the operator's to delete
    client.post(reverse("meetings:meeting_delete", args=[meeting.pk]))
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_deleting_a_meeting_asks_first_and_takes_its_parts(client, demo):
    meeting = Meeting.objects.get()
    url = reverse("meetings:meeting_delete", args=[meeting.pk])
    client.force_login(make_persona("operator.lotim"))  # may read the province's meeting only
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    client.force_login(make_persona("admin"))
    page = client.get(url)
    assert page.status_code == 200 and "Hapus" in page.text and Meeting.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting_list")
    assert not Meeting.objects.exists() and not ActionItem.objects.exists()
    assert not Participant.objects.exists() and not Agreement.objects.exists()
    assert Meeting.history.filter(history_type="-").count() == 1
    assert ActionItem.history.filter(history_type="-").count() == 2


def test_the_gate_decides_who_records_meetings(client, demo):
    client.force_login(make_persona("viewer.lobar"))
    assert client.get(ADD).status_code == 403
    assert 'href="/meetings/add/"' not in client.get(reverse("meetings:meeting_list")).text
    client.logout()
    response = client.get(ADD)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    operator = make_persona("operator.lotim")
    client.force_login(operator)
    form = client.get(ADD)
    organisers = list(form.context["form"].fields["organiser"].allowed())
    assert organisers == [org("tp-pkk-52-03")]  # only its own body
    assert 'href="/meetings/add/"' in client.get(reverse("meetings:meeting_list")).text
    # A meeting organised by another region's body (Lombok Barat) is refused, nothing written.
    page = client.post(ADD, posted(meeting_fields(org("tp-pkk-52-01"), region="52.01")))
    assert page.status_code == 200
    assert set(page.context["form"].errors) == {"organiser", "region"}
    assert not Meeting.objects.filter(date="2024-02-14").exists()
    # Its own meeting, but a follow-up given to the province's team: refused by row.
    refused = client.post(
        ADD,
        posted(
            meeting_fields(org("tp-pkk-52-03"), region="52.03"),
            followups=[
                {
                    "what": "Tugas kami",
                    "responsible_organization": org("tp-pkk-52-03").pk,
                    "status": "open",
                },
                {
                    "what": "Tugas provinsi",
                    "responsible_organization": org("tp-pkk-52").pk,
                    "status": "open",
                },
            ],  # fmt: skip
        ),
    )
    assert refused.status_code == 200
    assert (
        "Tindak lanjut 2: Anda tidak boleh memberikan tindak lanjut kepada TP PKK" in refused.text
    )
    assert not Meeting.objects.filter(date="2024-02-14").exists()
    assert not ActionItem.objects.filter(what="Tugas kami").exists()  # nothing half-written
    saved = client.post(
        ADD,
        posted(
            meeting_fields(org("tp-pkk-52-03"), region="52.03"),
            followups=[
                {
                    "what": "Tugas kami",
                    "responsible_organization": org("tp-pkk-52-03").pk,
                    "status": "open",
                }
            ],  # fmt: skip
        ),
    )
    assert saved.status_code == 302
    assert Meeting.objects.get(date="2024-02-14").action_items.get().what == "Tugas kami"


@pytest.mark.parametrize(
    "persona,offered",
    [("viewer.lobar", False), ("koordinator.ntb", False), ("operator.lotim", False),
     ("admin", True)],
)  # fmt: skip
def test_edit_and_delete_are_offered_only_to_those_who_may(client, demo, persona, offered):
    meeting = Meeting.objects.get()  # the province's meeting: operator.lotim only reads it
    client.force_login(make_persona(persona))
    text = client.get(meeting.get_absolute_url()).text
    assert ('id="meeting-edit"' in text) == offered and ('id="meeting-delete"' in text) == offered
    edit = client.get(reverse("meetings:meeting_edit", args=[meeting.pk]))
    assert edit.status_code == (200 if offered else 404)


def test_the_service_refuses_what_the_form_would_not_offer(demo):
    """The gate, not only the form's choices: a meeting organised by another region's body, or a
    follow-up given to another body, is refused by `save_meeting` and nothing is written."""
    from sinergi.core.writes import OutOfScope
    from sinergi.meetings.services import Row, RowRefused, save_meeting

    operator = make_persona("operator.lotim")
    fields = {"title": "Rapat di luar wilayah", "date": datetime.date(2024, 2, 14),
              "region_id": "52.01", "organiser": org("tp-pkk-52-01")}  # fmt: skip
    with pytest.raises(OutOfScope):
        save_meeting(operator, None, fields)
    fields.update(region_id="52.03", organiser=org("tp-pkk-52-03"), title="Rapat sendiri")
    follow_up = Row(("followups", 0), "Tindak lanjut 1", None, {
        "what": "Tugas BPBD", "responsible_organization": org("bpbd-ntb")})  # fmt: skip
    with pytest.raises(RowRefused) as refused:
        save_meeting(operator, None, fields, action_items=[follow_up])
    assert refused.value.key == ("followups", 0) and "Badan Penanggulangan Bencana" in str(
        refused.value
    )
    assert not Meeting.objects.filter(date=datetime.date(2024, 2, 14)).exists()
    assert not Participant.objects.filter(meeting__date=datetime.date(2024, 2, 14)).exists()
