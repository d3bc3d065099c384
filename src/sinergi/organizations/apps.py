from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "sinergi.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from sinergi.organizations import records  # noqa: F401 - registers its spreadsheet templates
