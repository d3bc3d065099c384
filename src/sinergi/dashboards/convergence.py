"""Convergence (Aksi 1 of the stunting convergence actions, for any set of priorities): for a year,
a region and a level, rank the areas where several priority indicators are behind their targets
at once, with the programs that reach each area; an area no program reaches is a gap.

Every figure comes from the one roll-up (`indicators.rollup.rollup`) and its status: only
"behind" counts as behind. "partial" (computed from some children only), "no_data" and
"no_target" are not judged: they are counted as unknown. Figures and programs are read through
the permission gate: the ranking of published figures is public, programs need a role.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sinergi.core.permissions import NOTHING, VIEW, scope_q
from sinergi.indicators.choices import RollupStatusChoices
from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.reports import visible
from sinergi.indicators.rollup import RollupRow, make_row, rollup
from sinergi.programs.models import Activity, Program
from sinergi.regions.choices import LEVEL_ORDER
from sinergi.regions.codes import CODE_WIDTH
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q

LEVELS = ("regency", "district", "village")
# What an area's figure is judged against: its own target only, or, where it has none, the figure
# of the region being ranked (e.g. each kab/kota's stunting against NTB's), as a situation
# analysis does when areas have no targets of their own.
TARGET, REGION = "target", "region"
JUDGED = {RollupStatusChoices.ACHIEVED, RollupStatusChoices.ON_TRACK, RollupStatusChoices.BEHIND}
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")

# How a program reaches an area: its place is the area itself, a region above it (the whole
# area is covered, e.g. a province-wide program) or a region inside it (part of the area).
HERE, BELOW, ABOVE = "here", "below", "above"
RELATION_ORDER = {HERE: 0, BELOW: 1, ABOVE: 2}
# Where a program's place comes from: a focus region, an activity's region, or (a program without
# focus regions) its owner's home region, as `ProgramQuerySet.within` counts it.
FOCUS, ACTIVITY, OWNER = "focus", "activity", "owner"
SOURCE_LABELS = {
    FOCUS: _("focus region"),
    ACTIVITY: _("activity"),
    OWNER: _("owner's region (no focus region stated)"),
}
RELATION_LABELS = {
    HERE: _("in this area"),
    BELOW: _("in part of this area"),
    ABOVE: _("covers a wider region"),
}


@dataclass
class ProgramLink:
    program: Program
    relation: str  # HERE, BELOW or ABOVE (the closest of its places)
    sources: list  # FOCUS, ACTIVITY, OWNER

    @property
    def specific(self) -> bool:
        """Placed in the area itself or inside it (not only through a wider region)."""
        return self.relation != ABOVE

    @property
    def label(self) -> str:
        sources = ", ".join(str(SOURCE_LABELS[s]) for s in self.sources)
        return f"{RELATION_LABELS[self.relation]} ({sources})"


@dataclass
class AreaRow:
    code: str
    name: str
    cells: list  # one RollupRow (or None: outside what the user may see) per priority
    programs: list | None = None  # [ProgramLink]; None: the user may not see programs
    rank: int = 0

    @property
    def behind(self) -> int:
        return sum(1 for row in self.cells if row and row.status == RollupStatusChoices.BEHIND)

    @property
    def judged(self) -> int:
        return sum(1 for row in self.cells if row and row.status in JUDGED)

    @property
    def unknown(self) -> int:
        """Priorities not judged here: partial data, no data or no target."""
        return len(self.cells) - self.judged

    @property
    def partial(self) -> int:
        return sum(1 for row in self.cells if row and row.status == RollupStatusChoices.PARTIAL)

    @property
    def mean_achievement(self) -> Decimal | None:
        """Mean achievement of the judged priorities, each capped at 100 % (so that one target
        passed far over does not hide another far behind)."""
        values = [
            min(row.achievement_pct, HUNDRED)
            for row in self.cells
            if row and row.status in JUDGED and row.achievement_pct is not None
        ]
        if not values:
            return None
        return (sum(values) / len(values)).quantize(ONE_DECIMAL)

    @property
    def score(self) -> float | None:
        """Share of the priorities behind target (0 to 1), None when none could be judged."""
        if not self.judged or not self.cells:
            return None
        return round(self.behind / len(self.cells), 3)

    @property
    def program_count(self) -> int | None:
        return None if self.programs is None else len(self.programs)

    @property
    def gap(self) -> bool:
        """No program reaches the area (only known to those who may see programs)."""
        return self.programs is not None and not self.programs

    @property
    def wider_programs(self) -> list:
        """The programs that reach the area only through a wider region."""
        return [link for link in self.programs or () if not link.specific]

    @property
    def only_wider(self) -> bool:
        """Programs reach the area only through a wider region: none is placed in it."""
        return bool(self.programs) and not any(link.specific for link in self.programs)

    def sort_key(self):
        mean = self.mean_achievement
        return (-self.behind, mean if mean is not None else HUNDRED + 1, self.code)

    def as_json(self) -> dict:
        mean = self.mean_achievement
        return {
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "behind": self.behind,
            "judged": self.judged,
            "unknown": self.unknown,
            "partial": self.partial,
            "mean_achievement": float(mean) if mean is not None else None,
            "programs": self.program_count,
            "specific_programs": (
                None if self.programs is None else sum(1 for link in self.programs if link.specific)
            ),
            "gap": self.gap,
        }


@dataclass
class Convergence:
    region: Region
    level: str
    year: int
    indicators: list
    areas: list  # [AreaRow], ranked
    programs_visible: bool
    unplaced: list = field(default_factory=list)  # programs with no place at all
    theme_only: bool = False
    compare: str = TARGET
    benchmarks: list = field(default_factory=list)  # per indicator: the region's own row or None

    @property
    def period(self) -> str:
        return str(self.year)


class ConvergenceError(ValueError):
    pass


def default_indicators(region: Region, level: str, year: int):
    """Key indicators with a target for that year on an area of `level` in `region` (else, on
    any region of it)."""
    targets = Target.objects.filter(period=str(year), kind="target").filter(
        code_within_q(region.code, "region_id")
    )
    key = Indicator.objects.filter(is_key=True).order_by("name")
    at_level = key.filter(
        pk__in=targets.filter(region__level=level).values("indicator_id")
    ).distinct()
    if at_level.exists():
        return list(at_level)
    return list(key.filter(pk__in=targets.values("indicator_id")).distinct())


def indicators_with_figures(region: Region, year: int) -> list:
    """Key indicators with a figure for the region itself in that year (the yardsticks of a
    comparison with the region's figure)."""
    from sinergi.indicators.models import Aggregate

    with_figure = Aggregate.objects.filter(region=region, period=str(year)).filter(
        Q(reported__isnull=False) | Q(computed__isnull=False)
    )
    return list(
        Indicator.objects.filter(is_key=True, pk__in=with_figure.values("indicator_id"))
        .prefetch_related("themes")
        .order_by("name")
    )


def convergence(
    region: Region,
    level: str,
    year: int,
    indicators,
    user=None,
    theme_only: bool = False,
    compare: str = TARGET,
) -> Convergence:
    """The areas of `level` in `region`, ranked: most priorities behind first, then the lowest
    mean achievement, then the code. `compare=REGION`: an area without a target of its own is
    judged against the region's own figure (when that figure is complete), marked as such."""
    if level not in LEVELS or LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(region.level):
        raise ConvergenceError(_("Choose a level below the region."))
    indicators = list(indicators)
    areas_qs = visible(user).filter(code_within_q(region.code, include_self=False), level=level)
    areas = {r.code: AreaRow(r.code, r.full_name, []) for r in areas_qs.order_by("code")}
    benchmarks = []
    for indicator in indicators:
        rows: dict[str, RollupRow] = {
            row.code: row
            for row in rollup(indicator, str(year), region, level=level, regions=areas_qs)
        }
        benchmark = region_benchmark(indicator, year, region, user) if compare == REGION else None
        benchmarks.append(benchmark)
        for code, area in areas.items():
            area.cells.append(against(indicator, rows.get(code), benchmark))
    programs_visible = scope_q(Program, user, VIEW) != NOTHING
    unplaced: list = []
    if programs_visible:
        unplaced = place_programs(areas, level, year, indicators, user, theme_only)
    ranked = sorted(areas.values(), key=AreaRow.sort_key)
    for rank, area in enumerate(ranked, start=1):
        area.rank = rank
    return Convergence(
        region=region,
        level=level,
        year=year,
        indicators=indicators,
        areas=ranked,
        programs_visible=programs_visible,
        unplaced=unplaced,
        theme_only=theme_only,
        compare=compare,
        benchmarks=benchmarks,
    )


ADDITIVE = {"sum", "count_yes", "count_at_or_above"}


def region_benchmark(indicator, year: int, region: Region, user=None) -> RollupRow | None:
    """The region's own figure for the year, when the user may see it and it is complete (a
    partial figure is no yardstick), for a rate or level only: a total (villages with Destana,
    people) is the sum of its areas and no yardstick for any one of them."""
    if indicator.aggregation in ADDITIVE and not indicator.is_ratio:
        return None
    rows = rollup(indicator, str(year), region, regions=visible(user).filter(code=region.code))
    own = rows[0] if rows else None
    if own is None or own.value is None or own.partial:
        return None
    return own


def against(indicator, row: RollupRow | None, benchmark: RollupRow | None) -> RollupRow | None:
    """An area's row judged against the region's figure when it has no target of its own and a
    complete figure; `row.benchmark` names the yardstick. Other rows are unchanged."""
    if row is None or benchmark is None or row.status != RollupStatusChoices.NO_TARGET:
        return row
    judged = make_row(
        indicator, row.code, row.name, None, row.level, row.reported, row.computed,
        benchmark.value, row.children_reporting, row.children_total,
    )  # fmt: skip
    judged.benchmark = benchmark
    return judged


def place_programs(areas: dict, level: str, year: int, indicators, user, theme_only) -> list:
    """Fill each area's `programs` with the visible programs of `year` that reach it; return the
    programs that have no place (no focus region, no activity, no owner)."""
    programs = Program.objects.restrict(user).filter(fiscal_year=year)
    if theme_only:
        themes = {t.pk for ind in indicators for t in ind.themes.all()}
        programs = programs.filter(themes__in=themes).distinct()
    programs = list(
        programs.select_related("owner").prefetch_related("focus_regions").order_by("name")
    )
    activity_places: dict[int, set] = {}
    for program_id, region_id in (
        Activity.objects.restrict(user)
        .filter(program__in=[p.pk for p in programs])
        .values_list("program_id", "region_id")
    ):
        activity_places.setdefault(program_id, set()).add(region_id)
    width = CODE_WIDTH[level]
    for area in areas.values():
        area.programs = []
    links: dict[tuple[str, int], ProgramLink] = {}
    unplaced = []
    for program in programs:
        places = [(r.code, FOCUS) for r in program.focus_regions.all()]
        places += [(code, ACTIVITY) for code in sorted(activity_places.get(program.pk, ()))]
        if not program.focus_regions.all() and program.owner_id:
            places.append((program.owner.home_region_id, OWNER))
        if not places:
            unplaced.append(program)
            continue
        for place, source in places:
            for code, relation in reached(place, width, areas):
                link = links.get((code, program.pk))
                if link is None:
                    link = links[(code, program.pk)] = ProgramLink(program, relation, [source])
                    areas[code].programs.append(link)
                    continue
                if RELATION_ORDER[relation] < RELATION_ORDER[link.relation]:
                    link.relation = relation
                if source not in link.sources:
                    link.sources.append(source)
    return unplaced


def reached(place: str, width: int, areas: dict):
    """(area code, relation) for the areas a program placed at `place` reaches."""
    if len(place) >= width:
        code = place[:width]
        if code in areas:
            yield code, HERE if len(place) == width else BELOW
        return
    prefix = place + "."
    for code in areas:
        if code.startswith(prefix):
            yield code, ABOVE


BEHIND_COLOURS = ["#d1e7dd", "#ffda6a", "#fd7e14", "#b02a37"]  # 0, 1, 2, 3 or more behind


def convergence_map(result: Convergence) -> dict | None:
    """The ranking as a map payload (`regions/_map.html`) when its areas are the region's
    children: each area coloured by how many priorities are behind target (0, 1, 2, 3 or more;
    "not judged" when none could be), the areas no visible program reaches outlined. None for
    areas further down (villages of a province), which have no shapes: the table is the view."""
    from django.utils.translation import gettext

    from sinergi.regions import maps
    from sinergi.regions.codes import child_level

    if child_level(result.region.level) != result.level:
        return None
    rows = []
    for area in sorted(result.areas, key=lambda a: a.code):
        cls = str(min(area.behind, 3)) if area.judged else maps.NO_DATA
        if area.programs is None:
            programs = "—"
        elif area.gap:
            programs = gettext("none — gap")
        else:
            programs = str(len(area.programs))
        behind = gettext("%(behind)s of %(n)s priorities behind target") % {
            "behind": area.behind,
            "n": len(area.cells),
        }
        tooltip = [area.name, behind if area.judged else gettext("not judged: no complete figure")]
        if area.unknown:
            tooltip.append(gettext("%(n)s not judged (partial data, no data or no target)")
                           % {"n": area.unknown})  # fmt: skip
        if area.programs is not None:
            tooltip.append("{}: {}".format(gettext("Programs"), programs))
        rows.append(
            {
                "code": area.code,
                "name": area.name,
                "cls": cls,
                "partial": False,
                "cells": [area.name, str(area.rank), str(area.behind), str(area.unknown), programs],
                "tooltip": tooltip,
                "drill": False,
                "data": {"rank": area.rank, "behind": area.behind, "gap": area.gap},
            }
        )
    labels = [
        gettext("No priority behind"),
        gettext("1 priority behind"),
        gettext("2 priorities behind"),
        gettext("3 or more behind"),
    ]
    legend = [
        {"key": str(i), "label": label, "colour": colour}
        for i, (label, colour) in enumerate(zip(labels, BEHIND_COLOURS, strict=True))
    ]
    legend += maps.special_legend(maps.NO_DATA)
    gaps = [area.code for area in result.areas if area.gap]
    title = " · ".join([gettext("Priorities behind target"), str(result.region), result.period])
    data = maps.payload(
        result.region,
        result.region.parent if result.region.parent_id else None,
        title,
        legend,
        [
            gettext("Region"),
            gettext("Rank"),
            gettext("Behind"),
            gettext("Not judged"),
            gettext("Programs"),
        ],
        rows,
        outline=gaps,
        note=gettext("Outlined: areas no program you may see reaches (a gap).") if gaps else "",
    )
    data["own"] = None
    data["query"] = ""
    return data
