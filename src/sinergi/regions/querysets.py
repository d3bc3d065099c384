from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr

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

    def with_child_counts(self):
        return self.annotate(child_count=Count("children"))


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
