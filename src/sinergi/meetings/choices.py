from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantRoleChoices(models.TextChoices):
    HOST = "host", _("Host")
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")


class ActionStatusChoices(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


ACTION_STATUS_COLORS = {
    "open": "secondary",
    "in_progress": "primary",
    "done": "success",
    "cancelled": "dark",
}
OPEN_STATUSES = (ActionStatusChoices.OPEN, ActionStatusChoices.IN_PROGRESS)
