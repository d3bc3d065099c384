from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from sinergi.core import charts as chart_component
from sinergi.core.permissions import CHANGE, can_add, user_can
from sinergi.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView
from sinergi.programs import charts
from sinergi.programs.filtersets import ProgramFilterSet
from sinergi.programs.forms import ActivityForm, CollaborationForm, ProgramForm
from sinergi.programs.models import Activity, Collaboration, Program
from sinergi.programs.services import default_year, five_w_matrix
from sinergi.programs.tables import ProgramTable
from sinergi.regions import groups
from sinergi.regions.models import Region

DEFAULT_REGION = "52"


class ProgramListView(ObjectListView):
    queryset = Program.objects.select_related("owner").prefetch_related("themes")
    filterset_class = ProgramFilterSet
    table_class = ProgramTable
    title = _("Programs")
    add_url_name = "programs:program_add"

    def get(self, request, *args, **kwargs):
        if request.GET.get("chart"):  # a chart's CSV: the same programs as the list
            filterset = self.get_filterset(self.get_filterset_class())
            valid = not filterset.is_bound or filterset.is_valid()
            programs = filterset.qs if valid else self.get_queryset().none()
            response = chart_component.csv_response(request, self.charts(programs))
            if response is not None:
                return response
        return super().get(request, *args, **kwargs)

    def charts(self, programs):
        user = self.request.user
        return chart_component.attach(
            self.request,
            [charts.budget_by(programs, user, "owner"), charts.budget_by(programs, user, "theme")],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["charts"] = [c for c in self.charts(self.object_list) if not c.empty]
        return context


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
        budget = charts.program_budget_chart(self.object, user)
        context["charts"] = chart_component.attach(self.request, [budget] if budget.rows else [])
        return context

    def get(self, request, *args, **kwargs):
        if request.GET.get("chart"):
            self.object = self.get_object()
            chart = charts.program_budget_chart(self.object, request.user)
            response = chart_component.csv_response(request, [chart])
            if response is not None:
                return response
        return super().get(request, *args, **kwargs)


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
    try:
        group = groups.resolve(request.GET.get("group"), request.user)
    except groups.UnknownGroup as unknown:
        raise Http404(_("Unknown region group: %(value)s") % {"value": unknown}) from None
    province = Region.objects.get(code=region.code[:2])
    matrix = five_w_matrix(region, year, request.user, group=group)
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
        "group": group,
        "year_groups": groups.groups_of_year(year, request.user),
        "breadcrumbs": [],
    }
    return render(request, "programs/five_w.html", context)
