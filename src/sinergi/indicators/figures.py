"""The one rule for what a region's figure is and how honest it is, used by every page, chart, map,
export and the API.

A region has up to two figures for an indicator and period: the one *reported* for the region itself
(a published figure, an entry) and the one *computed* from its children's figures. The headline
is the reported figure when there is one, else the computed one. A computed figure is *partial*
when fewer children report than exist (e.g. 1 of 10 kab/kota): it is then shown marked as partial
with its coverage, never as the region's figure, and it is not judged against the target (status
"partial").
Villages have no children: their figure is what they reported.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

REPORTED = "reported"
COMPUTED = "computed"
PARTIAL = "partial"
NONE = ""

CHILD_LEVEL = {"province": "regency", "regency": "district", "district": "village"}


@dataclass(frozen=True)
class Basis:
    """Where the headline comes from: REPORTED, COMPUTED (from every child), PARTIAL (computed from
    some children only) or NONE (no figure)."""

    kind: str
    value: Decimal | None

    @property
    def partial(self) -> bool:
        return self.kind == PARTIAL


def basis(reported, computed, reporting: int, total: int) -> Basis:
    """The rule, once: which figure a region's headline uses and whether it is complete."""
    if reported is not None:
        return Basis(REPORTED, reported)
    if computed is None:
        return Basis(NONE, None)
    if total and reporting < total:
        return Basis(PARTIAL, computed)
    return Basis(COMPUTED, computed)


def child_label(level: str, count: int) -> str:
    """ "kab/kota", "kecamatan", "desa/kelurahan" for a region's children."""
    child = CHILD_LEVEL.get(level, "")
    if child == "regency":
        return ngettext("regency/city", "regencies/cities", count)
    if child == "district":
        return ngettext("district", "districts", count)
    return ngettext("village", "villages", count)


def coverage_text(level: str, reporting: int, total: int) -> str:
    """ "computed from 2 of 10 regencies/cities" ("dihitung dari 2 dari 10 kab/kota")."""
    if not total:
        return ""
    return _("computed from %(n)s of %(total)s %(children)s") % {
        "n": reporting,
        "total": total,
        "children": child_label(level, total),
    }


def source_text(row) -> str:
    """One line saying where the row's shown figure comes from and how complete it is."""
    if row.basis == REPORTED:
        return _("reported for this region")
    if row.basis == COMPUTED:
        return coverage_text(row.level, row.children_reporting, row.children_total) or _("computed")
    if row.basis == PARTIAL:
        return _("partial: %(coverage)s") % {
            "coverage": coverage_text(row.level, row.children_reporting, row.children_total)
        }
    return _("no data")


def explain(row, reported_at=None, computed_at=None) -> str:
    """Which figure the headline uses and why, naming the other with its difference and dates."""

    def when(moment):
        return f" ({date_format(moment, 'DATE_FORMAT')})" if moment else ""

    coverage = coverage_text(row.level, row.children_reporting, row.children_total)
    if row.basis == REPORTED and row.computed is not None:
        reason = (
            _("the computed figure is partial")
            if row.children_total and row.children_reporting < row.children_total
            else _("a figure reported for the region itself comes first")
        )
        return _(
            "The headline uses the figure reported for this region, %(reported)s%(reported_at)s, "
            "because %(reason)s. Computed from the regions below: %(computed)s%(computed_at)s, "
            "%(coverage)s; difference %(difference)s."
        ) % {
            "reported": number(row.reported),
            "reported_at": when(reported_at),
            "reason": reason,
            "computed": number(row.computed),
            "computed_at": when(computed_at),
            "coverage": coverage,
            "difference": number(row.difference, signed=True),
        }
    if row.basis == REPORTED:
        return _(
            "The headline is the figure reported for this region%(reported_at)s; nothing is "
            "reported below it to compare."
        ) % {"reported_at": when(reported_at)}
    if row.basis == COMPUTED:
        return _(
            "No figure was reported for this region itself; the headline is %(coverage)s"
            "%(computed_at)s."
        ) % {"coverage": coverage, "computed_at": when(computed_at)}
    if row.basis == PARTIAL:
        return _(
            "No figure was reported for this region itself, and the regions below are incomplete: "
            "%(computed)s is %(coverage)s%(computed_at)s, so it is not the region's figure and is "
            "not compared with the target."
        ) % {
            "computed": number(row.computed),
            "coverage": coverage,
            "computed_at": when(computed_at),
        }
    return _("No figure yet for this region and period.")


def number(value, signed: bool = False) -> str:
    """A figure as the pages print it (grouped by the active language)."""
    from sinergi.core.templatetags.sinergi import num

    text = num(value)
    return f"+{text}" if signed and value is not None and value > 0 else text
