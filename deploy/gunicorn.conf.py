"""Gunicorn settings for Sinergi (`gunicorn -c deploy/gunicorn.conf.py sinergi.wsgi`).

Each value can be changed from the environment file without editing this one.
"""

import multiprocessing
import os

# nginx forwards to this address; keep it on the loopback (or a private address behind a balancer).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: pages are short database reads; long work goes to the queue worker.
# 2 per core + 1 is gunicorn's advice; each worker holds ~150 MB after a few pages.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
# An import preview of a file under SINERGI_IMPORT_JOB_BYTES and a PDF report take seconds; a
# request still running after this is killed and logged (the 500 page is shown).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30  # on restart, requests in flight get this long to finish
keepalive = 5  # seconds; nginx keeps connections to the workers open this long
# Restart each worker after about a thousand requests, staggered, to bound memory growth.
max_requests = 1000
max_requests_jitter = 100
# Trust X-Forwarded-* only from nginx on this machine.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Requests are logged by Sinergi itself (LOG_FORMAT=json: one line each, with the request id)
# and by nginx; gunicorn writes its own errors and worker restarts to stderr (the journal).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the application once in the master: workers start faster and share memory.
preload_app = True
