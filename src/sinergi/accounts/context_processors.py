from django.utils.functional import SimpleLazyObject


def roles(request):
    """`can_manage_roles` for the navigation (evaluated only when a template asks)."""

    def manage() -> bool:
        from sinergi.accounts.models import RoleAssignment
        from sinergi.core.permissions import can_add

        return request.user.is_authenticated and can_add(request.user, RoleAssignment)

    return {"can_manage_roles": SimpleLazyObject(manage)}
