"""Shared set-up for the tests that drive Debian's Chromium through Playwright.

conftest.py provides the `browser` fixture; test modules mark themselves `needs_chromium`.
Screenshots go to test-artifacts/ (git-ignored) for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

# pytest-django's live server and Playwright's sync API share this process:
# Playwright runs an event loop in this thread, Django's ORM stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Headless, as root, on a machine with no network but loopback.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()
    # Database calls made while Playwright's loop ran used their own
    # connection: close it, or PostgreSQL cannot drop the test database.
    connections.close_all()
