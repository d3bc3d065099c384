from sinergi.core.querysets import RestrictedQuerySet
from sinergi.regions.querysets import code_within_q


class OrganizationQuerySet(RestrictedQuerySet):
    def within(self, region, include_self: bool = True):
        """Organisations whose home region is the region or below it."""
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, "home_region_id", include_self))
