# Sinergi: two commands on a fresh machine.
#   make run   install into .venv, migrate, load NTB regions and the demo, serve http://127.0.0.1:8000
#   make test  install dev dependencies and run every check (lint, Django checks, migrations, tests)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SINERGI := $(BIN)/sinergi
ADDR ?= 127.0.0.1:8000
# Development settings for make run / make test only; production reads its own environment.
DEV_ENV := DEBUG=1

.PHONY: run test install install-dev lint check pytest messages clean lock

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

run: install
	$(DEV_ENV) $(SINERGI) migrate --no-input
	$(DEV_ENV) $(SINERGI) load_regions
	$(DEV_ENV) $(SINERGI) demo
	@echo ""
	@echo "Sinergi runs at http://$(ADDR)/  (sign in as shown above; Ctrl-C stops it)"
	$(DEV_ENV) $(SINERGI) run_huey --quiet & trap 'kill $$!' EXIT; \
	$(DEV_ENV) $(SINERGI) runserver $(ADDR)

lint: install-dev
	$(BIN)/ruff check src tests scripts benchmarks conftest.py
	$(BIN)/ruff format --check src tests scripts benchmarks conftest.py
	$(BIN)/lint-imports --no-cache

check: install-dev
	$(DEV_ENV) $(SINERGI) check --fail-level WARNING
	$(DEV_ENV) $(SINERGI) makemigrations --check --dry-run
	$(BIN)/python scripts/messages.py --check

pytest: install-dev
	$(DEV_ENV) $(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

# Re-extract the translatable strings and compile the catalogue (needs GNU gettext's xgettext).
messages: install-dev
	cd src/sinergi && $(DEV_ENV) ../../$(SINERGI) makemessages --locale id --no-obsolete --no-location
	$(BIN)/python scripts/messages.py --compile

clean:
	rm -rf $(VENV) var .pytest_cache
