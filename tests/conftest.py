"""Fixtures shared by the test suite (the builders are in factories.py)."""

import pytest

from .browser_support import browser  # noqa: F401  (the Playwright fixture)
from .factories import make_article, make_person


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests run without `collectstatic`, so no hashed-name manifest exists."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Pages are built afresh in tests (query counts are of uncached pages);
    tests/test_page_cache.py turns the cache on."""
    from django.core.cache import cache

    from reading.caching import MEMO, STORE

    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    STORE.clear()
    MEMO.clear()


@pytest.fixture
def person(db):
    return make_person()


@pytest.fixture
def article(db):
    return make_article(blocks=3, opinions=2)


@pytest.fixture
def editor_user(db, django_user_model):
    """A staff member who is not a superuser, with the content permissions."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "a-long-editor-password", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles",
            content_type__model__in=["article", "opinion", "person", "question", "block"],
        )
    )
    return user


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client
