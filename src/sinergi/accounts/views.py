from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.accounts.forms import RoleAssignmentForm
from sinergi.accounts.models import RoleAssignment
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
