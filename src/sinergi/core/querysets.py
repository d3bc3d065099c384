from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """Base queryset of every domain model: `restrict(user, action)` is the permission gate
    (rules in `sinergi.core.permissions`)."""

    def restrict(self, user, action: str = "view"):
        from sinergi.core.permissions import scope_q

        q = scope_q(self.model, user, action)
        return self if q is None else self.filter(q)
