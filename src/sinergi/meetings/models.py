import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.core.models import DomainModel, ScopedModel
from sinergi.core.permissions import Scope
from sinergi.meetings.choices import (
    ACTION_STATUS_COLORS,
    OPEN_STATUSES,
    ActionStatusChoices,
    ParticipantRoleChoices,
)
from sinergi.meetings.querysets import ActionItemQuerySet


class Meeting(DomainModel):
    """A coordination meeting: where programs meet and agreements are made."""

    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organiser"),
        related_name="organised_meetings",
        on_delete=models.PROTECT,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="meetings",
        on_delete=models.PROTECT,
    )
    summary = models.TextField(_("summary"), blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    source_text = models.TextField(_("source text"), blank=True)

    scope = Scope(region="region_id", organization="organiser_id")

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])


class Participant(DomainModel):
    """An organisation (and optionally one of its people) at a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="participants", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="meeting_participations",
        on_delete=models.PROTECT,
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        related_name="meeting_participations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRoleChoices.choices, default="participant"
    )

    scope = Scope(region="meeting__region_id", organization="meeting__organiser_id")

    class Meta:
        ordering = ["meeting", "role", "organization__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization", "person"], name="one_participation_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}" + (f" — {self.person}" if self.person_id else "")


class Agreement(ScopedModel):
    """What was agreed, and which organisations, programs and regions it concerns."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="agreements", on_delete=models.CASCADE
    )
    text = models.TextField(_("agreement"))
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("organisations"),
        related_name="agreements",
        blank=True,
    )
    programs = models.ManyToManyField(
        "programs.Program", verbose_name=_("programs"), related_name="agreements", blank=True
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), related_name="agreements", blank=True
    )

    scope = Scope(region="meeting__region_id", organization="meeting__organiser_id")
    history = HistoricalRecords(m2m_fields=[organizations, programs, regions])

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(DomainModel):
    """A follow-up: who does what by when, and how far it has come."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="action_items", on_delete=models.CASCADE
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        related_name="action_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    what = models.TextField(_("what"))
    responsible_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("responsible organisation"),
        related_name="action_items",
        on_delete=models.PROTECT,
    )
    responsible_person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("responsible person"),
        related_name="action_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatusChoices.choices, default="open"
    )

    objects = ActionItemQuerySet.as_manager()
    scope = Scope(
        region="responsible_organization__home_region_id",
        organization="responsible_organization_id",
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.what[:80]

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#action-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date and self.status in OPEN_STATUSES and self.due_date < timezone.localdate()
        )

    @property
    def status_color(self) -> str:
        return ACTION_STATUS_COLORS.get(self.status, "secondary")


EVIDENCE_TYPES = {"pdf", "jpg", "jpeg", "png", "webp", "docx", "xlsx", "pptx", "odt", "ods"}
ZIP = b"PK\x03\x04"
# What each type's content starts with (webp: RIFF, its size, WEBP), and for the office formats
# (zip archives) the member that tells them from any zip.
EVIDENCE_MAGIC = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF", b"WEBP"),
}
EVIDENCE_MEMBER = {"docx": "[Content_Types].xml", "xlsx": "[Content_Types].xml",
                   "pptx": "[Content_Types].xml", "odt": "mimetype", "ods": "mimetype"}  # fmt: skip


def content_matches(upload, suffix: str) -> bool:
    """Does the file's content look like its type says (not an HTML page named .pdf)?"""
    upload.seek(0)
    head = upload.read(16)
    try:
        if suffix in EVIDENCE_MAGIC:
            magic = EVIDENCE_MAGIC[suffix]
            return head.startswith(magic[0]) and (len(magic) == 1 or head[8:12] == magic[1])
        if not head.startswith(ZIP):
            return False
        upload.seek(0)
        try:  # the archive's directory only; nothing is decompressed
            return EVIDENCE_MEMBER[suffix] in zipfile.ZipFile(upload).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    finally:
        upload.seek(0)


def validate_evidence(upload) -> None:
    suffix = upload.name.lower().rsplit(".", 1)[-1] if "." in upload.name else ""
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError(
            _("Files of type .%(suffix)s are not accepted as evidence; use %(types)s."),
            params={"suffix": suffix, "types": ", ".join(sorted(EVIDENCE_TYPES))},
            code="type",
        )
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if not content_matches(upload, suffix):
        raise ValidationError(
            _("Its content is not a .%(suffix)s file; upload the original, not a renamed file."),
            params={"suffix": suffix},
            code="content",
        )


class ProgressNote(DomainModel):
    """A dated note on how a follow-up is going."""

    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("follow-up"), related_name="notes", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to="evidence/%Y/%m/",
        blank=True,
        validators=[validate_evidence],
        help_text=_("A photo, scan or document showing the work done (PDF, image, Office file)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    scope = Scope(
        region="action_item__responsible_organization__home_region_id",
        organization="action_item__responsible_organization_id",
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"
