"""Search as you type: small HTML fragments of suggestions for the inputs that take an
organisation, a region or a person, each through the permission gate (`?q=`, or `?field=` naming
the input whose value is sent)."""

from django.urls import path

from sinergi.organizations.views import organization_search, person_search
from sinergi.regions.views import region_search

app_name = "search"

urlpatterns = [
    path("organisations/", organization_search, name="organizations"),
    path("regions/", region_search, name="regions"),
    path("people/", person_search, name="people"),
]
