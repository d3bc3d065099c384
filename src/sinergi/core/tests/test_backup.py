import datetime
import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sinergi.core.backup import BackupError, backup_models, digests, restore, wipe, write_backup
from sinergi.indicators.demo import load_figures
from sinergi.programs.models import Program
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db


def empty_the_database():
    wipe(backup_models())


def test_backup_round_trip_gives_identical_counts_and_checksums(demo, tmp_path):
    load_figures()
    from sinergi.accounts.tokens import create_token

    create_token(make_persona("operator.lotim"), "script")
    # Sub-millisecond times survive exactly (JSON encoders often round them to milliseconds).
    exact = datetime.datetime(2024, 1, 2, 3, 4, 5, 412, tzinfo=datetime.UTC)
    Program.objects.filter(pk=Program.objects.first().pk).update(name="Jam tepat")
    Program.history.filter(history_id=Program.history.first().history_id).update(history_date=exact)
    before = {d.label: (d.count, d.sha256) for d in digests()}
    assert before["regions.Region"][0] == 1294 and before["indicators.DataValue"][0] > 150
    assert before["programs.HistoricalProgram"][0] > 0  # history travels with the data
    path = tmp_path / "sinergi.json.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert "rows of" in out.getvalue()
    # Not into a database that has data: nothing changes.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))
    empty_the_database()
    assert Program.objects.count() == 0
    call_command("restore", str(path), stdout=io.StringIO())
    after = {d.label: (d.count, d.sha256) for d in digests()}
    assert after == before
    assert Program.history.filter(history_date=exact).exists()
    # Sequences continue after the restored rows.
    program = Program.objects.create(name="Baru", fiscal_year=2025)
    assert program.pk > max(Program.objects.exclude(pk=program.pk).values_list("pk", flat=True))


def test_a_restore_that_would_differ_is_rolled_back(demo, tmp_path):
    path = tmp_path / "sinergi.json.gz"
    write_backup(path)
    with gzip.open(path, "rt") as handle:
        document = json.load(handle)
    entry = next(e for e in document["models"] if e["model"] == "programs.Program")
    entry["rows"][0]["fields"]["name"] = "Diubah di dalam berkas"  # checksum no longer matches
    with gzip.open(path, "wt") as handle:
        json.dump(document, handle)
    count = Program.objects.count()
    with pytest.raises(BackupError, match="programs.Program"):
        restore(path, force=True)
    assert Program.objects.count() == count
    assert not Program.objects.filter(name="Diubah di dalam berkas").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not gzip", "not a Sinergi backup"), (gzip.compress(b'{"format": "x"}', mtime=0), "marker")],
)
def test_bad_backup_files_are_named(tmp_path, content, message):
    path = tmp_path / "rusak.json.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--force")
