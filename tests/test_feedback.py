"""Readers answer "Was this helpful?" at the end of an article; editors read the answers."""

import re

import pytest
from django.core.cache import cache

from articles.models import Article
from feedback.forms import form_token
from feedback.models import Vote

from .editorial_support import make_editor
from .factories import make_article

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def vote_url(article, lang="fr"):
    return f"/{lang}/articles/{article.slug}/feedback/"


def answer(client, article, lang="fr", helpful="yes", comment="", origin=SITE, **fields):
    data = {"helpful": helpful, "comment": comment, "token": form_token(article, lang)}
    data.update(fields)
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(vote_url(article, lang), data, **headers)


def summary_table(html):
    start = html.index('class="helpfulness-summary"')
    return html[start : html.index("</table>", start)]


def token_on_page(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize(
    ("lang", "question"),
    [("fr", "Cet article vous a-t-il été utile\u202f?"), ("zh-hant", "這篇文章對您有幫助嗎？")],
)
def test_the_form_ends_the_article_in_the_readers_language(client, lang, question):
    article = make_article()
    html = client.get(f"/{lang}/articles/{article.slug}/").text
    form = html[html.index('class="feedback"') :]
    assert question in form
    assert f'action="/{lang}/articles/{article.slug}/feedback/"' in form
    assert 'method="post"' in form and "<script" not in form
    assert html.index('class="feedback"') > html.index('class="article__body"')


def test_a_staff_preview_of_a_draft_has_no_form(admin_client):
    draft = make_article(status=Article.Status.DRAFT)
    html = admin_client.get(f"/fr/articles/{draft.slug}/").text
    assert "preview-banner" in html and 'class="feedback"' not in html


def test_an_answer_is_stored_and_thanked_for(client):
    article = make_article()
    response = answer(client, article, lang="zh-hant", helpful="no", comment="  太短了  ")
    assert response.status_code == 303
    assert response["Location"] == f"/zh-hant/articles/{article.slug}/feedback/thanks/"
    vote = Vote.objects.get()
    assert (vote.article, vote.language, vote.helpful, vote.comment) == (
        article,
        "zh-hant",
        False,
        "太短了",
    )
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "謝謝您的回答" in thanks.text
    assert f'href="/zh-hant/articles/{article.slug}/"' in thanks.text
    assert '<meta name="robots" content="noindex">' in thanks.text


def test_a_repeated_answer_is_not_counted_twice(client):
    article, other = make_article(), make_article()
    answer(client, article, helpful="yes")
    again = answer(client, article, lang="zh-hant", helpful="no", comment="second thoughts")
    assert again.status_code == 303 and again["Location"].endswith("?again=1")
    assert "déjà répondu" in client.get(again["Location"].replace("zh-hant", "fr")).text
    answer(client, other, helpful="no")  # another article still counts
    assert list(Vote.objects.order_by("pk").values_list("article", "helpful")) == [
        (article.pk, True),
        (other.pk, False),
    ]


def test_a_forged_answered_cookie_is_ignored_not_trusted(client):
    article = make_article()
    client.cookies["kb_answered"] = str(article.pk)  # unsigned: not the site's cookie
    assert answer(client, article).status_code == 303
    assert Vote.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"token": ""},
        {"token": "forged:token"},
        {"token": "other-article"},
        {"token": "other-language"},
        {"helpful": ""},
        {"helpful": "maybe"},
        {"comment": "x" * 100_000},
        {"origin": "https://evil.example"},
        {"origin": None},
    ],
    ids=[
        "missing-token",
        "forged-token",
        "token-of-another-article",
        "token-of-another-language",
        "no-answer",
        "unknown-answer",
        "100-KB-comment",
        "cross-site",
        "no-origin-nor-referer",
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_stored(client, bad):
    article, other = make_article(), make_article()
    tokens = {
        "other-article": form_token(other, "fr"),
        "other-language": form_token(article, "zh-hant"),
    }
    if bad.get("token") in tokens:
        bad["token"] = tokens[bad["token"]]
    response = answer(client, article, **bad)
    assert response.status_code in (400, 403)
    assert Vote.objects.count() == 0
    assert "kb_answered" not in response.cookies


def test_a_same_site_referer_is_enough_when_the_browser_sends_no_origin(client):
    article = make_article()
    response = client.post(
        vote_url(article),
        {"helpful": "yes", "token": form_token(article, "fr")},
        HTTP_REFERER=f"{SITE}/fr/articles/{article.slug}/",
    )
    assert response.status_code == 303 and Vote.objects.count() == 1


@pytest.mark.parametrize("status", ["unknown", "draft", "scheduled"])
def test_no_answer_for_an_article_the_public_cannot_see(client, status):
    if status == "unknown":
        article = Article(pk=999_999, slug="nulle-part")
    elif status == "draft":
        article = make_article(status=Article.Status.DRAFT)
    else:
        article = make_article(published_at=make_article().published_at.replace(year=2999))
    assert answer(client, article).status_code == 404
    assert client.get(f"/fr/articles/{article.slug}/feedback/thanks/").status_code == 404
    assert Vote.objects.count() == 0


def test_the_form_url_only_takes_posts(client):
    article = make_article()
    assert client.get(vote_url(article)).status_code == 405


def test_the_article_page_stays_cached_and_its_form_works_for_every_reader(
    client, settings, django_assert_num_queries
):
    """The form carries nothing per reader, so the cached page serves everyone."""
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    article = make_article()
    page = f"/fr/articles/{article.slug}/"
    first = client.get(page)
    second_reader = Client()
    with django_assert_num_queries(1):  # a hit reads only the content version
        cached = second_reader.get(page)
    assert cached.content == first.content
    for reader in (client, second_reader):
        response = reader.post(
            vote_url(article),
            {"helpful": "yes", "token": token_on_page(cached.text)},
            HTTP_ORIGIN=SITE,
        )
        assert response.status_code == 303
    assert Vote.objects.count() == 2


def test_comments_are_plain_text_and_never_public(client, admin_client):
    article = make_article()
    answer(client, article, comment="<b>trop</b> long")
    assert Vote.objects.get().comment == "<b>trop</b> long"
    assert "trop" not in client.get(f"/fr/articles/{article.slug}/").text
    admin = admin_client.get("/admin/feedback/vote/").text
    assert "&lt;b&gt;trop&lt;/b&gt; long" in admin and "<b>trop</b>" not in admin


def test_helpful_shares_per_article_and_language():
    article, other = make_article(), make_article()
    for helpful, lang in [(True, "fr"), (True, "fr"), (False, "fr"), (False, "zh-hant")]:
        Vote.objects.create(article=article, language=lang, helpful=helpful)
    Vote.objects.create(article=other, language="fr", helpful=True)
    shares = Vote.objects.helpful_shares(article_ids=[article.pk])
    assert set(shares) == {(article.pk, "fr"), (article.pk, "zh-hant")}
    assert shares[article.pk, "fr"].share == pytest.approx(2 / 3)
    assert (shares[article.pk, "zh-hant"].total, shares[article.pk, "zh-hant"].share) == (1, 0)


# --- The editors' view


@pytest.fixture
def answers():
    """Answers to 8 articles in both languages, so that an N+1 would show."""
    articles = [make_article(title_fr=f"Article utile {n}") for n in range(8)]
    for index, article in enumerate(articles):
        for lang, helpful in [("fr", True), ("fr", index % 2 == 0), ("zh-hant", False)]:
            Vote.objects.create(article=article, language=lang, helpful=helpful, comment="c")
    return articles


def test_editors_see_counts_share_and_comments(client, django_user_model, answers):
    client.force_login(make_editor(django_user_model))
    html = client.get("/admin/feedback/vote/").text
    summary = summary_table(html)
    # Article 0 in French: 2 answers, both yes; in Chinese: 1 answer, no.
    row = re.search(r"Article utile 0</a></td>\s*<td>Français</td>(.*?)</tr>", summary, re.S)
    assert re.findall(r"<td>([^<]*)</td>", row.group(1)) == ["2", "2", "0", "100 %"]
    assert summary.count("<tr>") == 1 + 16
    assert "/admin/feedback/vote/add/" not in html  # read-only


def test_the_report_filters_by_language_and_date(admin_client, answers):
    html = admin_client.get("/admin/feedback/vote/", {"language": "zh-hant"}).text
    summary = summary_table(html)
    assert summary.count("<tr>") == 1 + 8 and "Français" not in summary
    Vote.objects.filter(language="fr").update(created_at="2020-01-01T00:00:00Z")
    html = admin_client.get("/admin/feedback/vote/", {"created_at__year": "2020"}).text
    summary = summary_table(html)
    assert summary.count("<tr>") == 1 + 8 and "中文" not in summary


def test_the_report_costs_the_same_queries_whatever_the_answers(
    client, django_user_model, answers, django_assert_num_queries
):
    client.force_login(make_editor(django_user_model))
    client.get("/admin/feedback/vote/")  # warm the content types and permissions
    # Session, user, 2 permission lookups, 2 counts, the page of answers, the summary,
    # its articles, and the date hierarchy's 2.
    with django_assert_num_queries(11):
        assert client.get("/admin/feedback/vote/").status_code == 200
    for article in [make_article() for _ in range(8)]:
        Vote.objects.create(article=article, language="zh-hant", helpful=True)
    with django_assert_num_queries(11):
        response = client.get("/admin/feedback/vote/")
    assert summary_table(response.text).count("<tr>") == 1 + 24
