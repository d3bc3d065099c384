from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from sinergi.core import charts as chart_component
from sinergi.core.models import record_event
from sinergi.core.permissions import (
    ADD,
    APPROVE,
    VIEW,
    can_add,
    regions_for,
    visible_regions_q,
)
from sinergi.core.utils.exports import table_response
from sinergi.indicators import charts, figures, maps, reports
from sinergi.indicators.approvals import ApprovalError, act, cells_below, locks
from sinergi.indicators.forms import value_field
from sinergi.indicators.models import Aggregate, Approval, DataValue, Indicator
from sinergi.indicators.periods import PeriodError, parse
from sinergi.indicators.services import ValueChange, ValueErrors, save_values
from sinergi.indicators.tables import RollupTable
from sinergi.regions import groups
from sinergi.regions.instance import home_region_code
from sinergi.regions.maps import parse_outline
from sinergi.regions.models import Region

ACTIONS = ("submit", "approve", "return", "unapprove")
SORTS = {"code", "name", "value", "target", "achievement_pct", "coverage_pct"}


def selected_group(request):
    """The region group of `?group=` (id or slug), None without one; 404 for an unknown one."""
    try:
        return groups.resolve(request.GET.get("group"), request.user)
    except groups.UnknownGroup as unknown:
        raise Http404(_("Unknown region group: %(value)s") % {"value": unknown}) from None


def group_context(request, period: str, group, base: str) -> dict:
    """The groups of the period's year (with links to `base` filtered by each) and the group
    filtering the page, for `regions/_groups.html`."""
    try:
        year = int(period[:4])
    except ValueError:
        year = parse_year_now()
    return {
        "group": group,
        "group_q": f"&group={group.pk}" if group else "",
        "region_groups": groups.groups_of_year(year, request.user),
        "group_url": base,
        "groups_title": _("Region groups %(year)s") % {"year": year},
    }


def indicator_list(request):
    indicators = Indicator.objects.for_list()
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "title": _("Indicators"),
            "indicators": indicators,
            "can_import": can_add(request.user, DataValue),
            "group": selected_group(request),
            "period": request.GET.get("period", "")[:7],
        },
    )


def selected(request, indicator, with_periods: bool = True):
    """(region, period, periods) from the query string, with sensible defaults; `periods` is
    only read when asked for or needed for the default period."""
    region = Region.objects.filter(code=request.GET.get("region") or home_region_code()).first()
    if region is None:
        raise Http404(_("Unknown region code."))
    wanted = with_periods or not request.GET.get("period")
    periods = reports.periods_with_data(indicator) if wanted else []
    period = request.GET.get("period") or (
        reports.default_period(indicator, region, periods) or str(parse_year_now())
    )
    try:
        parse(period)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    return region, period, periods


def parse_year_now() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def sort_rows(rows, key: str):
    field = key.lstrip("-")
    if field not in SORTS:
        return rows
    present = [r for r in rows if getattr(r, field) is not None]
    missing = [r for r in rows if getattr(r, field) is None]
    return sorted(present, key=lambda r: getattr(r, field), reverse=key.startswith("-")) + missing


def indicator_detail(request, code):
    indicator = get_object_or_404(
        Indicator.objects.select_related("owner", "numerator", "denominator", "count_input"),
        code=code,
    )
    region, period, periods = selected(request, indicator)
    group = selected_group(request)
    own, children = reports.region_and_children(indicator, period, region, request.user, group)
    if own is None:
        raise Http404(_("This region is outside what you may see."))
    children = sort_rows(children, request.GET.get("sort", "code"))
    page_charts = chart_component.attach(
        request, charts.indicator_charts(indicator, period, region, request.user, (own, children))
    )
    response = chart_component.csv_response(request, page_charts)
    if response is not None:
        return response
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        values = list(RollupTable([own, *children]).as_values())
        headers, rows = values[0], values[1:]
        name = f"{indicator.code}-{region.code}-{period}" + (f"-{group.slug}" if group else "")
        record_event(
            "export", request.user, f"{name}.{file_format}", request=request, rows=len(rows)
        )
        return table_response(name, headers, rows, file_format)
    value_source, reported_at = (
        DataValue.objects.restrict(request.user)
        .cell(indicator, region, period)
        .values_list("source", "updated_at")
        .first()
    ) or (None, None)
    if own.reported is None:
        reported_at = None  # a value of a sub-period, not the one the row reports
    computed_at = (
        reports.computed_at(indicator, period, region, request.user)
        if own.computed is not None
        else None
    )
    reported_at, computed_at = [localtime(at) if at else None for at in (reported_at, computed_at)]
    context = {
        "title": indicator.name,
        "indicator": indicator,
        "region": region,
        "period": period,
        "periods": periods,
        "own": own,
        "rows": children,
        "charts": page_charts,
        "sort": request.GET.get("sort", "code"),
        "ancestors": list(region.ancestors()),
        "sources": [line for line in indicator.source.splitlines() if line.strip()],
        "can_enter": entry_regions(request.user, region).exists(),
        "value_source": value_source,
        "reported_at": reported_at,
        "computed_at": computed_at,
        "explain": figures.explain(own, reported_at, computed_at),
        "computed_partial": bool(
            own.children_total and own.children_reporting < own.children_total
        ),
        "coverage_text": figures.coverage_text(
            own.level, own.children_reporting, own.children_total
        ),
        **group_context(request, period, group, f"?region={region.code}&period={period}&"),
    }
    return render(request, "indicators/indicator_detail.html", context)


