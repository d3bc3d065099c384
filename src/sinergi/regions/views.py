from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from sinergi.core.views import ObjectListView
from sinergi.regions.codes import child_level
from sinergi.regions.filtersets import RegionFilterSet
from sinergi.regions.models import Region
from sinergi.regions.tables import RegionTable

SUGGESTION_LIMIT = 20


class RegionListView(ObjectListView):
    """Search all regions; without a query, start the browser at the provinces."""

    queryset = Region.objects.select_related("parent")
    filterset_class = RegionFilterSet
    table_class = RegionTable
    template_name = "regions/region_list.html"
    title = _("Regions")

    def get_queryset(self):
        queryset = super().get_queryset()
        if not any(self.request.GET.get(key) for key in ("q", "level", "kind", "within")):
            queryset = queryset.filter(level="province")
        return queryset


def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    context = {
        "region": region,
        "title": region.full_name,
        "breadcrumbs": list(region.ancestors()),
        "children": region.children_with_counts(),
        "child_level": child_level(region.level),
        "own_kinds": region.village_kinds(),
        "organizations": region.organizations.restrict(request.user)
        .exclude(org_type="tp_pkk")
        .order_by("name"),
        "tp_pkk_team": region.organizations.restrict(request.user)
        .filter(org_type="tp_pkk")
        .first(),
    }
    return render(request, "regions/region_detail.html", context)


def region_suggest(request):
    """<option> elements for a region <datalist>, by name or code (htmx)."""
    query = request.GET.get("q") or request.GET.get(request.GET.get("field", ""), "")
    query = query.split(",")[-1].strip()
    regions = (
        Region.objects.search(query).select_related("parent")[:SUGGESTION_LIMIT] if query else []
    )
    return render(request, "regions/region_suggest.html", {"regions": regions})
