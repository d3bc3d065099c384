"""Printable reports that read across apps: a region's profile and a program's report, in
Bahasa Indonesia, with charts and the source of every figure. Everything goes through the gate:
a reader gets only what they may see."""

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergi.core.utils.pdf import Document
from sinergi.dashboards import profiles
from sinergi.indicators.models import Indicator
from sinergi.indicators.reports import cards, visible
from sinergi.indicators.rollup import rollup
from sinergi.meetings.models import Agreement


def _number(value) -> str:
    if value is None:
        return "-"
    return number_format(value, decimal_pos=0 if value == int(value) else 1, use_l10n=True)


def region_profile(region, user) -> bytes:
    doc = Document(_("Region profile: %(region)s") % {"region": region.full_name})
    doc.heading(_("REGION PROFILE"), 12)
    doc.heading(region.full_name)
    doc.section(_("Where it is"))
    chain = " > ".join(r.full_name for r in region.ancestors())
    if chain:
        doc.field(_("Part of"), chain)
    doc.field(_("Kemendagri code"), region.code)
    for kind, count in region.village_kinds():
        doc.field(str(kind).capitalize(), _number(count))
    key = Indicator.objects.filter(is_key=True).order_by("name")
    shown = [card for card in cards(region, key, user) if card.row]
    doc.section(_("Key indicators against targets"))
    sources = []
    for card in shown:
        row = card.row
        figure = _number(row.value)
        if card.indicator.value_type == "level" and region.level == "village":
            figure = card.indicator.level_label(row.value)  # a village's level by its name
        line = f"{card.indicator.name} ({card.period}): {figure} {card.indicator.unit}".strip()
        if row.partial:  # computed from some children only: marked, not judged against the target
            line += " [" + _("partial") + "]"
        elif row.target is not None:
            line += " - " + _("target %(target)s, achieved %(pct)s%%") % {
                "target": _number(row.target),
                "pct": _number(row.achievement_pct),
            }
        doc.paragraph(line)
        basis = row.source_text
        if card.other_text:
            basis += "; " + card.other_text
        doc.paragraph(basis, indent=4, size=8)
        if card.source:
            sources.append(card.source)
    if not shown:
        doc.paragraph(_("No figures you may see for this region."))
    with_target = [c for c in shown if c.row.achievement_pct is not None and not c.row.partial]
    if with_target:
        doc.bar_chart(
            _("Achievement against target (%)"),
            [(c.indicator.name, float(c.row.achievement_pct), 100.0) for c in with_target],
            "%",
        )
    if shown and region.level != "village":
        card = shown[0]
        regions = visible(user).filter(parent=region)
        rows = rollup(card.indicator, card.period, region, regions=regions)
        doc.bar_chart(
            _("%(indicator)s by region, %(period)s")
            % {"indicator": card.indicator.name, "period": card.period},
            [
                (label(r), float(r.value), float(r.target) if r.target and not r.partial else None)
                for r in rows
                if r.code != region.code and r.value is not None
            ],  # fmt: skip
            card.indicator.unit,
        )
        if any(r.partial for r in rows if r.code != region.code):
            doc.paragraph(
                _("(partial): computed from only some of the regions below it; not that "
                  "region's figure, and not compared with its target."),
                size=8,
            )  # fmt: skip
    # The sections of the web page (dashboards/profiles.py), in its order, through the gate.
    profile = profiles.region_profile(region, user, figures=False)
    doc.section(_("Programs active here"))
    programs = profile["programs"]
    for program in programs.rows:
        owner = program.owner.short_name if program.owner_id else _("owner not stated")
        doc.paragraph(
            f"{program.fiscal_year} - {program.name} ({owner}, {program.get_status_display()})"
        )
    _rest(doc, programs, _("No programs you may see take place here."), user)
    doc.section(_("Organisations active here"))
    organizations = profile["organizations"]
    for org in organizations.rows:
        line = str(org)
        if org.programs_here:
            line += " - " + ngettext(
                "%(n)s program here", "%(n)s programs here", org.programs_here
            ) % {"n": org.programs_here}
        doc.paragraph(line)
    _rest(doc, organizations, _("No organisations recorded here."), user)
    doc.section(_("Meetings held here"))
    meetings = profile["meetings"]
    for meeting in meetings.rows:
        place = f", {meeting.place}" if meeting.place else ""
        doc.paragraph(f"{date_format(meeting.date, 'j M Y')} - {meeting.title}{place}")
    _rest(doc, meetings, _("No meetings you may see were held here."), user)
    doc.section(_("Open follow-ups"))
    followups = profile["followups"]
    for item in followups.rows:
        due = ""
        if item.due_date:
            due = ", " + _("due %(date)s") % {"date": date_format(item.due_date, "j M Y")}
            if item.overdue:
                due += " (" + _("overdue") + ")"
        doc.paragraph(f"{item.what[:200]} ({item.responsible_organization}{due})")
    _rest(doc, followups, _("No open follow-ups you may see here."), user)
    if profile["children"]:
        doc.section(_("Areas below"))
        doc.paragraph(", ".join(f"{child.name} ({child.code})" for child in profile["children"]))
    _sources(doc, sources)
    return bytes(doc.output())


