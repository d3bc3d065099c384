"""Small model building blocks shared by the domain apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end date is before the start date.")


def ends_after_start(name: str) -> models.CheckConstraint:
    """Database guarantee that an optional date range (start_date, end_date) is not reversed."""
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True)
        | models.Q(start_date__isnull=True)
        | models.Q(end_date__gte=models.F("start_date")),
        name=name,
    )


def date_range_errors(obj) -> dict:
    """The same rule for forms and imports, as a field → message dict for ValidationError."""
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        return {"end_date": END_BEFORE_START}
    return {}
