"""What Beranda shows to each role, and its cache.

Parts by role (a user with several roles gets the parts of each):
- leaders (administrators, coordinators, viewers, and visitors: the province view): the key
  indicators of the province and the follow-ups overdue in their scope;
- an operator: its region's key indicators, the entries due from it this period (indicators.due),
  its organisation's open follow-ups;
- whoever may approve data: the submitted data waiting for approval.
Programs and collaborations are counted only for those who may see them: a visitor reads "sign in
to see programs", never "0 programs".

The body is cached, keyed by the data revision (every change of domain data, the summaries
included), the user's scope, the language and the date (what is overdue and due changes with it),
so a change appears on the next page load in every process.
"""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from sinergi.core.permissions import (
    ADD,
    APPROVE,
    NOTHING,
    VIEW,
    is_admin,
    regions_for,
    roles_of,
    scope_key,
    scope_q,
)
from sinergi.core.revision import data_revision
from sinergi.indicators import reports
from sinergi.indicators.approvals import waiting
from sinergi.indicators.due import due_entries, grouped
from sinergi.indicators.models import Aggregate, Approval, DataValue, Indicator
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.models import Organization
from sinergi.programs.models import Collaboration, Program, Theme
from sinergi.programs.services import default_year
from sinergi.regions.instance import home_region_code
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q

CACHE_SECONDS = 24 * 3600
FIRST_FEW = 5  # overdue follow-ups listed on a leader's page (the count covers them all)
QUEUE_SHOWN = 10  # approvals listed on a coordinator's page


def may_view(user, model) -> bool:
    """May `user` see any row of `model`? (If not, the page says why instead of showing 0.)"""
    return scope_q(model, user, VIEW) != NOTHING


@dataclass
class Parts:
    """Which parts of Beranda a user gets."""

    leader: bool
    approver: bool
    operator_roles: list = field(default_factory=list)  # [(region code, organisation id)]


def parts_for(user) -> Parts:
    roles = roles_of(user)
    operator_roles = list(
        dict.fromkeys((code, org) for role, code, org in roles if role == "operator")
    )
    leader = is_admin(user) or not roles or any(role != "operator" for role, _c, _o in roles)
    approver = regions_for(user, Approval, APPROVE) != NOTHING
    return Parts(leader=leader, approver=approver, operator_roles=operator_roles)


