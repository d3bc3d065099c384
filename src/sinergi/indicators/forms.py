from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.indicators.choices import ValueTypeChoices


def value_field(indicator, initial=None) -> forms.Field:
    """The input for one value of this indicator: a select for levels and yes/no."""
    if indicator.value_type == ValueTypeChoices.LEVEL:
        choices = [("", "—"), ("0", _("None"))] + [
            (str(i), name) for i, name in enumerate(indicator.levels, start=1)
        ]
        return forms.ChoiceField(choices=choices, required=False, initial=initial)
    if indicator.value_type == ValueTypeChoices.YES_NO:
        return forms.ChoiceField(
            choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))], required=False, initial=initial
        )
    return forms.CharField(
        required=False, initial=initial, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
