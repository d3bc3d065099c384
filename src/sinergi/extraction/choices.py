from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatusChoices(models.TextChoices):
    DRAFT = "draft", _("For review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")


class MeaningChoices(models.TextChoices):
    TARGET = "target", _("Target")
    ACHIEVEMENT = "achievement", _("Achievement")
    COUNT = "count", _("Count")
    BUDGET = "budget", _("Budget")
    PERCENTAGE = "percentage", _("Percentage")
    OTHER = "other", _("Other")


# Highlight colours of the evidence on the review page, one per kind of item.
HIGHLIGHT_KINDS = {
    "organizations": "org",
    "people": "person",
    "regions": "region",
    "quantities": "quantity",
    "programs": "program",
    "agreements": "agreement",
}
