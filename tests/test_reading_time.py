"""Reading time on article pages: words for French, characters for Chinese."""

import pytest

from articles.models import Block
from reading.reading_time import minutes_to_read

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("texts", "minutes"),
    [
        (["mot " * 230], 1),
        (["mot " * 231], 2),
        (["l’article d'aujourd'hui " * 1150], 10),  # elided words count once
        (["顧" * 400], 1),
        (["顧客永遠是對的" * 571], 10),  # 3,997 characters
        (["顧" * 2000, "Andy Beal " * 115], 6),  # 5 min of characters, 1 of words
        ([""], 1),
    ],
    ids=["230-words", "231-words", "elisions", "400-chars", "4000-chars", "mixed", "empty"],
)
def test_minutes_to_read(texts, minutes):
    assert minutes_to_read(texts) == minutes


def test_each_language_gets_its_own_reading_time(client):
    article = make_article(blocks=0)
    Block.objects.create(
        article=article, position=1, text_fr="mot " * 2300, text_zh_hant="字" * 800
    )
    french = client.get(f"/fr/articles/{article.slug}/").text
    chinese = client.get(f"/zh-hant/articles/{article.slug}/").text
    assert "<dt>Temps de lecture</dt><dd>environ 11 minutes</dd>" in french
    assert "<dt>閱讀時間</dt><dd>約 3 分鐘</dd>" in chinese


def test_a_missing_translation_is_timed_as_the_text_shown(client):
    article = make_article(blocks=0)
    Block.objects.create(article=article, position=1, text_fr="mot " * 2300, text_zh_hant="")
    chinese = client.get(f"/zh-hant/articles/{article.slug}/").text
    assert "<dd>約 11 分鐘</dd>" in chinese
