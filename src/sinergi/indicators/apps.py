from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "sinergi.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from sinergi.core.history import RESTORERS
        from sinergi.indicators import records  # noqa: F401 - registers its spreadsheet templates
        from sinergi.indicators.models import DataValue
        from sinergi.indicators.services import restore_value

        RESTORERS[DataValue] = restore_value
