"""Region groups of the demo: the three focus regencies of Destana 2023 named at the founding
meeting of 3 February 2023 ("Fokus di 3 lokasi, yakni Kota Mataram, Kabupaten Lombok Timur dan
Kabupaten Sumbawa Barat")."""

from django.db import transaction

from sinergi.core.models import upsert
from sinergi.regions.choices import RegionGroupPurposeChoices
from sinergi.regions.models import Region, RegionGroup

FOCUS_DESTANA_2023 = {
    "slug": "fokus-destana-2023",
    "year": 2023,
    "name": "Fokus Destana 2023",
    "purpose": RegionGroupPurposeChoices.DESTANA_FOCUS,
    "owner": "52",
    "members": ["52.71", "52.03", "52.07"],  # Kota Mataram, Kab. Lombok Timur, Kab. Sumbawa Barat
    "description": (
        "Tiga lokasi fokus pembentukan Desa/Kelurahan Tangguh Bencana (Destana) tahun 2023, "
        "disampaikan BPBD Provinsi NTB pada rapat koordinasi TP PKK Provinsi NTB, 3 Februari 2023."
    ),
}


@transaction.atomic
def load_groups(source: str) -> RegionGroup:
    """Create or update the demo groups; a second run changes nothing (no new history)."""
    data = FOCUS_DESTANA_2023
    group, _created = upsert(
        RegionGroup,
        slug=data["slug"],
        year=data["year"],
        defaults={
            "name": data["name"],
            "purpose": data["purpose"],
            "description": data["description"],
            "source": source,
            "owner_region": Region.objects.get(code=data["owner"]),
        },
    )
    members = set(data["members"])
    if set(group.regions.values_list("code", flat=True)) != members:
        group.set_members(Region.objects.filter(code__in=members))
    return group
