"""Follow-ups by responsible organisation and status, overdue ones apart."""

from django.utils.translation import gettext as _

from sinergi.core.charts import Chart
from sinergi.meetings.choices import ActionStatusChoices

OVERDUE = "overdue"
COLORS = {
    OVERDUE: "#c0392b",
    ActionStatusChoices.OPEN: "#8c959f",
    ActionStatusChoices.IN_PROGRESS: "#4f8fd6",
    ActionStatusChoices.DONE: "#1b6b4a",
    ActionStatusChoices.CANCELLED: "#343a40",
}


def followups_chart(items) -> Chart:
    """`items`: the follow-ups on the board (already through the gate and the filters). One
    stacked bar per responsible organisation: overdue (open or in progress past the due date),
    then each status of the others; most overdue, then most open work first."""
    statuses = [(OVERDUE, _("Overdue")), *ActionStatusChoices.choices]
    counts: dict[str, dict[str, int]] = {}
    short = {}
    for item in items:
        name = str(item.responsible_organization)
        short[name] = item.responsible_organization.short_name or name
        key = OVERDUE if item.is_overdue else item.status
        counts.setdefault(name, dict.fromkeys((k for k, _label in statuses), 0))[key] += 1
    open_keys = (OVERDUE, ActionStatusChoices.OPEN, ActionStatusChoices.IN_PROGRESS)
    names = sorted(
        counts,
        key=lambda n: (
            -counts[n][OVERDUE],
            -sum(counts[n][k] for k in open_keys),
            -sum(v for v in counts[n].values()),
            n,
        ),
    )
    rows = [
        [name, *(counts[name][key] for key, _label in statuses),
         sum(v for v in counts[name].values())]
        for name in names
    ]  # fmt: skip
    return Chart(
        id="followups",
        title=_("Follow-ups by organisation and status"),
        caption=_(
            "Follow-ups on the board per responsible organisation and status; overdue ones "
            "(open or in progress past their due date) apart"
        ),
        columns=[_("Organisation"), *(str(label) for _key, label in statuses), _("Total")],
        rows=rows,
        filename="tindak-lanjut-chart",
        spec={
            "type": "bars",
            "horizontal": True,
            "stacked": True,
            "integer": True,
            "categories": [short[name] for name in names],  # the table has the full names
            "series": [
                {"name": str(label), "data": [counts[name][key] for name in names]}
                for key, label in statuses
            ],
            "colors": [COLORS[key] for key, _label in statuses],
        },
    )
