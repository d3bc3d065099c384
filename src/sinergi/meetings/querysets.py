from django.utils import timezone

from sinergi.core.querysets import RestrictedQuerySet
from sinergi.meetings.choices import OPEN_STATUSES


class ActionItemQuerySet(RestrictedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Open follow-ups whose due date has passed."""
        return self.open().filter(due_date__lt=today or timezone.localdate())
