from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "sinergi.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from sinergi.programs import records  # noqa: F401 - registers its spreadsheet templates
