"""The meeting form: the meeting, then its participants, agreements and follow-ups as rows of one
page (a secretariat types up a meeting in one sitting and saves it once, all or nothing)."""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.forms.utils import ErrorDict, ErrorList
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.core.permissions import CHANGE, VIEW
from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant
from sinergi.organizations.forms import OrganizationField, OrganizationsField, PersonField
from sinergi.programs.models import Program
from sinergi.regions.forms import RegionCodesField
from sinergi.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEETING_LEVELS = ["province", "regency", "district"]


def label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


# Organisations and people are typed with suggestions (every level, through the gate).
class MeetingForm(BootstrapModelForm):
    organiser = OrganizationField(
        label=label(Meeting, "organiser"),
        action=CHANGE,
        help_text=_(
            "Organisations you may record meetings for; the organiser is recorded as the host."
        ),
    )
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["title", "date", "place", "region", "organiser", "summary", "source_url"]
        labels = {"title": _("Title"), "summary": _("Topic and summary")}
        widgets = {"date": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level__in=MEETING_LEVELS)
        self.restrict_regions("region", CHANGE if self.instance.pk else "add")


class ParticipantForm(BootstrapModelForm):
    organization = OrganizationField(label=label(Participant, "organization"))
    person = PersonField(label=label(Participant, "person"), required=False)

    class Meta:
        model = Participant
        fields = ["organization", "person", "role"]


class AgreementForm(BootstrapModelForm):
    organizations = OrganizationsField(label=label(Agreement, "organizations"), required=False)
    regions = RegionCodesField(label=_("Regions"), required=False)

    class Meta:
        model = Agreement
        fields = ["text", "organizations", "programs", "regions"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "programs": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.restrict_choices("programs", VIEW, Program.objects.order_by("-fiscal_year", "name"))


class ActionItemForm(BootstrapModelForm):
    responsible_organization = OrganizationField(
        label=label(ActionItem, "responsible_organization")
    )
    responsible_person = PersonField(label=label(ActionItem, "responsible_person"), required=False)

    class Meta:
        model = ActionItem
        fields = ["what", "responsible_organization", "responsible_person", "due_date", "status"]
        labels = {"what": _("What is to be done")}
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "due_date": DATE}


class RowFormSet(BaseModelFormSet):
    """Rows of one part; `label` names a row in messages ("Follow-up 2")."""

    label = ""

    def row_label(self, index: int) -> str:
        return f"{self.label} {index + 1}"

    def kept_forms(self):
        """(index, form) of the rows that are filled in and not marked for deletion."""
        for index, form in enumerate(self.forms):
            filled = form.has_changed() or form.instance.pk
            if filled and not form.cleaned_data.get("DELETE"):
                yield index, form


class ParticipantFormSet(RowFormSet):
    label = _("Participant")

    def clean(self):
        super().clean()
        seen = {}
        for index, form in self.kept_forms():
            key = (form.cleaned_data.get("organization"), form.cleaned_data.get("person"))
            if key[0] is None:
                continue
            if key in seen:
                form.add_error(
                    "organization",
                    _("%(row)s repeats %(first)s: one row per organisation and person.")
                    % {"row": self.row_label(index), "first": self.row_label(seen[key])},
                )
            seen.setdefault(key, index)


class AgreementFormSet(RowFormSet):
    label = _("Agreement")


class ActionItemFormSet(RowFormSet):
    label = _("Follow-up")


# prefix → (model, row form, formset, related name on the meeting, blank rows for a new meeting)
PARTS = {
    "participants": (Participant, ParticipantForm, ParticipantFormSet, "participants", 3),
    "agreements": (Agreement, AgreementForm, AgreementFormSet, "agreements", 2),
    "followups": (ActionItem, ActionItemForm, ActionItemFormSet, "action_items", 2),
}


def part_formsets(data, meeting: Meeting | None, user) -> dict:
    """The rows of each part of `meeting` the user may see (none for a new meeting), plus blank
    rows; bound to `data` when posted."""
    formsets = {}
    for prefix, (model, form, formset, related, blank) in PARTS.items():
        factory = modelformset_factory(
            model, form=form, formset=formset, extra=blank if meeting is None else 1,
            can_delete=True,
        )  # fmt: skip
        rows = model.objects.none()
        if meeting is not None:
            rows = getattr(meeting, related).restrict(user, VIEW).order_by("pk")
        formsets[prefix] = factory(data, queryset=rows, prefix=prefix, form_kwargs={"user": user})
    return formsets


MAX_ROWS = 200


def add_row(data, formset) -> None:
    """One more blank row in posted `data` for `formset`, holding the defaults of a new row (a
    role, a status), so the page shows it as a new row would be shown."""
    total = min(formset.total_form_count(), MAX_ROWS)
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(total + 1)
    blank = formset.empty_form
    for field in blank:
        value = field.initial
        if value is not False and value not in (None, "", [], ()):
            data[f"{formset.prefix}-{total}-{field.name}"] = field.field.prepare_value(value)


def unchecked(form, *formsets) -> None:
    """Show bound forms as typed, without validating them (an "add another row" round trip is
    not a save: no errors yet)."""
    for each in (form, *(f for formset in formsets for f in formset.forms)):
        each._errors = ErrorDict()
    for formset in formsets:
        formset._errors, formset._non_form_errors = [], ErrorList()
