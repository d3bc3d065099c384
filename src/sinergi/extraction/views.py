from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sinergi.core.permissions import VIEW, can_add
from sinergi.core.writes import save_checked
from sinergi.extraction import forms
from sinergi.extraction.choices import HIGHLIGHT_KINDS
from sinergi.extraction.models import IngestDraft
from sinergi.extraction.readers import UnreadableFile
from sinergi.extraction.services import Review, agreement_links, confirm, save_draft
from sinergi.organizations.models import Organization
from sinergi.regions.models import Region

TIME_BUDGET = 30  # seconds for the extraction of one text (about 4 s for the longest allowed)


@login_required
def draft_new(request):
    if not can_add(request.user, IngestDraft):
        # Confirming writes meetings, follow-ups, positions and figures: the gate gives those to
        # operators and administrators only, so coordinators (who read and approve) are refused.
        raise PermissionDenied(
            _(
                "Importing a text records a meeting, its agreements and figures, so operators "
                "(for their own region) and administrators do it; your role only reads and "
                "approves. Ask an operator of your region or an administrator to import this text."
            )
        )
    form = forms.TextForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("upload")
        try:
            draft = save_draft(
                data["text"],
                request.user,
                region=data["region"].code if data.get("region") else None,
                source_url=data.get("source_url") or "",
                file_name=upload.name if upload else "",
                seconds=TIME_BUDGET,
            )
        except PermissionDenied as error:
            form.add_error("region", str(error))
        except UnreadableFile as error:  # took too long
            form.add_error("upload" if upload else "text", str(error))
        else:
            return redirect(draft)
    drafts = IngestDraft.objects.restrict(request.user, VIEW).filter(status="draft")[:20]
    return render(request, "extraction/draft_new.html", {"form": form, "drafts": drafts})


def highlighted(text: str, result: dict) -> str:
    """The text as HTML with every item's evidence marked. Where spans overlap, the more
    specific kind wins (a figure or a name inside an agreement's sentence)."""
    candidates = []
    for start, end in result.get("meeting", {}).get("spans", {}).get("date", []):
        candidates.append((start, end, "date", "date"))
    for kind in ("quantities", "people", "organizations", "regions", "programs", "agreements"):
        css = HIGHLIGHT_KINDS[kind]
        for index, item in enumerate(result.get(kind, [])):
            for start, end in item.get("spans", []):
                candidates.append((start, end, css, f"{css}-{index}"))
    chosen: list[tuple] = []
    for mark in candidates:
        start, end = mark[0], mark[1]
        if 0 <= start < end <= len(text) and all(end <= c[0] or start >= c[1] for c in chosen):
            chosen.append(mark)
    html, position = [], 0
    for start, end, css, ref in sorted(chosen):
        html.append(escape(text[position:start]))
        html.append(f'<mark class="hl hl-{css}" data-ref="{ref}">{escape(text[start:end])}</mark>')
        position = end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 — every piece of text above is escaped


def unsure_organization(org: dict, matched: str) -> bool:
    """An organisation is unsure when it matches no existing one and the text names it only
    once: a body the text speaks of twice, or one already on record, is rarely a misreading."""
    return not matched and len(org.get("spans") or []) < 2


def unsure_person(person: dict, org_index: dict) -> bool:
    """A person is unsure without a position or without an organisation of the text: names
    read alone are where places and titles get taken for people ("Praya" as "Bupati")."""
    return not person.get("position") or person.get("organization") not in org_index


def unsure_quantity(quantity: dict) -> bool:
    """A figure is unsure unless it is a target or an achievement of a known indicator: only
    those are recorded as data without a second look."""
    return not (quantity.get("indicator_id") and quantity["meaning"] in ("target", "achievement"))


def responsible_row(text: str | None, orgs: list[dict]) -> int | None:
    """The row of the organisation the text makes responsible for a follow-up: its name or
    acronym as the reader gave it, else the row whose name contains it ("TP PKK")."""
    wanted = " ".join((text or "").lower().split())
    if not wanted:
        return None
    for index, org in enumerate(orgs):
        if wanted in (org["name"].lower(), org["acronym"].lower()):
            return index
    for index, org in enumerate(orgs):
        if wanted in org["name"].lower():
            return index
    return None


def _responsible_on_record(text: str | None, orgs: list[dict], usable) -> None:
    """A follow-up's responsible body that the reader did not list as an organisation of the
    text but that is on record (and usable): added as a row, so the follow-up can name it."""
    if not text or responsible_row(text, orgs) is not None:
        return
    found = list(usable.lookup(text)[:2])
    if len(found) == 1:
        org = found[0]
        orgs.append(
            {"include": True, "unsure": False, "name": org.name, "acronym": org.acronym,
             "match": org.pk, "region": org.home_region_id}
        )  # fmt: skip


