"""Settings come from the environment; production is the default."""

import json
import os
import secrets
import subprocess
import sys

STRONG_KEY = secrets.token_urlsafe(50)


def run_sinergi(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "-m", "sinergi.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_sinergi(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="sinergi.example.go.id",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_is_refused_with_a_clear_message():
    result = run_sinergi("check", ALLOWED_HOSTS="sinergi.example.go.id")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_malformed_boolean_is_named():
    result = run_sinergi("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def database_options(url: str | None) -> dict:
    code = (
        "import json; from sinergi import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"SECRET_KEY": STRONG_KEY, "DEBUG": "0", **({"DATABASE_URL": url} if url else {})})
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_sqlite_url_runs_with_the_settings_of_the_default_file(tmp_path):
    default = database_options(None)
    assert database_options(f"sqlite:///{tmp_path / 'other.sqlite3'}") == default
    assert "journal_mode=WAL" in default["init_command"]
    assert default["transaction_mode"] == "IMMEDIATE"
    assert database_options("postgres://u@127.0.0.1/x") == {"options": "-c jit=off"}


def test_the_embedded_instance_generates_its_secret_key_once_and_keeps_it(tmp_path):
    code = (
        "from sinergi import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, len(s.SECRET_KEY), s.SECRET_KEY)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    env.update(SINERGI_LOCAL="1", SINERGI_HOME=str(tmp_path))

    def settings_line():
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    first, second = settings_line(), settings_line()
    assert first[:2] == ["False", "False"] and int(first[2]) >= 50  # DEBUG off, plain HTTP
    assert first == second  # the same key after a restart: sessions survive it
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text() == first[3] and key_file.stat().st_mode & 0o777 == 0o600


def test_redis_url_moves_the_cache_and_the_queue_to_redis():
    code = (
        "from sinergi import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.HUEY['huey_class'], s.HUEY['url'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    env.update(SECRET_KEY=STRONG_KEY, REDIS_URL="redis://127.0.0.1:6379/8")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "huey.RedisHuey",
        "redis://127.0.0.1:6379/8",
    ]


def test_an_unknown_log_format_is_named():
    result = run_sinergi("check", DEBUG="1", LOG_FORMAT="xml")
    assert result.returncode != 0 and "LOG_FORMAT must be text or json" in result.stderr
