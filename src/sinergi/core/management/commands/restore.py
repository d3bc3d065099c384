"""sinergi restore FILE.json.gz [--force]: load a backup into an empty database, verified."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sinergi.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load a Sinergi backup into this (migrated, empty) database in one transaction; counts "
        "and checksums are recomputed and must equal the backup's, or nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace the data this database already has"
        )

    def handle(self, *args, **options):
        if not options["file"].is_file():
            raise CommandError(f"{options['file']}: no such file")
        try:
            result = restore(options["file"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(d.count for d in result)
        self.stdout.write(
            f"Restored {rows} rows of {len(result)} models; counts and checksums identical."
        )
