from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.organizations.models import Organization, Person, Position
from sinergi.regions.forms import RegionCodeField


class OrganizationForm(BootstrapModelForm):
    home_region = RegionCodeField(label=_("Home region"))
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other names used in texts, one per line."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name",
            "acronym",
            "org_type",
            "home_region",
            "parent",
            "aliases",
            "website",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Parents are provincial or regency bodies; village teams would swamp the list.
        self.fields["parent"].queryset = Organization.objects.filter(
            home_region__level__in=["province", "regency"]
        ).select_related("home_region")
        self.restrict_choices("parent")
        self.restrict_regions("home_region")
        if self.instance.pk:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self):
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]


class PositionForm(BootstrapModelForm):
    """A position together with its person (found by name, or created)."""

    person_name = forms.CharField(label=_("Name"), max_length=150)
    honorific = forms.CharField(label=_("Honorific"), max_length=30, required=False)
    degrees = forms.CharField(label=_("Academic degrees"), max_length=60, required=False)

    class Meta:
        model = Position
        fields = ["title", "start_date", "end_date", "source"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def save(self, commit=True):
        person, _created = Person.objects.get_or_create(
            name=self.cleaned_data["person_name"].strip(),
            honorific=self.cleaned_data["honorific"].strip(),
            degrees=self.cleaned_data["degrees"].strip(),
        )
        self.instance.person = person
        return super().save(commit)
