"""sinergi backup FILE.json.gz: every Sinergi record, history included, counts and checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand

from sinergi.core.backup import write_backup
from sinergi.core.models import record_event


class Command(BaseCommand):
    help = "Write a full data export (gzip-compressed JSON) with per-model counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        summary = write_backup(options["file"])
        rows = sum(d.count for d in summary)
        for digest in summary:
            if digest.count:
                self.stdout.write(f"{digest.label:<40}{digest.count:>10}  {digest.sha256[:16]}")
        self.stdout.write(f"{options['file']}: {rows} rows of {len(summary)} models.")
        record_event("export", None, f"backup {options['file'].name}: {rows} rows", rows=rows)