def _initial(draft: IngestDraft, user):
    result = draft.result
    usable = Organization.objects.restrict(user, VIEW)
    matched_ids = [o["matched_id"] for o in result["organizations"] if o.get("matched_id")]
    visible = set(usable.filter(pk__in=matched_ids).values_list("pk", flat=True))
    orgs = []
    for org in result["organizations"]:
        matched = org["matched_id"] if org.get("matched_id") in visible else None
        unsure = unsure_organization(org, matched)
        orgs.append(
            {
                "include": not unsure,
                "unsure": unsure,
                "name": org["name"],
                "acronym": org.get("acronym") or "",
                "match": matched,
                "region": org.get("region") or "",
            }
        )
    for agreement in result["agreements"]:
        _responsible_on_record(agreement.get("responsible"), orgs, usable)
    draft_orgs = [(i, o["name"]) for i, o in enumerate(orgs)]
    org_index = {o["name"]: i for i, o in enumerate(orgs)}
    people = [
        {
            "include": not unsure_person(p, org_index),
            "unsure": unsure_person(p, org_index),
            "honorific": p.get("honorific") or "",
            "name": p["name"],
            "degrees": p.get("degrees") or "",
            "position": (p.get("position") or "")[:150],
            "organization": org_index.get(p.get("organization")),
        }
        for p in result["people"]
    ]
    year = (result["meeting"].get("date") or "")[:4]
    codes = [r["code"] for r in result["regions"]] + [draft.region_id]
    regions = Region.objects.filter(code__in=codes)
    quantities = [
        {
            "include": not unsure_quantity(q),
            "unsure": unsure_quantity(q),
            "text": q["text"],
            "value": q["value"],
            "meaning": q["meaning"],
            "indicator": q.get("indicator_id"),
            "region": draft.region_id,
            "period": year,
        }
        for q in result["quantities"]
    ]
    agreements = [
        {
            "include": bool(a["text"].strip()),
            "text": a["text"],
            "responsible": responsible_row(a.get("responsible"), orgs),
            "due_date": a.get("due_date"),
        }
        for a in result["agreements"]
    ]
    programs = [
        {"include": bool(p.get("matched_id")), "name": p["name"], "program": p.get("matched_id")}
        for p in result["programs"]
    ]
    organiser = next((o["match"] for o in orgs if o["match"]), None)
    meeting = {
        "title": draft.title or result["meeting"].get("topic") or "",
        "date": result["meeting"].get("date"),
        "place": result["meeting"].get("place") or "",
        "region": draft.region_id,
        "organiser": organiser,
        "source_url": draft.source_url,
    }
    return meeting, orgs, people, quantities, agreements, programs, draft_orgs, regions


@login_required
def draft_review(request, pk):
    draft = get_object_or_404(IngestDraft.objects.restrict(request.user, VIEW), pk=pk)
    if draft.status != "draft":
        if draft.meeting_id:
            return redirect(draft.meeting)
        messages.info(request, _("This text import was discarded."))
        return redirect("extraction:draft_new")
    (meeting, orgs, people, quantities, agreements, programs, draft_orgs,
     regions) = _initial(draft, request.user)  # fmt: skip
    data = request.POST if request.method == "POST" else None
    if data and "discard" in data:
        draft.status = "discarded"  # refused unless the user may change the draft
        save_checked(
            request.user,
            lambda: draft.save(update_fields=["status"]) or draft,
            draft,
            message=_("You may read this text import but not discard it."),
        )
        messages.info(request, _("The text import was discarded; nothing was recorded."))
        return redirect("extraction:draft_new")
    meeting_form = forms.MeetingReviewForm(data, initial=meeting, user=request.user, prefix="m")
    org_rows = forms.OrganizationRows(
        data, initial=orgs, prefix="org", form_kwargs={"user": request.user}
    )
    person_rows = forms.PersonRows(
        data, initial=people, prefix="person", form_kwargs={"draft_orgs": draft_orgs}
    )
    quantity_rows = forms.QuantityRows(
        data, initial=quantities, prefix="qty", form_kwargs={"regions": regions}
    )
    agreement_rows = forms.AgreementRows(
        data, initial=agreements, prefix="agr", form_kwargs={"draft_orgs": draft_orgs}
    )
    program_rows = forms.ProgramRows(
        data, initial=programs, prefix="prog", form_kwargs={"user": request.user}
    )
    parts = [meeting_form, org_rows, person_rows, quantity_rows, agreement_rows, program_rows]
    valid = bool(data) and all(part.is_valid() for part in parts)
    valid = valid and links_kept(org_rows, person_rows, agreement_rows)
    if valid:
        review = _review(draft.result, *parts)
        try:
            meeting_obj = confirm(draft, review, request.user)
        except (PermissionDenied, ValidationError) as error:
            text = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in text:
                messages.error(request, message)
        else:
            messages.success(request, _("Recorded: the meeting, its participants and agreements."))
            return redirect(meeting_obj)
    return render(
        request,
        "extraction/draft_review.html",
        {
            "draft": draft,
            "text_html": highlighted(draft.text, draft.result),
            "meeting_form": meeting_form,
            "org_rows": org_rows,
            "person_rows": person_rows,
            "quantity_rows": quantity_rows,
            "agreement_rows": agreement_rows,
            "program_rows": program_rows,
            "regions": draft.result.get("regions", []),
            "blocked": blocked_fields(parts) if data and not valid else [],
        },
    )


