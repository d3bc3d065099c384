"""A full data export (JSON, gzip-compressed) and its import into an empty database.

The file lists every Sinergi model with its row count, a SHA-256 checksum of its rows in a
canonical form, and the rows themselves (history and audit events included, so nothing of the
record is lost when moving between servers). `restore` writes everything in one transaction and
recomputes the counts and checksums from the database before committing: a restore that would
not reproduce the backup exactly is rolled back.
"""

import contextlib
import datetime
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "sinergi-backup"
VERSION = 1
APPS = (
    "accounts",
    "core",
    "regions",
    "organizations",
    "programs",
    "indicators",
    "meetings",
    "extraction",
)
# Rows of these mean the database holds someone's data: restore refuses to overwrite it.
USER_DATA = ("regions.Region", "organizations.Organization", "indicators.DataValue",
             "meetings.Meeting", "programs.Program")  # fmt: skip
BATCH = 2000


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds (it rounds them to milliseconds,
    which would make a restored record differ from the original)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(ValueError):
    """A backup file that cannot be restored here; the message says why."""


@dataclass
class ModelDigest:
    label: str
    count: int
    sha256: str


def backup_models() -> list:
    """In the order of APPS: a model's natural-key references (a token's user) load first."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model._meta.proxy and model._meta.managed
    ]
    return sorted(models, key=lambda model: APPS.index(model._meta.app_label))


def _rows(model) -> list[dict]:
    queryset = model._base_manager.order_by("pk")
    rows = serializers.serialize(
        "python", queryset.iterator(chunk_size=BATCH), use_natural_foreign_keys=True
    )
    for row in rows:
        row.pop("model", None)
        for name, value in row["fields"].items():
            if isinstance(value, list) and model._meta.get_field(name).many_to_many:
                row["fields"][name] = sorted(value, key=str)
    return rows


def _digest(rows: list[dict]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, sort_keys=True, cls=ExactEncoder).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def digests() -> list[ModelDigest]:
    """Counts and checksums of every backed-up model as the database holds it now."""
    result = []
    for model in backup_models():
        rows = _rows(model)
        result.append(ModelDigest(model._meta.label, len(rows), _digest(rows)))
    return result


def write_backup(path: Path) -> list[ModelDigest]:
    models = []
    summary = []
    with transaction.atomic():  # one consistent snapshot
        for model in backup_models():
            rows = _rows(model)
            digest = ModelDigest(model._meta.label, len(rows), _digest(rows))
            summary.append(digest)
            models.append(
                {"model": digest.label, "count": digest.count, "sha256": digest.sha256,
                 "rows": rows}
            )  # fmt: skip
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "models": models,
    }
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, cls=ExactEncoder)
    return summary


def read_backup(path: Path) -> dict:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path}: not a Sinergi backup (gzip-compressed JSON).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path}: not a Sinergi backup (no '{FORMAT}' marker).")
    if document.get("version") != VERSION:
        raise BackupError(
            f"{path}: backup version {document.get('version')}; this Sinergi reads {VERSION}."
        )
    return document


def restore(path: Path, force: bool = False) -> list[ModelDigest]:
    """Load a backup into this database; all or nothing, verified before commit."""
    document = read_backup(path)
    known = {model._meta.label: model for model in backup_models()}
    unknown = [entry["model"] for entry in document["models"] if entry["model"] not in known]
    if unknown:
        raise BackupError(f"Models unknown to this Sinergi version: {', '.join(unknown)}")
    with transaction.atomic():
        if not force:
            filled = [label for label in USER_DATA if known[label]._base_manager.exists()]
            if filled:
                raise BackupError(
                    "The database is not empty (it has rows in "
                    + ", ".join(filled)
                    + "): restore into a new database, or use --force to replace everything."
                )
        # Seed rows of data migrations (themes, Destana indicators) give way to the backup's.
        wipe(list(known.values()))
        for entry in document["models"]:
            _load(known[entry["model"]], entry["rows"])
        _reset_sequences(list(known.values()))
        expected = {
            entry["model"]: (entry["count"], entry["sha256"]) for entry in document["models"]
        }
        result = digests()
        wrong = [
            d.label for d in result if (d.count, d.sha256) != expected.get(d.label, (0, d.sha256))
        ]
        if wrong:
            raise BackupError(
                "After loading, these differ from the backup (nothing was kept): "
                + ", ".join(wrong)
            )
    return result


def wipe(models) -> None:
    """Delete every row of these models and their many-to-many links (no signals, no history:
    the caller's transaction puts the backup's rows in their place)."""
    for model in reversed(models):
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                through._base_manager.all()._raw_delete(through._base_manager.db)
        model._base_manager.all()._raw_delete(model._base_manager.db)


@contextlib.contextmanager
def _stored_times(model):
    """Keep the backup's timestamps: auto_now/auto_now_add would stamp the restore time."""
    switched = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _add in switched:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, add in switched:
            field.auto_now, field.auto_now_add = now, add


def _load(model, rows: list[dict]) -> None:
    with _stored_times(model):
        _load_rows(model, rows)


def _load_rows(model, rows: list[dict]) -> None:
    label = model._meta.label_lower
    objects, links = [], []
    for item in serializers.deserialize(
        "python", ({"model": label, **row} for row in rows), handle_forward_references=True
    ):
        objects.append(item.object)
        for name, values in (item.m2m_data or {}).items():
            links.append((name, item.object.pk, values))
        if len(objects) >= BATCH:
            model._base_manager.bulk_create(objects)
            objects = []
    if objects:
        model._base_manager.bulk_create(objects)
    for name, pk, values in links:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through._base_manager.bulk_create(
            [through(**{f"{source}_id": pk, f"{target}_id": value}) for value in values]
        )


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
