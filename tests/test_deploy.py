"""Production settings: what `collectstatic`, gunicorn and the environment see."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; django.setup()"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; django.setup();"
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_collectstatic_with_hashed_compressed_storage(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    # The admin's language tabs script and the site's stylesheet, hashed and gzipped.
    assert list(tmp_path.glob("vendor/jquery-ui/jquery-ui.min.*.js.gz"))
    assert list(tmp_path.glob("css/*.*.css"))


@pytest.mark.parametrize(
    ("environment", "seconds"),
    [
        ({"DJANGO_SECRET_KEY": "x" * 50}, "300"),
        ({"DJANGO_SECRET_KEY": "x" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "300"),
        ({"DJANGO_DEBUG": "1"}, "0"),
    ],
    ids=["production-embedded-default", "production-with-redis", "development"],
)
def test_page_cache_is_on_in_production_with_or_without_redis(environment, seconds):
    # The content version is a database row every process reads: a cache in
    # each process's memory is safe. Development edits templates under it.
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; django.setup();"
        "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == seconds


# The README's "Running in production" configuration behind a TLS proxy.
PROXIED = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "kb.example.org",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
}


def test_check_deploy_passes_behind_the_documented_tls_proxy():
    code = (
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    result = run_python(f"import os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; {code}",
                        **PROXIED)  # fmt: skip
    assert result.returncode == 0, result.stderr
    # Turning the redirect off instead is what the README warns against.
    result = run_python(
        f"import os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; {code}",
        **PROXIED,
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("HTTP_X_FORWARDED_PROTO", "('HTTP_X_FORWARDED_PROTO', 'https')"), ("", "None")],
    ids=["behind-a-proxy", "no-proxy"],
)
def test_the_proxy_header_is_read_from_the_environment(value, expected):
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kb.settings'; django.setup();"
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
        **{**PROXIED, "DJANGO_SECURE_PROXY_SSL_HEADER": value},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
