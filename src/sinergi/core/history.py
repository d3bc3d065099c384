"""Change history of domain data: the "Riwayat" tab, the audit page and restoring a version."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction


@dataclass
class Change:
    record: object  # a simple-history historical record
    kind: str  # "+", "~", "-"
    changes: list  # [(field verbose name, before, after)]


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - m2m history fields and renamed fields
        return name


def changes_of(obj) -> list[Change]:
    """Every version of `obj`, newest first, with what changed from the version before."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    result = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [
                (field_label(type(obj), c.field), display(c.old), display(c.new))
                for c in delta.changes
            ]
        result.append(Change(record, record.history_type, changes))
    return result


def display(value) -> str:
    if isinstance(value, list):  # many-to-many: [{"program": 4, "theme": 7}, …] → "7, …"
        items = [
            str(list(item.values())[-1]) if isinstance(item, dict) else str(item) for item in value
        ]
        return ", ".join(items) or "—"
    return "—" if value in (None, "") else str(value)


def tracked_models() -> list:
    """Domain models whose changes are recorded."""
    return [
        m
        for m in apps.get_models()
        if hasattr(m, "history") and not m.__name__.startswith("Historical")
    ]


def recent_changes(
    model_label: str | None = None, username: str | None = None, since=None, limit: int = 200
):
    """Newest changes across tracked models, for the audit page."""
    rows = []
    for model in tracked_models():
        if model_label and model._meta.label_lower != model_label:
            continue
        queryset = model.history.select_related("history_user").order_by("-history_date")
        if username:
            queryset = queryset.filter(history_user__username=username)
        if since:
            queryset = queryset.filter(history_date__date__gte=since)
        meta = model._meta
        rows.extend(
            (record.history_date, meta.label_lower, meta.verbose_name, record)
            for record in queryset[:limit]
        )
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows[:limit]


# Models whose writes keep other rows in step (indicator values and their summaries) restore
# through their own write path: {model: function(history record) -> restored object}, registered
# by their app's ready() (core imports no app).
RESTORERS: dict[type, Callable] = {}


@transaction.atomic
def restore(record) -> object:
    """Make the object look as it did in `record` (a new version; nothing is lost), through the
    model's restorer where it has one (RESTORERS)."""
    instance = record.instance
    hook = RESTORERS.get(type(instance))
    if hook is not None:
        return hook(record)
    instance.save()
    return instance
