"""The one write path through the permission gate, for every channel: the pages' forms, the
records imports, the text-import confirm, role management and the REST API.

A change of a stored record needs the right to change it as it is stored *before* the edit (so no
channel can take a record over by naming it), and every saved record must be in the user's scope
*after* the save; both in one transaction, rolled back with `OutOfScope` otherwise. `user=None`
is the system itself (the demo, a CLI run without --user), which the gate does not restrict.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core.permissions import ADD, CHANGE, DELETE, user_can


class OutOfScope(PermissionDenied):
    """A write the gate refused; raised inside the transaction, so nothing of it stays."""


def refusal(obj, stored: bool) -> str:
    if stored:
        return _(
            "%(object)s is outside your role's region or organisation: you may not change it."
        ) % {"object": obj}
    return _(
        "This is outside your role's region or organisation, so it was not saved. Choose a "
        "region and organisation within your scope."
    )


def check_stored(user, obj, action: str = CHANGE, message: str | None = None) -> None:
    """Refuse unless `user` may do `action` on `obj` as it is stored now (edits in memory do not
    count)."""
    if user is not None and not user_can(user, action, obj):
        raise OutOfScope(message or refusal(obj, stored=True))


def save_checked(user, save: Callable, instance=None, message: str | None = None):
    """Run `save` (a form's or serializer's save, or a create) and return what it saved.

    `instance`: the stored record being edited, None for a new one. The edit must be allowed on
    the record as stored, and the saved record must be in scope, or nothing is written."""
    stored = instance is not None and instance.pk is not None
    try:
        with transaction.atomic():
            if stored:
                check_stored(user, instance, CHANGE, message)
            obj = save()
            if user is not None and not user_can(user, CHANGE if stored else ADD, obj):
                raise OutOfScope(message or refusal(obj, stored=False))
    except OutOfScope:
        if not stored and instance is not None:  # the rolled-back row has no id any more
            instance.pk = None
            instance._state.adding = True
        raise
    return obj


def create_checked(user, model, message: str | None = None, **fields):
    """`model.objects.create(**fields)` through the gate."""
    return save_checked(user, lambda: model._default_manager.create(**fields), message=message)


def delete_checked(user, obj, message: str | None = None):
    """Delete `obj` if `user` may delete it as stored, in one transaction."""
    with transaction.atomic():
        check_stored(user, obj, DELETE, message)
        return obj.delete()
