from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sinergi.core.permissions import CHANGE, DELETE, VIEW, can_add, scope_q, user_can
from sinergi.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView
from sinergi.core.writes import delete_checked
from sinergi.regions import boundaries as shapes
from sinergi.regions.codes import child_level
from sinergi.regions.filtersets import RegionFilterSet, RegionGroupFilterSet
from sinergi.regions.forms import RegionGroupForm
from sinergi.regions.groups import groups_of_region
from sinergi.regions.models import Region, RegionGroup
from sinergi.regions.tables import RegionGroupTable, RegionTable


class RegionListView(ObjectListView):
    """Search all regions; without a query, start the browser at the provinces."""

    queryset = Region.objects.select_related("parent")
    filterset_class = RegionFilterSet
    table_class = RegionTable
    template_name = "regions/region_list.html"
    title = _("Regions")

    def get_queryset(self):
        queryset = super().get_queryset()
        if not any(self.request.GET.get(key) for key in ("q", "level", "kind", "within", "group")):
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
        "region_groups": groups_of_region(region, request.user),
    }
    return render(request, "regions/region_detail.html", context)


def region_search(request):
    """Suggestions (`<option>`s) for a region input, by code or name ("Lombok Timur", "Kec.
    Sakra"), the best match and the widest level first."""
    from sinergi.core.lookups import SUGGESTION_LIMIT, search_text

    text = search_text(request)
    regions = Region.objects.restrict(request.user).ranked(text)[:SUGGESTION_LIMIT]
    suggestions = [(region.code, suggestion_label(region)) for region in regions]
    return render(request, "core/suggestions.html", {"suggestions": suggestions})


def suggestion_label(region) -> str:
    return f"{region.full_name} — {region.parent}" if region.parent_id else region.full_name


class RegionGroupListView(ObjectListView):
    """Region groups by year and purpose."""

    model = RegionGroup  # can_add() asks about it: the button is offered only to those allowed
    queryset = RegionGroup.objects.with_members()
    filterset_class = RegionGroupFilterSet
    table_class = RegionGroupTable
    template_name = "regions/group_list.html"
    title = _("Region groups")
    add_url_name = "regions:group_add"
    add_label = _("New region group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = can_add(self.request.user, RegionGroup)
        return context


class RegionGroupDetailView(ObjectDetailView):
    queryset = RegionGroup.objects.with_members()
    template_name = "regions/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["members"] = list(self.object.regions.all())
        context["can_change"] = user_can(user, CHANGE, self.object)
        context["can_delete"] = user_can(user, DELETE, self.object)
        return context


class RegionGroupCreateView(ObjectCreateView):
    model = RegionGroup
    form_class = RegionGroupForm
    cancel_url_name = "regions:group_list"


class RegionGroupUpdateView(ObjectUpdateView):
    model = RegionGroup
    form_class = RegionGroupForm


@login_required
def group_delete(request, pk):
    """Confirm, then delete through the gate (`core.writes.delete_checked`)."""
    group = get_object_or_404(RegionGroup.objects.restrict(request.user, DELETE), pk=pk)
    if request.method == "POST":
        delete_checked(request.user, group)
        messages.success(request, gettext("Deleted: %(object)s") % {"object": group})
        return redirect("regions:group_list")
    context = {"title": gettext("Delete %(object)s") % {"object": group}, "object": group}
    return render(request, "regions/group_delete.html", context)


BOUNDARY_MAX_AGE = 24 * 3600


def boundaries(request, level):
    """GeoJSON of the kab/kota (`regency`) or kecamatan (`district`) shapes at or below
    `?within=<code>`, reduced for the web, with an ETag and gzip when the client accepts it."""
    code = request.GET.get("within", "").strip()
    if level not in shapes.LEVELS:
        raise Http404(_("No boundaries for this level."))
    if code and not Region.objects.filter(code=code).exists():
        raise Http404(_("Unknown region code."))
    q = scope_q(Region, request.user, VIEW)
    if q is None:  # every region is visible: the answer is the same for everyone, cached
        layer = shapes.layer(level, code)
        cache_control = f"public, max-age={BOUNDARY_MAX_AGE}"
    else:
        allowed = set(Region.objects.filter(q).values_list("code", flat=True))
        layer = shapes.layer_for(level, code, allowed)
        cache_control = f"private, max-age={BOUNDARY_MAX_AGE}"
    if layer.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
        response = HttpResponse(
            layer.gzipped if gzipped else layer.body, content_type="application/geo+json"
        )
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    response["ETag"] = layer.etag
    response["Cache-Control"] = cache_control
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
