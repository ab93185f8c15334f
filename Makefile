# Everyday commands. `make serve` sets everything up and serves the site;
# `make test` runs the test suite. Both create the virtualenv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# Development defaults; production reads the real values from the environment.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: install setup run serve test lint format translations messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

translations: install
	$(DEV_ENV) $(PY) manage.py compile_translations

# Database schema and the site's content (idempotent).
setup: translations
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py import_content
	$(DEV_ENV) $(PY) manage.py import_terms

serve run: setup
	$(DEV_ENV) $(PY) manage.py runserver $(HOST)

# The tests set up their own environment (tests/settings.py).
test: translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the .po catalogues after changing UI strings (needs GNU gettext).
messages: install
	$(DEV_ENV) $(PY) manage.py makemessages -l fr -l zh_Hant --no-obsolete \
		--ignore=.venv --ignore=staticfiles --ignore=test-artifacts --ignore=var
