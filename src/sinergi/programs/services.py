"""The 5W view: who does what, where, when and for whom, as an organisations × themes matrix."""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.programs.choices import ThemeGroupChoices
from sinergi.programs.models import Activity, Collaboration, Program

OWNER_ROLE = "owner"


@dataclass
class FiveWCell:
    programs: list = field(default_factory=list)  # [(program, role label)]
    activities: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.programs or self.activities)


@dataclass
class FiveWMatrix:
    region: object
    year: int
    organizations: list
    themes: list
    cells: dict  # {(organization pk, theme pk or None): FiveWCell}
    program_count: int
    activity_count: int

    def rows(self):
        """[(organization, [(theme, cell), …]), …] in display order, for templates."""
        return [
            (
                org,
                [
                    (theme, self.cells.get((org.pk, theme.pk if theme else None)))
                    for theme in self.themes
                ],
            )
            for org in self.organizations
        ]


GROUP_ORDER = list(ThemeGroupChoices.values)


def theme_sort_key(theme) -> tuple:
    return (GROUP_ORDER.index(theme.group), theme.order, theme.name)


def default_year() -> int:
    latest = Program.objects.aggregate(year=Max("fiscal_year"))["year"]
    return latest or timezone.localdate().year


def five_w_matrix(region, year: int, user=None, group=None) -> FiveWMatrix:
    """Programs of `year` in `region` or below it, and their activities there, by who × theme;
    with a region `group`, only those in a member region of the group or below one.

    An organisation appears in a program's cells as its owner, as a partner (with its role) and as
    an organisation involved in one of its activities in the region.
    """
    activities = Activity.objects.restrict(user).within(region)
    programs = Program.objects.restrict(user).filter(fiscal_year=year).within(region)
    if group is not None:
        activities = activities.in_group(group)
        programs = programs.in_group(group)
    activities = (
        activities.select_related("region").prefetch_related("organizations").order_by("start_date")
    )
    programs = (
        programs.select_related("owner")
        .prefetch_related(
            "themes",
            Prefetch(
                "collaborations",
                queryset=Collaboration.objects.restrict(user).select_related("partner"),
            ),
            Prefetch("activities", queryset=activities),
        )
        .order_by("name")
    )
    cells: dict = {}
    organizations: dict = {}
    themes: dict = {}
    activity_count = 0
    programs = list(programs)
    for program in programs:
        program_themes = list(program.themes.all()) or [None]
        for theme in program_themes:
            if theme is not None:
                themes[theme.pk] = theme
        roles = []
        if program.owner:
            roles.append((program.owner, _("owner")))
        roles.extend((c.partner, c.get_role_display()) for c in program.collaborations.all())
        for org, role in roles:
            organizations[org.pk] = org
            for theme in program_themes:
                cell = cells.setdefault((org.pk, theme.pk if theme else None), FiveWCell())
                cell.programs.append((program, role))
        for activity in program.activities.all():
            activity_count += 1
            involved = {org.pk: org for org in activity.organizations.all()}
            if not involved and program.owner:
                involved[program.owner.pk] = program.owner
            for org in involved.values():
                organizations[org.pk] = org
                for theme in program_themes:
                    cell = cells.setdefault((org.pk, theme.pk if theme else None), FiveWCell())
                    cell.activities.append(activity)
    theme_list = sorted(themes.values(), key=theme_sort_key)
    if any(key[1] is None for key in cells):
        theme_list.append(None)
    return FiveWMatrix(
        region=region,
        year=year,
        organizations=sorted(organizations.values(), key=lambda o: (o.home_region_id, o.name)),
        themes=theme_list,
        cells=cells,
        program_count=len(programs),
        activity_count=activity_count,
    )
