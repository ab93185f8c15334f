"""Exchange files for translators: XLIFF and PO out, translated, and back in."""

import io

import polib
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import translation
from reversion.models import Version
from translate.storage import xliff

from articles.fingerprints import TranslationState
from articles.models import Article, Block, Opinion
from editorial import translation_units as tu
from editorial.exchange import ExchangeError, export_file
from editorial.exchange_import import import_translations
from editorial.summaries import describe

from .factories import make_article, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages as written in the code (the site's own languages are tested elsewhere)."""
    with translation.override("en"):
        yield


XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


@pytest.fixture
def article(db):
    """A French article whose first paragraph's Chinese is outdated and whose second
    paragraph has no Chinese yet; everything else is current."""
    article = make_article(slug="cinq", blocks=3, opinions=2)
    first, second, _third = article.blocks.order_by("position")
    first.text_fr = "Paragraphe réécrit depuis la traduction."
    first.save()
    second.text_zh_hant = ""
    second.save()
    return Article.objects.get(pk=article.pk)


def blocks(article):
    return list(article.blocks.order_by("position"))


def unit_id(article, block):
    return f"{article.slug}/block:{block.pk}:text"


def statuses(article):
    fresh = tu.articles_with_units().get(pk=article.pk)
    return {u.id: u.status for u in tu.article_units(fresh, "zh-hant")}


def snapshot():
    """Everything an import could change."""
    return (
        list(Article.objects.order_by("pk").values_list("version", "title_zh_hant")),
        list(
            Block.objects.order_by("pk").values_list(
                "text_zh_hant", "text_fr", "translation_sources"
            )
        ),
        list(Opinion.objects.order_by("pk").values_list("headline_zh_hant")),
        Version.objects.count(),
    )


def fill_xliff(data, texts):
    """What a translator's tool does: put targets on units (by id)."""
    store = xliff.xlifffile.parsestring(data)
    for unit in store.getunits():
        text = texts.get(unit.xmlelement.get("id"))
        if text is not None:
            unit.settarget(text)
            unit.xmlelement.find(f"{{{XLIFF_NS}}}target").set("state", "translated")
    return bytes(store)


def fill_po(data, texts):
    catalogue = polib.pofile(data.decode())
    for entry in catalogue:
        if entry.msgctxt in texts:
            entry.msgstr = texts[entry.msgctxt]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    return str(catalogue).encode()


def export(file_format="xliff", slug="cinq"):
    return export_file("zh-hant", file_format, slug)[0]


# --- export ----------------------------------------------------------------------


def test_xliff_export_holds_the_missing_and_outdated_units(article):
    first, second, _ = blocks(article)
    store = xliff.xlifffile.parsestring(export())
    assert store.document.getroot().get("version") == "1.2"
    assert store.namespace == XLIFF_NS
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("fr", "zh-Hant")
    units = {u.xmlelement.get("id"): u for u in store.getunits()}
    assert list(units) == [unit_id(article, first), unit_id(article, second)]
    outdated, missing = units.values()
    assert outdated.source == first.text_fr
    assert outdated.target == first.text_zh_hant  # to revise, flagged so
    target = outdated.xmlelement.find(f"{{{XLIFF_NS}}}target")
    assert target.get("state") == "needs-review-translation"
    assert not missing.target
    fingerprint = tu.Unit("", "", first, "text", "fr", "zh-hant").source_fingerprint
    assert f"kb source={fingerprint} version={article.version}" in outdated.getnotes()


def test_po_export_names_language_units_and_marks_outdated_fuzzy(article):
    first, second, _ = blocks(article)
    catalogue = polib.pofile(export("po").decode())
    assert catalogue.metadata["Language"] == "zh_Hant"
    assert catalogue.metadata["X-Source-Language"] == "fr"
    entries = {e.msgctxt: e for e in catalogue}
    assert list(entries) == [unit_id(article, first), unit_id(article, second)]
    assert entries[unit_id(article, first)].fuzzy
    assert entries[unit_id(article, second)].msgstr == ""
    assert "kb source=" in entries[unit_id(article, second)].comment


def test_an_export_of_every_article_skips_those_with_nothing_to_do(article):
    make_article(slug="complet", blocks=2)
    ids = [u.xmlelement.get("id") for u in xliff.xlifffile.parsestring(export(slug=None)).units]
    assert ids and all(i.startswith("cinq/") for i in ids)


# --- round trips -----------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.mark.parametrize(
    ("file_format", "fill"), [("xliff", fill_xliff), ("po", fill_po)], ids=["xliff", "po"]
)
def test_round_trip_makes_the_units_current_and_shows_at_once(
    client, article, page_cache, file_format, fill
):
    first, second, _ = blocks(article)
    page = f"/zh-hant/articles/{article.slug}/"
    assert "新譯的第二段" not in client.get(page).content.decode()  # now cached
    data = fill(
        export(file_format),
        {unit_id(article, first): "改寫後的第一段。", unit_id(article, second): "新譯的第二段。"},
    )
    result = import_translations(data, f"cinq.{file_format}")
    assert result.count == 2
    assert set(statuses(article).values()) == {TranslationState.CURRENT}
    body = client.get(page).content.decode()
    assert "改寫後的第一段。" in body and "新譯的第二段。" in body
    assert 'data-translation="outdated"' not in body
    revision = Version.objects.get_for_object(article).first().revision
    with translation.override("zh-hant"):
        assert describe(revision) == f"從 cinq.{file_format} 匯入的繁體中文譯文"


