from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.core.permissions import CHANGE
from sinergi.organizations.forms import OrganizationField, OrganizationsField
from sinergi.programs.models import Activity, Collaboration, Program, Theme
from sinergi.regions.forms import RegionCodeField, RegionCodesField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgramForm(BootstrapModelForm):
    # Organisations of every level, typed with suggestions: among those the user may change.
    owner = OrganizationField(label=_("Owner"), action=CHANGE, required=False)
    focus_regions = RegionCodesField(label=_("Focus regions"), required=False)

    class Meta:
        model = Program
        fields = [
            "name",
            "fiscal_year",
            "owner",
            "status",
            "themes",
            "budget",
            "funding_source",
            "focus_regions",
            "description",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.in_display_order()


class CollaborationForm(BootstrapModelForm):
    partner = OrganizationField(label=_("Partner"), action=CHANGE)
    scope_regions = RegionCodesField(label=_("Scope regions"), required=False)

    class Meta:
        model = Collaboration
        fields = ["partner", "role", "status", "scope_regions", "commitment"]
        widgets = {"commitment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        if program is not None:
            self.instance.program = program

    def clean(self):
        cleaned = super().clean()
        duplicate = Collaboration.objects.filter(
            program_id=self.instance.program_id,
            partner=cleaned.get("partner"),
            role=cleaned.get("role"),
        )
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if cleaned.get("partner") and cleaned.get("role") and duplicate.exists():
            self.add_error("role", _("This partner already has this role in the program."))
        return cleaned


class ActivityForm(BootstrapModelForm):
    region = RegionCodeField(label=_("Region"))
    organizations = OrganizationsField(label=_("Organisations involved"), required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "status",
            "start_date",
            "end_date",
            "region",
            "organizations",
            "stage",
            "participants",
            "beneficiaries",
            "budget_planned",
            "budget_realised",
            "description",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        if program is not None:
            self.instance.program = program
        self.restrict_regions("region")

    def clean(self):
        data = super().clean()
        if not self.instance.program_id:
            raise forms.ValidationError(_("Name the program this activity belongs to."))
        return data


class ActivityRowForm(ActivityForm):
    """An activity as a row of the records import: its program is a column, chosen among the
    programs the user may see (as on a program's page, where activities are added)."""

    class Meta(ActivityForm.Meta):
        fields = ["program", *ActivityForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.restrict_choices("program")

    def clean(self):
        program = self.cleaned_data.get("program")
        if program is None:  # the field's own error says why
            return self.cleaned_data
        self.instance.program = program
        return super().clean()
