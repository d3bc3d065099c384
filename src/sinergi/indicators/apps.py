from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "sinergi.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from sinergi.indicators import records  # noqa: F401 - registers its spreadsheet templates
