"""Questions the indicator pages ask of their models, as queryset methods (all permission-gated:
RestrictedQuerySet)."""

from sinergi.core.querysets import RestrictedQuerySet


class IndicatorQuerySet(RestrictedQuerySet):
    def for_list(self):
        """By name, with the owner, themes and level input the list shows (two queries)."""
        return (
            self.prefetch_related("themes").select_related("owner", "count_input").order_by("name")
        )

    def key(self):
        """The key indicators (region cards, home page), by name."""
        return self.filter(is_key=True).order_by("name")


class DataValueQuerySet(RestrictedQuerySet):
    def cell(self, indicator, region, period: str):
        """The value of one indicator, region and period (at most one row)."""
        return self.filter(indicator=indicator, region=region, period=period)
