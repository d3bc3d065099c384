"""Collaboration suggestions: programs of different organisations (owners) sharing a theme and an
area in the same year, with no collaboration recorded between them and not dismissed.

Two programs share an area when a focus region of one is a focus region of the other or lies
within it (the narrower region is named). A suggestion is turned into a `Collaboration` (the
owner of one program becomes a partner of the other) or dismissed (`DismissedSuggestion`), both
through the permission gate and `core.writes`.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sinergi.core.permissions import CHANGE, can_add
from sinergi.core.writes import OutOfScope, create_checked, save_checked
from sinergi.organizations.models import Organization
from sinergi.programs.choices import CollaborationStatusChoices
from sinergi.programs.models import Collaboration, DismissedSuggestion, Program
from sinergi.programs.services import theme_sort_key


@dataclass
class Suggestion:
    program: Program  # the lower id of the pair
    other: Program
    themes: list  # shared themes, in display order
    regions: list  # the shared areas (the narrower region of each overlap)

    @property
    def key(self) -> tuple[int, int]:
        return (self.program.pk, self.other.pk)

    @property
    def year(self) -> int:
        return self.program.fiscal_year

    @property
    def reason(self) -> str:
        """ "both work on Destana in Kabupaten Lombok Timur, 2023"."""
        return _("both work on %(themes)s in %(regions)s, %(year)s") % {
            "themes": ", ".join(theme.name for theme in self.themes),
            "regions": ", ".join(region.full_name for region in self.regions),
            "year": self.year,
        }

    def partner_of(self, program: Program) -> Program:
        """The other program of the pair, seen from `program`."""
        return self.other if program.pk == self.program.pk else self.program


@dataclass
class Offer:
    """A collaboration the user may record: `partner` (the owner of `source`) joins `program`."""

    program: Program
    source: Program

    @property
    def partner(self):
        return self.source.owner


def overlap(first: Program, second: Program) -> list:
    """The shared areas of two programs' focus regions: for each pair of regions where one is
    the other or lies within it, the narrower one."""
    found = {}
    for a in first.focus_regions.all():
        for b in second.focus_regions.all():
            if a.is_within(b):
                found[a.code] = a
            elif b.is_within(a):
                found[b.code] = b
    return [found[code] for code in sorted(found)]


def find(user, year: int | None = None, program: Program | None = None, region=None) -> list:
    """The suggestions among the programs `user` may see (of `year`, or involving `program`,
    or sharing an area in or above `region`), newest year first, then by program name."""
    programs = Program.objects.restrict(user).filter(owner__isnull=False)
    if program is not None:
        year = program.fiscal_year
    if year is not None:
        programs = programs.filter(fiscal_year=year)
    programs = list(programs.select_related("owner").prefetch_related("themes", "focus_regions"))
    ids = [p.pk for p in programs]
    linked = set(
        Collaboration.objects.filter(program_id__in=ids).values_list("program_id", "partner_id")
    )
    dismissed = set(
        DismissedSuggestion.objects.filter(Q(program_id__in=ids) | Q(other_id__in=ids)).values_list(
            "program_id", "other_id"
        )
    )
    by_year: dict[int, list] = {}
    for p in programs:
        by_year.setdefault(p.fiscal_year, []).append(p)
    found = []
    for group in by_year.values():
        group.sort(key=lambda p: p.pk)
        for first, second in combinations(group, 2):
            if program is not None and program.pk not in (first.pk, second.pk):
                continue
            if first.owner_id == second.owner_id or (first.pk, second.pk) in dismissed:
                continue
            if (first.pk, second.owner_id) in linked or (second.pk, first.owner_id) in linked:
                continue
            themes = {t.pk: t for t in first.themes.all()}.keys() & {
                t.pk for t in second.themes.all()
            }
            if not themes:
                continue
            regions = overlap(first, second)
            if region is not None:
                code = getattr(region, "code", region)
                regions = [r for r in regions if r.is_within(code) or code.startswith(r.code)]
            if not regions:
                continue
            shared = sorted((t for t in first.themes.all() if t.pk in themes), key=theme_sort_key)
            found.append(Suggestion(first, second, shared, regions))
    found.sort(key=lambda s: (-s.year, s.program.name, s.other.name))
    return found


def offers(user, suggestion: Suggestion) -> list[Offer]:
    """The collaborations of the pair `user` may record: a partner is an organisation the user
    may choose on the collaboration form (the gate's `change` on organisations), for a program
    the user sees."""
    if not can_add(user, Collaboration):
        return []
    owners = {suggestion.program.owner_id, suggestion.other.owner_id}
    allowed = set(
        Organization.objects.restrict(user, CHANGE)
        .filter(pk__in=owners)
        .values_list("pk", flat=True)
    )
    result = []
    for program, source in (
        (suggestion.program, suggestion.other),
        (suggestion.other, suggestion.program),
    ):
        if source.owner_id in allowed:
            result.append(Offer(program, source))
    return result


def find_pair(user, first_pk, second_pk) -> Suggestion | None:
    """The current suggestion for two program ids (either order), among what `user` sees."""
    try:
        pair = sorted({int(first_pk), int(second_pk)})
    except (TypeError, ValueError):
        return None
    if len(pair) != 2:
        return None
    first = Program.objects.restrict(user).filter(pk=pair[0]).first()
    if first is None:
        return None
    return next((s for s in find(user, program=first) if s.other.pk == pair[1]), None)


def accept(user, suggestion: Suggestion, program: Program, role: str) -> Collaboration:
    """Record the owner of the pair's other program as a partner of `program` (status proposed,
    scope: the shared areas, commitment: the reason), through the gate."""
    offer = next((o for o in offers(user, suggestion) if o.program.pk == program.pk), None)
    if offer is None:
        raise OutOfScope(
            _("Your role does not allow recording this collaboration for %(program)s.")
            % {"program": program}
        )

    def create():
        collaboration = Collaboration.objects.create(
            program=offer.program,
            partner=offer.partner,
            role=role,
            status=CollaborationStatusChoices.PROPOSED,
            commitment=_("Suggested by Sinergi: %(reason)s.") % {"reason": suggestion.reason},
        )
        collaboration.scope_regions.set(suggestion.regions)
        return collaboration

    with transaction.atomic():
        return save_checked(user, create)


def dismiss(user, suggestion: Suggestion) -> DismissedSuggestion:
    """Remember that `user` dismissed the suggestion, through the gate."""
    return create_checked(
        user,
        DismissedSuggestion,
        program=suggestion.program,
        other=suggestion.other,
        dismissed_by=user,
    )
