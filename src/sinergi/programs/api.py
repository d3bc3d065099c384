from rest_framework import serializers

from sinergi.core.api import CleanModelSerializer, GateModelViewSet
from sinergi.programs.filtersets import ProgramFilterSet
from sinergi.programs.models import Program, Theme
from sinergi.regions.models import Region


class ProgramSerializer(CleanModelSerializer):
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False
    )
    focus_regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )

    class Meta:
        model = Program
        fields = ["id", "fiscal_year", "name", "owner", "themes", "budget", "funding_source",
                  "focus_regions", "status", "description", "source"]  # fmt: skip


class ProgramViewSet(GateModelViewSet):
    """Work programs of one organisation for a fiscal year, with themes and focus regions;
    filters as on the programs page (?year=, ?theme=, ?owner=, ?region=, ?group=, ?status=)."""

    queryset = Program.objects.select_related("owner").prefetch_related("themes", "focus_regions")
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
