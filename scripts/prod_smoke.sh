#!/usr/bin/env bash
# Production smoke test on this machine (CI runs it after `make test`): starts the production
# stack on 127.0.0.1 — a fresh PostgreSQL database on the local cluster, a Redis server of its
# own on a free port, gunicorn with deploy/gunicorn.conf.py and the queue worker, with DEBUG off,
# JSON logs and Redis for cache and queue — runs scripts/prod_smoke.py over HTTP (sign in, pages,
# an import through the queue, an API call, /health/), then stops everything and drops the
# database. Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), redis-server, make install.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
BIN=.venv/bin
[ -x "$BIN/gunicorn" ] || make --no-print-directory install

free_port() { "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/sinergi-smoke.XXXXXX)
db="sinergi_smoke_$$"
redis_port=$(free_port)
web_port=$(free_port)
pids=()

stop() {
    status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" -ne 0 ]; then
        for log in web worker redis; do
            echo "== last lines of the $log log"; tail -n 30 "$work/$log.log" 2>/dev/null || true
        done
    fi
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${db}" >/dev/null 2>&1 || true
    rm -rf "$work"
    echo "== production smoke test: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
}
trap stop EXIT

echo "== Redis on 127.0.0.1:${redis_port}, PostgreSQL database ${db}"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${db}"
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

password="smoke-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export SINERGI_HOME="$work" DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SINERGI_PROXY_COUNT=1 \
    SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}" \
    REDIS_URL="redis://127.0.0.1:${redis_port}/0" LOG_FORMAT=json \
    SINERGI_IMPORT_JOB_BYTES=1 SINERGI_DEMO_PASSWORD="$password" \
    GUNICORN_BIND="127.0.0.1:${web_port}" WEB_CONCURRENCY=2
unset SINERGI_TASKS_IMMEDIATE SINERGI_LOCAL SINERGI_PROVINCE

echo "== migrate and collect static files ($((SECONDS - started)) s)"
"$BIN/sinergi" collectstatic --no-input --verbosity 0 &
collecting=$!
"$BIN/sinergi" migrate --no-input --verbosity 0
wait "$collecting"

echo "== gunicorn on 127.0.0.1:${web_port} and the queue worker; NTB and the demo ($((SECONDS - started)) s)"
"$BIN/gunicorn" -c deploy/gunicorn.conf.py sinergi.wsgi >"$work/web.log" 2>&1 &
pids+=($!)
"$BIN/sinergi" run_huey >"$work/worker.log" 2>&1 &
pids+=($!)
"$BIN/sinergi" load_regions >/dev/null
"$BIN/sinergi" demo >/dev/null
token=$("$BIN/sinergi" create_token operator.lotim --name smoke 2>/dev/null)
for _ in $(seq 1 100); do
    curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:${web_port}/health/" && break
    sleep 0.2
done

echo "== smoke test over HTTP ($((SECONDS - started)) s)"
"$BIN/python" scripts/prod_smoke.py "http://127.0.0.1:${web_port}" operator.lotim "$password" "$token"

# The logs are JSON lines, each request with the id the client sent.
grep -q '"logger": "sinergi.request".*"request_id": "smoke-' "$work/web.log" \
    || { echo "no JSON request log line with the client's request id"; exit 1; }
grep -q '"status": "completed"\|Executing sinergi' "$work/worker.log" \
    || { echo "the worker log shows no task"; exit 1; }
