"""The API's side of the one permission gate: every viewset reads through
`Model.objects.restrict(user, action)` and writes through `core.writes`, like the pages."""

import copy

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, viewsets

from sinergi.core.permissions import CHANGE, DELETE, VIEW, user_can
from sinergi.core.writes import OutOfScope, delete_checked, save_checked

ACTION_OF = {"update": CHANGE, "partial_update": CHANGE, "destroy": DELETE}


class StillReferenced(exceptions.APIException):
    """409: a record others still point to (an organisation with teams under it, a region with
    programs…) is not deleted."""

    status_code = 409
    default_code = "protected"


class CleanModelSerializer(serializers.ModelSerializer):
    """Runs the model's own rules (field validators and `clean()`, as the forms and imports do)
    on the object as it would be saved; their messages answer 400 by field."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many = [field.name for field in model._meta.many_to_many]
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=many)  # constraints too: a 400, never an IntegrityError
        except ValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return attrs


class GateViewSetMixin:
    """Lists and details show only rows the user may view; a change or delete of a row the user
    may view but not change answers 403; one it may not view answers 404; a create or change that
    would leave the user's scope is rolled back with 403."""

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, VIEW)

    def get_serializer(self, *args, **kwargs):
        """Related records a write may name are those the user may see, as in the forms."""
        serializer = super().get_serializer(*args, **kwargs)
        for field in getattr(serializer, "fields", {}).values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if not related.read_only and hasattr(queryset, "restrict"):
                related.queryset = queryset.restrict(self.request.user, VIEW)
        return serializer

    def get_object(self):
        obj = super().get_object()
        action = ACTION_OF.get(self.action)
        if action and not user_can(self.request.user, action, obj):
            raise exceptions.PermissionDenied(
                _("Outside your role's scope: you may read this record but not change it.")
            )
        return obj

    def perform_create(self, serializer):
        self._save_in_scope(serializer)

    def perform_update(self, serializer):
        self._save_in_scope(serializer)

    def perform_destroy(self, instance):
        try:
            delete_checked(self.request.user, instance)
        except OutOfScope as refused:
            raise exceptions.PermissionDenied(str(refused)) from refused
        except (ProtectedError, RestrictedError) as protected:
            records = list(protected.protected_objects if isinstance(protected, ProtectedError)
                           else protected.restricted_objects)  # fmt: skip
            raise StillReferenced(
                _("%(record)s is not deleted: %(count)s other records still refer to it "
                  "(%(examples)s). Move or delete them first.")
                % {"record": instance, "count": len(records),
                   "examples": "; ".join(str(record) for record in records[:3])}
            ) from protected  # fmt: skip

    def _save_in_scope(self, serializer):
        """Through the one write path: checked before and after, rolled back when refused."""
        try:
            save_checked(self.request.user, serializer.save, serializer.instance)
        except OutOfScope as refused:
            raise exceptions.PermissionDenied(str(refused)) from refused


class GateReadOnlyViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class GateModelViewSet(GateViewSetMixin, viewsets.ModelViewSet):
    pass
