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