def links_kept(org_rows, person_rows, agreement_rows) -> bool:
    """Whether every kept person and follow-up points at a kept organisation; a row that does
    not gets an error on its organisation field instead of being dropped silently."""
    kept = {i for i, row in enumerate(org_rows.cleaned_data) if row.get("include")}
    ok = True
    for rows, name in ((person_rows, "organization"), (agreement_rows, "responsible")):
        for form in rows.forms:
            row = form.cleaned_data
            if row.get("include") and row.get(name) is not None and row[name] not in kept:
                form.add_error(name, _("This organisation is not kept: tick it above."))
                ok = False
    return ok


def blocked_fields(parts) -> list[str]:
    """What keeps "Confirm" from recording, named as the page labels it (the meeting's fields,
    then each table's row and field), shown above the form so that nothing fails silently."""
    names = []
    meeting_form, *row_sets = parts
    for name in meeting_form.errors:
        field = meeting_form.fields.get(name)
        names.append(str(field.label) if field else str(_("Meeting")))
    tables = [_("Organisations"), _("People"), _("Figures"), _("Agreements and follow-ups"),
              _("Programs and topics")]  # fmt: skip
    for table, rows in zip(tables, row_sets, strict=False):
        for number, row in enumerate(rows.forms, start=1):
            for name in row.errors:
                field = row.fields.get(name)
                label = str(field.label) if field and field.label else str(_("row"))
                place = _("row %(n)s: %(field)s") % {"n": number, "field": label}
                names.append(f"{table}, {place}")
    return names


def _review(
    result, meeting_form, org_rows, person_rows, quantity_rows, agreement_rows, program_rows
) -> Review:
    m = meeting_form.cleaned_data
    kept: dict[int, int] = {}  # row index → position among the kept organisations
    organizations = []
    for index, row in enumerate(org_rows.cleaned_data):
        if row.get("include"):
            kept[index] = len(organizations)
            organizations.append(
                {
                    "id": row["match"].pk if row.get("match") else None,
                    "name": row["name"],
                    "acronym": row.get("acronym") or "",
                    "region": row.get("region") or None,
                }
            )
    people = [
        {**row, "organization": kept.get(row.get("organization"))}
        for row in person_rows.cleaned_data
        if row.get("include")
    ]
    quantities = [
        {
            "indicator": row["indicator"].pk,
            "meaning": "target" if row["meaning"] == "target" else "achievement",
            "value": row["value"],
            "region": row["region"].code,
            "period": row["period"],
        }
        for row in quantity_rows.cleaned_data
        if row.get("include")
    ]
    linked = [
        (row["name"], row["program"].pk) for row in program_rows.cleaned_data if row.get("include")
    ]
    agreements = []
    for row in agreement_rows.cleaned_data:
        if row.get("include"):
            responsible = kept.get(row.get("responsible"))
            text = row["text"]
            # An agreement concerns the regions it names and the linked programs it speaks of
            # (all linked programs when it names none of them).
            regions, programs = agreement_links(text, result.get("regions", []), linked)
            agreements.append(
                {
                    "text": text.strip(),
                    "organizations": [responsible] if responsible is not None else [],
                    "regions": regions,
                    "programs": programs,
                    "responsible": responsible,
                    "due_date": row.get("due_date"),
                }
            )
    return Review(
        title=m["title"],
        date=m["date"],
        region=m["region"].code,
        organiser=m["organiser"].pk,
        place=m.get("place") or "",
        summary=m.get("summary") or "",
        source_url=m.get("source_url") or "",
        organizations=organizations,
        people=people,
        quantities=quantities,
        agreements=agreements,
    )
