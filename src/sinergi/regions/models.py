from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.core.permissions import Scope
from sinergi.regions import codes
from sinergi.regions.choices import RegionKindChoices, RegionLevelChoices
from sinergi.regions.querysets import RegionQuerySet

KIND_PREFIX = {
    RegionKindChoices.PROVINSI: "Provinsi",
    RegionKindChoices.KECAMATAN: "Kecamatan",
    RegionKindChoices.DESA: "Desa",
    RegionKindChoices.KELURAHAN: "Kelurahan",
}


class Region(models.Model):
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

        from sinergi.regions.querysets import village_kind_counts

        children = list(self.children.annotate(child_count=Count("children")).order_by("code"))
        below_children = self.level in ("province", "regency")
        kinds = village_kind_counts(children) if below_children else {}
        for child in children:
            child.village_kinds = kinds.get(child.code, {})
        return children

    def village_kinds(self) -> list[tuple[str, int]]:
        """[(kind label, villages of that kind below this region)], empty for a village."""
        from sinergi.regions.querysets import village_kind_counts

        if self.level == RegionLevelChoices.VILLAGE:
            return []
        counts = village_kind_counts([self]).get(self.code, {})
        return [(RegionKindChoices(kind).label, n) for kind, n in counts.items()]

    def descendants(self, include_self: bool = False):
        return Region.objects.within(self, include_self=include_self)

    def is_within(self, other: "Region | str") -> bool:
        other_code = getattr(other, "code", other)
        return self.code == other_code or self.code.startswith(other_code + ".")
