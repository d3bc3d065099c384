from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import bootstrapify
from sinergi.core.permissions import regions_for
from sinergi.extraction.choices import MeaningChoices
from sinergi.extraction.models import IngestDraft
from sinergi.indicators.choices import ValueTypeChoices
from sinergi.indicators.models import Indicator
from sinergi.meetings.models import Meeting
from sinergi.organizations.forms import OrganizationField
from sinergi.programs.models import Program
from sinergi.regions.models import Region


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def full_clean(self):
        super().full_clean()
        bootstrapify(self)


def allowed_regions(user, model):
    q = regions_for(user, model, "add")
    regions = Region.objects.filter(level__in=["province", "regency", "district"])
    return regions if q is None else regions.filter(q)


class TextForm(BootstrapForm):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste a press release or minutes, or upload a file below."),
    )
    upload = forms.FileField(label=_("File (.txt, .docx, .pdf)"), required=False)
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Leave empty to use the region the text is about."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = allowed_regions(user, IngestDraft)

    def clean(self):
        from sinergi.extraction.readers import UnreadableFile, check_length, read_text

        data = super().clean()
        upload = data.get("upload")
        if upload:
            try:
                data["text"] = read_text(upload.name, upload.read())
            except UnreadableFile as error:
                self.add_error("upload", str(error))
        else:
            try:
                check_length(data.get("text") or "")
            except UnreadableFile as error:
                self.add_error("text", str(error))
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", _("Paste a text or upload a file."))
        return data


class MeetingReviewForm(BootstrapForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    organiser = OrganizationField(label=_("Organiser"))  # every level, typed with suggestions
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea({"rows": 3})
    )
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = allowed_regions(user, Meeting)
        self.fields["organiser"].for_user(user)


class OrganizationRowForm(BootstrapForm):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=50, required=False)
    # Any organisation the user may use, typed with suggestions; empty: a new one is created.
    match = OrganizationField(
        label=_("Existing organisation"),
        required=False,
        help_text=_("Leave empty to create it as a new organisation."),
    )
    region = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["match"].for_user(user)


class PersonRowForm(BootstrapForm):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    honorific = forms.CharField(label=_("Honorific"), max_length=30, required=False)
    name = forms.CharField(label=_("Name"), max_length=150)
    degrees = forms.CharField(label=_("Degrees"), max_length=60, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    organization = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, draft_orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "—"), *draft_orgs]

    def clean(self):
        data = super().clean()
        # A participant is recorded with their organisation: without one they would be lost.
        if data.get("include") and data.get("organization") is None:
            self.add_error("organization", _("Choose the organisation, or untick the row."))
        return data


class QuantityRowForm(BootstrapForm):
    include = forms.BooleanField(label=_("Record as indicator data"), required=False)
    text = forms.CharField(required=False, widget=forms.HiddenInput)
    # Text: a number, or for an ordered level also its name ("Madya", "Destana Madya").
    value = forms.CharField(label=_("Value"), max_length=100)
    meaning = forms.ChoiceField(label=_("Meaning"), choices=MeaningChoices.choices)
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.all(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    period = forms.CharField(label=_("Period"), max_length=7, required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions

    def clean_value(self):
        text = self.cleaned_data["value"]
        if self.data.get(self.add_prefix("indicator")):
            return text  # read with the indicator's rules in clean()
        return forms.DecimalField(max_digits=20, decimal_places=4).clean(text)

    def clean(self):
        data = super().clean()
        indicator, value = data.get("indicator"), data.get("value")
        if indicator is not None and isinstance(value, str):
            number = None
            if indicator.value_type == ValueTypeChoices.LEVEL:
                try:
                    number = indicator.check_value(value)
                except ValidationError as error:
                    self.add_error("value", error)
            else:
                try:
                    number = forms.DecimalField(max_digits=20, decimal_places=4).clean(value)
                except ValidationError as error:
                    self.add_error("value", error)
            if number is not None:
                data["value"] = number
        if data.get("include"):
            if data.get("meaning") not in ("target", "achievement", "count"):
                self.add_error("meaning", _("Only targets, achievements and counts are data."))
            for name in ("indicator", "region", "period"):
                if not data.get(name):
                    self.add_error(name, _("Needed to record this figure."))
        return data


class AgreementRowForm(BootstrapForm):
    # Unticked unless the reader proposed the row: the extra empty row is never ticked.
    include = forms.BooleanField(label=_("Keep"), required=False, initial=False)
    text = forms.CharField(label=_("Agreement"), widget=forms.Textarea({"rows": 2}), required=False)
    responsible = forms.TypedChoiceField(
        label=_("Follow-up by"), required=False, coerce=int, empty_value=None
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, draft_orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", _("— no follow-up —")), *draft_orgs]

    def clean(self):
        data = super().clean()
        if data.get("include") and not (data.get("text") or "").strip():
            data["include"] = False  # an empty extra row
        return data


class ProgramRowForm(BootstrapForm):
    include = forms.BooleanField(label=_("Link"), required=False)
    name = forms.CharField(
        label=_("Topic in the text"), required=False, widget=forms.TextInput({"readonly": True})
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.restrict(user, "view")

    def clean(self):
        data = super().clean()
        if data.get("include") and not data.get("program"):
            self.add_error("program", _("Choose the program to link, or untick the row."))
        return data


OrganizationRows = forms.formset_factory(OrganizationRowForm, extra=0)
PersonRows = forms.formset_factory(PersonRowForm, extra=0)
QuantityRows = forms.formset_factory(QuantityRowForm, extra=0)
AgreementRows = forms.formset_factory(AgreementRowForm, extra=1)
ProgramRows = forms.formset_factory(ProgramRowForm, extra=0)
