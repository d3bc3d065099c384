# Sinergi: two commands on a fresh machine.
#   make run   install into .venv, migrate, load NTB regions and the demo, serve http://127.0.0.1:8000 with gunicorn
#              as the product does (DEBUG off; a secret key generated once into var/secret_key)
#   make test  install dev dependencies and run every check (lint, Django checks, migrations, tests)
#   make dev   the same as make run with DEBUG on (detailed error pages, files served as edited)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SINERGI := $(BIN)/sinergi
ADDR ?= 127.0.0.1:8000
# pytest processes (pytest-xdist): one per core; PYTEST_WORKERS=0 runs in this process. Tests
# marked xdist_group stay on one worker (loadgroup).
PYTEST_WORKERS ?= auto
# The embedded instance of make run: production settings on one machine over plain HTTP.
RUN_ENV := SINERGI_LOCAL=1
# Development settings for make dev / make test only; production reads its own environment.
DEV_ENV := DEBUG=1

.PHONY: run dev serve test install install-dev lint check pytest messages clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# requirements.lock pins every package (direct and indirect) to the versions tested together.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@ $(VENV)/.installed

# Re-resolve the newest versions pyproject.toml allows, in a scratch environment, and pin them.
lock:
	rm -rf var/lock-venv
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet -e ".[dev]"
	{ sed -n '1,2p' requirements.lock; var/lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf var/lock-venv

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# make run serves with gunicorn, as production does (deploy/gunicorn.conf.py, two workers);
# make dev with Django's development server, which reloads on every edit.
run: install
	$(RUN_ENV) $(SINERGI) collectstatic --no-input --verbosity 0
	$(MAKE) --no-print-directory serve ENV_VARS="$(RUN_ENV)" \
	  SERVER="$(BIN)/gunicorn -c deploy/gunicorn.conf.py --bind $(ADDR) --workers 2 sinergi.wsgi"

dev: install
	$(MAKE) --no-print-directory serve ENV_VARS="$(DEV_ENV)" SERVER="$(SINERGI) runserver $(ADDR)"

# Migrate, load NTB and the demo (or, with SINERGI_PROVINCE=51 or =national, set up an empty
# instance for that province or the whole country), then serve with a queue worker beside it.
serve:
	$(ENV_VARS) $(SINERGI) migrate --no-input
	if [ -n "$$SINERGI_PROVINCE" ]; then $(ENV_VARS) $(SINERGI) setup; else \
	  $(ENV_VARS) $(SINERGI) load_regions && $(ENV_VARS) $(SINERGI) demo; fi
	@echo ""
	@echo "Sinergi runs at http://$(ADDR)/  (sign in as shown above; Ctrl-C stops it)"
	$(ENV_VARS) $(SINERGI) run_huey --quiet & trap 'kill $$!' EXIT; \
	$(ENV_VARS) $(SERVER)

lint: install-dev
	$(BIN)/ruff check src tests scripts benchmarks conftest.py
	$(BIN)/ruff format --check src tests scripts benchmarks conftest.py
	$(BIN)/lint-imports --no-cache

check: install-dev
	$(DEV_ENV) $(SINERGI) check --fail-level WARNING
	$(DEV_ENV) $(SINERGI) makemigrations --check --dry-run
	$(BIN)/python scripts/messages.py --check
	$(DEV_ENV) $(BIN)/python scripts/api_schema.py --check  # docs/api/openapi.yaml matches the API

pytest: install-dev
	$(DEV_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test: lint check pytest

# Re-extract the translatable strings and compile the catalogue (needs GNU gettext's xgettext).
messages: install-dev
	cd src/sinergi && $(DEV_ENV) ../../$(SINERGI) makemessages --locale id --no-obsolete --no-location
	$(BIN)/python scripts/messages.py --compile

clean:
	rm -rf $(VENV) var .pytest_cache
