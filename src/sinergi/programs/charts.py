"""Program budget charts: planned against realised, from the activities the user may see."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from sinergi.core.charts import Chart, number
from sinergi.programs.models import Activity, Program

ZERO = Decimal(0)


def _budget_chart(chart_id, title, caption, label, groups, filename) -> Chart:
    """groups: [(name, planned, realised, activities)] in the order drawn."""
    planned, realised = _("Planned (Rp)"), _("Realised (Rp)")
    return Chart(
        id=chart_id,
        title=title,
        caption=caption,
        columns=[label, planned, realised, _("Realised %"), _("Activities")],
        rows=[
            [name, p, r, (Decimal(100) * r / p).quantize(Decimal("0.1")) if p else None, n]
            for name, p, r, n in groups
        ],
        filename=filename,
        spec={
            "type": "bars",
            "horizontal": True,
            "categories": [name for name, *_rest in groups],
            "series": [
                {"name": planned, "data": [number(p) for _n, p, _r, _c in groups]},
                {"name": realised, "data": [number(r) for _n, _p, r, _c in groups]},
            ],
            "colors": ["#9fb8ad", "#1b6b4a"],
        },
    )


def program_budget_chart(program: Program, user=None) -> Chart:
    """Planned and realised budget per activity of the program (those `user` may see), with
    the program's total first."""
    activities = list(
        program.activities.restrict(user)
        .order_by("start_date", "title", "pk")
        .values_list("title", "budget_planned", "budget_realised")
    )
    groups = [(title, p or ZERO, r or ZERO, 1) for title, p, r in activities]
    if groups:
        total = (
            _("Total"),
            sum((g[1] for g in groups), ZERO),
            sum((g[2] for g in groups), ZERO),
            len(groups),
        )
        groups = [total, *groups]
    return _budget_chart(
        "budget",
        _("Budget: planned and realised"),
        _("Planned and realised budget of the activities of %(program)s") % {"program": program},
        _("Activity"),
        groups,
        f"program-{program.pk}-budget",
    )


def budget_by(programs, user=None, by: str = "owner") -> Chart:
    """Planned and realised budget of the activities `user` may see of `programs` (a queryset,
    already through the gate), summed per owning organisation (`by="owner"`) or per theme
    (`by="theme"`: a program with two themes counts in both), largest planned first."""
    activities = Activity.objects.restrict(user).filter(program__in=programs)
    sums: dict = defaultdict(lambda: [ZERO, ZERO, 0])
    if by == "theme":
        rows = activities.values_list("program__themes__name", "budget_planned", "budget_realised")
        none_label = _("No theme")
    else:
        rows = activities.values_list("program__owner__name", "budget_planned", "budget_realised")
        none_label = _("No owner")
    for name, planned, realised in rows:
        entry = sums[name or none_label]
        entry[0] += planned or ZERO
        entry[1] += realised or ZERO
        entry[2] += 1
    groups = sorted(
        ((name, p, r, n) for name, (p, r, n) in sums.items()), key=lambda g: (-g[1], g[0])
    )
    if by == "theme":
        title = _("Budget by theme")
        caption = _(
            "Planned and realised budget of the activities of the programs listed, per theme "
            "(a program with several themes counts in each)"
        )
        label = _("Theme")
    else:
        title = _("Budget by organisation")
        caption = _(
            "Planned and realised budget of the activities of the programs listed, per owning "
            "organisation"
        )
        label = _("Organisation")
    return _budget_chart(f"budget-{by}", title, caption, label, groups, f"programs-budget-{by}")