def test_an_outdated_translation_kept_as_it_is_is_confirmed(article):
    first, _second, _ = blocks(article)
    data = fill_po(export("po"), {unit_id(article, first): first.text_zh_hant})
    import_translations(data, "cinq.po")
    assert statuses(article)[f"block:{first.pk}:text"] == TranslationState.CURRENT


def test_units_left_untranslated_or_unsure_stay_as_they_were(article):
    first, second, _ = blocks(article)
    result = import_translations(export("po"), "cinq.po")  # nothing filled in
    assert result.count == 0 and result.skipped == 2
    states = statuses(article)
    assert states[f"block:{first.pk}:text"] == TranslationState.OUTDATED
    assert states[f"block:{second.pk}:text"] == TranslationState.MISSING


# --- wrong files: a clear message, and nothing changed ------------------------------


def _other_article_unit(article):
    other = make_article(slug="autre", blocks=1)
    other.blocks.update(text_zh_hant="")
    return f"block:{other.blocks.get().pk}:text"


def _replace(old, new):
    return lambda data, article: data.replace(old.encode(), new.encode())


def _unknown_unit(data, article):
    block = blocks(article)[1]
    return data.replace(f"block:{block.pk}:".encode(), b"block:999999:")


def _unit_of_another_article(data, article):
    block = blocks(article)[1]
    return data.replace(f"block:{block.pk}:text".encode(), _other_article_unit(article).encode())


def _source_changed(data, article):
    block = blocks(article)[1]
    block.text_fr = "Un tout autre paragraphe."
    block.save()
    return data


def _article_changed(data, article):
    article.refresh_from_db()
    article.title_fr = "Titre changé après l'export"
    article.save()
    return data


def _xliff_markup(data, article):
    store = xliff.xlifffile.parsestring(data)
    target = store.units[1].xmlelement
    node = target.makeelement(f"{{{XLIFF_NS}}}target", {})
    bold = node.makeelement(f"{{{XLIFF_NS}}}g", {"id": "1"})
    bold.text = "粗體"
    node.append(bold)
    target.insert(1, node)
    return bytes(store)


