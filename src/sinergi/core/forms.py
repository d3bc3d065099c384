from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1  # the databases' largest integer key


def bootstrapify(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget of a form the Bootstrap 5 class it needs (and mark invalid fields)."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if form._errors and name in form._errors:  # never trigger validation from here
            css += " is-invalid"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multi-select that refuses ids beyond the database's integers as unknown choices (looking
    them up would raise OverflowError on SQLite)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.isascii() and text.lstrip("-").isdigit() and abs(int(text)) > BIGGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:30]},
                )
        return super()._check_values(value)


class BootstrapModelForm(forms.ModelForm):
    """A model form that knows who fills it in: choices come through the permission gate."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the multi-selects Django made for many-to-many fields
            if type(field) is forms.ModelMultipleChoiceField:
                field.__class__ = ModelMultipleChoiceField
            if hasattr(field, "for_user"):  # typed records (core.lookups) resolve through the gate
                field.for_user(user)
        bootstrapify(self)

    def restrict_choices(self, name: str, action: str = "view", queryset=None) -> None:
        field = self.fields[name]
        base = queryset if queryset is not None else field.queryset
        field.queryset = base.restrict(self.user, action)

    def restrict_regions(self, name: str, action: str = "add") -> None:
        """Region choices: where this user may save this form's model."""
        from sinergi.core.permissions import regions_for

        q = regions_for(self.user, self._meta.model, action)
        if q is not None:
            self.fields[name].queryset = self.fields[name].queryset.filter(q)

    def full_clean(self):
        super().full_clean()
        bootstrapify(self)