def label(row) -> str:
    """A region's name in a chart, marked when its figure is partial."""
    return f"{row.name} ({_('partial')})" if row.partial else row.name


def program_report(program, user) -> bytes:
    doc = Document(_("Program report: %(name)s") % {"name": program.name})
    doc.heading(_("PROGRAM REPORT"), 12)
    doc.heading(f"{program.name} ({program.fiscal_year})")
    doc.field(_("Owner"), program.owner or _("not stated in the source"))
    doc.field(_("Status"), program.get_status_display())
    doc.field(_("Themes"), ", ".join(t.name for t in program.themes.all()))
    doc.field(_("Budget"), f"Rp {_number(program.budget)}" if program.budget else "-")
    doc.field(_("Focus regions"), ", ".join(r.full_name for r in program.focus_regions.all()))
    if program.description:
        doc.section(_("Description"))
        doc.paragraph(program.description)
    collaborations = program.collaborations.restrict(user).select_related("partner")
    doc.section(_("Collaborations"))
    for collaboration in collaborations:
        line = f"{collaboration.partner} - {collaboration.get_role_display()}"
        if collaboration.commitment:
            line += f": {collaboration.commitment}"
        doc.paragraph(line)
    if not collaborations:
        doc.paragraph(_("None recorded."))
    activities = list(program.activities.restrict(user).select_related("region"))
    doc.section(_("Activities"))
    for activity in activities:
        when = date_format(activity.start_date, "j M Y") if activity.start_date else "-"
        doc.paragraph(f"{when} - {activity.title} ({activity.region.full_name})")
    if not activities:
        doc.paragraph(_("None recorded."))
    if activities:
        per_region: dict[str, int] = {}
        for activity in activities:
            per_region[activity.region.full_name] = per_region.get(activity.region.full_name, 0) + 1
        doc.bar_chart(
            _("Activities by region"), [(name, n, None) for name, n in sorted(per_region.items())]
        )
    agreements = Agreement.objects.restrict(user).filter(programs=program).select_related("meeting")
    doc.section(_("Agreements that concern it"))
    for agreement in agreements:
        meeting = agreement.meeting
        doc.paragraph(f"{date_format(meeting.date, 'j M Y')} - {meeting.title}: {agreement.text}")
    if not agreements:
        doc.paragraph(_("None recorded."))
    _sources(doc, [program.source] if program.source else [])
    return bytes(doc.output())


def _rest(doc, section, empty: str, user):
    """After a section's rows: how many more there are, why nothing is shown, or `empty`."""
    if not section.visible:
        if getattr(user, "is_authenticated", False):
            doc.paragraph(_("Your account has no role yet: ask a coordinator for one."))
        else:
            doc.paragraph(_("Sign in to see this section."))
    elif section.more:
        doc.paragraph(_("and %(n)s more") % {"n": section.more})
    elif not section.rows:
        doc.paragraph(empty)


def _sources(doc, sources):
    doc.section(_("Sources"))
    for source in dict.fromkeys(sources):
        doc.paragraph(source, size=8)
    if not sources:
        doc.paragraph(_("No sources recorded."), size=8)