def map_outline(request) -> list[str]:
    """The regions a map outlines: `?outline=52.71,52.03`, and the members of `?group=`."""
    outline = parse_outline(request.GET.get("outline"))
    group = selected_group(request)
    if group is not None:
        outline = sorted({*outline, *group.regions.values_list("code", flat=True)})
    return outline


def indicator_map(request, code):
    """Choropleth of the region's children (drill down by clicking), with the table beside it.
    The body comes from the cache while no data changed (`maps.map_page`)."""
    page = maps.map_page(request, code, lambda: map_page_body(request, code))
    return render(request, "indicators/indicator_map.html", page)


def map_page_body(request, code) -> dict:
    indicator = get_object_or_404(Indicator, code=code)
    region, period, periods = selected(request, indicator)
    outline = map_outline(request)
    embed = maps.map_context(indicator, period, region, request.user, outline)
    if embed["map"] is None:
        raise Http404(_("This region is outside what you may see."))
    context = {
        "indicator": indicator,
        "region": region,
        "period": period,
        "periods": periods,
        "outline": ",".join(outline),
        **embed,
    }
    return {
        "title": _("Map: %(name)s") % {"name": indicator.name},
        "body": render_to_string("indicators/_map_page_body.html", context, request),
    }


def indicator_map_data(request, code):
    """The map's JSON: the region, its children's figures with classes, legend and boundaries."""
    indicator = get_object_or_404(Indicator, code=code)
    region, period, _periods = selected(request, indicator, with_periods=False)
    outline = map_outline(request)
    data = maps.indicator_map(indicator, period, region, request.user, outline)
    if data is None:
        raise Http404(_("This region is outside what you may see."))
    return JsonResponse(data)


def indicator_gaps(request, code):
    """What is left to do, counted against the figure the headline uses: the region's gap to its
    target, the regions below target (partial ones apart, as incomplete), and what the village
    records say (not the headline: a region may report its count without naming villages)."""
    indicator = get_object_or_404(Indicator.objects.select_related("count_input"), code=code)
    region, period, periods = selected(request, indicator)
    group = selected_group(request)
    user = request.user
    own = reports.headline(indicator, period, region, user)
    if own is None:
        raise Http404(_("This region is outside what you may see."))
    rows = reports.rows_with_targets(indicator, period, region, user, group=group)
    context = {
        "title": _("Gaps: %(name)s") % {"name": indicator.name},
        "indicator": indicator,
        "region": region,
        "period": period,
        "periods": periods,
        "own": own,
        "below": reports.regions_below_target(indicator, period, region, rows=rows),
        "incomplete": reports.regions_incomplete(indicator, period, region, rows=rows),
        "records": reports.village_records(indicator, period, region, user, group=group),
        "counted": indicator.count_input or indicator,
        "regencies": Region.objects.filter(code=region.code[:2]).first().children.order_by("code"),
        **group_context(request, period, group, f"?region={region.code}&period={period}&"),
    }
    return render(request, "indicators/indicator_gaps.html", context)


def region_cards(request, code):
    """Key indicators of a region (loaded into the region page with htmx)."""
    region = get_object_or_404(Region, code=code)
    cards = reports.cards(region, Indicator.objects.key(), request.user)
    return render(
        request, "indicators/cards.html", {"cards": [c for c in cards if c.row], "region": region}
    )


