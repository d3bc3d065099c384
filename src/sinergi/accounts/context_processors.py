from django.utils.functional import SimpleLazyObject


def roles(request):
    """`can_manage_roles` and `is_admin` for the navigation (evaluated only when a template
    asks): links that would only lead to a refusal are not shown."""

    def manage() -> bool:
        from sinergi.accounts.models import RoleAssignment
        from sinergi.core.permissions import can_add

        return request.user.is_authenticated and can_add(request.user, RoleAssignment)

    def administers() -> bool:
        from sinergi.core.permissions import is_admin

        return is_admin(request.user)

    return {"can_manage_roles": SimpleLazyObject(manage), "is_admin": SimpleLazyObject(administers)}
