from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sinergi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # drf-spectacular finds schema extensions by their class being defined: import it once
        from sinergi.core import api_schema  # noqa: F401