@login_required
def data_entry(request, code):
    """All children of a region (e.g. every village of a kecamatan) for one indicator and period."""
    indicator = get_object_or_404(Indicator, code=code)
    region, period, _periods = selected(request, indicator)
    regions = list(entry_regions(request.user, region))
    if not regions:
        raise PermissionDenied(
            _("This region is outside your role's regions: %(region)s")
            % {"region": region.full_name}
        )
    current = {
        dv.region_id: dv
        for dv in DataValue.objects.select_related("updated_by").filter(
            indicator=indicator, period=period, region__in=regions
        )
    }
    # Approved (locked) rows show as such before anyone types; their inputs are disabled, so a
    # browser sends nothing for them, and a save that names them anyway is refused by the lock.
    held = locks(indicator, period, [r.code for r in regions])
    # A count derived from each village's level (Destana formed) is not entered for villages:
    # their rows show what the level gives and lead to the level's grid.
    counted_from = indicator.counted_from
    derived = {}
    if counted_from is not None:
        villages = [r.code for r in regions if r.level == "village"]
        levels = DataValue.objects.filter(
            indicator=counted_from, period=period, region__in=villages
        ).values_list("region_id", "value")
        derived = dict.fromkeys(villages)
        derived.update(levels)
    errors: dict = {}
    posted = {}
    if request.method == "POST":
        changes = []
        for r in regions:
            skipped = r.code in held or r.code in derived
            if skipped and f"value_{r.code}" not in request.POST:
                continue
            value = request.POST.get(f"value_{r.code}", "").strip()
            original = request.POST.get(f"orig_{r.code}", "").strip()
            posted[r.code] = value
            if value != original:
                version = request.POST.get(f"version_{r.code}") or "0"
                if not (version.isascii() and version.isdigit()):
                    errors[r.code] = _("This row of the form is damaged: reload the page.")
                    continue
                changes.append(ValueChange(r.code, value or None, int(version)))
        if not changes and not errors:
            messages.info(request, _("Nothing changed."))
            return redirect(request.get_full_path())
        try:
            if errors:
                raise ValueErrors(errors)
            result = save_values(indicator, period, changes, request.user)
        except ValueErrors as exc:
            errors = exc.errors
            messages.error(request, _("Nothing was saved: fix the rows marked in red."))
        else:
            messages.success(
                request,
                _("Saved: %(created)s new, %(updated)s changed, %(deleted)s removed.")
                % {"created": result.created, "updated": result.updated, "deleted": result.deleted},
            )
            return redirect(request.get_full_path())
    rows = []
    for r in regions:
        dv = current.get(r.code)
        stored = "" if dv is None else format_value(dv.value)
        field = value_field(indicator)
        rows.append(
            {
                "region": r,
                "stored": stored,
                "shown": posted.get(r.code, stored),
                "version": dv.version if dv else 0,
                "updated": dv,
                "error": errors.get(r.code),
                "choices": getattr(field, "choices", None),
                "lock": held.get(r.code),
                "derived": derived_cell(indicator, counted_from, r.code, derived),
            }
        )
    lock_notes = {}  # one note per approval that locks rows: who, when, where, for how many rows
    for approval in held.values():
        note = lock_notes.setdefault(approval.pk, {"approval": approval, "rows": 0})
        note["rows"] += 1
    context = {
        "title": _("Data entry: %(name)s") % {"name": indicator.name},
        "indicator": indicator,
        "region": region,
        "period": period,
        "rows": rows,
        "period_error": errors.get("period") or errors.get("indicator"),
        "lock_notes": list(lock_notes.values()),
        "all_locked": len(set(held) | set(derived)) == len(regions),
        "counted_from": counted_from if derived else None,
        "counted_by": counts_of(indicator),
        "aggregate": Aggregate.objects.filter(
            indicator=indicator, period=period, region=region
        ).first(),
    }
    return render(request, "indicators/data_entry.html", context)


def counts_of(indicator) -> list:
    """The counts derived from an ordered level's village values (villages formed, by level)."""
    if indicator.value_type != "level":
        return []
    return list(indicator.counted_by.exclude(pk=indicator.pk).order_by("count_threshold"))


def derived_cell(indicator, counted_from, code: str, derived: dict) -> dict | None:
    """A village row of a count derived from levels: {"level": its level's name, "value": what the
    count gives (1 or 0, None without a level)}; None for a row that is entered."""
    if code not in derived:
        return None
    level = derived[code]
    if level is None:
        return {"level": None, "value": None}
    counted = 1 if level >= indicator.count_threshold else 0
    return {"level": counted_from.level_label(level), "value": counted}


