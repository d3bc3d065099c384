"""sinergi import FILE [--dry-run] [--user NAME]: indicator values from a CSV or XLSX file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sinergi.core.models import record_event
from sinergi.core.records import REGISTRY, import_records, template
from sinergi.indicators.imports import COLUMNS, OPTIONAL, import_values


class Command(BaseCommand):
    help = (
        f"Import indicator values (header: {','.join(COLUMNS + OPTIONAL)}). Checks every row and "
        "writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", default=Path("-"))
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--user", help="import as this user (their role decides what may change)"
        )
        parser.add_argument(
            "--records",
            choices=sorted(REGISTRY),
            help="import records of this kind (a Sinergi template) instead of indicator values",
        )
        parser.add_argument(
            "--template", type=Path, help="write the template of --records to this .xlsx and stop"
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}")
        if options["records"]:
            spec = REGISTRY[options["records"]]
            if options["template"]:
                options["template"].write_bytes(template(spec, user))
                self.stdout.write(f"{options['template']}: template of {spec.key}")
                return
            result = import_records(spec, options["file"], user, options["dry_run"])
        else:
            result = import_values(options["file"], user, options["dry_run"])
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{options['file']}: nothing imported, {len(result.problems)} problem(s)"
            )
        verb = "would write" if options["dry_run"] else "imported"
        self.stdout.write(
            f"{options['file'].name}: {result.rows} rows {verb}: {result.created} new, "
            f"{result.updated} changed, {result.unchanged} unchanged."
        )
        if not options["dry_run"]:
            record_event(
                "import", user, f"{options['file'].name}: {result.rows} rows", rows=result.rows
            )
