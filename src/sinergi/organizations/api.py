from rest_framework import serializers

from sinergi.core.api import CleanModelSerializer, GateModelViewSet
from sinergi.organizations.filtersets import OrganizationFilterSet
from sinergi.organizations.models import Organization
from sinergi.regions.models import Region


class OrganizationSerializer(CleanModelSerializer):
    home_region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())

    class Meta:
        model = Organization
        fields = ["id", "name", "acronym", "slug", "org_type", "home_region", "parent", "aliases",
                  "description", "website"]  # fmt: skip


class OrganizationViewSet(GateModelViewSet):
    """Organisations (OPD, TP PKK teams of every region, villages, NGOs…) by slug; written by
    those whose role covers the organisation's home region."""

    queryset = Organization.objects.select_related("home_region")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    lookup_field = "slug"
