"""sinergi rollup INDICATOR PERIOD [--region CODE] [--level LEVEL] [--json] [--verify]"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sinergi.indicators import reference
from sinergi.indicators.aggregates import rebuild
from sinergi.indicators.models import Indicator
from sinergi.indicators.periods import PeriodError
from sinergi.indicators.reports import visible
from sinergi.indicators.rollup import RollupError, rollup
from sinergi.regions.choices import RegionLevelChoices
from sinergi.regions.instance import home_region_code
from sinergi.regions.models import Region

JSON_KEYS = [
    "code",
    "name",
    "level",
    "reported",
    "computed",
    "value",
    "target",
    "achievement_pct",
    "children_reporting",
    "children_total",
    "basis",  # reported / computed / partial / "": where `value` comes from (figures.py)
    "partial",  # computed from only some children: not the region's figure, not judged
    "coverage_pct",
    "status",
]


class Command(BaseCommand):
    help = "Roll an indicator up from every village to the province for one period."

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="indicator code, e.g. destana_formed")
        parser.add_argument("period", help="2023, 2023Q1 or 202302")
        parser.add_argument(
            "--region", default=None, help="root of the subtree (default: the home region)"
        )
        parser.add_argument("--level", choices=RegionLevelChoices.values, help="only this level")
        parser.add_argument("--json", action="store_true", help="print a JSON list of rows")
        parser.add_argument(
            "--user", help="show only what this user may see (default: the server operator, all)"
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="recompute from the raw values and report any difference with the summaries",
        )

        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="recompute the summaries of this indicator and period from the raw values",
        )

    def handle(self, *args, **options):
        indicator = Indicator.objects.filter(code=options["indicator"]).first()
        if indicator is None:
            raise CommandError(
                f"Unknown indicator {options['indicator']!r}; see /indicators/ for codes"
            )
        code = options["region"] or home_region_code()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"Unknown region code {code!r}")
        if options["rebuild"]:
            with transaction.atomic():
                rebuild(indicator, options["period"])
            self.stdout.write(f"Summaries of {indicator.code} {options['period']} rebuilt.")
            return
        if options["verify"]:
            problems = reference.verify(indicator, options["period"], region.code)
            for line in problems:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{len(problems)} summaries differ from the raw values")
            self.stdout.write("Summaries agree with a recomputation from the raw values.")
            return
        regions = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}")
            regions = visible(user).within(region)
            if not regions.filter(code=region.code).exists():
                raise CommandError(f"{region.code} is outside what {user.username} may see")
        try:
            rows = rollup(indicator, options["period"], region, options["level"], regions=regions)
        except (PeriodError, RollupError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            data = [{key: row.as_json()[key] for key in JSON_KEYS} for row in rows]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{indicator.code} {options['period']}: {indicator.name}")
        header = (
            f"{'code':<14}{'name':<36}{'value':>12}{'target':>12}{'achv %':>8}{'coverage':>10}"
            "  basis"
        )
        self.stdout.write(header)
        for row in rows:
            achievement = "—" if row.partial else fmt(row.achievement_pct)  # partial: not judged
            self.stdout.write(
                f"{row.code:<14}{row.name[:35]:<36}{fmt(row.value):>12}{fmt(row.target):>12}"
                f"{achievement:>8}{row.children_reporting:>5}/{row.children_total:<4}"
                f"  {row.basis or '—'}"
            )


def fmt(value) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}"
