from pathlib import Path

import pytest
from django.urls import reverse

from sinergi.extraction.models import IngestDraft
from sinergi.indicators.models import DataValue
from sinergi.meetings.models import Meeting
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db
LOTIM = (Path(__file__).parent / "texts" / "sosialisasi-destana-lotim.txt").read_text()


def review_data(page):
    """The review form as the page sends it back, unchanged."""
    data = {}
    for form in [page.context["meeting_form"]]:
        for field in form:
            value = field.value()
            if value is not None:
                data[field.html_name] = value
    for rows in ("org_rows", "person_rows", "quantity_rows", "agreement_rows", "program_rows"):
        formset = page.context[rows]
        data.update({f.html_name: f.value() for f in formset.management_form})
        for form in formset:
            for field in form:
                value = field.value()
                if value is True:
                    data[field.html_name] = "on"
                elif value is not None and value is not False:  # row 0 is a choice
                    data[field.html_name] = value
    return data


def test_paste_review_and_confirm(client, demo):
    client.force_login(make_persona("operator.lotim"))
    page = client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    draft = IngestDraft.objects.get(status="draft")
    assert page.status_code == 302 and page.url == draft.get_absolute_url()
    review = client.get(page.url)
    assert review.status_code == 200
    assert '<mark class="hl hl-quantity" data-ref="quantity-0">52 Destana</mark>' in review.text
    data = review_data(review)
    # The operator keeps only its own team and records the achievement, not the target.
    # Unticking organisations unticks their people and follow-ups too (or the page says so).
    for key in [k for k in data if k.startswith(("org-", "person-")) and k.endswith("-include")]:
        del data[key]
    for key in [k for k in data if k.startswith("agr-") and k.endswith("-responsible")]:
        data[key] = ""
    data["m-organiser"] = "TP PKK Kabupaten Lombok Timur"  # typed, among those it may see
    data.pop("qty-1-include", None)
    data["qty-0-include"] = "on"
    data["qty-0-indicator"] = str(
        review.context["quantity_rows"]
        .forms[0]
        .fields["indicator"]
        .queryset.get(code="destana_formed")
        .pk
    )
    data["qty-0-period"] = "2024"
    data["confirm"] = "1"
    done = client.post(page.url, data)
    meeting = Meeting.objects.get(ingest_drafts=draft)
    assert done.status_code == 302 and done.url == meeting.get_absolute_url()
    value = DataValue.objects.get(indicator__code="destana_formed", region="52.03", period="2024")
    assert value.value == 52 and value.source_kind == "meeting"
    agreement = meeting.agreements.get()  # it names Kecamatan Sembalun, not the village
    assert list(agreement.regions.values_list("code", flat=True)) == ["52.03.15"]


def test_bad_upload_is_named(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_persona("operator.lotim"))
    page = client.post(
        reverse("extraction:draft_new"),
        {"upload": SimpleUploadedFile("notulen.xlsx", b"PK\x03\x04")},
    )
    assert page.status_code == 200 and ".xlsx" in page.text
    assert IngestDraft.objects.count() == 0


def test_drafts_outside_scope_are_not_found_and_viewers_cannot_import(client):
    client.force_login(make_persona("operator.lotim"))
    client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    draft = IngestDraft.objects.get()
    client.force_login(make_persona("viewer.lobar"))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("extraction:draft_new")).status_code == 403
    client.logout()
    assert client.get(reverse("extraction:draft_new")).status_code == 302  # to sign-in


def test_discard_records_nothing(client):
    client.force_login(make_persona("operator.lotim"))
    client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    draft = IngestDraft.objects.get()
    client.post(draft.get_absolute_url(), {"discard": "1"})
    draft.refresh_from_db()
    assert draft.status == "discarded" and Meeting.objects.count() == 0


