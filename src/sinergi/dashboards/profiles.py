"""A region's profile, for any region: the web page (`/regions/<code>/profile/`, printable) and the
PDF (`/reports/region/<code>.pdf`) show the same sections, built here, through the gate.

Sections, in order: where the region sits (parent chain, areas below), key indicators against
targets, programs active there, organisations active there, meetings held there, open
follow-ups. Programs, meetings and follow-ups need a role: for those who may not see them the
section says so (`visible` False) instead of showing none.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from sinergi.dashboards.services import may_view
from sinergi.indicators.models import Indicator
from sinergi.indicators.reports import cards
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.models import Organization
from sinergi.programs.models import Collaboration, Program
from sinergi.regions.codes import child_level
from sinergi.regions.groups import groups_of_region
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q

LISTED = 50  # rows listed per section; the count says how many there are in all


@dataclass
class Section:
    """Rows of one section: `rows` (the first LISTED), `count` (all of them) and `visible`
    (False: the user may not see this kind of record at all, so the page says why)."""

    rows: list = field(default_factory=list)
    count: int = 0
    visible: bool = True

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


def section(queryset, visible: bool = True) -> Section:
    if not visible:
        return Section(visible=False)
    return Section(rows=list(queryset[:LISTED]), count=queryset.count())


def listed(rows: list) -> Section:
    return Section(rows=rows[:LISTED], count=len(rows))


def programs_there(region: Region, user):
    """Programs taking place in the region or below it, and those covering it from an ancestor
    (a province-wide program concerns every regency), that `user` may see; newest first."""
    inside = Program.objects.within(region).values("pk")
    above = Q(focus_regions__code__in=region.ancestor_codes)
    return (
        Program.objects.restrict(user)
        .filter(Q(pk__in=inside) | above)
        .distinct()
        .select_related("owner")
        .order_by("-fiscal_year", "name")
    )


def organizations_there(region: Region, user, programs) -> list[Organization]:
    """Organisations active in the region: based there (the region's own TP PKK team, not every
    team below it), or owning or partnering in a program there that `user` may see (`programs`,
    None when the user may see none); each with `programs_here`, the most active first."""
    running: dict[int, set] = {}
    if programs is not None:
        pairs = list(programs.values_list("pk", "owner_id"))
        for pk, owner in pairs:
            if owner:
                running.setdefault(owner, set()).add(pk)
        partners = Collaboration.objects.restrict(user).filter(program__in=[pk for pk, _o in pairs])
        for program, partner in partners.values_list("program_id", "partner_id"):
            running.setdefault(partner, set()).add(program)
    based = code_within_q(region.code, "home_region_id") & (
        ~Q(org_type="tp_pkk") | Q(home_region_id=region.code)
    )
    found = list(
        Organization.objects.restrict(user)
        .filter(based | Q(pk__in=running))
        .select_related("home_region")
    )
    for org in found:
        org.programs_here = len(running.get(org.pk, ()))
        org.based_here = bool(org.home_region_id) and org.home_region.is_within(region)
    return sorted(found, key=lambda org: (-org.programs_here, org.name))


def meetings_there(region: Region, user):
    return (
        Meeting.objects.restrict(user)
        .filter(code_within_q(region.code, "region_id"))
        .select_related("organiser", "region")
        .order_by("-date", "title")
    )


def followups_there(region: Region, user):
    """Open follow-ups of meetings held in the region or of organisations based there."""
    return (
        ActionItem.objects.restrict(user)
        .open()
        .filter(
            code_within_q(region.code, "meeting__region_id")
            | code_within_q(region.code, "responsible_organization__home_region_id")
        )
        .select_related("meeting", "responsible_organization")
        .order_by("due_date", "pk")
    )


def figure_rows(region: Region, user) -> list:
    """The key indicators' cards of the region (those with a figure)."""
    key = Indicator.objects.filter(is_key=True).order_by("name")
    return [card for card in cards(region, key, user) if card.row]


def region_profile(
    region: Region, user, today: datetime.date | None = None, figures: bool = True
) -> dict:
    """Everything the profile shows, section by section (`figures`: with the key indicators'
    cards; the PDF builds its own figure lines)."""
    today = today or timezone.localdate()
    see_programs = may_view(user, Program)
    programs = programs_there(region, user) if see_programs else None
    followups = section(followups_there(region, user), may_view(user, ActionItem))
    openable = set(
        Meeting.objects.restrict(user)
        .filter(pk__in={item.meeting_id for item in followups.rows})
        .values_list("pk", flat=True)
    )
    for item in followups.rows:
        item.shown_meeting = item.meeting if item.meeting_id in openable else None
        item.overdue = bool(item.due_date and item.due_date < today)
    return {
        "region": region,
        "today": today,
        "chain": list(region.ancestors()),
        "children": region.children_with_counts(),
        "child_level": child_level(region.level),
        "own_kinds": region.village_kinds(),
        "cards": figure_rows(region, user) if figures else [],
        "programs": section(programs, see_programs) if see_programs else Section(visible=False),
        "organizations": listed(organizations_there(region, user, programs)),
        "meetings": section(meetings_there(region, user), may_view(user, Meeting)),
        "followups": followups,
        "signed_in": getattr(user, "is_authenticated", False),
        "region_groups": groups_of_region(region, user),
    }
