"""Tables of the indicator pages (django-tables2), so a download has the columns the page has."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sinergi.indicators import figures


class FigureColumn(tables.Column):
    """A cell exactly as the row holds it: no placeholder for empty values (a download keeps
    None as an empty cell and a basis without data still says so)."""

    empty_values = ()


class RollupTable(tables.Table):
    """An indicator's roll-up (`rollup.RollupRow`s: the region's own row, then its children) as
    the CSV/XLSX download of the indicator page: the figures as numbers, the basis in words."""

    code = FigureColumn(verbose_name=_("Code"))
    name = FigureColumn(verbose_name=_("Region"))
    reported = FigureColumn(verbose_name=_("Reported"))
    computed = FigureColumn(verbose_name=_("Computed"))
    value = FigureColumn(verbose_name=_("Value"))
    difference = FigureColumn(verbose_name=_("Difference"))
    target = FigureColumn(verbose_name=_("Target"))
    achievement_pct = FigureColumn(verbose_name=_("Achievement %"))
    gap = FigureColumn(verbose_name=_("Gap"))
    children_reporting = FigureColumn(verbose_name=_("Children reporting"))
    children_total = FigureColumn(verbose_name=_("Children total"))
    basis = FigureColumn(verbose_name=_("Basis"))
    source_text = FigureColumn(verbose_name=_("Source of the figure"))

    class Meta:
        orderable = False  # rows come sorted as the page shows them

    def value_basis(self, value):
        return figures.basis_label(value)
