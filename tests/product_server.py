"""A Sinergi server started as the product runs: its own process, DEBUG off, static files
collected and served by WhiteNoise, a fresh SQLite database under a temporary SINERGI_HOME."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PRODUCT_ENV = {"SINERGI_LOCAL": "1", "SINERGI_TASKS_IMMEDIATE": "1"}
UNSET = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")


def product_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(PRODUCT_ENV, SINERGI_HOME=str(home), **extra)
    return env


def sinergi(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sinergi.cli", *args], env=env, check=True, timeout=300,
        capture_output=True,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=5)  # noqa: S310
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@contextmanager
def product_server(home: Path):
    """Yields the base URL of a migrated, empty instance served with DEBUG off."""
    env = product_env(home)
    sinergi(env, "migrate", "--no-input")
    sinergi(env, "collectstatic", "--no-input")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sinergi.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
