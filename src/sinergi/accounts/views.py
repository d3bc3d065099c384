from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.accounts import tokens
from sinergi.accounts.models import ApiToken, RoleAssignment, RoleChoices
from sinergi.core.forms import BootstrapModelForm
from sinergi.core.permissions import ADD, DELETE, VIEW, can_add, is_admin, regions_for
from sinergi.core.writes import OutOfScope, delete_checked, save_checked
from sinergi.organizations.forms import OrganizationField
from sinergi.organizations.models import Organization
from sinergi.regions.forms import RegionCodeField


class RoleAssignmentForm(BootstrapModelForm):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    region = RegionCodeField(label=gettext_lazy("Region"))
    organization = OrganizationField(label=gettext_lazy("Organisation"), required=False)

    class Meta:
        model = RoleAssignment
        fields = ["role", "region", "organization"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["username", "role", "region", "organization"])
        if not is_admin(self.user):  # only administrators make coordinators and administrators
            self.fields["role"].choices = [
                c for c in RoleChoices.choices if c[0] in (RoleChoices.VIEWER, RoleChoices.OPERATOR)
            ]
        self.restrict_regions("region")
        # Organisations of every level based where the user gives roles, typed with suggestions.
        within = regions_for(self.user, RoleAssignment, ADD, "home_region_id")
        organizations = Organization.objects.select_related("home_region")
        self.fields["organization"].queryset = (
            organizations if within is None else organizations.filter(within)
        )

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("No user with this username."))
        if user == self.user:
            raise forms.ValidationError(
                _("Nobody gives themselves a role: ask another coordinator or an administrator.")
            )
        return user

    def save(self, commit=True):
        self.instance.user = self.cleaned_data["username"]
        return super().save(commit)


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


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “Script of Dinas Kesehatan”."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


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
