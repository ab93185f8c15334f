# Everyday commands. `make serve` sets everything up and serves the site;
# `make test` runs the test suite. Both create the virtualenv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# Development defaults; production reads the real values from the environment.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: install setup run serve prod test lint format translations messages

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

# Production mode on this machine: DEBUG off, collected (hashed, compressed)
# static files, the page cache, gunicorn with gunicorn.conf.py. Plain HTTP on
# loopback, so no HTTPS redirect; a throwaway secret key unless one is set.
prod: setup
	set -e; export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 GUNICORN_BIND=$(HOST) \
		DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	$(PY) manage.py collectstatic --noinput -v0; \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py kb.wsgi

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
