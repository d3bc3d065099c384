"""Form fields that take regions by Kemendagri code, with suggestions by name (htmx datalist)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sinergi.regions.models import Region


class RegionSuggestInput(forms.TextInput):
    """A text input for codes; typing a name offers matching regions."""

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', name)}-suggestions"
        attrs.update(
            {
                "list": list_id,
                "autocomplete": "off",
                "hx-get": str(reverse_lazy("regions:region_suggest")),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{list_id}",
                "hx-vals": f'{{"field": "{name}"}}',
                "placeholder": _("Code or name, e.g. 52.03 or Lombok Timur"),
            }
        )
        context = super().get_context(name, value, attrs)
        context["widget"]["list_id"] = list_id
        return context

    template_name = "regions/widgets/region_suggest_input.html"


class RegionCodeField(forms.ModelChoiceField):
    widget = RegionSuggestInput

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Unknown region code. Type a Kemendagri code such as 52.03.")},
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.code
        return value


class RegionCodesField(forms.ModelMultipleChoiceField):
    """Several regions as comma-separated codes: '52.71, 52.03, 52.07'."""

    widget = RegionSuggestInput

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("help_text", _("Kemendagri codes separated by commas."))
        super().__init__(**kwargs)

    def clean(self, value):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        value = list(value or [])
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        regions = self.queryset.filter(code__in=value)
        unknown = [code for code in value if code not in {r.code for r in regions}]
        if unknown:
            raise ValidationError(
                _("Unknown region code(s): %(codes)s. Use Kemendagri codes such as 52.03.")
                % {"codes": ", ".join(unknown)},
                code="invalid_choice",
            )
        return regions

    def prepare_value(self, value):
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        codes = [getattr(item, "code", item) for item in value]
        return ", ".join(str(code) for code in codes)

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)
