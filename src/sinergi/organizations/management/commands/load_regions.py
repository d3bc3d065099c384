"""sinergi load_regions [--all | --file F]: load the Kemendagri regions and their TP PKK teams."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sinergi.organizations.services import ensure_tp_pkk_teams
from sinergi.regions.choices import LEVEL_ORDER
from sinergi.regions.models import Region
from sinergi.regions.services import (
    INDONESIA_FILE,
    NTB_FILE,
    RegionFileError,
    load_regions,
    read_region_rows,
)


class Command(BaseCommand):
    help = (
        "Load Kemendagri regions (NTB by default, --all for Indonesia) and create the TP PKK team "
        "of every loaded region. Idempotent: a second run changes nothing; renamed areas are "
        "updated."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--all", action="store_true", help="all of Indonesia (91,599 areas)")
        source.add_argument(
            "--file", type=Path, help="a CSV with columns code,name,level,parent_code,kind"
        )
        parser.add_argument("--no-teams", action="store_true", help="do not create TP PKK teams")

    def handle(self, *args, **options):
        path = options["file"] or (INDONESIA_FILE if options["all"] else NTB_FILE)
        if not path.exists():
            raise CommandError(f"File not found: {path}")
        try:
            rows = read_region_rows(path)
        except RegionFileError as exc:
            shown = "\n".join(exc.errors[:50])
            more = f"\n... and {len(exc.errors) - 50} more" if len(exc.errors) > 50 else ""
            raise CommandError(f"{path}: nothing loaded, fix these rows:\n{shown}{more}") from exc
        result = load_regions(rows)
        self.stdout.write(f"Regions from {path.name}:")
        self.stdout.write(
            f"  {'level':<10}{'in file':>10}{'created':>10}{'updated':>10}{'unchanged':>11}"
        )
        for level in LEVEL_ORDER:
            self.stdout.write(
                f"  {level:<10}{result.total[level]:>10,}{result.created[level]:>10,}"
                f"{result.updated[level]:>10,}{result.unchanged[level]:>11,}"
            )
        self.stdout.write(f"  regions in the database: {Region.objects.count():,}")
        if not options["no_teams"]:
            counts = ensure_tp_pkk_teams()
            created = sum(v for k, v in counts.items() if k.endswith("_created"))
            renamed = sum(v for k, v in counts.items() if k.endswith("_renamed"))
            self.stdout.write(f"  TP PKK teams created: {created:,}, renamed: {renamed:,}")
