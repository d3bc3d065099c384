from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from sinergi.core.lookups import SUGGESTION_LIMIT, search_action, search_text
from sinergi.core.permissions import CHANGE, VIEW, user_can
from sinergi.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView
from sinergi.core.writes import save_checked
from sinergi.organizations.filtersets import OrganizationFilterSet
from sinergi.organizations.forms import OrganizationForm, PositionForm
from sinergi.organizations.models import Organization, Person, Position
from sinergi.organizations.querysets import unique_names_or_slugs
from sinergi.organizations.tables import OrganizationTable


class OrganizationListView(ObjectListView):
    queryset = Organization.objects.select_related("home_region")
    filterset_class = OrganizationFilterSet
    table_class = OrganizationTable
    title = _("Organisations")
    add_url_name = "organizations:organization_add"


class OrganizationDetailView(ObjectDetailView):
    queryset = Organization.objects.select_related("home_region", "parent")
    template_name = "organizations/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org, user = self.object, self.request.user
        children = org.children.restrict(user)
        context.update(
            breadcrumbs=[org.home_region],
            positions=org.positions.restrict(user)
            .select_related("person")
            .order_by("-start_date", "title"),
            programs=org.programs.restrict(user)
            .prefetch_related("themes")
            .order_by("-fiscal_year", "name"),
            collaborations=org.collaborations.restrict(user)
            .select_related("program", "program__owner")
            .prefetch_related("scope_regions")
            .order_by("-program__fiscal_year", "program__name"),
            children=children.order_by("name")[:50],
            children_count=children.count(),
            can_change=user_can(user, CHANGE, org),
            action_items=org.action_items.restrict(user)
            .select_related("meeting")
            .order_by("status", "due_date"),
        )
        return context


class OrganizationCreateView(ObjectCreateView):
    model = Organization
    form_class = OrganizationForm
    cancel_url_name = "organizations:organization_list"


class OrganizationUpdateView(ObjectUpdateView):
    model = Organization
    form_class = OrganizationForm


@login_required
def position_add(request, slug):
    organization = get_object_or_404(Organization.objects.restrict(request.user, CHANGE), slug=slug)
    form = PositionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.organization = organization
        save_checked(request.user, form.save, form.instance)  # refused: 403, nothing saved
        return redirect(organization)
    return render(
        request,
        "core/object_edit.html",
        {
            "form": form,
            "title": _("New position in %(org)s") % {"org": organization},
            "cancel_url": organization.get_absolute_url(),
        },
    )


def organization_search(request):
    """Suggestions (`<option>`s) for an organisation input: of every level, best match first,
    only those the user may see (or add to, or change: `?action=`)."""
    text = search_text(request)
    found = list(
        Organization.objects.restrict(request.user, search_action(request)).ranked(text)[
            :SUGGESTION_LIMIT
        ]
    )
    keys = unique_names_or_slugs(found)
    suggestions = [(keys[org.pk], organization_label(org)) for org in found]
    return render(request, "core/suggestions.html", {"suggestions": suggestions})


def organization_label(org) -> str:
    acronym = f" ({org.acronym})" if org.acronym and org.acronym not in org.name else ""
    return f"{org.name}{acronym} — {org.home_region}"


def person_search(request):
    """Suggestions for a person input: people the user may see, with the positions it may see."""
    text = search_text(request)
    positions = Position.objects.restrict(request.user, VIEW).select_related("organization")
    people = list(
        Person.objects.restrict(request.user, search_action(request))
        .ranked(text)
        .prefetch_related(Prefetch("positions", queryset=positions, to_attr="seen_positions"))[
            :SUGGESTION_LIMIT
        ]
    )
    names = [person.name.lower() for person in people]
    suggestions = []
    for person in people:
        shared = names.count(person.name.lower()) > 1
        key = Person.objects.lookup_key(person) if not shared else f"{person.name} (#{person.pk})"
        where = ", ".join(f"{p.title} {p.organization.short_name}" for p in person.seen_positions)
        label = f"{person.display_name} — {where}" if where else person.display_name
        suggestions.append((key, label))
    return render(request, "core/suggestions.html", {"suggestions": suggestions})
