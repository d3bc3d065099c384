"""scripts/api_schema.py --check (run by make check) passes on the committed schema and fails,
naming the command to regenerate it, when the committed file no longer matches the API."""

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "api_schema.py"


def api_schema_script():
    spec = importlib.util.spec_from_file_location("api_schema_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_drift_check_passes_then_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    script = api_schema_script()
    monkeypatch.setattr(sys, "argv", ["api_schema.py", "--check"])
    assert script.main() == 0
    stale = tmp_path / "openapi.yaml"
    stale.write_text(script.SCHEMA.read_text().replace("/api/v1/programs/", "/api/v1/program/"))
    monkeypatch.setattr(script, "SCHEMA", stale)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.main() == 1
    out = capsys.readouterr().out
    assert "python scripts/api_schema.py --write" in out and "+  /api/v1/programs/" in out
