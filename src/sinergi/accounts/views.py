from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.accounts import tokens
from sinergi.accounts.forms import ApiTokenForm, RoleAssignmentForm
from sinergi.accounts.models import ApiToken, RoleAssignment
from sinergi.core.permissions import DELETE, VIEW, can_add
from sinergi.core.writes import OutOfScope, delete_checked, save_checked


@login_required
def roles(request):
    """Role assignments of the regions the signed-in coordinator or admin manages."""
    if not can_add(request.user, RoleAssignment):
        raise PermissionDenied(_("Only coordinators and administrators manage roles."))
    form = RoleAssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:  # the gate judges the saved row (who, which role, where, which organisation)
            assignment = save_checked(request.user, form.save, form.instance)
        except OutOfScope as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Role given: %(a)s") % {"a": assignment})
            return redirect("accounts:roles")
    assignments = (
        RoleAssignment.objects.restrict(request.user, VIEW)
        .select_related("user", "region", "organization")
        .order_by("region_id", "user__username")
    )
    removable = set(
        RoleAssignment.objects.restrict(request.user, DELETE).values_list("pk", flat=True)
    )
    return render(
        request,
        "accounts/roles.html",
        {"title": _("Roles"), "form": form, "assignments": assignments, "removable": removable},
    )


@require_POST
@login_required
def role_remove(request, pk):
    assignment = get_object_or_404(RoleAssignment.objects.restrict(request.user, DELETE), pk=pk)
    delete_checked(request.user, assignment)
    messages.success(request, _("Role removed."))
    return redirect("accounts:roles")


@login_required
def api_tokens(request):
    """The signed-in user's own API tokens: make one (its key shown once), list, revoke."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        token, new_key = tokens.create_token(request.user, form.cleaned_data["name"])
        messages.success(request, _("Token made: %(name)s") % {"name": token.name})
        form = ApiTokenForm()
    context = {
        "title": _("API tokens"),
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.filter(user=request.user),
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    response = render(request, "accounts/api_tokens.html", context)
    response["Cache-Control"] = "no-store"  # the page may hold a key shown once
    return response


@require_POST
@login_required
def api_token_revoke(request, pk):
    token = tokens.revoke(request.user, pk)
    if token is None:
        raise Http404(_("No such token of yours."))
    messages.success(request, _("Token revoked: %(name)s") % {"name": token.name})
    return redirect("accounts:api_tokens")
