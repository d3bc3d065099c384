from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.core.models import ScopedModel
from sinergi.core.permissions import ADD, CHANGE, DELETE, Scope
from sinergi.regions import codes
from sinergi.regions.choices import (
    PURPOSE_COLORS,
    RegionGroupPurposeChoices,
    RegionKindChoices,
    RegionLevelChoices,
)
from sinergi.regions.querysets import RegionGroupQuerySet, RegionQuerySet, village_kind_counts

KIND_PREFIX = {
    RegionKindChoices.PROVINSI: "Provinsi",
    RegionKindChoices.KECAMATAN: "Kecamatan",
    RegionKindChoices.DESA: "Desa",
    RegionKindChoices.KELURAHAN: "Kelurahan",
}


class Region(ScopedModel):
    """An administrative area of the Kemendagri hierarchy, keyed by its dotted code."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevelChoices.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKindChoices.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = RegionQuerySet.as_manager()
    scope = Scope(reference=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["level", "code"], name="region_level_code")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Name with its type prefix: 'Kabupaten Lombok Timur', 'Desa Kebon Ayu'.

        Regency names already carry 'Kabupaten'/'Kota' in the Kemendagri data.
        """
        prefix = KIND_PREFIX.get(self.kind)
        return f"{prefix} {self.name}" if prefix else self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:region_detail", args=[self.code])

    def clean(self) -> None:
        try:
            level = codes.level_of(self.code)
        except ValueError as exc:
            raise ValidationError({"code": str(exc)}) from exc
        if self.level and self.level != level:
            raise ValidationError(
                {
                    "level": _("Code %(code)s is a %(level)s code.")
                    % {"code": self.code, "level": level}
                }
            )
        expected_parent = codes.parent_code(self.code)
        if (self.parent_id or None) != expected_parent:
            raise ValidationError(
                {
                    "parent": _("The parent of %(code)s must be %(parent)s.")
                    % {"code": self.code, "parent": expected_parent or "-"}
                }
            )

    @property
    def ancestor_codes(self) -> list[str]:
        return codes.ancestor_codes(self.code)

    def ancestors(self):
        """Ancestors from the province down (one query)."""
        return Region.objects.filter(code__in=self.ancestor_codes).order_by("code")

    def children_with_counts(self) -> list["Region"]:
        """Children annotated with `child_count` and `village_kinds` ({kind: villages below})."""
        from django.db.models import Count

        children = list(self.children.annotate(child_count=Count("children")).order_by("code"))
        below_children = self.level in ("province", "regency")
        kinds = village_kind_counts(children) if below_children else {}
        for child in children:
            child.village_kinds = kinds.get(child.code, {})
        return children

    def village_kinds(self) -> list[tuple[str, int]]:
        """[(kind label, villages of that kind below this region)], empty for a village."""
        if self.level == RegionLevelChoices.VILLAGE:
            return []
        counts = village_kind_counts([self]).get(self.code, {})
        return [(RegionKindChoices(kind).label, n) for kind, n in counts.items()]

    def descendants(self, include_self: bool = False):
        return Region.objects.within(self, include_self=include_self)

    def is_within(self, other: "Region | str") -> bool:
        other_code = getattr(other, "code", other)
        return self.code == other_code or self.code.startswith(other_code + ".")


class RegionGroup(ScopedModel):
    """A named set of regions for a year and a purpose ("Fokus Destana 2023": Kota Mataram,
    Kab. Lombok Timur, Kab. Sumbawa Barat), used as a filter on lists and roll-ups.

    Its members lie within its owner region, whose coordinators (and administrators) manage it;
    everyone reads it (it is part of the published dashboard)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_("Short key used in addresses; leave empty to derive it from the name."),
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    purpose = models.CharField(
        _("purpose"),
        max_length=20,
        choices=RegionGroupPurposeChoices.choices,
        default=RegionGroupPurposeChoices.OTHER,
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    owner_region = models.ForeignKey(
        Region,
        verbose_name=_("owner region"),
        related_name="owned_region_groups",
        on_delete=models.PROTECT,
        help_text=_("The region whose coordinators manage this group; members lie within it."),
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("members"), related_name="region_groups", blank=True
    )

    objects = RegionGroupQuerySet.as_manager()
    scope = Scope(
        region="owner_region_id",
        writers=("admin", "coordinator"),
        granted=(("coordinator", ADD), ("coordinator", CHANGE), ("coordinator", DELETE)),
    )
    history = HistoricalRecords(m2m_fields=[regions])

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("region group")
        verbose_name_plural = _("region groups")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "year"],
                name="region_group_slug_year_unique",
                violation_error_message=_("A region group with this slug exists for this year."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:group_detail", args=[self.pk])

    @property
    def purpose_color(self) -> str:
        return PURPOSE_COLORS.get(self.purpose, "secondary")

    def clean(self) -> None:
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:100]
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100] or "kelompok"
        super().save(*args, **kwargs)

    def set_members(self, regions) -> None:
        """Replace the members, refusing any outside the owner region."""
        regions = list(regions)
        outside = members_outside(self.owner_region_id, regions)
        if outside:
            raise ValidationError({"regions": outside_message(self.owner_region, outside)})
        self.regions.set(regions)


def members_outside(owner_code: str | None, regions) -> list:
    """The regions (or codes) that do not lie within the owner region `owner_code`."""
    if not owner_code:
        return []
    return [r for r in regions if not codes.is_within(getattr(r, "code", r), owner_code)]


def outside_message(owner, outside) -> str:
    names = ", ".join(str(r) for r in outside)
    return _("Members must lie within the owner region %(owner)s: %(regions)s is outside it.") % {
        "owner": owner,
        "regions": names,
    }


class Instance(models.Model):
    """This installation of Sinergi: the province it serves (its home region), or the whole
    country. One row, written by `sinergi setup`; pages open on the home region."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.CharField(_("name"), max_length=100, blank=True)
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": "province"},
        help_text=_("Empty: a national instance serving every province."),
    )

    scope = Scope(reference=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instance")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="instance_one_row")]

    def __str__(self) -> str:
        return self.name or str(self.home_region or _("Indonesia"))
