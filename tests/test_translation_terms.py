"""The termbase in the translation workflow: flagged units in the side-by-side editor,
the fix button (no JavaScript), and the dashboard's counts and readers' answers."""

import html
import re

import pytest

from articles.models import Article
from feedback.models import Vote

from .editorial_support import form_data, make_editor
from .factories import make_article, make_person, make_term

DASHBOARD = "/admin/translations/"


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    return client


@pytest.fixture
def termbase(db):
    client = make_term("client", "顧客", forbidden_zh_hant="客戶")
    complaint = make_term("réclamation", "客訴")
    return client, complaint


@pytest.fixture
def article(termbase):
    """The title uses a forbidden variant; block 1 lacks the agreed equivalent of an
    inflected French term; block 2 is fine."""
    article = make_article(
        slug="flagged", blocks=2, title_fr="Le client a raison", title_zh_hant="客戶永遠是對的"
    )
    first, second = article.blocks.order_by("position")
    first.text_fr = "Deux réclamations sont arrivées."
    first.text_zh_hant = "來了兩個抱怨。"
    first.save()
    second.text_fr = "Un client fidèle."
    second.text_zh_hant = "一位忠實的顧客。"
    second.save()
    return article


def url(article, language="zh-hant"):
    return f"/admin/translations/{article.slug}/{language}/"


def flagged(response):
    """{unit id: [(term pk, kind)]} of the units shown with findings."""
    body = response.content.decode()
    found = {}
    for uid, cells in re.findall(r'data-unit="([^"]+)"[^>]*>(.*?)</tr>', body, re.S):
        kinds = re.findall(r'data-term="(\d+)" data-kind="([\w-]+)"', cells)
        if kinds:
            found[uid] = [(int(pk), kind) for pk, kind in kinds]
    return found


def field_value(response, uid):
    body = response.content.decode()
    match = re.search(rf'<(?:input|textarea)[^>]*name="{re.escape(uid)}"[^>]*>', body)
    tag = match.group(0)
    if tag.startswith("<input"):
        return html.unescape(re.search(r'value="([^"]*)"', tag).group(1))
    end = body.index("</textarea>", match.end())
    return html.unescape(body[match.end() : end]).strip()


def test_flagged_units_are_shown_with_the_term(editor_client, article, termbase):
    client, complaint = termbase
    response = editor_client.get(url(article))
    assert response.status_code == 200
    first, second = article.blocks.order_by("position")
    assert flagged(response) == {
        f"article:{article.pk}:title": [(client.pk, "forbidden-variant")],
        f"block:{first.pk}:text": [(complaint.pk, "missing-equivalent")],
    }
    body = response.content.decode()
    assert "client ↔ 顧客\u00a0: «\u00a0客戶\u00a0» n’est pas le terme convenu" in body
    assert f'name="apply_term" value="article:{article.pk}:title:{client.pk}"' in body
    assert "Remplacer par «\u00a0顧客\u00a0»" in body
    assert '<span class="term-expected" lang="zh-Hant">客訴</span>' in body
    assert f'name="apply_term" value="block:{first.pk}:text:{complaint.pk}"' in body


def test_the_fix_button_applies_the_agreed_form_and_keeps_other_input(
    editor_client, article, termbase
):
    client, complaint = termbase
    first, second = article.blocks.order_by("position")
    title, block, other = (
        f"article:{article.pk}:title",
        f"block:{first.pk}:text",
        f"block:{second.pk}:text",
    )
    page = editor_client.get(url(article))
    data = {**form_data(page.content.decode()), other: "一位非常忠實的顧客。"}
    response = editor_client.post(url(article), {**data, "apply_term": f"{title}:{client.pk}"})
    assert response.status_code == 200
    assert field_value(response, title) == "顧客永遠是對的"
    assert field_value(response, other) == "一位非常忠實的顧客。"  # typed, kept
    assert title not in flagged(response)
    assert "Rien n’est encore enregistré" in response.content.decode()
    # The missing equivalent is appended to the typed text, for the editor to move.
    again = form_data(response.content.decode())
    assert again[title] == "顧客永遠是對的" and again[other] == "一位非常忠實的顧客。"
    response = editor_client.post(url(article), {**again, "apply_term": f"{block}:{complaint.pk}"})
    assert field_value(response, block) == "來了兩個抱怨。 客訴"
    assert field_value(response, title) == "顧客永遠是對的"
    assert flagged(response) == {}
    # Nothing saved until "Save".
    article.refresh_from_db()
    assert article.title_zh_hant == "客戶永遠是對的"
    saved = editor_client.post(url(article), form_data(response.content.decode()))
    assert saved.status_code == 302
    article.refresh_from_db()
    first.refresh_from_db()
    assert article.title_zh_hant == "顧客永遠是對的"
    assert first.text_zh_hant == "來了兩個抱怨。 客訴"
    assert flagged(editor_client.get(url(article))) == {}


