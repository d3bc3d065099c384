"""Django's admin edits rows directly, past the regions and organisations of a role: it is open
to administrators only (the same `is_admin` as the gate), never to other staff accounts."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from sinergi.core.permissions import is_admin

        return super().has_permission(request) and is_admin(request.user)


class AdminConfig(DjangoAdminConfig):
    default_site = "sinergi.core.admin.AdminSite"
