from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from sinergi.core.permissions import CHANGE, can_add, user_can
from sinergi.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView
from sinergi.programs import maps
from sinergi.programs.filtersets import ProgramFilterSet
from sinergi.programs.forms import ActivityForm, CollaborationForm, ProgramForm
from sinergi.programs.models import Activity, Collaboration, Program, Theme
from sinergi.programs.services import default_year, five_w_matrix
from sinergi.programs.tables import ProgramTable
from sinergi.regions.maps import parse_outline
from sinergi.regions.models import Region

SIGN_IN_FOR_PROGRAMS = _(
    "Programs are shown to signed-in users with a role: sign in to see the programs per area."
)

DEFAULT_REGION = "52"


class ProgramListView(ObjectListView):
    queryset = Program.objects.select_related("owner").prefetch_related("themes")
    filterset_class = ProgramFilterSet
    table_class = ProgramTable
    title = _("Programs")
    add_url_name = "programs:program_add"


class ProgramDetailView(ObjectDetailView):
    queryset = Program.objects.select_related("owner", "owner__home_region").prefetch_related(
        "themes", "focus_regions"
    )
    template_name = "programs/program_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["collaborations"] = (
            self.object.collaborations.restrict(user)
            .select_related("partner")
            .prefetch_related("scope_regions")
        )
        context["activities"] = (
            self.object.activities.restrict(user)
            .select_related("region", "stage")
            .prefetch_related("organizations")
        )
        context["can_change"] = user_can(user, CHANGE, self.object)
        context["can_add_partner"] = can_add(user, Collaboration)
        context["changeable_collaborations"] = set(
            self.object.collaborations.restrict(user, CHANGE).values_list("pk", flat=True)
        )
        context["can_add_activity"] = can_add(user, Activity)
        return context


class ProgramCreateView(ObjectCreateView):
    model = Program
    form_class = ProgramForm
    cancel_url_name = "programs:program_list"


class ProgramUpdateView(ObjectUpdateView):
    model = Program
    form_class = ProgramForm


class ProgramChildMixin:
    """Create views for objects that belong to a program (collaborations, activities)."""

    def dispatch(self, request, *args, **kwargs):
        self.program = get_object_or_404(
            Program.objects.restrict(request.user), pk=kwargs["program_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def get_cancel_url(self):
        return self.program.get_absolute_url()

    def get_success_url(self):
        return self.program.get_absolute_url()


class CollaborationCreateView(ProgramChildMixin, ObjectCreateView):
    model = Collaboration
    form_class = CollaborationForm


class CollaborationUpdateView(ObjectUpdateView):
    model = Collaboration
    form_class = CollaborationForm

    def get_success_url(self):
        return self.object.program.get_absolute_url()


class ActivityDetailView(ObjectDetailView):
    queryset = Activity.objects.select_related("program", "region", "stage").prefetch_related(
        "organizations"
    )
    template_name = "programs/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [self.object.program]
        context["can_change"] = user_can(self.request.user, CHANGE, self.object)
        return context


class ActivityCreateView(ProgramChildMixin, ObjectCreateView):
    model = Activity
    form_class = ActivityForm


class ActivityUpdateView(ObjectUpdateView):
    model = Activity
    form_class = ActivityForm


def five_w(request):
    """Organisations × themes for a region (default NTB) and a fiscal year."""
    code = request.GET.get("region") or DEFAULT_REGION
    region = Region.objects.filter(code=code).first()
    if region is None:
        region = get_object_or_404(Region, code=DEFAULT_REGION)
    try:
        year = int(request.GET.get("year") or default_year())
    except ValueError:
        year = default_year()
    province = Region.objects.get(code=region.code[:2])
    matrix = five_w_matrix(region, year, request.user)
    visible = Program.objects.restrict(request.user)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)) | {year}, reverse=True)
    context = {
        "title": _("5W: who does what, where"),
        "matrix": matrix,
        "region": region,
        "year": year,
        "years": years,
        "province": province,
        "regencies": province.children.order_by("code"),
        "breadcrumbs": [],
    }
    return render(request, "programs/five_w.html", context)


def five_w_selection(request):
    """(region, year, theme, outline) of a 5W map from the query string."""
    region = Region.objects.filter(code=request.GET.get("region") or DEFAULT_REGION).first()
    if region is None:
        raise Http404(_("Unknown region code."))
    try:
        year = int(request.GET.get("year") or default_year())
    except ValueError:
        year = default_year()
    code = request.GET.get("theme") or ""
    theme = Theme.objects.filter(code=code).first() if code else None
    if code and theme is None:
        raise Http404(_("Unknown theme."))
    return region, year, theme, parse_outline(request.GET.get("outline"))


def five_w_map(request):
    """Programs (and organisations) active per kab/kota or kecamatan for a year and a theme."""
    region, year, theme, outline = five_w_selection(request)
    data = maps.five_w_map(region, year, theme, request.user, outline)
    query = {"region": region.code, "year": year}
    if theme:
        query["theme"] = theme.code
    if outline:
        query["outline"] = ",".join(outline)
    visible = Program.objects.restrict(request.user)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)) | {year}, reverse=True)
    context = {
        "title": _("5W map: programs per area"),
        "map": data,
        "map_data_url": reverse("programs:five_w_map_data") + "?" + urlencode(query),
        "map_page_url": reverse("programs:five_w_map"),
        "region": region,
        "year": year,
        "years": years,
        "theme": theme,
        "themes": Theme.objects.in_display_order(),
        "outline": ",".join(outline),
        "breadcrumbs": [],
    }
    return render(request, "programs/five_w_map.html", context)


def five_w_map_data(request):
    region, year, theme, outline = five_w_selection(request)
    data = maps.five_w_map(region, year, theme, request.user, outline)
    if data is None:
        return JsonResponse({"error": str(SIGN_IN_FOR_PROGRAMS)}, status=403)
    return JsonResponse(data)
