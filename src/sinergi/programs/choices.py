from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeGroupChoices(models.TextChoices):
    PRIORITY = "priority", _("Regional priority")
    SECTOR = "sector", _("Sector")
    DISASTER_STAGE = "disaster_stage", _("Disaster management stage")
    POKJA = "pokja", _("TP PKK working group (Pokja)")
    POKOK_PKK = "pokok_pkk", _("Program Pokok PKK")


class ProgramStatusChoices(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class FundingSourceChoices(models.TextChoices):
    APBN = "apbn", _("APBN (state budget)")
    APBD_PROVINCE = "apbd_province", _("APBD Provinsi")
    APBD_REGENCY = "apbd_regency", _("APBD Kabupaten/Kota")
    APBDES = "apbdes", _("APBDes (village budget)")
    CSR = "csr", _("CSR / private")
    COMMUNITY = "community", _("Community (swadaya)")
    OTHER = "other", _("Other")


class CollaborationRoleChoices(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_IMPLEMENTER = "co_implementer", _("Co-implementer")
    FUNDER = "funder", _("Funder")
    MOBILISER = "mobiliser", _("Mobiliser")
    TECHNICAL_SUPPORT = "technical_support", _("Technical support")


class CollaborationStatusChoices(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityStatusChoices(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


STATUS_COLORS = {
    "planned": "secondary",
    "proposed": "secondary",
    "agreed": "info",
    "ongoing": "primary",
    "active": "primary",
    "completed": "success",
    "done": "success",
    "cancelled": "danger",
}
ROLE_COLORS = {
    CollaborationRoleChoices.LEAD: "primary",
    CollaborationRoleChoices.CO_IMPLEMENTER: "info",
    CollaborationRoleChoices.FUNDER: "warning",
    CollaborationRoleChoices.MOBILISER: "success",
    CollaborationRoleChoices.TECHNICAL_SUPPORT: "secondary",
}
