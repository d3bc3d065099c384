"""The one permission gate: `Model.objects.restrict(user, action)` and `user_can(user, action,
obj)`.

Role assignments (`accounts.RoleAssignment`: user, role, region, optional organisation) become one
queryset filter per model, built from the model's `scope` declaration. Pages, exports, roll-ups,
imports and CLI commands all start from it.

- admin: everything. coordinator: view and approve in its region subtree. operator: view, add,
  change, delete in its subtree, and only for its organisation where one is set. viewer: view.
- "In scope" for reading also covers records placed on an ancestor of the user's region (a
  province-wide program concerns a regency too); writing needs the record inside the subtree.
- Everyone, signed in or not, may view the models listed in the SINERGI_PUBLIC setting (the
  published dashboard); anonymous visitors see nothing else, never personal data.
- Role rows: coordinators write viewer and operator roles in their subtree (with organisations
  based there); nobody writes their own (`Scope.not_own`).

Writes go through `sinergi.core.writes`, which asks this gate before and after saving.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from sinergi.core.codes import ancestor_codes, code_within_q

VIEW, ADD, CHANGE, DELETE, APPROVE = "view", "add", "change", "delete", "approve"
ACTIONS = (VIEW, ADD, CHANGE, DELETE, APPROVE)
ROLE_ACTIONS = {
    "admin": set(ACTIONS),
    "coordinator": {VIEW, APPROVE},
    "operator": {VIEW, ADD, CHANGE, DELETE},
    "viewer": {VIEW},
}
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """How a model's rows sit in the region tree.

    `region`: ORM path to the row's region code, or a callable (code, covering) -> Q.
    `organization`: ORM path to the owning organisation id, or a callable (org id) -> Q.
    `reference`: reference data every signed-in user reads and only admins write.
    `writers`: roles that may write at all (default: as ROLE_ACTIONS says).
    `owner`: ORM path to the user a row belongs to (a queued job): only that user and
    administrators may see or act on it, whatever their roles.
    `not_own`: ORM path to the user a row concerns (a role assignment): nobody, administrators
    included, adds, changes or deletes such rows of their own.
    `readers`: roles that may view at all (None: every role). `subject`: ORM path to the user
    a row is about (a role assignment): that user may always view it.
    """

    region: str | Callable | None = None
    organization: str | Callable | None = None
    reference: bool = False
    writers: tuple = ("admin", "operator")
    granted: tuple = ()  # ((role, action), …) beyond ROLE_ACTIONS for this model
    owner: str | None = None
    not_own: str | None = None
    readers: tuple | None = None
    subject: str | None = None


def roles_of(user) -> list[tuple[str, str, int | None]]:
    """[(role, region code, organisation id)] of a user, read once per request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_sinergi_roles", None)
    if cached is None:
        cached = list(user.role_assignments.values_list("role", "region_id", "organization_id"))
        user._sinergi_roles = cached
    return cached


def scope_key(user) -> str:
    """A cache key part naming what `user` may see: users with the same roles share it."""
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    return ";".join(
        f"{role}:{region}:{org or ''}" for role, region, org in sorted(roles_of(user), key=str)
    )


def is_public(model) -> bool:
    return model._meta.label in getattr(settings, "SINERGI_PUBLIC", ())


def region_q(scope: Scope, code: str, covering: bool) -> Q:
    if callable(scope.region):
        return scope.region(code, covering)
    q = code_within_q(code, scope.region)
    if covering and ancestor_codes(code):
        q |= Q(**{f"{scope.region}__in": ancestor_codes(code)})
    return q


def scope_q(model, user, action: str, scope: Scope | None = None) -> Q | None:
    """The filter for `action` by `user` on `model`: None means every row."""
    scope = scope or getattr(model, "scope", None) or Scope()
    q = _scope_q(model, user, action, scope)
    writing = action in (ADD, CHANGE, DELETE)
    if scope.not_own and writing and q != NOTHING and getattr(user, "pk", None):
        own = Q(**{scope.not_own: user.pk})
        q = ~own if q is None else q & ~own
    return q


def _scope_q(model, user, action: str, scope: Scope) -> Q | None:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    if action == VIEW and is_public(model):
        return None
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    roles = roles_of(user)
    if any(role == "admin" for role, _code, _org in roles):
        return None
    if scope.owner:
        return Q(**{scope.owner: user.pk})
    if scope.reference or scope.region is None:
        return None if action == VIEW and roles else NOTHING
    q = Q(**{scope.subject: user.pk}) if scope.subject and action == VIEW else NOTHING
    for role, code, org in roles:
        if action not in ROLE_ACTIONS[role] and (role, action) not in scope.granted:
            continue
        if action in (ADD, CHANGE, DELETE) and role not in scope.writers:
            continue
        if action == VIEW and scope.readers is not None and role not in scope.readers:
            continue
        if action == ADD and role == "operator" and org and scope.organization == "id":
            continue  # a new organisation is never the operator's own
        role_q = region_q(scope, code, covering=action == VIEW)
        if role == "operator" and org and scope.organization and action != VIEW:
            if callable(scope.organization):
                role_q &= scope.organization(org)
            else:
                role_q &= Q(**{scope.organization: org})
        q |= role_q
    return q


def visible_regions_q(user, model, field: str = "code") -> Q | None:
    """Filter on a region code `field` for the regions whose `model` rows `user` may view (for
    roll-ups: the regions whose figures appear)."""
    return scope_q(model, user, VIEW, Scope(region=field))


def regions_for(user, model, action: str, field: str = "code") -> Q | None:
    """Filter on Region rows (or on another region code `field`): where `user` may do `action`
    on `model` rows (form choices)."""
    scope = getattr(model, "scope", None) or Scope()
    return scope_q(
        model, user, action, Scope(region=field, writers=scope.writers, granted=scope.granted)
    )


def is_admin(user) -> bool:
    """Superusers and holders of the admin role."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(role == "admin" for role, _code, _org in roles_of(user))


def user_can(user, action: str, obj) -> bool:
    """May `user` do `action` on this object as stored? (Writes: `core.writes.save_checked`.)"""
    return type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists()


def can_add(user, model) -> bool:
    """Does `user` hold any role that lets it add rows of `model` somewhere?"""
    q = scope_q(model, user, ADD)
    return q is None or q != NOTHING