def test_a_fix_already_made_by_hand_changes_nothing(editor_client, article, termbase):
    client, _complaint = termbase
    title = f"article:{article.pk}:title"
    page = editor_client.get(url(article))
    data = {**form_data(page.content.decode()), title: "顧客總是對的"}
    response = editor_client.post(url(article), {**data, "apply_term": f"{title}:{client.pk}"})
    assert response.status_code == 200
    assert field_value(response, title) == "顧客總是對的"
    assert "n’est plus signalé" in response.content.decode()


@pytest.mark.parametrize("value", ["nonsense", "block:999999:text:1", "article:1:title:x", ""])
def test_a_bad_fix_is_a_400_and_changes_nothing(editor_client, article, value):
    page = editor_client.get(url(article))
    response = editor_client.post(
        url(article), {**form_data(page.content.decode()), "apply_term": value}
    )
    assert response.status_code == 400
    article.refresh_from_db()
    assert article.title_zh_hant == "客戶永遠是對的"


def test_the_editor_query_count_does_not_grow_with_the_terms(
    editor_client, db, django_assert_num_queries
):
    article = make_article(slug="long", blocks=20, opinions=6, people=[make_person()])
    make_term("client", "顧客", forbidden_zh_hant="客戶")
    editor_client.get(url(article))
    # The editor's 8 queries and the agreed terms.
    with django_assert_num_queries(9):
        editor_client.get(url(article))
    for n in range(60):
        make_term(f"terme{n}", f"術語{n}", forbidden_zh_hant=f"禁語{n}")
    with django_assert_num_queries(9):
        response = editor_client.get(url(article))
    assert response.status_code == 200


def dashboard_cells(response):
    """{(slug, language): (units flagged, helpful, helpful in the original)}."""
    found = {}
    row = re.compile(r'<tr data-article="([\w-]+)" data-language="([\w-]+)">(.*?)</tr>', re.S)
    for slug, language, cells in row.findall(response.content.decode()):
        terms = re.search(r'count-terms">(\d+)<', cells).group(1)
        helpful = re.search(r'class="helpful">(.*?)<br>', cells, re.S).group(1)
        original = re.search(r'helpful-original">(.*?)</span>', cells, re.S).group(1)
        found[slug, language] = (int(terms), helpful.strip(), original.strip())
    return found


def test_the_dashboard_counts_flagged_units_and_readers_answers(editor_client, article):
    make_article(slug="clean", blocks=1)
    for n in range(18):
        Vote.objects.create(article=article, language="zh-hant", helpful=n < 13)
    for _n in range(4):
        Vote.objects.create(article=article, language="fr", helpful=True)
    cells = dashboard_cells(editor_client.get(DASHBOARD))
    assert cells["flagged", "zh-hant"] == (
        2,
        "72\u00a0% oui (18 réponses)",
        "100\u00a0% oui (4 réponses)",
    )
    assert cells["clean", "zh-hant"] == (0, "—", "—")
    # Sorted by the number of flagged units, most first.
    page = editor_client.get(f"{DASHBOARD}?sort=-terms").content.decode()
    assert page.index('data-article="flagged"') < page.index('data-article="clean"')


def test_the_dashboard_in_chinese(client, django_user_model, article):
    client.force_login(make_editor(django_user_model))
    Vote.objects.create(article=article, language="zh-hant", helpful=True)
    response = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="zh-hant")
    body = response.content.decode()
    assert "術語" in body
    assert dashboard_cells(response)["flagged", "zh-hant"][0] == 2


def test_the_dashboard_query_count_is_flat_with_terms_and_votes(
    editor_client, termbase, django_assert_num_queries
):
    people = [make_person() for _ in range(5)]
    for _ in range(10):
        make_article(blocks=3, opinions=2, people=people, title_zh_hant="客戶")
    editor_client.get(DASHBOARD)
    # The dashboard's 8 queries, the agreed terms, the readers' answers.
    with django_assert_num_queries(10):
        editor_client.get(DASHBOARD)
    for article in Article.objects.all():
        Vote.objects.create(article=article, language="zh-hant", helpful=True)
    for _ in range(90):
        make_article(blocks=3, opinions=2, people=people, title_zh_hant="客戶")
    with django_assert_num_queries(10):
        response = editor_client.get(DASHBOARD)
    cells = dashboard_cells(response)
    assert len(cells) == 100
    assert sum(terms for terms, _h, _o in cells.values()) == 100


def test_a_colleagues_save_after_a_fix_is_a_conflict_and_the_fix_is_kept(
    editor_client, article, termbase
):
    client, _complaint = termbase
    title = f"article:{article.pk}:title"
    page = editor_client.get(url(article))
    fixed = editor_client.post(
        url(article), {**form_data(page.content.decode()), "apply_term": f"{title}:{client.pk}"}
    )
    colleague = Article.objects.get(pk=article.pk)
    colleague.standfirst_zh_hant = "同事改過的導言"
    colleague.save()
    response = editor_client.post(url(article), form_data(fixed.content.decode()))
    assert response.status_code == 200
    assert 'id="conflict"' in response.content.decode()
    assert field_value(response, title) == "顧客永遠是對的"
    article.refresh_from_db()
    assert article.title_zh_hant == "客戶永遠是對的"
