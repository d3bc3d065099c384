"""Forms of the accounts app: giving a role, naming an API token."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import RoleAssignment, RoleChoices
from sinergi.core.forms import BootstrapModelForm
from sinergi.core.permissions import ADD, is_admin, regions_for
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


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “Script of Dinas Kesehatan”."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
