import datetime

from django import template
from django.utils.formats import number_format
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def duration(value):
    """A timedelta as people say it, in the user's language: "1 jam", "1 jam, 30 menit"."""
    if not isinstance(value, datetime.timedelta):
        return ""
    now = datetime.datetime(2000, 1, 1)
    return timesince(now - value, now)


@register.filter
def rupiah(value):
    """'Rp 1.250.000' (grouping by the active language), or an em dash when unknown."""
    if value is None or value == "":
        return "—"
    return "Rp " + number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def num(value):
    """A figure as people read it (up to 2 decimals, grouped by the active language), or an em
    dash when there is none."""
    from django.template.defaultfilters import floatformat

    if value is None or value == "":
        return "—"
    return floatformat(value, "-2g")


@register.filter
def level_of(value, indicator):
    """An ordered level by its name (2 of Destana: Madya): `Indicator.level_label`."""
    return indicator.level_label(value)