def entry_regions(user, region):
    """The entry grid rows of `region` the user may write: its children (a village: itself)."""
    regions = region.children.order_by("code")
    if region.level == "village":
        regions = Region.objects.filter(code=region.code)
    return within(regions, regions_for(user, DataValue, ADD))


def within(regions, q):
    """`regions` narrowed by a filter of `regions_for` (None: no limit)."""
    return regions if q is None else regions.filter(q)


def format_value(value: Decimal) -> str:
    return f"{value.normalize():f}"


@login_required
def approvals(request, code):
    """Submit, approve, return and un-approve the data of many regions and periods at once: the
    states, comments and approvers of the regions whose approvals the user may view."""
    indicator = get_object_or_404(Indicator, code=code)
    region, period, periods = selected(request, indicator)
    in_scope = Region.objects.all()
    scope = visible_regions_q(request.user, Approval)
    if scope is not None:
        in_scope = in_scope.filter(scope)
    if not in_scope.filter(code=region.code).exists():
        raise Http404(_("This region is outside what you may see."))
    rows = list(
        in_scope.filter(parent=region).annotate(children_count=Count("children")).order_by("code")
    )
    rows_are_children = bool(rows)
    rows_regions = rows or [region]
    if request.method == "POST":
        action = request.POST.get("action", "")
        cells = [tuple(cell.split("|", 1)) for cell in request.POST.getlist("cell") if "|" in cell]
        # "Select all in <region>" (the table's own select-all, or a kab/kota's "all kecamatan"):
        # every child whose state allows the action, in place of the rows ticked one by one.
        below = sorted(set(request.POST.getlist("below")) & {r.code for r in [region, *rows]})
        passed_over = 0
        if action in ACTIONS:
            for code in below:
                cells = [c for c in cells if not c[0].startswith(code + ".")]
            for code in below:
                chosen, skipped = cells_below(action, indicator, code, period, request.user)
                cells += chosen
                passed_over += skipped
        if action not in ACTIONS or not cells:
            if action in ACTIONS and below:
                messages.error(
                    request, _("Nothing to do: no row chosen is in a state that allows this.")
                )
            else:
                messages.error(request, _("Choose at least one row and an action."))
        else:
            try:
                done = act(action, indicator, cells, request.user, request.POST.get("comment", ""))
            except ApprovalError as exc:
                for key, message in exc.errors.items():
                    messages.error(request, f"{key}: {message}")
            else:
                messages.success(request, _("Done for %(n)s rows.") % {"n": done})
                if passed_over:
                    messages.info(
                        request,
                        _("%(n)s rows were left as they were: their state does not allow this.")
                        % {"n": passed_over},
                    )
                return redirect(request.get_full_path())
    states = {
        (a.region_id, a.period): a
        for a in Approval.objects.select_related("updated_by").filter(
            indicator=indicator, period=period, region__in=rows_regions
        )
    }
    held = locks(indicator, period, [r.code for r in rows_regions])
    shown = Region.objects.filter(code__in=[r.code for r in rows_regions])
    # Rows that are kab/kota: how many of their kecamatan are approved (or submitted) so far.
    below = {}
    regencies = [r.code for r in rows if r.level == "regency"]
    if regencies:
        counted = (
            Approval.objects.restrict(request.user, VIEW)
            .filter(indicator=indicator, period=period, region__parent_id__in=regencies)
            .values_list("region__parent_id", "state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for parent, state, n in counted:
            below.setdefault(parent, {})[state] = n
    context = {
        "title": _("Approval: %(name)s") % {"name": indicator.name},
        "indicator": indicator,
        "region": region,
        "period": period,
        "periods": periods,
        "rows": [
            {
                "region": r,
                "approval": states.get((r.code, period)),
                "lock": held.get(r.code),
                "below": below.get(r.code, {}),
            }
            for r in rows_regions
        ],
        "rows_are_children": rows_are_children,
        # Buttons only where some row allows them: elsewhere they could only lead to a refusal.
        "can_submit": within(shown, regions_for(request.user, DataValue, ADD)).exists(),
        "can_approve": within(shown, regions_for(request.user, Approval, APPROVE)).exists(),
    }
    return render(request, "indicators/approvals.html", context)
