import re

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Length, Substr

from sinergi.core.codes import code_within_q as code_within_q  # the rule lives in core
from sinergi.core.querysets import RestrictedQuerySet
from sinergi.regions.choices import RegionLevelChoices


class RegionQuerySet(RestrictedQuerySet):
    def within(self, region, include_self: bool = True):
        """The region (optionally) and all its descendants."""
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, include_self=include_self))

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        if text[0].isdigit():
            return self.filter(code__startswith=text)
        return self.filter(name__icontains=text)

    # Typed names: "Kab. Lombok Timur", "kota mataram", "Kec. Sakra", "desa kebon ayu".
    def lookup(self, text: str):
        """Regions a typed text names: its code; else the regions named so (a kind word such as
        "Kecamatan" or "Kab." narrows the level), the widest level first; else the one region
        whose name contains the text."""
        text = (text or "").strip()
        if not text:
            return self.none()
        if text[0].isdigit():
            return self.filter(code=text)
        name, narrowing = typed_name(text)
        if not name:
            return self.none()
        named = self.filter(narrowing, exact_name_q(name)).order_by(Length("code"), "code")
        widest = named.values_list("code", flat=True).first()
        if widest is not None:
            return named.annotate(width=Length("code")).filter(width=len(widest))
        partial = self.filter(narrowing, name__icontains=name).order_by("code")
        return partial if partial[:2].count() == 1 else partial.none()

    def ranked(self, text: str):
        """Suggestions for a typed text, best first: exact names, then names starting with it,
        then a word starting with it; wider levels before narrower ones."""
        text = (text or "").strip()
        if not text:
            return self.none()
        if text[0].isdigit():
            return self.filter(code__startswith=text).order_by(Length("code"), "code")
        name, narrowing = typed_name(text)
        if not name:
            return self.filter(narrowing).order_by(Length("code"), "code")
        return (
            self.filter(narrowing, name__icontains=name)
            .annotate(rank=name_relevance(name))
            .order_by("rank", Length("code"), "name")
            .select_related("parent")
        )

    def lookup_key(self, region) -> str:
        return region.code

    def lookup_label(self, region) -> str:
        parent = f" — {region.parent}" if region.parent_id and region.parent else ""
        return f"{region.full_name} ({region.code}){parent}"

    def with_child_counts(self):
        return self.annotate(child_count=Count("children"))


KIND_WORDS = {
    "provinsi": Q(level="province"),
    "prov": Q(level="province"),
    "kabupaten": Q(level="regency", name__istartswith="kabupaten"),
    "kab": Q(level="regency", name__istartswith="kabupaten"),
    "kota": Q(level="regency", name__istartswith="kota"),
    "kecamatan": Q(level="district"),
    "kec": Q(level="district"),
    "desa": Q(level="village", kind="desa"),
    "kelurahan": Q(level="village", kind="kelurahan"),
    "kel": Q(level="village", kind="kelurahan"),
}
KIND_WORD = re.compile(r"^\s*(" + "|".join(KIND_WORDS) + r")\b\.?\s*", re.IGNORECASE)


def typed_name(text: str) -> tuple[str, Q]:
    """("Lombok Timur", Q(level="regency", ...)) for "Kab. Lombok Timur": the name without its
    kind word, and the condition the kind word sets (none: any level)."""
    match = KIND_WORD.match(text)
    if not match:
        return " ".join(text.split()), Q()
    return " ".join(text[match.end() :].split()), KIND_WORDS[match.group(1).lower()]


def exact_name_q(name: str) -> Q:
    """Regions named `name`; regencies also without their "Kabupaten"/"Kota" word."""
    return (
        Q(name__iexact=name)
        | Q(level="regency", name__iexact=f"Kabupaten {name}")
        | Q(level="regency", name__iexact=f"Kota {name}")
    )


def name_relevance(name: str) -> Case:
    """0: the region is named so; 1: its name (without "Kabupaten"/"Kota") starts so; 2: a word
    of its name starts so; 3: its name contains it."""
    starts = Q(name__istartswith=name)
    for word in ("Kabupaten", "Kota"):
        starts |= Q(level="regency", name__istartswith=f"{word} {name}")
    return Case(
        When(exact_name_q(name), then=Value(0)),
        When(starts, then=Value(1)),
        When(name__icontains=f" {name}", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


class RegionGroupQuerySet(RestrictedQuerySet):
    def of_year(self, year: int):
        return self.filter(year=year)

    def with_members(self):
        """Members in code order, prefetched (one more query)."""
        region_model = self.model._meta.get_field("regions").related_model
        return self.select_related("owner_region").prefetch_related(
            Prefetch("regions", queryset=region_model.objects.order_by("code"))
        )

    def containing(self, region):
        """Groups of which the region is a member."""
        return self.filter(regions=getattr(region, "code", region))


def village_kind_counts(regions) -> dict[str, dict[str, int]]:
    """For regions of one level: {code: {kind: villages below it}} in a single grouped query."""
    regions = list(regions)
    if not regions:
        return {}
    region_model = type(regions[0])  # Region: the models import this module, not the reverse
    width = len(regions[0].code)
    q = Q()
    for region in regions:
        q |= code_within_q(region.code, include_self=False)
    rows = (
        region_model.objects.filter(q, level=RegionLevelChoices.VILLAGE)
        .annotate(ancestor=Substr("code", 1, width))
        .values("ancestor", "kind")
        .annotate(n=Count("code"))
    )
    counts: dict[str, dict[str, int]] = {r.code: {} for r in regions}
    for row in rows:
        counts.setdefault(row["ancestor"], {})[row["kind"]] = row["n"]
    return counts


MANY_CODES = 2000


def among(rows, field: str, codes) -> list:
    """The rows of a queryset whose `field` is one of `codes` (for a `values_list` queryset,
    `field` must be its first column).

    For many codes the queryset is read whole and filtered here: Django prepares every item of an
    IN list, which for tens of thousands of codes costs more than reading the rows it leaves out.
    """
    codes = set(codes)
    if len(codes) <= MANY_CODES:
        return list(rows.filter(**{f"{field}__in": codes}))
    return [
        row for row in rows if (row[0] if isinstance(row, tuple) else getattr(row, field)) in codes
    ]
