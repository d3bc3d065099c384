"""sinergi clean_imports [--hours 24]: delete uploaded import files never confirmed."""

from django.core.management.base import BaseCommand

from sinergi.indicators.import_views import KEEP_HOURS, remove_stale_uploads


class Command(BaseCommand):
    help = "Delete uploaded import files (MEDIA_ROOT/imports) older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=KEEP_HOURS)

    def handle(self, *args, **options):
        removed = remove_stale_uploads(options["hours"])
        self.stdout.write(f"{removed} stale import file(s) removed.")
