from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """Roles on a user's page; nobody, administrators included, edits their own roles."""

    model = RoleAssignment
    extra = 0
    raw_id_fields = ("region", "organization")

    def has_add_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def _own(request, obj) -> bool:
        return obj is not None and obj.pk == request.user.pk


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Contact"), {"fields": ("phone",)}))
