"""Shared fixtures and small builders for the test suite."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Block, Opinion, Person, Question, Stance

from .browser_support import browser  # noqa: F401  (the Playwright fixture)

_counter = itertools.count(1)


def make_person(**fields):
    n = next(_counter)
    defaults = {
        "slug": f"person-{n}",
        "name_fr": f"Personne {n}",
        "name_zh_hant": f"人物 {n}",
        "role_fr": "PDG",
        "role_zh_hant": "執行長",
        "organisation_fr": f"Société {n}",
        "organisation_zh_hant": f"公司 {n}",
    }
    defaults.update(fields)
    return Person.objects.create(**defaults)


def make_article(blocks=2, opinions=0, people=None, **fields):
    """An article published yesterday, with body blocks and opinions in both languages."""
    n = next(_counter)
    defaults = {
        "slug": f"article-{n}",
        "title_fr": f"Article {n} : le client a-t-il raison ?",
        "title_zh_hant": f"文章 {n}：顧客是對的嗎？",
        "standfirst_fr": f"Chapeau {n}",
        "standfirst_zh_hant": f"導言 {n}",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1, minutes=n),
        "stance": Stance.DEPENDS,
        "source_name": f"Source {n}",
    }
    defaults.update(fields)
    article = Article.objects.create(**defaults)
    for position in range(1, blocks + 1):
        Block.objects.create(
            article=article,
            position=position,
            text_fr=f"Paragraphe {position} de l'article {n}.",
            text_zh_hant=f"文章 {n} 的第 {position} 段。",
        )
    stances = itertools.cycle([Stance.YES, Stance.DEPENDS, Stance.NO])
    for position in range(1, opinions + 1):
        person = people[(position - 1) % len(people)] if people else make_person()
        opinion = Opinion.objects.create(
            article=article,
            person=person,
            position=position,
            anchor=f"{person.slug}-{position}",
            stance=next(stances),
            headline_fr=f"Avis {position}",
            headline_zh_hant=f"意見 {position}",
        )
        Block.objects.create(
            opinion=opinion,
            position=1,
            text_fr=f"Texte de l'avis {position}.",
            text_zh_hant=f"意見 {position} 的內文。",
        )
    return article


def make_question(**fields):
    defaults = {
        "slug": "le-client-a-t-il-toujours-raison",
        "title_fr": "Le client a-t-il toujours raison ?",
        "title_zh_hant": "顧客永遠是對的嗎？",
        "description_fr": "La question débattue.",
        "description_zh_hant": "受到爭論的問題。",
    }
    defaults.update(fields)
    return Question.objects.create(**defaults)


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

    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()


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
