from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import DomainModel, record_event
from sinergi.core.permissions import Scope
from sinergi.regions.querysets import code_within_q


class User(AbstractUser):
    """Sinergi's own user model, in place from the first migration so it can grow safely."""

    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


class RoleChoices(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    OPERATOR = "operator", _("Operator")
    VIEWER = "viewer", _("Viewer")


def role_region_q(code: str, covering: bool) -> Q:
    """Reading: role rows of the region subtree (`Scope.readers` says who reads roles at all).
    Writing (a coordinator; only administrators grant coordinator and admin roles): viewer and
    operator roles inside the subtree, with no organisation or one based inside it."""
    inside = code_within_q(code, "region_id")
    if covering:
        return inside
    organization_inside = Q(organization__isnull=True) | code_within_q(
        code, "organization__home_region_id"
    )
    return inside & Q(role__in=[RoleChoices.VIEWER, RoleChoices.OPERATOR]) & organization_inside


class RoleAssignment(DomainModel):
    """A user's role in a region subtree, optionally for one organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="role_assignments", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Operators with an organisation change only that organisation's records."),
    )

    # Coordinators read the roles of their region and below and manage the lower ones there;
    # everyone reads their own roles, nobody writes them.
    scope = Scope(
        region=role_region_q,
        writers=("admin", "coordinator"),
        granted=(("coordinator", "add"), ("coordinator", "change"), ("coordinator", "delete")),
        not_own="user_id",
        readers=("admin", "coordinator"),
        subject="user_id",
    )

    class Meta:
        ordering = ["user", "region", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region", "organization"], name="one_assignment_per_scope"
            )
        ]

    def __str__(self) -> str:
        who = self.user.get_username() if self.user_id else "—"
        return f"{who} — {self.get_role_display()} — {self.region_id}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        record_event("role_change", None, f"+ {self}", assignee=self.user.get_username())

    def delete(self, *args, **kwargs):
        record_event("role_change", None, f"- {self}", assignee=self.user.get_username())
        return super().delete(*args, **kwargs)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest of the key is stored (the key is 32 random
    bytes, so a fast digest is as safe as a slow password hash and costs nothing per request);
    the key is shown once, when it is made. The prefix identifies it in lists."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="api_tokens", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
