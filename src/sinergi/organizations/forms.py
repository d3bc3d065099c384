from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.core.lookups import LookupField, LookupMultipleField
from sinergi.core.permissions import VIEW
from sinergi.organizations.models import Organization, Person, Position
from sinergi.regions.forms import RegionCodeField

ORGANIZATION_HINT = _("Name, acronym or slug, e.g. DPMPD Dukcapil")
PERSON_HINT = _("Name, e.g. Lale Prayatni")


def organization_lookup_kwargs(kwargs: dict, action: str) -> dict:
    kwargs.setdefault("queryset", Organization.objects.select_related("home_region"))
    kwargs.setdefault("url", reverse_lazy("search:organizations"))
    kwargs.setdefault("placeholder", ORGANIZATION_HINT)
    kwargs["action"] = action
    return kwargs


class OrganizationField(LookupField):
    """An organisation of any level typed by name, acronym, alias or slug, among those the user
    may `action` (suggestions from /search/organisations/)."""

    def __init__(self, action: str = VIEW, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "none",
            _(
                "No organisation you may choose matches “%(text)s”. Type part of its name or "
                "acronym and pick a suggestion."
            ),
        )
        super().__init__(**organization_lookup_kwargs(kwargs, action))


class OrganizationsField(LookupMultipleField):
    """Several organisations, separated by semicolons (names may hold commas)."""

    def __init__(self, action: str = VIEW, **kwargs):
        kwargs.setdefault("help_text", _("Separate organisations with a semicolon (;)."))
        super().__init__(**organization_lookup_kwargs(kwargs, action))


class PersonField(LookupField):
    """A person typed by name, among the people the user may see (suggestions from
    /search/people/); "Name (#12)" when two share a name."""

    def __init__(self, action: str = VIEW, **kwargs):
        kwargs.setdefault("queryset", Person.objects.all())
        kwargs.setdefault("url", reverse_lazy("search:people"))
        kwargs.setdefault("placeholder", PERSON_HINT)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "none",
            _("No person you may choose is named “%(text)s”. Type part of the name and pick a "
              "suggestion."),
        )  # fmt: skip
        super().__init__(action=action, **kwargs)


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
