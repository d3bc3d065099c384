from rest_framework import mixins, serializers

from sinergi.core.api import GateReadOnlyViewSet
from sinergi.meetings.filtersets import ActionItemFilterSet, MeetingFilterSet
from sinergi.meetings.models import ActionItem, Agreement, Meeting


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "text", "organizations", "programs", "regions"]


class MeetingSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "title", "date", "place", "organiser", "region", "summary", "source_url",
                  "agreements"]  # fmt: skip


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "agreement", "what", "responsible_organization",
                  "responsible_person", "due_date", "status", "is_overdue"]  # fmt: skip
        read_only_fields = ["meeting", "agreement", "what", "responsible_organization",
                            "responsible_person", "due_date", "is_overdue"]  # fmt: skip


class MeetingViewSet(GateReadOnlyViewSet):
    """Coordination meetings in scope, with their agreements; filters as on the meetings page."""

    queryset = Meeting.objects.select_related("organiser").prefetch_related(
        "agreements__organizations", "agreements__programs", "agreements__regions"
    )
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet


class ActionItemViewSet(mixins.UpdateModelMixin, GateReadOnlyViewSet):
    """Follow-ups: read in scope; the responsible body's operators update the status."""

    queryset = ActionItem.objects.select_related("meeting")
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer):
        self._save_in_scope(serializer)
