"""HTTP smoke test of a running production stack (started by scripts/prod_smoke.sh).

Talks to gunicorn as nginx would after ending TLS (X-Forwarded-Proto: https), so the production
settings hold: Secure cookies, HSTS, CSRF with a same-origin Referer. Standard library only.

python scripts/prod_smoke.py http://127.0.0.1:PORT USERNAME PASSWORD API_TOKEN
"""

import http.client
import json
import re
import sys
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

INDICATOR = "villages_tsunami_prone"
VILLAGES = ["52.03.01.2001", "52.03.01.2002", "52.03.01.2003"]  # Kab. Lombok Timur
PERIOD = "2025"


class Browser:
    """Cookies, CSRF and the proxy's headers, over one host."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        sent = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Request-ID": f"smoke-{uuid.uuid4().hex[:12]}",
            "Referer": self.origin + path,
            **(headers or {}),
        }
        if self.cookies and "Cookie" not in sent:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        assert response.headers["X-Request-ID"] == sent["X-Request-ID"], "request id not echoed"
        return response.status, response.headers, text

    def get(self, path: str, expect: int = 200, **kwargs) -> str:
        status, _headers, text = self.request("GET", path, **kwargs)
        check(status == expect, f"GET {path}: {status}, expected {expect}")
        return text

    def post(self, path: str, data: dict, files: dict | None = None):
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        if files:
            boundary = uuid.uuid4().hex
            body, content_type = (
                multipart(boundary, data, files),
                f"multipart/form-data; boundary={boundary}",
            )
        else:
            body, content_type = urlencode(data).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers={"Content-Type": content_type})


def multipart(boundary: str, data: dict, files: dict) -> bytes:
    lines = []
    for name, value in data.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    for name, (filename, content) in files.items():
        lines += [
            f"--{boundary}",
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"',
            "Content-Type: text/csv",
            "",
            content,
        ]
    return ("\r\n".join([*lines, f"--{boundary}--", ""])).encode()


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"SMOKE FAILED: {message}")


def step(name: str, started: float) -> None:
    print(f"  ok  {name} ({time.monotonic() - started:.1f} s)")


def health(browser: Browser, staff: bool = False) -> None:
    """/health/ passes; signed in as staff it names the backends (a visitor sees no figures)."""
    status, _headers, text = browser.request("GET", "/health/")
    body = json.loads(text)
    check(status == 200 and body["status"] == "ok", f"/health/ {status}: {text}")
    if not staff:
        check("backend" not in text, f"/health/ shows a visitor its backends: {text}")
        return
    check(body["checks"]["queue"]["backend"] == "RedisHuey", f"queue: {body['checks']['queue']}")
    check(body["checks"]["cache"]["backend"] == "RedisCache", f"cache: {body['checks']['cache']}")


def wait_for_job(browser: Browser, path: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = browser.get(path)
        if 'id="job-status" hx-get' not in page:  # finished: the page stops polling
            check("text-danger" not in page.split('id="job-status"')[1][:2000], f"{path} failed")
            return page
        time.sleep(0.5)
    raise SystemExit(f"SMOKE FAILED: {path} did not finish in {seconds} s (is the worker running?)")


def main(base: str, username: str, password: str, token: str) -> None:
    started = time.monotonic()
    browser = Browser(base)
    health(browser)
    step("/health/: database, migrations, cache, queue, disk", started)

    browser.get("/accounts/login/")
    status, headers, _text = browser.post(
        "/accounts/login/?next=/", {"username": username, "password": password}
    )
    check(status == 302 and headers["Location"] == "/", f"sign-in: {status}")
    check("Strict-Transport-Security" in headers, "no HSTS header behind TLS")
    step(f"sign in as {username}", started)
    staff = Browser(base)  # the demo's admin has the demo password too
    staff.get("/accounts/login/")
    status, _headers, _text = staff.post(
        "/accounts/login/?next=/", {"username": "admin", "password": password}
    )
    check(status == 302, f"sign-in as admin: {status}")
    health(staff, staff=True)
    step("/health/ as staff: Redis cache, Redis queue", started)

    home = browser.get("/")
    check(f"Keluar ({username})" in home and '<html lang="id">' in home, "home page not signed in")
    browser.get(f"/indicators/{INDICATOR}/?region=52.03&period={PERIOD}")
    browser.get("/no-such-page/", expect=404)
    step("pages: Beranda, an indicator, Sinergi's 404", started)

    csv = "region,indicator,period,value\n" + "".join(
        f"{code},{INDICATOR},{PERIOD},{n}\n" for n, code in enumerate(VILLAGES, start=1)
    )
    browser.get("/indicators/import/")
    status, headers, _text = browser.post(
        "/indicators/import/", {"what": "values"}, files={"file": ("smoke.csv", csv)}
    )
    job = headers.get("Location", "")
    check(status == 302 and re.fullmatch(r"/indicators/import/jobs/\d+/", job), f"upload: {status}")
    wait_for_job(browser, job)
    status, headers, _text = browser.post(job, {})
    write = headers.get("Location", "")
    check(status == 302 and write != job, f"confirm: {status}")
    done = wait_for_job(browser, write)
    check('id="job-done"' in done, "the write job did not report its rows")
    step("import through the queue: checked, then written, by the Redis worker", started)

    status, _headers, text = browser.request(
        "GET",
        f"/api/values/?indicator={INDICATOR}&period={PERIOD}&region=52.03.01",
        headers={"Authorization": f"Token {token}", "Cookie": ""},
    )
    check(status == 200, f"API: {status} {text[:200]}")
    values = json.loads(text)
    rows = values.get("results", values) if isinstance(values, dict) else values
    found = {row["region"]: float(row["value"]) for row in rows if row["region"] in VILLAGES}
    check(found == {code: float(n) for n, code in enumerate(VILLAGES, start=1)}, f"API: {found}")
    step("API with a token: the imported values", started)

    health(browser)
    step("/health/ again", started)


if __name__ == "__main__":
    main(*sys.argv[1:5])
