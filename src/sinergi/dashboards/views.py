from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sinergi.dashboards.services import home_body


def home(request):
    """Beranda: the province at a glance, with the way into regions, programs and the 5W."""
    context = {"title": _("Home"), "body": mark_safe(home_body(request))}  # noqa: S308 - our template
    return render(request, "dashboards/home.html", context)
