"""Dates and times as people of the instance read them: in its time zone (settings.TIME_ZONE,
WITA for NTB), never in the UTC the database stores. An aware datetime formatted directly, or
cut with `.date()`, shows the UTC day: 23:30 UTC is already the next morning in WITA."""

import datetime

from django.utils import timezone


def local_stamp(value: datetime.datetime | None) -> str:
    """'2026-12-08 07:30 WITA' for an aware datetime (in the current time zone); '?' for None."""
    if value is None:
        return "?"
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d %H:%M %Z")
