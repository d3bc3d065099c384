import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sinergi.meetings.models import Meeting


class MeetingTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d", verbose_name=_("Date"))
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    organiser = tables.Column(
        linkify=True, verbose_name=_("Organiser"), order_by=("organiser__name",)
    )
    place = tables.Column(verbose_name=_("Place"))

    class Meta:
        model = Meeting
        fields = ("date", "title", "organiser", "place")
        attrs = {"class": "table table-sm table-hover"}
