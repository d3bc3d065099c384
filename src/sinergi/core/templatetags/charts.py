"""Cells of a chart's data table (`core/_chart.html`)."""

from decimal import Decimal

from django import template

from sinergi.core.templatetags.sinergi import num

register = template.Library()


@register.filter
def chart_numeric(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def chart_cell(value):
    """Numbers as the pages print them, no value as a dash, text as it is."""
    if value is None or value == "":
        return "—"
    if chart_numeric(value):
        return num(value)
    return value
