from rest_framework import serializers

from sinergi.core.api import GateReadOnlyViewSet
from sinergi.regions.filtersets import RegionFilterSet
from sinergi.regions.models import Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "kind", "parent"]


class RegionViewSet(GateReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_value_regex = r"[0-9.]+"
