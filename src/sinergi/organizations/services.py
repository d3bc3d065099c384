"""TP PKK teams: one per region, at every level, created from the region list (no hand entry)."""

from collections import Counter

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sinergi.organizations.choices import OrganizationTypeChoices
from sinergi.organizations.models import Organization
from sinergi.regions.choices import LEVEL_ORDER
from sinergi.regions.models import Region

BATCH_SIZE = 2000


def team_name(region: Region) -> str:
    return f"TP PKK {region.full_name}"


def team_slug(region_code: str) -> str:
    return "tp-pkk-" + region_code.replace(".", "-")


@transaction.atomic
def ensure_tp_pkk_teams(regions=None) -> Counter:
    """Make sure every region in `regions` (default: all) and its ancestors has its TP PKK team,
    linked to the team of the parent region. Renamed regions rename their team. Idempotent."""
    regions = Region.objects.all() if regions is None else regions
    wanted = set(regions.values_list("code", flat=True))
    for code in list(wanted):
        parts = code.split(".")
        wanted.update(".".join(parts[:i]) for i in range(1, len(parts)))
    teams = {
        home: (pk, name)
        for pk, home, name in Organization.objects.filter(
            org_type=OrganizationTypeChoices.TP_PKK
        ).values_list("pk", "home_region_id", "name")
    }
    counts: Counter = Counter()
    for level in LEVEL_ORDER:
        new, renamed = [], []
        level_regions = Region.objects.filter(level=level).only("code", "name", "kind", "parent_id")
        for region in level_regions.iterator(chunk_size=BATCH_SIZE):
            if region.code not in wanted:
                continue
            name = team_name(region)
            if region.code not in teams:
                parent = teams.get(region.parent_id)
                new.append(
                    Organization(
                        name=name,
                        acronym="TP PKK",
                        slug=team_slug(region.code),
                        org_type=OrganizationTypeChoices.TP_PKK,
                        home_region_id=region.code,
                        parent_id=parent[0] if parent else None,
                    )
                )
            elif teams[region.code][1] != name:
                renamed.append((teams[region.code][0], name))
        # With history rows, like every other change of domain data.
        bulk_create_with_history(new, Organization, batch_size=BATCH_SIZE)
        if renamed:
            names = dict(renamed)
            teams_renamed = list(Organization.objects.filter(pk__in=names))
            for team in teams_renamed:
                team.name = names[team.pk]
            bulk_update_with_history(teams_renamed, Organization, ["name"], batch_size=BATCH_SIZE)
        counts[f"{level}_created"] += len(new)
        counts[f"{level}_renamed"] += len(renamed)
        if new:
            for pk, home, name in Organization.objects.filter(
                org_type=OrganizationTypeChoices.TP_PKK, home_region__level=level
            ).values_list("pk", "home_region_id", "name"):
                teams[home] = (pk, name)
    return counts


def tp_pkk_team(region: Region | str) -> Organization:
    """The TP PKK team of a region, created (with its ancestors' teams) if it is missing."""
    code = getattr(region, "code", region)
    team = Organization.objects.filter(org_type=OrganizationTypeChoices.TP_PKK, home_region_id=code)
    if not team.exists():
        ensure_tp_pkk_teams(Region.objects.filter(code=code))
    return team.get()
