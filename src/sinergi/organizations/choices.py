from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationTypeChoices(models.TextChoices):
    OPD = "opd", _("Regional government agency (OPD)")
    TP_PKK = "tp_pkk", _("TP PKK team")
    VILLAGE_GOVERNMENT = "village_government", _("Village government")
    LKD = "lkd", _("Village community institution (LKD)")
    NGO = "ngo", _("NGO")
    PRIVATE = "private", _("Private company")
    OTHER = "other", _("Other")


ORGANIZATION_TYPE_COLORS = {
    OrganizationTypeChoices.OPD: "primary",
    OrganizationTypeChoices.TP_PKK: "success",
    OrganizationTypeChoices.VILLAGE_GOVERNMENT: "info",
    OrganizationTypeChoices.LKD: "warning",
    OrganizationTypeChoices.NGO: "secondary",
    OrganizationTypeChoices.PRIVATE: "dark",
    OrganizationTypeChoices.OTHER: "light",
}
