from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sinergi.indicators import reports
from sinergi.indicators.models import Indicator
from sinergi.organizations.models import Organization
from sinergi.programs.models import Collaboration, Program, Theme
from sinergi.programs.services import default_year
from sinergi.regions.models import Region

HOME_REGION = "52"


def key_cards(region, user):
    if region is None:
        return []
    return reports.cards(region, Indicator.objects.filter(is_key=True).order_by("name"), user)


def home(request):
    """Beranda: the province at a glance, with the way into regions, programs and the 5W."""
    province = Region.objects.filter(code=HOME_REGION).first()
    user = request.user
    year = default_year()
    programs = Program.objects.restrict(user).filter(fiscal_year=year)
    if province:
        programs = programs.within(province)
    level_counts = dict(
        Region.objects.within(HOME_REGION).values_list("level").annotate(n=Count("code")).order_by()
    )
    context = {
        "title": _("Home"),
        "province": province,
        "year": year,
        "level_counts": level_counts,
        "organization_count": Organization.objects.restrict(user)
        .exclude(org_type="tp_pkk")
        .count(),
        "program_count": programs.count(),
        "collaboration_count": Collaboration.objects.restrict(user)
        .filter(program__in=programs)
        .count(),
        "priorities": Theme.objects.filter(group="priority").annotate(
            n=Count("programs", filter=Q(programs__in=programs))
        ),
        "programs": programs.select_related("owner").prefetch_related("themes")[:10],
        "cards": [card for card in key_cards(province, user) if card.row],
    }
    return render(request, "dashboards/home.html", context)
