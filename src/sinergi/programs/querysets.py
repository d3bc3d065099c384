from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

from sinergi.regions.querysets import code_within_q


class ProgramQuerySet(models.QuerySet):
    def within(self, region):
        """Programs that take place in the region or below it: a focus region, a partner's scope
        region or an activity lies there; a program without focus regions counts where its owner
        is based."""
        code = getattr(region, "code", region)
        program = apps.get_model("programs", "Program")
        collaboration = apps.get_model("programs", "Collaboration")
        activity = apps.get_model("programs", "Activity")
        focus = program.focus_regions.through.objects.filter(program_id=OuterRef("pk"))
        scope = collaboration.scope_regions.through.objects.filter(
            code_within_q(code, "region_id"), collaboration__program_id=OuterRef("pk")
        )
        acts = activity.objects.filter(code_within_q(code, "region_id"), program_id=OuterRef("pk"))
        return self.filter(
            Exists(focus.filter(code_within_q(code, "region_id")))
            | Exists(scope)
            | Exists(acts)
            | (~Exists(focus) & code_within_q(code, "owner__home_region_id"))
        )

    def involving(self, organization):
        """Programs the organisation owns or takes part in."""
        collaboration = apps.get_model("programs", "Collaboration")
        partner = collaboration.objects.filter(program_id=OuterRef("pk"), partner=organization)
        return self.filter(models.Q(owner=organization) | Exists(partner))


class ThemeQuerySet(models.QuerySet):
    def in_display_order(self):
        """Priorities first, then sectors, disaster stages, Pokja and the 10 Program Pokok PKK."""
        from sinergi.programs.choices import ThemeGroupChoices

        rank = models.Case(
            *(models.When(group=g, then=i) for i, g in enumerate(ThemeGroupChoices.values)),
            output_field=models.IntegerField(),
        )
        return self.alias(group_rank=rank).order_by("group_rank", "order", "name")


class ActivityQuerySet(models.QuerySet):
    def within(self, region):
        code = getattr(region, "code", region)
        return self.filter(code_within_q(code, "region_id"))