BAD_XLIFF = [
    ("broken-syntax", lambda d, a: d[: len(d) // 2], "Not a well-formed XLIFF file: line"),
    ("unknown-unit", _unknown_unit, "block:999999:text is not a unit of the article cinq"),
    ("another-article-unit", _unit_of_another_article, "is not a unit of the article cinq"),
    ("unknown-article", _replace("cinq/", "nulle-part/"), "there is no article nulle-part"),
    ("source-changed", _source_changed, "its source text changed since the export"),
    ("article-changed", _article_changed, "was changed after this file was exported"),
    ("language", _replace('target-language="zh-Hant"', 'target-language="ja"'), "into ja"),
    ("markup", _xliff_markup, "holds markup (tags); this unit is plain text"),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [c[1:] for c in BAD_XLIFF], ids=[c[0] for c in BAD_XLIFF]
)
def test_a_wrong_xliff_file_is_refused_and_changes_nothing(article, mutate, message):
    first, second, _ = blocks(article)
    texts = {unit_id(article, first): "第一段新譯。", unit_id(article, second): "第二段新譯。"}
    data = mutate(fill_xliff(export(), texts), article)
    before = snapshot()
    with pytest.raises(ExchangeError) as error:
        import_translations(data, "cinq.xlf")
    assert message in str(error.value)
    assert snapshot() == before


BAD_PO = [
    ("broken-syntax", _replace('msgstr "', 'msgstr "\n'), "Not a valid PO file"),
    ("not-utf8", lambda d, a: d + "\n# é".encode("latin-1"), "Not UTF-8"),
    ("unknown-unit", _unknown_unit, "block:999999:text is not a unit of the article cinq"),
    ("language", _replace("Language: zh_Hant", "Language: fr"), "into French, not into"),
    ("markup", _replace("第二段新譯。", "<b>第二段</b>新譯。"), "holds markup"),
    ("source-changed", _source_changed, "its source text changed since the export"),
]


@pytest.mark.parametrize(("mutate", "message"), [c[1:] for c in BAD_PO], ids=[c[0] for c in BAD_PO])
def test_a_wrong_po_file_is_refused_and_changes_nothing(article, mutate, message):
    first, second, _ = blocks(article)
    texts = {unit_id(article, first): "第一段新譯。", unit_id(article, second): "第二段新譯。"}
    data = mutate(fill_po(export("po"), texts), article)
    before = snapshot()
    with pytest.raises(ExchangeError) as error:
        import_translations(data, "cinq.po", language="zh-hant")
    assert message in str(error.value)
    assert snapshot() == before


def test_a_file_for_another_article_is_refused_where_one_article_is_expected(article):
    make_article(slug="autre", blocks=1)
    before = snapshot()
    with pytest.raises(ExchangeError) as error:
        import_translations(fill_po(export("po"), {}), "cinq.po", article="autre")
    assert "This file holds translations of cinq, not only of autre." in str(error.value)
    assert snapshot() == before


def test_every_problem_is_named_by_line(article):
    data = _unknown_unit(fill_po(export("po"), {}), article)
    data = data.replace(b"cinq/block:", b"cinq/bloc:")
    with pytest.raises(ExchangeError) as error:
        import_translations(data, "cinq.po")
    assert len(error.value.problems) == 2
    assert all(problem.startswith("line ") for problem in error.value.problems)


# --- the commands --------------------------------------------------------------------


def test_export_command_writes_the_file_and_says_how_many_units(article, tmp_path):
    out = io.StringIO()
    target = tmp_path / "cinq.xlf"
    call_command(
        "export_translations",
        "--language=zh-hant",
        "--article=cinq",
        "--format=xliff",
        f"-o{target}",
        stdout=out,
    )
    assert out.getvalue().strip() == f"{target}: 2 unit(s) to translate into zh-hant."
    assert len(xliff.xlifffile.parsestring(target.read_bytes()).units) == 2


def test_import_command_reports_and_exits_1_on_a_wrong_file(article, tmp_path, capsys, monkeypatch):
    # run_from_argv closes the connections when it ends: not the test's one.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    first, second, _ = blocks(article)
    path = tmp_path / "cinq.po"
    path.write_bytes(_unknown_unit(fill_po(export("po"), {}), article))
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_translations", str(path)]).execute()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "block:999999:text" in err
    assert statuses(article)[f"block:{second.pk}:text"] == TranslationState.MISSING

    path.write_bytes(fill_po(export("po"), {unit_id(article, second): "第二段。"}))
    out = io.StringIO()
    call_command("import_translations", str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        "cinq: 1 unit(s) saved",
        f"{path}: 1 unit(s) imported into zh-hant, 1 left as they were.",
    ]


def test_export_command_refuses_an_article_in_its_own_language(article, tmp_path):
    with pytest.raises(CommandError, match="cinq is written in"):
        call_command("export_translations", "--language=fr", "--article=cinq", f"-o{tmp_path}/x")


# --- the exchange page -----------------------------------------------------------------

PAGE = "/admin/translations/exchange/"


def test_the_dashboard_links_to_the_exchange_page(editor_client, article):
    assert PAGE in editor_client.get("/admin/translations/").content.decode()


def test_the_exchange_page_query_count_is_flat(editor_client, django_assert_num_queries):
    make_site()  # 12 articles
    # Session, user, permissions (twice: view and change), the articles for the choices.
    with django_assert_num_queries(5):
        response = editor_client.get(PAGE)
    assert response.status_code == 200
    assert 'id="import-form"' in response.content.decode()


def test_an_editor_downloads_a_file(editor_client, article):
    response = editor_client.get(
        f"{PAGE}download/", {"language": "zh-hant", "article": "cinq", "format": "po"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cinq.zh-hant.po"'
    assert len(polib.pofile(response.content.decode())) == 2


def test_a_bad_download_request_is_a_400(editor_client, article):
    response = editor_client.get(f"{PAGE}download/", {"language": "xx", "format": "po"})
    assert response.status_code == 400


def test_an_editor_uploads_a_translated_file(editor_client, editor_user, article):
    _first, second, _ = blocks(article)
    data = fill_xliff(export(), {unit_id(article, second): "第二段，新譯。"})
    upload = SimpleUploadedFile("cinq.xlf", data)
    response = editor_client.post(PAGE, {"file": upload, "language": "zh-hant", "article": "cinq"})
    assert response.status_code == 302
    assert statuses(article)[f"block:{second.pk}:text"] == TranslationState.CURRENT
    revision = Version.objects.get_for_object(article).first().revision
    assert revision.user == editor_user and "cinq.xlf" in describe(revision)
    page = editor_client.get(response["Location"]).content.decode()
    # The admin speaks French here.
    assert "Importé de cinq.xlf\u00a0: 1 unité enregistrée, 1 laissée telle quelle." in page


def test_a_refused_upload_lists_the_problems_and_changes_nothing(editor_client, article):
    data = _article_changed(fill_xliff(export(), {}), article)
    before = snapshot()
    upload = SimpleUploadedFile("cinq.xlf", data)
    response = editor_client.post(PAGE, {"file": upload, "language": "zh-hant"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="import-problems"' in body and "a été modifié après l’export" in body
    assert snapshot() == before


def test_the_exchange_page_needs_the_editors_permissions(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE).status_code == 302  # to the login page
