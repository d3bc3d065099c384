"""sinergi demo: the founding meeting (3 February 2023), the published NTB figures and the demo
sign-in."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from sinergi.indicators.demo import load_figures
from sinergi.programs.demo import load_demo

DEMO_USERNAME = "admin"
DEFAULT_DEMO_PASSWORD = "sinergi-ntb-2023"  # noqa: S105 - demo only, printed by make run


class Command(BaseCommand):
    help = "Load the demo: the TP PKK NTB coordination meeting of 3 February 2023. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--no-user", action="store_true", help="do not create the demo admin")

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(
            f"Demo: {result.organizations} organisations, {result.people} officials, "
            f"{result.programs} programs of 2023, {result.collaborations} TP PKK collaborations."
        )
        figures = load_figures()
        self.stdout.write(
            f"Published NTB figures: {figures['indicators']} indicators, "
            f"{figures['values']} values, {figures['targets']} targets (each with its source)."
        )
        if options["no_user"]:
            return
        password = os.environ.get("SINERGI_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Demo sign-in created: {DEMO_USERNAME} / {password}")
        else:
            self.stdout.write(f"Demo sign-in exists: {DEMO_USERNAME} (password unchanged)")
