"""Fuzz the API's committed OpenAPI schema (docs/api/openapi.yaml) with schemathesis against a
running server, as each demo persona.

    python scripts/api_fuzz.py [--max-examples 8] [--seed 1] [--persona operator.lotim ...]

Starts gunicorn on 127.0.0.1 (deploy/gunicorn.conf.py, DEBUG off, as `make run` serves) over a
fresh SQLite database with NTB and the demo in a temporary SINERGI_HOME, makes a personal token
for each persona through POST /api/v1/auth/token/, runs schemathesis over every operation of the
schema with each token (readers first, the administrator last, since its writes change the data
the others would read; the coverage phase, ~1,400 boundary and wrong-type requests, only for the
personas that write), prints the test cases generated and the failures per persona, stops the
server and exits 1 on any server error (5xx), answer the schema does not describe, or error of
schemathesis itself. Needs the dev dependencies (make install-dev).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "docs" / "api" / "openapi.yaml"
PERSONAS = ["viewer.lobar", "operator.lotim", "koordinator.ntb", "admin"]  # the order they run in
CHECKS = "not_a_server_error,response_schema_conformance"
UNSET = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SINERGI_PROVINCE", "ALLOWED_HOSTS")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(home: Path, port: int, password: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(
        SINERGI_HOME=str(home),
        SINERGI_LOCAL="1",  # DEBUG off, plain HTTP on 127.0.0.1, as `make run`
        SINERGI_TASKS_IMMEDIATE="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        SINERGI_DEMO_PASSWORD=password,
        API_RATE_USER="1000000/hour",  # the fuzzer is one client sending thousands of requests
        API_RATE_ANON="1000000/hour",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
    )
    return env


def sinergi(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(BIN / "sinergi"), *args], env=env, check=True, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting (see its log above)")
        try:
            urllib.request.urlopen(f"{url}/health/", timeout=5)  # noqa: S310
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds:g} s")


def make_token(url: str, username: str, password: str) -> str:
    body = json.dumps({"username": username, "password": password, "name": "api_fuzz"}).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{url}/api/v1/auth/token/", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)["token"]


def fuzz(url: str, persona: str, key: str, args, reports: Path) -> dict:
    """One schemathesis run as `persona`; its figures from the NDJSON event stream."""
    events = reports / f"{persona}.ndjson"
    phases = (
        "examples,coverage,fuzzing,stateful"
        if persona in args.coverage
        else ("examples,fuzzing,stateful")
    )
    command = [
        str(BIN / "schemathesis"), "run", str(SCHEMA), "--url", url,
        "--header", f"Authorization: Token {key}",
        "--phases", phases, "--checks", CHECKS,
        "--max-examples", str(args.max_examples), "--seed", str(args.seed),
        "--workers", str(args.workers), "--request-timeout", "30", "--no-color",
        "--suppress-health-check", "all", "--warnings", "off",
        "--report", "ndjson", "--report-ndjson-path", str(events),
    ]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, cwd=reports
    )  # its .schemathesis/ cache goes with the temporary directory
    figures = read_events(events)
    figures.update(persona=persona, seconds=time.monotonic() - started, code=done.returncode)
    figures["output"] = done.stdout + done.stderr
    generated = re.search(r"Test cases:\s+(\d+) generated", figures["output"])
    figures["generated"] = int(generated.group(1)) if generated else 0
    figures["phases"] = phases
    return figures


def read_events(path: Path) -> dict:
    """Requests sent and failures found, from schemathesis's NDJSON events."""
    requests, failures = 0, []
    if not path.exists():
        return {"requests": 0, "failures": ["schemathesis wrote no report"]}
    for line in path.read_text().splitlines():
        event = json.loads(line)
        for name, data in event.items():
            if name != "ScenarioFinished":
                continue
            recorder = data.get("recorder", {})
            for interactions in recorder.get("interactions", {}).values():
                requests += 1 if interactions.get("response") is not None else 0
            for checks in recorder.get("checks", {}).values():
                for check in checks:
                    if str(check.get("status")).lower() == "failure":
                        failure = check.get("failure_info", {}).get("failure", {})
                        text = f"{failure.get('title', '')}: {failure.get('message', '')}"
                        text = " ".join(text.split())[:400]
                        failures.append(f"{recorder.get('label')}: {check.get('name')}: {text}")
    return {"requests": requests, "failures": sorted(set(failures))}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=8, help="per operation and phase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="concurrent schemathesis workers (threads; 2 have crashed its coverage phase on "
        "Python 3.11: `SystemError: AST constructor recursion depth mismatch`)",
    )
    parser.add_argument("--persona", action="append", choices=PERSONAS, help="(default: all)")
    parser.add_argument(
        "--coverage", action="append", choices=PERSONAS,
        help="personas that also run schemathesis's coverage phase (the boundary and wrong-type "
        "values of every parameter, ~1,400 requests each; default: the two that write, "
        "operator.lotim and admin)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the database, log and reports")
    args = parser.parse_args()
    args.coverage = args.coverage or ["operator.lotim", "admin"]
    return args


def main() -> int:
    args = parse_args()
    started = time.monotonic()
    home = Path(tempfile.mkdtemp(prefix="sinergi-fuzz."))
    port, password = free_port(), secrets.token_urlsafe(12)
    env = server_env(home, port, password)
    url = f"http://127.0.0.1:{port}"
    log = (home / "web.log").open("w")
    server = None
    try:
        print(f"== fresh SQLite database in {home}: migrate, NTB, the demo", flush=True)
        with ThreadPoolExecutor(2) as pool:
            static = pool.submit(sinergi, env, "collectstatic", "--no-input", "--verbosity", "0")
            sinergi(env, "migrate", "--no-input", "--verbosity", "0")
            static.result()
        sinergi(env, "load_regions")
        sinergi(env, "demo")
        print(f"== gunicorn on {url} ({time.monotonic() - started:.0f} s)", flush=True)
        server = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "sinergi.wsgi"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        wait_until_up(url, server)
        # Every token first: the fuzzer's wrong passwords on the same endpoint lock the address
        # out (as they would lock out a person), and then no token could be made.
        keys = {persona: make_token(url, persona, password) for persona in args.persona or PERSONAS}
        results = []
        for persona, key in keys.items():
            result = fuzz(url, persona, key, args, home)
            results.append(result)
            print(f"== {persona} ({result['phases']}): {result['generated']} test cases generated, "
                  f"{result['requests']} requests, {len(result['failures'])} failures "
                  f"({result['seconds']:.0f} s)", flush=True)  # fmt: skip
            for failure in result["failures"]:
                print(f"   - {failure}")
            if result["code"] != 0 and not result["failures"]:
                print(result["output"][-4000:])
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
    total = sum(r["requests"] for r in results)
    generated = sum(r["generated"] for r in results)
    failed = sum(len(r["failures"]) for r in results)
    bad = failed or any(r["code"] != 0 for r in results)
    if bad:
        print("== last lines of the server's log")
        print("".join((home / "web.log").read_text().splitlines(keepends=True)[-40:]))
    if args.keep:
        print(f"== kept {home}")
    else:
        shutil.rmtree(home, ignore_errors=True)
    print(f"== api fuzz: {'FAILED' if bad else 'passed'}: {generated} test cases, {total} "
          f"requests, {failed} failures, {len(results)} personas, "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
