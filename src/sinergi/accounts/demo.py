"""Demo users, one per role (printed by `make run`); the tests use the same personas."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

# (username, role, region code, organisation slug)
DEMO_USERS = [
    ("admin", "admin", "52", None),
    ("koordinator.ntb", "coordinator", "52", None),
    ("operator.lotim", "operator", "52.03", "tp-pkk-52-03"),
    ("viewer.lobar", "viewer", "52.01", None),
]


@transaction.atomic
def ensure_demo_user(username: str, password: str):
    """Create the user with its role if missing; an existing user keeps its password."""
    from sinergi.accounts.models import RoleAssignment

    role, region, org_slug = next((r, g, o) for u, r, g, o in DEMO_USERS if u == username)
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": role == "admin", "is_superuser": role == "admin"}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    organization = None
    if org_slug:
        organization = apps.get_model("organizations", "Organization").objects.get(slug=org_slug)
    RoleAssignment.objects.get_or_create(
        user=user, role=role, region_id=region, organization=organization
    )
    return user, created
