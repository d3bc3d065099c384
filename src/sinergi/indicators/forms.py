from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.indicators import periods
from sinergi.indicators.choices import ValueTypeChoices
from sinergi.indicators.models import Indicator, Target
from sinergi.regions.forms import RegionCodeField


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


class TargetForm(BootstrapModelForm):
    """A target or baseline for an indicator, a region and a period (imports use it per row)."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.all(), to_field_name="code"
    )
    region = RegionCodeField(label=_("Region"))

    class Meta:
        model = Target
        fields = ["indicator", "region", "period", "kind", "value", "note", "source"]

    def clean(self):
        data = super().clean()
        indicator, period = data.get("indicator"), data.get("period")
        if indicator and period:
            try:
                parsed = periods.parse(period)
            except periods.PeriodError as error:
                self.add_error("period", str(error))
            else:
                if parsed.type != indicator.period_type:
                    self.add_error(
                        "period",
                        _("%(i)s is reported per %(t)s.")
                        % {"i": indicator.name, "t": indicator.get_period_type_display().lower()},
                    )
        return data