def home_context(user, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    parts = parts_for(user)
    province = Region.objects.filter(code=home_region_code()).first()
    year = default_year()
    operator_sections = [
        operator_section(user, code, org, today, year) for code, org in parts.operator_roles
    ]
    operator_sections = [section for section in operator_sections if section]
    # An operator's page is about its region; everyone else starts from the province.
    home = province
    if not parts.leader and operator_sections:
        home = operator_sections[0]["region"]
    level_counts = {}
    if home:
        level_counts = dict(
            Region.objects.within(home.code)
            .values_list("level")
            .annotate(n=Count("code"))
            .order_by()
        )
    context = {
        "today": today,
        "parts": parts,
        "province": province,
        "home": home,
        "year": year,
        "level_counts": level_counts,
        "organization_count": Organization.objects.restrict(user)
        .exclude(org_type="tp_pkk")
        .filter(code_within_q(home.code, "home_region_id") if home != province else Q())
        .count(),
        "see_programs": may_view(user, Program),
        "see_collaborations": may_view(user, Collaboration),
        "see_followups": may_view(user, ActionItem),
        "signed_in": user.is_authenticated,
        "operator_sections": operator_sections,
        "cards": [],
        "priorities": list(Theme.objects.filter(group="priority")),
        "programs": [],
    }
    if home and context["see_programs"]:
        programs = Program.objects.restrict(user).filter(fiscal_year=year).within(home)
        context.update(
            program_count=programs.count(),
            programs=list(programs.select_related("owner").prefetch_related("themes")[:10]),
            priorities=list(
                Theme.objects.filter(group="priority").annotate(
                    n=Count("programs", filter=Q(programs__in=programs))
                )
            ),
        )
        if context["see_collaborations"]:
            context["collaboration_count"] = (
                Collaboration.objects.restrict(user).filter(program__in=programs).count()
            )
    if parts.leader and province:
        key = Indicator.objects.filter(is_key=True).order_by("name")
        context["cards"] = [card for card in reports.cards(province, key, user) if card.row]
        context.update(highlights(province, context["cards"], user, year))
        if context["see_followups"]:
            overdue = (
                ActionItem.objects.restrict(user)
                .overdue(today)
                .select_related("meeting", "responsible_organization")
                .order_by("due_date", "pk")
            )
            context["overdue_count"] = overdue.count()
            context["overdue"] = with_meetings(user, list(overdue[:FIRST_FEW]))
    if parts.approver:
        queue = waiting(user)
        context["approval_count"] = queue.count()
        context["approvals"] = [with_page(a) for a in queue[:QUEUE_SHOWN]]
    return context


def highlights(province, cards: list, user, year: int) -> dict:
    """What a leader sees first: the focus regions (region groups of the newest year that has
    any, up to this year) and the headline indicator's map, with the focus regions outlined, and
    trend (`headline_visuals`)."""
    from sinergi.regions.groups import groups_of_year
    from sinergi.regions.models import RegionGroup

    group_year = (
        RegionGroup.objects.restrict(user, VIEW)
        .filter(year__lte=max(year, timezone.localdate().year))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    focus = groups_of_year(group_year, user) if group_year else []
    outline = sorted({r.code for group in focus for r in group.regions.all()})
    return {
        "region_groups": focus,
        "group_year": group_year,
        **headline_visuals(province, cards, user, outline),
    }


def headline_visuals(region, cards: list, user, outline=()) -> dict:
    """The map of the region's children and the region's trend for its headline indicator
    (settings.SINERGI_HOME_INDICATOR, else the first key indicator with a figure): the context of
    `regions/_map.html` and `core/_charts.html`. The chart's CSV is the indicator page's."""
    from django.conf import settings
    from django.urls import reverse

    from sinergi.indicators.charts import trend_chart
    from sinergi.indicators.maps import map_context

    wanted = getattr(settings, "SINERGI_HOME_INDICATOR", "")
    card = next((c for c in cards if c.indicator.code == wanted), cards[0] if cards else None)
    if card is None:
        return {}
    result = {"map_indicator": card.indicator, "map_period": card.period}
    if region.level != "village":
        result.update(map_context(card.indicator, card.period, region, user, outline))
    chart = trend_chart(card.indicator, region, user)
    if chart is not None and not chart.empty:
        chart.csv_url = (
            reverse("indicators:indicator_detail", args=[card.indicator.code])
            + f"?region={region.code}&chart={chart.id}&format=csv"
        )
        result["charts"] = [chart]
    return result


def operator_section(user, code: str, org_id: int | None, today, year: int) -> dict | None:
    """An operator's region: its key indicators, what is due, its organisation's follow-ups."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        return None
    organization = Organization.objects.filter(pk=org_id).first() if org_id else None
    key = Indicator.objects.filter(is_key=True).order_by("name")
    due = due_entries(user, region, today)
    followups = ActionItem.objects.restrict(user).open()
    if organization:
        followups = followups.filter(responsible_organization=organization)
    else:
        followups = followups.filter(
            code_within_q(region.code, "responsible_organization__home_region_id")
        )
    followups = followups.select_related("meeting", "responsible_organization").order_by(
        "due_date", "pk"
    )
    return {
        "region": region,
        "organization": organization,
        "level_entry": level_entry(user, region, year),
        "cards": [card for card in reports.cards(region, key, user) if card.row],
        "due": grouped(due),
        "due_villages": sum(item.missing for item in due),
        "due_districts": len({item.district.code for item in due}),
        "followups": with_meetings(user, list(followups)),
    }


def level_entry(user, region: Region, year: int) -> dict | None:
    """The way to record villages' ordered levels (a Destana level): the level indicators, the
    kecamatan of `region` the user may enter (each one's grid lists its villages) and the year
    offered first. None when there is nothing to record."""
    indicators = list(Indicator.objects.filter(value_type="level").order_by("name"))
    if not indicators:
        return None
    if region.level in ("district", "village"):
        districts = [region]
    else:
        villages = Region.objects.filter(code_within_q(region.code), level="village")
        writable = regions_for(user, DataValue, ADD)
        if writable is not None:
            villages = villages.filter(writable)
        parents = villages.values("parent_id")
        districts = list(Region.objects.filter(code__in=parents).order_by("code"))
    if not districts:
        return None
    return {"indicators": indicators, "districts": districts, "year": year}


def with_meetings(user, items: list) -> list:
    """Follow-ups with `shown_meeting`: their meeting when `user` may open it, else None."""
    openable = set(
        Meeting.objects.restrict(user)
        .filter(pk__in={item.meeting_id for item in items})
        .values_list("pk", flat=True)
    )
    for item in items:
        item.shown_meeting = item.meeting if item.meeting_id in openable else None
    return items


def with_page(approval):
    """The approvals page that lists this region's row: its parent's (the page lists children)."""
    approval.page_region = approval.region.parent_id or approval.region_id
    return approval


def home_body(request) -> str:
    """The rendered body of Beranda, from the cache when nothing changed since it was made."""
    today = timezone.localdate()
    # The summaries too: `sinergi rollup --rebuild` rewrites them without changing any value.
    key = ":".join(
        [
            "home",
            data_revision(Aggregate),
            scope_key(request.user),
            get_language(),
            today.isoformat(),
        ]
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "dashboards/_home_body.html", home_context(request.user, today), request
        )
        cache.set(key, html, CACHE_SECONDS)
    return html
