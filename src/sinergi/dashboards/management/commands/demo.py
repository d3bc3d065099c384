"""sinergi demo: the founding meeting (3 February 2023), the published NTB figures and the demo
sign-in."""

import os

from django.core.management.base import BaseCommand

from sinergi.accounts.demo import DEMO_USERS, ensure_demo_user
from sinergi.extraction.demo import load_meeting
from sinergi.indicators.demo import load_figures
from sinergi.programs.demo import SOURCE, load_demo
from sinergi.regions.demo import load_groups

DEFAULT_DEMO_PASSWORD = "sinergi-ntb-2023"  # noqa: S105 - demo only, printed by make run


class Command(BaseCommand):
    help = "Load the demo: the TP PKK NTB coordination meeting of 3 February 2023. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--no-user", action="store_true", help="do not create the demo users")

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(
            f"Demo: {result.organizations} organisations, {result.people} officials, "
            f"{result.programs} programs of 2023, {result.collaborations} TP PKK collaborations."
        )
        group = load_groups(source=SOURCE)
        self.stdout.write(
            f"Region group: {group.name} ({', '.join(r.name for r in group.regions.all())})."
        )
        meeting = load_meeting()
        self.stdout.write(
            f"Meeting: {meeting} with {meeting.agreements.count()} agreements and "
            f"{meeting.action_items.count()} follow-ups."
        )
        figures = load_figures()
        self.stdout.write(
            f"Published NTB figures: {figures['indicators']} indicators, "
            f"{figures['values']} values, {figures['targets']} targets (each with its source)."
        )
        if options["no_user"]:
            return
        password = os.environ.get("SINERGI_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        for username, role, region, _org in DEMO_USERS:
            _user, created = ensure_demo_user(username, password)
            state = f"password {password}" if created else "exists, password unchanged"
            self.stdout.write(f"Demo sign-in: {username:<16} {role:<12} region {region:<6} {state}")