def test_a_reader_of_a_draft_neither_discards_nor_confirms_it(client):
    client.force_login(make_persona("operator.lotim"))
    client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    draft = IngestDraft.objects.get()
    client.force_login(make_persona("koordinator.ntb"))  # reads every draft of NTB
    assert client.post(draft.get_absolute_url(), {"discard": "1"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft" and Meeting.objects.count() == 0


def test_a_blocked_confirm_names_what_is_missing_and_records_nothing(client, demo):
    client.force_login(make_persona("operator.lotim"))
    page = client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    review = client.get(page.url)
    assert 'id="review-form" novalidate' in review.text  # no silent browser-only refusal
    extra = review.context["agreement_rows"].forms[-1]
    assert not extra.initial and extra["include"].value() is False  # the empty row is unticked
    data = review_data(review)
    data["m-organiser"] = ""
    data["confirm"] = "1"
    before = Meeting.objects.count()
    blocked = client.post(page.url, data, HTTP_ACCEPT_LANGUAGE="id")
    assert blocked.status_code == 200 and Meeting.objects.count() == before
    assert blocked.context["blocked"] == ["Penyelenggara"]
    text = blocked.text
    assert 'id="review-blocked"' in text and "Belum ada yang dicatat." in text
    assert "<li>Penyelenggara</li>" in text


def test_a_coordinator_is_refused_the_text_import_with_who_may_do_it(client):
    client.force_login(make_persona("koordinator.ntb"))
    page = client.get(reverse("extraction:draft_new"), HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 403
    assert "dilakukan oleh operator" in page.text and "administrator" in page.text
    assert client.post(reverse("extraction:draft_new"), {"text": LOTIM}).status_code == 403
    assert IngestDraft.objects.count() == 0


BIMA = (Path(__file__).parent / "texts" / "rakor-stunting-bima.txt").read_text()


def test_review_prefills_follow_ups_and_marks_unsure_proposals(client, demo):
    client.force_login(make_persona("admin"))
    page = client.post(reverse("extraction:draft_new"), {"text": BIMA})
    review = client.get(page.url)
    orgs = [row.initial["name"] for row in review.context["org_rows"].forms]
    agreements = review.context["agreement_rows"].forms
    # "… Dinkes Kota Bima … paling lambat bulan Juni 2024": its body and due date, pre-filled.
    dinkes = agreements[1]
    assert orgs[dinkes["responsible"].value()] == "Dinas Kesehatan Kota Bima"
    assert str(dinkes["due_date"].value()) == "2024-06-30"
    assert orgs[agreements[0]["responsible"].value()] == "TP PKK Kota Bima"
    # The mayor's organisation is not among the text's: marked "check" and not ticked.
    people = {row.initial["name"]: row for row in review.context["person_rows"].forms}
    assert people["Muhammad Lutfi"].initial["unsure"]
    assert people["Muhammad Lutfi"]["include"].value() is False
    assert people["Ahmad Fathoni"]["include"].value() is True
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="id").text
    assert html.count(">periksa</span>") == sum(
        bool(row.initial.get("unsure"))
        for rows in ("org_rows", "person_rows", "quantity_rows")
        for row in review.context[rows].forms
    )


def test_an_organisation_row_takes_any_usable_organisation_typed_by_name(client, demo):
    from sinergi.organizations.models import Organization

    client.force_login(make_persona("operator.lotim"))
    page = client.post(reverse("extraction:draft_new"), {"text": LOTIM})
    draft = IngestDraft.objects.latest("pk")
    data = review_data(client.get(page.url))
    data.update({"m-organiser": "TP PKK Kabupaten Lombok Timur", "confirm": "1"})
    for key in [k for k in data if k.startswith("qty-") and k.endswith("-include")]:
        del data[key]
    # A name that matches nothing is named on the page; nothing is recorded.
    data["org-0-match"] = "Dinas Tidak Ada"
    before = Meeting.objects.count()
    blocked = client.post(page.url, data, HTTP_ACCEPT_LANGUAGE="id")
    assert blocked.status_code == 200 and Meeting.objects.count() == before
    assert "Lembaga, baris 1: Organisasi yang ada" in blocked.context["blocked"]
    assert "Dinas Tidak Ada" in blocked.text
    # Another regency's body may be a participant, but the operator may not record a position
    # there: refused with the reason, nothing recorded.
    data["org-0-match"] = "TP PKK Kabupaten Lombok Barat"
    refused = client.post(page.url, data, HTTP_ACCEPT_LANGUAGE="id")
    assert refused.status_code == 200 and Meeting.objects.count() == before
    assert "TP PKK Kabupaten Lombok Barat" in str(list(refused.context["messages"]))
    data["org-0-match"] = "TP PKK Kabupaten Lombok Timur"
    done = client.post(page.url, data)
    meeting = Meeting.objects.get(ingest_drafts=draft)
    assert done.status_code == 302
    team = Organization.objects.get(slug="tp-pkk-52-03")
    # The first row's person is recorded at the organisation chosen for that row.
    assert meeting.participants.filter(organization=team, person__name__contains="Syaifuddin")


def test_a_corrected_position_of_a_known_person_is_what_the_meeting_page_shows(client, demo):
    founding = (Path(__file__).parents[1] / "data" / "founding-minutes.txt").read_text()
    client.force_login(make_persona("admin"))
    page = client.post(reverse("extraction:draft_new"), {"text": founding})
    draft = IngestDraft.objects.latest("pk")
    review = client.get(page.url)
    data = review_data(review)
    row = next(
        i
        for i, form in enumerate(review.context["person_rows"].forms)
        if form.initial["name"] == "Ruslan Abdul Gani"
    )
    data[f"person-{row}-position"] = "Plt. Kepala Pelaksana BPBD Provinsi NTB"
    data.update({"m-organiser": "tp-pkk-52", "confirm": "1"})
    for key in [k for k in data if k.startswith("qty-") and k.endswith("-include")]:
        del data[key]
    assert client.post(page.url, data).status_code == 302
    meeting = Meeting.objects.get(ingest_drafts=draft)
    shown = client.get(meeting.get_absolute_url()).text
    # The demo records him as "Kepala Pelaksana"; the title confirmed here is the one shown.
    assert "Ruslan Abdul Gani" in shown and ", Plt. Kepala Pelaksana</span>" in shown
