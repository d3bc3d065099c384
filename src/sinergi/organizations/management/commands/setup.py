"""sinergi setup --province CODE [--name NAME] | --national: a working empty instance."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sinergi.organizations.setup import SetupError, set_up
from sinergi.regions.choices import LEVEL_ORDER


class Command(BaseCommand):
    help = (
        "Set up this instance for one province (its regions and TP PKK teams from the national "
        "Kemendagri file shipped with Sinergi, and the home region pages open on) or for all 38 "
        "provinces. Migrates the database first. Idempotent. Without arguments it reads "
        "SINERGI_PROVINCE (a province code or 'national') and SINERGI_INSTANCE_NAME."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--province", help="Kemendagri province code, e.g. 51 (Bali)")
        where.add_argument("--national", action="store_true", help="all 38 provinces")
        parser.add_argument("--name", default="", help="the instance's name shown to users")

    def handle(self, *args, province=None, national=False, name="", **options):
        if not province and not national:
            configured = settings.SINERGI_PROVINCE
            if not configured:
                raise CommandError(
                    "Say which province: sinergi setup --province 51, or --national "
                    "(or set SINERGI_PROVINCE)."
                )
            national = configured == "national"
            province = None if national else configured
            name = name or settings.SINERGI_INSTANCE_NAME
        call_command("migrate", "--no-input", verbosity=0)
        try:
            result = set_up(province=province, national=national, name=name)
        except SetupError as exc:
            raise CommandError(str(exc)) from exc
        loaded = result.regions
        self.stdout.write(f"Instance: {result.instance.name}")
        for level in LEVEL_ORDER:
            self.stdout.write(
                f"  {level:<10}{loaded.total[level]:>8,} in the file, "
                f"{loaded.created[level]:>7,} created"
            )
        self.stdout.write(f"  TP PKK teams created: {result.teams_created:,}")
        self.stdout.write(
            "Next: create the first administrator with `sinergi createsuperuser`, sign in, and "
            "give roles at /accounts/roles/."
        )
