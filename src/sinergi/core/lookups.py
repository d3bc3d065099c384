"""Typing a record instead of picking it from a list: organisations, regions and people by key or
by the name people use, with suggestions as one types (htmx, `<datalist>`), through the gate.

A `LookupField` is a plain text input without JavaScript: whatever is typed (a key, a name, an
acronym) is resolved when the form is cleaned, among the records the user may use; a name that
matches nothing, or several, is a form error naming what was typed. With htmx the input asks a
search endpoint for suggestions (`<option>` elements) and the browser offers them.

The model's queryset does the matching: `lookup(text)` gives the candidates for a typed text (an
exact key first, then exact names, then a single partial match) and `ranked(text)` the
suggestions, best first; `lookup_key(obj)` is what the input shows for a chosen record.
"""

import json

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from sinergi.core.permissions import VIEW

SUGGESTION_LIMIT = 15
ACTIONS = ("view", "add", "change")


def relevance(text: str, exact: list[str], words: list[str]) -> Case:
    """An ordering annotation: 0 when a field in `exact` is the text (any case), 1 when it starts
    with it, 2 when a word of a field in `words` starts with it, 3 otherwise (contains it)."""
    whens = [When(Q(**{f"{field}__iexact": text}), then=Value(0)) for field in exact]
    whens += [When(Q(**{f"{field}__istartswith": text}), then=Value(1)) for field in exact]
    whens += [When(Q(**{f"{field}__icontains": f" {text}"}), then=Value(2)) for field in words]
    return Case(*whens, default=Value(3), output_field=IntegerField())


class SuggestInput(forms.TextInput):
    """A text input whose suggestions come from `url` as one types (htmx fills a datalist).

    `action` asks the endpoint for records the user may `view`, `add` or `change`; `several`
    marks an input holding a list separated by `separator` (the last item is searched, and a
    picked suggestion is appended by `static/sinergi/suggest.js`)."""

    template_name = "core/widgets/suggest_input.html"

    def __init__(self, url="", action=VIEW, placeholder="", separator="", attrs=None):
        super().__init__(attrs)
        self.url, self.action = url, action
        self.placeholder, self.separator = placeholder, separator

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', name)}-suggestions"
        vals = {"field": name, "action": self.action}
        if self.separator:
            vals["separator"] = self.separator
            attrs["data-suggest-separator"] = self.separator
        attrs.update(
            {
                "list": list_id,
                "autocomplete": "off",
                "hx-get": str(self.url),
                "hx-trigger": "input changed delay:250ms, focus once",
                "hx-target": f"#{list_id}",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps(vals),
            }
        )
        if self.placeholder and "placeholder" not in attrs:
            attrs["placeholder"] = self.placeholder
        context = super().get_context(name, value, attrs)
        context["widget"]["list_id"] = list_id
        return context


def search_text(request) -> str:
    """The text to search for: `?q=`, or the value of the input named by `?field=` (the last
    item of a list)."""
    text = request.GET.get("q") or request.GET.get(request.GET.get("field", ""), "")
    separator = request.GET.get("separator", "")
    if separator in (",", ";"):
        text = text.split(separator)[-1]
    return text.replace("\x00", "").strip()[:100]


def search_action(request) -> str:
    action = request.GET.get("action", VIEW)
    return action if action in ACTIONS else VIEW


class LookupField(forms.Field):
    """One record typed by key or name, resolved among `queryset.restrict(user, action)`.

    The form passes its user with `for_user(user)` (`BootstrapModelForm` and
    `LookupFilterSetMixin` do); without one the gate sees a visitor."""

    default_error_messages = {
        "none": _("Nothing matches “%(text)s”. Type part of the name and pick a suggestion."),
        "several": _(
            "“%(text)s” matches several: %(found)s. Type more of the name, or pick a suggestion."
        ),
    }

    def __init__(self, *, queryset, url, action=VIEW, placeholder="", **kwargs):
        self.queryset, self.action, self.user = queryset, action, None
        kwargs.setdefault("widget", SuggestInput(url=url, action=action, placeholder=placeholder))
        super().__init__(**kwargs)

    def for_user(self, user) -> None:
        self.user = user

    def allowed(self):
        return self.queryset.restrict(self.user, self.action)

    def resolve(self, text: str):
        text = text.replace("\x00", "")  # no name holds NUL (PostgreSQL refuses it in a query)
        candidates = list(self.allowed().lookup(text)[:6]) if text else []
        if not candidates:
            raise ValidationError(
                self.error_messages["none"], code="invalid_choice", params={"text": text[:80]}
            )
        if len(candidates) > 1:
            found = "; ".join(self.allowed().lookup_label(obj) for obj in candidates[:5])
            raise ValidationError(
                self.error_messages["several"],
                code="invalid_choice",
                params={"text": text[:80], "found": found},
            )
        return candidates[0]

    def to_python(self, value):
        text = str(value or "").strip()
        return self.resolve(text) if text else None

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, str) and not value.isdigit():
            return value
        obj = value
        if not isinstance(value, self.queryset.model):
            obj = self.queryset.model._default_manager.filter(pk=value).first()
            if obj is None:
                return value
        return self.queryset.lookup_key(obj)

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial)) != str(data or "").strip()


class LookupMultipleField(LookupField):
    """Several records typed as a list separated by `separator` (each by key or name)."""

    def __init__(self, *, separator=";", **kwargs):
        self.separator = separator
        kwargs.setdefault(
            "widget",
            SuggestInput(
                url=kwargs["url"],
                action=kwargs.get("action", VIEW),
                placeholder=kwargs.get("placeholder", ""),
                separator=separator,
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            items = [str(item) for item in value]
        else:
            items = str(value or "").split(self.separator)
        found, errors = [], []
        for text in (item.strip() for item in items):
            if not text:
                continue
            try:
                obj = self.resolve(text)
            except ValidationError as error:
                errors.extend(error.error_list)
                continue
            if obj not in found:
                found.append(obj)
        if errors:
            raise ValidationError(errors)
        return found

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            return value
        keys = []
        for item in value:
            keys.append(super().prepare_value(item))
        return f"{self.separator} ".join(str(key) for key in keys)

    def has_changed(self, initial, data):
        def keys(value):
            return sorted(str(k).strip() for k in str(value or "").split(self.separator) if k)

        return keys(self.prepare_value(initial)) != keys(data)


class LookupFilterSetMixin:
    """For a django-filter FilterSet: hand the requesting user to its lookup fields, so a filter
    resolves names only among what the user may see."""

    @property
    def form(self):
        form = super().form
        user = getattr(getattr(self, "request", None), "user", None)
        for field in form.fields.values():
            if hasattr(field, "for_user"):
                field.for_user(user)
        return form


@extend_schema_field(OpenApiTypes.STR)  # the API schema: a name, acronym, slug or code
class LookupFilter(django_filters.Filter):
    """A list filter on a record typed by key or name (`field_class`: a `LookupField` with its
    `queryset` and `url`); `apply(queryset, record)` when the rule is not `field_name=record`."""

    field_class = LookupField

    def __init__(self, field_name=None, apply=None, **kwargs):
        self.apply = apply
        kwargs.setdefault("required", False)
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.apply is not None:
            return self.apply(qs, value)
        return qs.filter(**{self.field_name: value})
