"""Shared set-up for the tests that drive Debian's Chromium through Playwright.

conftest.py provides the `browser` fixture; test modules mark themselves `needs_chromium`.
Screenshots go to test-artifacts/ (git-ignored) for a person to look at.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

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

    # Playwright's sync API runs an event loop in the test's thread, where the
    # test still calls Django's synchronous ORM: allowed while the browser
    # lives, and only for the tests that use it.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()
    # Database calls made while Playwright's loop ran used their own
    # connection: close it, or PostgreSQL cannot drop the test database.
    connections.close_all()
