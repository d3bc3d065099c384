import json
import re

from django.db.models import Case, Count, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast, Length

from sinergi.core.querysets import RestrictedQuerySet
from sinergi.regions.querysets import code_within_q


class OrganizationQuerySet(RestrictedQuerySet):
    def within(self, region, include_self: bool = True):
        """Organisations whose home region is the region or below it."""
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, "home_region_id", include_self))

    # Typed organisations: "DPMPD Dukcapil", "bpbd-prov-ntb", "TP PKK Kecamatan Sakra".
    def with_alias_text(self):
        return self.annotate(alias_text=Cast("aliases", TextField()))

    def lookup(self, text: str):
        """Organisations a typed text names: by slug (or id); else by name; else by acronym or
        alias (the widest home region first); else the one whose name contains the text."""
        text = " ".join((text or "").split())
        if not text:
            return self.none()
        keyed = self.filter(Q(slug=text) | Q(pk=int(text)) if is_id(text) else Q(slug=text))
        if keyed.exists() or text.isdigit():  # a number is a record number, never part of a name
            return keyed
        for q in (Q(name__iexact=text), alias_q(text)):
            named = self.with_alias_text().filter(q).order_by(Length("home_region_id"), "name")
            if named.exists():
                return named
        partial = self.with_alias_text().filter(text_q(text)).order_by("name")
        return partial if partial[:2].count() == 1 else partial.none()

    def ranked(self, text: str):
        """Suggestions, best first: exact name, acronym, alias or slug; then names, acronyms or
        aliases starting with the text; then a word of the name; the widest home region first."""
        text = " ".join((text or "").split())
        if not text:
            return self.none()
        starts = Q(name__istartswith=text) | Q(acronym__istartswith=text)
        starts |= Q(alias_text__icontains=json.dumps(text)[:-1])
        rank = Case(
            When(Q(name__iexact=text) | alias_q(text) | Q(slug=text), then=Value(0)),
            When(starts, then=Value(1)),
            When(name__icontains=f" {text}", then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return (
            self.with_alias_text()
            .filter(text_q(text))
            .annotate(rank=rank)
            .order_by("rank", Length("home_region_id"), "name")
            .select_related("home_region")
        )

    def lookup_key(self, organization) -> str:
        """What an input shows for a chosen organisation: its name when no other organisation
        has it, else its slug."""
        return unique_names_or_slugs([organization])[organization.pk]

    def lookup_label(self, organization) -> str:
        acronym = f" ({organization.acronym})" if organization.acronym else ""
        return f"{organization.name}{acronym} — {organization.home_region_id} [{organization.slug}]"


def is_id(text: str) -> bool:
    """A record number within the databases' integers (larger ones would overflow SQLite)."""
    from sinergi.core.forms import BIGGEST_ID

    return text.isascii() and text.isdigit() and int(text) <= BIGGEST_ID


def unique_names_or_slugs(organizations) -> dict[int, str]:
    """{pk: name if the name is unique among all organisations, else slug}, in one query."""
    names = {org.name for org in organizations}
    model = type(next(iter(organizations))) if names else None
    if model is None:
        return {}
    shared = set(
        model._default_manager.filter(name__in=names)
        .values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )
    return {org.pk: org.slug if org.name in shared else org.name for org in organizations}


def alias_q(text: str) -> Q:
    """The acronym or one of the aliases is the text (any case); needs `with_alias_text()`."""
    return Q(acronym__iexact=text) | Q(alias_text__icontains=json.dumps(text))


def text_q(text: str) -> Q:
    """Name, acronym, slug or an alias contains the text; needs `with_alias_text()`."""
    escaped = json.dumps(text)[1:-1]
    return (
        Q(name__icontains=text)
        | Q(acronym__icontains=text)
        | Q(slug__icontains=text)
        | Q(alias_text__icontains=escaped)
    )


PERSON_KEY = re.compile(r"\(#(\d+)\)\s*$")


class PersonQuerySet(RestrictedQuerySet):
    """People typed by name ("Ruslan Abdul Gani"), or "Name (#12)" when two share a name."""

    def lookup(self, text: str):
        text = " ".join((text or "").split())
        key = PERSON_KEY.search(text)
        if key:
            return self.filter(pk=int(key.group(1))) if is_id(key.group(1)) else self.none()
        if is_id(text):
            return self.filter(pk=int(text))
        named = self.filter(name__iexact=text)
        if named.exists():
            return named
        partial = self.filter(name__icontains=text).order_by("name")
        return partial if partial[:2].count() == 1 else partial.none()

    def ranked(self, text: str):
        text = " ".join((text or "").split())
        if not text:
            return self.none()
        rank = Case(
            When(name__iexact=text, then=Value(0)),
            When(name__istartswith=text, then=Value(1)),
            When(name__icontains=f" {text}", then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return self.filter(name__icontains=text).annotate(rank=rank).order_by("rank", "name")

    def lookup_key(self, person) -> str:
        if self.model._default_manager.filter(name__iexact=person.name).count() > 1:
            return f"{person.name} (#{person.pk})"
        return person.name

    def lookup_label(self, person) -> str:
        return f"{person.display_name} (#{person.pk})"
