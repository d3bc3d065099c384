from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sinergi.core.codes import ancestor_codes, code_within_q
from sinergi.core.models import DomainModel, date_range_errors, ends_after_start
from sinergi.core.permissions import Scope
from sinergi.organizations.choices import ORGANIZATION_TYPE_COLORS, OrganizationTypeChoices
from sinergi.organizations.querysets import OrganizationQuerySet, PersonQuerySet


class Organization(DomainModel):
    """An OPD, a TP PKK team (one per region), a village government, an LKD, an NGO or a
    business."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    org_type = models.CharField(
        _("type"), max_length=20, choices=OrganizationTypeChoices.choices, db_index=True
    )
    home_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("home region"),
        related_name="organizations",
        on_delete=models.PROTECT,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names used in texts, one per item."),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = OrganizationQuerySet.as_manager()
    scope = Scope(region="home_region_id", organization="id")

    class Meta:
        ordering = ["home_region_id", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["home_region"],
                condition=models.Q(org_type="tp_pkk"),
                name="one_tp_pkk_team_per_region",
                violation_error_message=_("This region already has a TP PKK team."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:organization_detail", args=[self.slug])

    @property
    def short_name(self) -> str:
        """The name people use in tables: the first alias, else the name."""
        return self.aliases[0] if self.aliases else self.name

    @property
    def type_color(self) -> str:
        return ORGANIZATION_TYPE_COLORS.get(self.org_type, "secondary")

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.acronym or self.name, self.home_region_id)
        super().save(*args, **kwargs)


def unique_slug(label: str, region_code: str | None) -> str:
    base = slugify(f"{label} {(region_code or '').replace('.', '-')}")[:90] or "organisasi"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def person_region_q(code: str, covering: bool) -> Q:
    """People are placed where the organisations they hold positions in are based (Person.scope;
    Position is defined below, read when the gate runs)."""
    where = code_within_q(code, "organization__home_region_id")
    if covering:
        where |= Q(organization__home_region_id__in=ancestor_codes(code))
    return Exists(Position.objects.filter(where, person_id=OuterRef("pk")))


def person_organization_q(org_id: int) -> Q:
    return Exists(Position.objects.filter(person_id=OuterRef("pk"), organization_id=org_id))


class Person(DomainModel):
    """A named person; honorifics and degrees are kept apart from the name."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("Without honorifics or degrees.")
    )
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("For example: H., Hj., Dr., Drs. H.")
    )
    degrees = models.CharField(
        _("academic degrees"), max_length=60, blank=True, help_text=_("For example: SH., MH.")
    )

    objects = PersonQuerySet.as_manager()
    scope = Scope(region=person_region_q, organization=person_organization_q)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = f"{self.honorific} {self.name}".strip()
        return f"{name}, {self.degrees}" if self.degrees else name


class Position(DomainModel):
    """Who holds which title in which organisation, from when to when."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="positions", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="positions",
        on_delete=models.CASCADE,
    )
    title = models.CharField(_("title"), max_length=150)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    scope = Scope(region="organization__home_region_id", organization="organization_id")

    class Meta:
        ordering = ["organization", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [ends_after_start("position_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.title} {self.organization}: {self.person}"

    def clean(self) -> None:
        errors = date_range_errors(self)
        if errors:
            raise ValidationError(errors)
