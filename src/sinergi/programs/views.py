from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sinergi.core import charts as chart_component
from sinergi.core.permissions import CHANGE, can_add, user_can
from sinergi.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView
from sinergi.core.writes import OutOfScope
from sinergi.programs import charts, maps
from sinergi.programs import suggestions as suggestions_service
from sinergi.programs.choices import CollaborationRoleChoices
from sinergi.programs.filtersets import ProgramFilterSet
from sinergi.programs.forms import ActivityForm, CollaborationForm, ProgramForm
from sinergi.programs.models import Activity, Collaboration, Program, Theme
from sinergi.programs.services import default_year, five_w_matrix
from sinergi.programs.tables import ProgramTable
from sinergi.regions import groups
from sinergi.regions.instance import home_region_code
from sinergi.regions.maps import parse_outline
from sinergi.regions.models import Region

SIGN_IN_FOR_PROGRAMS = _(
    "Programs are shown to signed-in users with a role: sign in to see the programs per area."
)


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
        context["suggestion_items"] = suggestion_context(
            user, suggestions_service.find(user, program=self.object)
        )
        context["roles"] = CollaborationRoleChoices.choices
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
    code = request.GET.get("region") or home_region_code()
    region = Region.objects.filter(code=code).first()
    if region is None:
        region = get_object_or_404(Region, code=home_region_code())
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


def suggestion_context(user, suggestions) -> list[dict]:
    """Each suggestion with the collaborations the user may record and whether it may dismiss."""
    items = []
    for suggestion in suggestions:
        offered = suggestions_service.offers(user, suggestion)
        items.append({"suggestion": suggestion, "offers": offered, "can_dismiss": bool(offered)})
    return items


def suggestions(request):
    """Programs of different organisations that share a theme and an area, with no recorded
    collaboration: who should be working together."""
    try:
        year = int(request.GET.get("year") or default_year())
    except ValueError:
        year = default_year()
    code = request.GET.get("region") or home_region_code()
    region = Region.objects.filter(code=code).first() or get_object_or_404(
        Region, code=home_region_code()
    )
    province = Region.objects.get(code=region.code[:2])
    visible = Program.objects.restrict(request.user)
    found = suggestions_service.find(request.user, year=year, region=region)
    years = sorted(set(visible.values_list("fiscal_year", flat=True)) | {year}, reverse=True)
    context = {
        "title": _("Collaboration suggestions"),
        "items": suggestion_context(request.user, found),
        "programs_visible": request.user.is_authenticated and visible.exists(),
        "region": region,
        "province": province,
        "regencies": province.children.order_by("code"),
        "year": year,
        "years": years,
        "roles": CollaborationRoleChoices.choices,
        "next": request.get_full_path(),
    }
    return render(request, "programs/suggestions.html", context)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def posted_pair(request):
    """The suggestion named by the POST (program, other), or 404 when the user does not see both
    programs or they are no longer a suggestion."""
    suggestion = suggestions_service.find_pair(
        request.user, request.POST.get("program"), request.POST.get("other")
    )
    if suggestion is None:
        raise Http404(_("This suggestion does not exist any more, or is outside what you see."))
    return suggestion


@require_POST
@login_required
def suggestion_accept(request):
    """Turn a suggestion into a collaboration: the other program's owner joins `program`."""
    suggestion = posted_pair(request)
    program = (
        suggestion.program
        if str(suggestion.program.pk) == request.POST.get("program")
        else suggestion.other
    )
    role = request.POST.get("role") or ""
    if role not in CollaborationRoleChoices.values:
        messages.error(request, _("Choose the partner's role."))
        return redirect(safe_next(request, program.get_absolute_url()))
    try:
        collaboration = suggestions_service.accept(request.user, suggestion, program, role)
    except OutOfScope as refused:
        raise PermissionDenied(str(refused)) from refused
    except IntegrityError:  # recorded a moment ago by someone else
        messages.info(request, _("This partner already has this role in the program."))
        return redirect(safe_next(request, program.get_absolute_url()))
    messages.success(request, _("Collaboration recorded: %(c)s") % {"c": collaboration})
    return redirect(safe_next(request, program.get_absolute_url()))


@require_POST
@login_required
def suggestion_dismiss(request):
    """Dismiss a suggestion: it is remembered and not shown again."""
    suggestion = posted_pair(request)
    try:
        suggestions_service.dismiss(request.user, suggestion)
    except OutOfScope as refused:
        raise PermissionDenied(str(refused)) from refused
    except IntegrityError:  # dismissed a moment ago by someone else: nothing more to do
        pass
    messages.success(request, _("Suggestion dismissed: %(reason)s") % {"reason": suggestion.reason})
    return redirect(safe_next(request, suggestion.program.get_absolute_url()))


def five_w_selection(request):
    """(region, year, theme, outline) of a 5W map from the query string."""
    region = Region.objects.filter(code=request.GET.get("region") or home_region_code()).first()
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
