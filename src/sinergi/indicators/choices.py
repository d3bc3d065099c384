from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueTypeChoices(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes/no")
    LEVEL = "level", _("Ordered level")


class AggregationChoices(models.TextChoices):
    """How a region's value is computed from its children's values."""

    SUM = "sum", _("Sum")
    WEIGHTED_AVERAGE = "weighted_average", _("Weighted average")
    MIN = "min", _("Minimum")
    MAX = "max", _("Maximum")
    COUNT_YES = "count_yes", _("Count of yes")
    COUNT_AT_OR_ABOVE = "count_at_or_above", _("Count at or above a level")
    NONE = "none", _("Not aggregated (reported values only)")


class PeriodAggregationChoices(models.TextChoices):
    SUM = "sum", _("Sum")
    LAST = "last", _("Last value")
    MAX = "max", _("Maximum")


class PeriodTypeChoices(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class DirectionChoices(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class DataValueStatusChoices(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class SourceKindChoices(models.TextChoices):
    ENTRY = "entry", _("Data entry")
    IMPORT = "import", _("Import")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Published document")


class TargetKindChoices(models.TextChoices):
    TARGET = "target", _("Target")
    BASELINE = "baseline", _("Baseline")


class RollupStatusChoices(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    PARTIAL = "partial", _("Partial data")
    NO_TARGET = "no_target", _("No target")
    NO_DATA = "no_data", _("No data")


ROLLUP_STATUS_COLORS = {
    "achieved": "success",
    "on_track": "info",
    "behind": "danger",
    "partial": "warning",
    "no_target": "secondary",
    "no_data": "light",
}
ON_TRACK_FROM = 75  # achievement % from which a region counts as on track


class ApprovalStateChoices(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


APPROVAL_STATE_COLORS = {"submitted": "info", "approved": "success", "returned": "warning"}
