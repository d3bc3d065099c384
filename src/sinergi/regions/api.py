from rest_framework import serializers

from sinergi.core.api import GateReadOnlyViewSet
from sinergi.regions.filtersets import RegionFilterSet, RegionGroupFilterSet
from sinergi.regions.models import Region, RegionGroup


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "kind", "parent"]


class RegionViewSet(GateReadOnlyViewSet):
    """Kemendagri regions (province, kab/kota, kecamatan, desa/kelurahan) by dotted code:
    ?within=52.03 (a subtree), ?level=, ?kind=, ?q= (name or code), ?group= (a region group)."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_value_regex = r"[0-9.]+"


class RegionGroupSerializer(serializers.ModelSerializer):
    owner_region = serializers.CharField(source="owner_region_id", read_only=True)
    regions = serializers.SerializerMethodField(help_text="member region codes")

    class Meta:
        model = RegionGroup
        fields = ["id", "name", "slug", "year", "purpose", "description", "source",
                  "owner_region", "regions"]  # fmt: skip

    def get_regions(self, group) -> list[str]:
        return [region.code for region in group.regions.all()]


class RegionGroupViewSet(GateReadOnlyViewSet):
    """Region groups with their member codes (e.g. to outline them on a map): ?year=, ?purpose=,
    ?region= (a member)."""

    queryset = RegionGroup.objects.with_members()
    serializer_class = RegionGroupSerializer
    filterset_class = RegionGroupFilterSet
