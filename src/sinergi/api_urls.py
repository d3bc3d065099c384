"""The REST API (JSON): /api/v1/<resource>/, also answered at /api/<resource>/ (an alias of
the same views). Every endpoint reads and writes through the one permission gate. Sign in with a
session or a personal token (`Authorization: Token <key>`)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from sinergi.accounts.api import TokenView
from sinergi.indicators.api import DataValueViewSet, IndicatorViewSet
from sinergi.meetings.api import ActionItemViewSet, MeetingViewSet
from sinergi.organizations.api import OrganizationViewSet
from sinergi.programs.api import ProgramViewSet
from sinergi.regions.api import RegionGroupViewSet, RegionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet)
router.register("region-groups", RegionGroupViewSet)
router.register("organizations", OrganizationViewSet)
router.register("programs", ProgramViewSet)
router.register("indicators", IndicatorViewSet)
router.register("values", DataValueViewSet)
router.register("meetings", MeetingViewSet)
router.register("follow-ups", ActionItemViewSet)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth_token"),
    *router.urls,
]
