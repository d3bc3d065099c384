from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import DomainModel
from sinergi.core.permissions import Scope
from sinergi.extraction.choices import DraftStatusChoices


class IngestDraft(DomainModel):
    """A text read by the extraction and its proposed record, waiting for a person to review
    and confirm it. Nothing reaches meetings or indicator data before that confirmation."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    source_url = models.URLField(_("source address"), blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    result = models.JSONField(_("extraction result"), default=dict)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="ingest_drafts",
        on_delete=models.PROTECT,
        help_text=_("Whose work this text is about; decides who may review it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DraftStatusChoices.choices, default="draft"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        related_name="ingest_drafts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    scope = Scope(region="region_id")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("text import")
        verbose_name_plural = _("text imports")

    def __str__(self) -> str:
        return self.title or self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("extraction:draft_review", args=[self.pk])
