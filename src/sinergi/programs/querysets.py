from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

from sinergi.core.querysets import RestrictedQuerySet
from sinergi.regions.codes import ancestor_codes
from sinergi.regions.querysets import code_within_q


class ProgramQuerySet(RestrictedQuerySet):
    def within(self, region):
        """Programs that take place in the region or below it: a focus region, a partner's scope
        region or an activity lies there; a program without focus regions counts where its owner
        is based."""
        code = getattr(region, "code", region)
        return self.taking_place(lambda field: code_within_q(code, field))

    def in_group(self, group):
        """Programs that take place in a member region of the group or below one (as `within`)."""
        from sinergi.regions.groups import member_codes, within_q

        codes = member_codes(group)  # read once, used in four subqueries
        return self.taking_place(lambda field: within_q(codes, field))

    def taking_place(self, where):
        """Programs taking place where `where(field)` (a Q on a region code field) says."""
        program = apps.get_model("programs", "Program")
        collaboration = apps.get_model("programs", "Collaboration")
        activity = apps.get_model("programs", "Activity")
        focus = program.focus_regions.through.objects.filter(program_id=OuterRef("pk"))
        scope = collaboration.scope_regions.through.objects.filter(
            where("region_id"), collaboration__program_id=OuterRef("pk")
        )
        acts = activity.objects.filter(where("region_id"), program_id=OuterRef("pk"))
        return self.filter(
            Exists(focus.filter(where("region_id")))
            | Exists(scope)
            | Exists(acts)
            | (~Exists(focus) & where("owner__home_region_id"))
        )

    def involving(self, organization):
        """Programs the organisation owns or takes part in."""
        collaboration = apps.get_model("programs", "Collaboration")
        partner = collaboration.objects.filter(program_id=OuterRef("pk"), partner=organization)
        return self.filter(models.Q(owner=organization) | Exists(partner))


class ThemeQuerySet(RestrictedQuerySet):
    def in_display_order(self):
        """Priorities first, then sectors, disaster stages, Pokja and the 10 Program Pokok PKK."""
        from sinergi.programs.choices import ThemeGroupChoices

        rank = models.Case(
            *(models.When(group=g, then=i) for i, g in enumerate(ThemeGroupChoices.values)),
            output_field=models.IntegerField(),
        )
        return self.alias(group_rank=rank).order_by("group_rank", "order", "name")


class ActivityQuerySet(RestrictedQuerySet):
    def within(self, region):
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, "region_id"))

    def in_group(self, group):
        from sinergi.regions.groups import within_q

        return self.filter(within_q(group, "region_id"))


# Scope rules for the permission gate (see sinergi.core.permissions).


def program_region_q(code: str, covering: bool) -> models.Q:
    """Reading: programs taking place in the subtree (focus, partner scope, activities, owner
    based there) or covering it from an ancestor. Writing: programs of owners based there."""
    owner_here = code_within_q(code, "owner__home_region_id")
    if not covering:  # writing: the owner is based here, or (no owner) a focus region lies here
        program = apps.get_model("programs", "Program")
        focus_here = program.focus_regions.through.objects.filter(
            code_within_q(code, "region_id"), program_id=OuterRef("pk")
        )
        return owner_here | (models.Q(owner__isnull=True) & Exists(focus_here))
    program = apps.get_model("programs", "Program")
    ancestors = ancestor_codes(code)
    focus_above = program.focus_regions.through.objects.filter(
        program_id=OuterRef("pk"), region_id__in=ancestors
    )
    inside = program.objects.within(code).values("pk")
    return (
        owner_here
        | models.Q(pk__in=inside)
        | models.Q(owner__home_region_id__in=ancestors)
        | Exists(focus_above)
    )


def collaboration_region_q(code: str, covering: bool) -> models.Q:
    partner_here = code_within_q(code, "partner__home_region_id")
    if not covering:
        return partner_here
    return partner_here | models.Q(program__in=program_scope_view(code))


def program_scope_view(code: str):
    program = apps.get_model("programs", "Program")
    return program.objects.filter(program_region_q(code, True)).values("pk")


def activity_organization_q(org_id: int) -> models.Q:
    activity = apps.get_model("programs", "Activity")
    involved = activity.organizations.through.objects.filter(
        activity_id=OuterRef("pk"), organization_id=org_id
    )
    return models.Q(program__owner_id=org_id) | Exists(involved)


def dismissal_region_q(code: str, covering: bool) -> models.Q:
    """Reading: a dismissal of a program the user reads. Writing: one owner of the pair is based
    in the subtree (an organisation the user may add as a partner, as a collaboration needs)."""
    if covering:
        programs = program_scope_view(code)
        return models.Q(program__in=programs) | models.Q(other__in=programs)
    return code_within_q(code, "program__owner__home_region_id") | code_within_q(
        code, "other__owner__home_region_id"
    )


def dismissal_organization_q(org_id: int) -> models.Q:
    return models.Q(program__owner_id=org_id) | models.Q(other__owner_id=org_id)
