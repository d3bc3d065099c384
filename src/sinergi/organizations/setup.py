"""Setting up an instance for one province, or for the whole country, from the national
Kemendagri file shipped with the package: its regions, the TP PKK team of every region, and the
instance's home region. Idempotent; never deletes."""

from dataclasses import dataclass

from django.db import transaction

from sinergi.organizations.services import ensure_tp_pkk_teams
from sinergi.regions import codes
from sinergi.regions.instance import set_instance
from sinergi.regions.models import Instance, Region
from sinergi.regions.services import INDONESIA_FILE, LoadResult, load_regions, read_region_rows


class SetupError(ValueError):
    """What is asked cannot be set up; the message says why and what to do."""


@dataclass
class SetupResult:
    instance: Instance
    regions: LoadResult
    teams_created: int


def provinces() -> dict[str, str]:
    """{code: name} of the 38 provinces in the shipped national file."""
    return {r["code"]: r["name"] for r in national_rows() if r["level"] == "province"}


def national_rows() -> list[dict]:
    return read_region_rows(INDONESIA_FILE)


def province_rows(code: str) -> list[dict]:
    rows = [r for r in national_rows() if codes.is_within(r["code"], code)]
    if not rows or rows[0]["level"] != "province":
        known = ", ".join(f"{c} {n}" for c, n in sorted(provinces().items()))
        raise SetupError(f"{code} is not a province code. The provinces are: {known}.")
    return rows


def check_not_serving_another(home: str | None) -> None:
    """Setting up again is harmless; a province may grow into a national instance; nothing else."""
    current = Instance.objects.filter(pk=1).select_related("home_region").first()
    if current is None or current.home_region_id == home or home is None:
        return
    if current.home_region_id is None:
        raise SetupError(
            "This instance serves every province (national); it cannot become a one-province "
            "instance. Set up the province in a new database."
        )
    raise SetupError(
        f"This instance serves {current.home_region} ({current.home_region_id}). Set up "
        f"{home} in a new database, or run `sinergi setup --national` to serve every province."
    )


@transaction.atomic
def set_up(province: str | None = None, national: bool = False, name: str = "") -> SetupResult:
    """Load the province's (or every province's) regions and TP PKK teams; set the home region."""
    if national == bool(province):
        raise SetupError("Give a province code (--province 51) or --national, not both.")
    rows = national_rows() if national else province_rows(province)
    check_not_serving_another(None if national else province)
    loaded = load_regions(rows)
    within = Region.objects.all() if national else Region.objects.within(province)
    teams = ensure_tp_pkk_teams(within)
    home = None if national else Region.objects.get(code=province)
    default_name = "Sinergi Indonesia" if national else f"Sinergi {home}"
    instance = set_instance(home, name or default_name)
    created = sum(v for k, v in teams.items() if k.endswith("_created"))
    return SetupResult(instance=instance, regions=loaded, teams_created=created)
