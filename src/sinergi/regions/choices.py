from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevelChoices(models.TextChoices):
    """The four levels of the Kemendagri hierarchy; the value is also the code's segment count."""

    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/City")
    DISTRICT = "district", _("District")
    VILLAGE = "village", _("Village")


class RegionKindChoices(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa adat")


LEVEL_ORDER = [
    RegionLevelChoices.PROVINCE,
    RegionLevelChoices.REGENCY,
    RegionLevelChoices.DISTRICT,
    RegionLevelChoices.VILLAGE,
]


class RegionGroupPurposeChoices(models.TextChoices):
    """Why a set of regions is named for a year (the badge colour beside each value)."""

    STUNTING_LOCUS = "stunting_locus", _("Stunting locus")
    DESTANA_FOCUS = "destana_focus", _("Destana focus")
    EXTREME_POVERTY = "extreme_poverty", _("Extreme-poverty priority")
    OTHER = "other", _("Other")


PURPOSE_COLORS = {
    RegionGroupPurposeChoices.STUNTING_LOCUS: "success",
    RegionGroupPurposeChoices.DESTANA_FOCUS: "warning",
    RegionGroupPurposeChoices.EXTREME_POVERTY: "danger",
    RegionGroupPurposeChoices.OTHER: "secondary",
}
