import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from sinergi.core.templatetags.sinergi import rupiah
from sinergi.programs.models import Program


class ProgramTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    fiscal_year = tables.Column(verbose_name=_("Year"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__name",))
    themes = tables.Column(verbose_name=_("Themes"), orderable=False, empty_values=())
    status = tables.Column(verbose_name=_("Status"))
    budget = tables.Column(
        verbose_name=_("Budget"), attrs={"td": {"class": "text-end text-nowrap"}}
    )

    class Meta:
        model = Program
        fields = ("name", "fiscal_year", "owner", "themes", "status", "budget")
        attrs = {"class": "table table-sm table-hover"}

    def render_themes(self, record):
        return (
            format_html_join(
                " ",
                '<span class="badge badge-name text-bg-light border">{}</span>',
                ((t.name,) for t in record.themes.all()),
            )
            or "—"
        )

    def render_owner(self, value):
        """The name people use (DPMPD Dukcapil Prov NTB), the full name on hover; the export
        keeps the full name."""
        return format_html(
            '<a href="{}" title="{}">{}</a>', value.get_absolute_url(), value.name, value.short_name
        )

    def value_owner(self, value):
        return value.name

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            record.status_color,
            record.get_status_display(),
        )

    def render_budget(self, value):
        return rupiah(value)
