from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.core.models import DomainModel, ScopedModel, date_range_errors, ends_after_start
from sinergi.core.permissions import Scope
from sinergi.programs.choices import (
    ROLE_COLORS,
    STATUS_COLORS,
    ActivityStatusChoices,
    CollaborationRoleChoices,
    CollaborationStatusChoices,
    FundingSourceChoices,
    ProgramStatusChoices,
    ThemeGroupChoices,
)
from sinergi.programs.querysets import (
    ActivityQuerySet,
    ProgramQuerySet,
    ThemeQuerySet,
    activity_organization_q,
    collaboration_region_q,
    dismissal_organization_q,
    dismissal_region_q,
    program_region_q,
)

IDR = {"max_digits": 18, "decimal_places": 0, "null": True, "blank": True}


class Theme(DomainModel):
    """The taxonomy where programs meet: priorities, sectors, disaster stages, PKK programs."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    group = models.CharField(_("group"), max_length=20, choices=ThemeGroupChoices.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent theme"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    objects = ThemeQuerySet.as_manager()
    scope = Scope(reference=True)

    class Meta:
        ordering = ["group", "order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Program(ScopedModel):
    """One organisation's work program for a fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), db_index=True)
    name = models.CharField(_("name"), max_length=250)
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("owner"),
        related_name="programs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty when the source does not say who runs it."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="programs", blank=True
    )
    budget = models.DecimalField(_("budget (IDR)"), **IDR)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSourceChoices.choices, blank=True
    )
    focus_regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("focus regions"), related_name="focus_programs", blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProgramStatusChoices.choices,
        default=ProgramStatusChoices.PLANNED,
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = ProgramQuerySet.as_manager()
    scope = Scope(region=program_region_q, organization="owner_id")
    history = HistoricalRecords(m2m_fields=[themes, focus_regions])

    class Meta:
        ordering = ["-fiscal_year", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", args=[self.pk])

    @property
    def status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "secondary")

    def clean(self) -> None:
        errors = {}
        if self.fiscal_year is not None and not 2000 <= self.fiscal_year <= 2100:
            errors["fiscal_year"] = _("Enter a year between 2000 and 2100.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("The budget cannot be negative.")
        if errors:
            raise ValidationError(errors)


class Collaboration(ScopedModel):
    """A partner's part in a program."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="collaborations", on_delete=models.CASCADE
    )
    partner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("partner"),
        related_name="collaborations",
        on_delete=models.PROTECT,
    )
    role = models.CharField(_("role"), max_length=20, choices=CollaborationRoleChoices.choices)
    scope_regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("scope regions"), related_name="collaborations", blank=True
    )
    commitment = models.TextField(_("commitment"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CollaborationStatusChoices.choices,
        default=CollaborationStatusChoices.PROPOSED,
    )

    scope = Scope(region=collaboration_region_q, organization="partner_id")
    history = HistoricalRecords(m2m_fields=[scope_regions])

    class Meta:
        ordering = ["program", "role", "partner__name"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "partner", "role"],
                name="one_role_per_partner_and_program",
                violation_error_message=_("This partner already has this role in the program."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_role_display()} — {self.program}"

    def get_absolute_url(self) -> str:
        return self.program.get_absolute_url() + f"#collaboration-{self.pk}"

    @property
    def role_color(self) -> str:
        return ROLE_COLORS.get(self.role, "secondary")

    @property
    def status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "secondary")


class Activity(ScopedModel):
    """What actually happens under a program: where, when, with whom, for whom, at what cost."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="activities", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=250)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="activities",
        on_delete=models.PROTECT,
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("organisations involved"),
        related_name="activities",
        blank=True,
    )
    stage = models.ForeignKey(
        Theme,
        verbose_name=_("disaster stage"),
        related_name="activities",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"group": ThemeGroupChoices.DISASTER_STAGE},
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    budget_planned = models.DecimalField(_("planned budget (IDR)"), **IDR)
    budget_realised = models.DecimalField(_("realised budget (IDR)"), **IDR)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatusChoices.choices,
        default=ActivityStatusChoices.PLANNED,
    )
    description = models.TextField(_("description"), blank=True)

    objects = ActivityQuerySet.as_manager()
    scope = Scope(region="region_id", organization=activity_organization_q)
    history = HistoricalRecords(m2m_fields=[organizations])

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [ends_after_start("activity_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:activity_detail", args=[self.pk])

    @property
    def status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "secondary")

    def clean(self) -> None:
        errors = date_range_errors(self)
        for field in ("budget_planned", "budget_realised"):
            if (getattr(self, field) or 0) < 0:
                errors[field] = _("A budget cannot be negative.")
        if errors:
            raise ValidationError(errors)


class DismissedSuggestion(DomainModel):
    """A collaboration suggestion (two programs of different owners sharing a theme and an area)
    that someone dismissed: it is not suggested again. The pair is stored lowest id first."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="+", on_delete=models.CASCADE
    )
    other = models.ForeignKey(
        Program, verbose_name=_("other program"), related_name="+", on_delete=models.CASCADE
    )
    dismissed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("dismissed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    # Those who could record the collaboration (an owner of either program may be added as a
    # partner by them) may dismiss it; those who read either program read the dismissal.
    scope = Scope(region=dismissal_region_q, organization=dismissal_organization_q)

    class Meta:
        ordering = ["-dismissed_at"]
        verbose_name = _("dismissed collaboration suggestion")
        verbose_name_plural = _("dismissed collaboration suggestions")
        constraints = [
            models.UniqueConstraint(fields=["program", "other"], name="one_dismissal_per_pair"),
            models.CheckConstraint(
                condition=models.Q(program__lt=models.F("other")),
                name="dismissal_pair_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} / {self.other}"

    def get_absolute_url(self) -> str:
        return self.program.get_absolute_url()
