from django.db.models import Exists, OuterRef, Q

from sinergi.core.querysets import RestrictedQuerySet
from sinergi.regions.querysets import code_within_q


class OrganizationQuerySet(RestrictedQuerySet):
    def within(self, region, include_self: bool = True):
        """Organisations whose home region is the region or below it."""
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, "home_region_id", include_self))


def person_region_q(code: str, covering: bool) -> Q:
    """People are placed where the organisations they hold positions in are based."""
    from sinergi.organizations.models import Position
    from sinergi.regions.codes import ancestor_codes

    where = code_within_q(code, "organization__home_region_id")
    if covering:
        where |= Q(organization__home_region_id__in=ancestor_codes(code))
    return Exists(Position.objects.filter(where, person_id=OuterRef("pk")))


def person_organization_q(org_id: int) -> Q:
    from sinergi.organizations.models import Position

    return Exists(Position.objects.filter(person_id=OuterRef("pk"), organization_id=org_id))
