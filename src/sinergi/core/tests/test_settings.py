"""Database settings: an SQLite file named by DATABASE_URL runs as the default one does."""

import json
import os
import subprocess
import sys


def database_options(url: str | None, tmp_path) -> dict:
    env = {**os.environ, "SECRET_KEY": "t", "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    code = (
        "import json; from sinergi import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_sqlite_url_gets_the_same_options_as_the_default_file(tmp_path):
    default = database_options(None, tmp_path)
    by_url = database_options(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path)
    assert by_url == default
    assert "journal_mode=WAL" in default["init_command"]
    assert default["transaction_mode"] == "IMMEDIATE"
    assert database_options("postgres://u@127.0.0.1/x", tmp_path) == {"options": "-c jit=off"}
