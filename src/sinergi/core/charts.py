"""The one chart component: a chart is its data table plus a drawing spec.

Each app builds its charts from the database through the gate (`indicators/charts.py`,
`programs/charts.py`, `meetings/charts.py`) as `Chart` objects; the template include
`core/_chart.html` renders the figure (container, caption, the data table as the accessible and
no-JavaScript view, a CSV link and a PNG button) and `static/sinergi/charts.js` draws it with
Apache ECharts from the spec passed by `json_script`. The CSV has exactly the table's rows: the
page answers `?chart=<id>&format=csv` with `csv_response`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from sinergi.core.models import record_event
from sinergi.core.utils.exports import table_response


@dataclass
class Chart:
    """`columns` head the table; `rows` are its cells (raw: numbers stay numbers, None is no
    value) and the CSV's rows; `marked[i]` says row i is marked (e.g. a partial figure) in the
    table. `spec` is what charts.js draws: {"type": "trend" | "bars", ...}."""

    id: str
    title: str
    caption: str
    columns: list[str]
    rows: list[list]
    spec: dict
    marked: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown under the chart (e.g. listed apart)
    filename: str = ""
    csv_url: str = ""

    @property
    def dom_id(self) -> str:
        return f"chart-{self.id}"

    @property
    def spec_id(self) -> str:
        return f"chart-{self.id}-spec"

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def table(self) -> list[tuple[bool, list]]:
        """(marked, cells) per row, for the template."""
        marks = self.marked or [False] * len(self.rows)
        return list(zip(marks, self.rows, strict=True))


def attach(request, charts: list[Chart]) -> list[Chart]:
    """Give each chart its CSV address: the page's own query with chart=<id>&format=csv."""
    for chart in charts:
        query = request.GET.copy()
        query["chart"] = chart.id
        query["format"] = "csv"
        for stale in ("export", "page"):
            query.pop(stale, None)
        chart.csv_url = "?" + query.urlencode()
    return charts


def csv_response(request, charts: list[Chart]):
    """The CSV of the chart asked for by `?chart=<id>&format=csv`, else None (the page)."""
    wanted = request.GET.get("chart")
    if not wanted or request.GET.get("format") != "csv":
        return None
    for chart in charts:
        if chart.id == wanted:
            name = chart.filename or slugify(chart.title) or chart.id
            rows = len(chart.rows)
            record_event("export", request.user, f"{name}.csv", request=request, rows=rows)
            return table_response(name, chart.columns, chart.rows, "csv")
    return None


def number(value) -> float | None:
    """A figure as JSON for the spec."""
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value
