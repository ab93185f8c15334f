"""`import_content` / `export_content`: the seed content and its round trip."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Block, Opinion, Person, Question

pytestmark = pytest.mark.django_db

SEED_ARTICLE = "cinq-experts-client-toujours-raison"


@pytest.fixture
def content_dir(tmp_path):
    """A private copy of the project's content folder."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def snapshot():
    from articles.content.sync import article_to_dict, articles_for_export

    return [article_to_dict(a) for a in articles_for_export().order_by("slug")]


def test_seed_content_gives_four_articles_complete_in_both_languages(content_dir):
    run("import_content", str(content_dir))
    assert Article.objects.count() == 4
    assert Question.objects.get().title_zh_hant == "顧客永遠是對的嗎？"
    annotated = Article.objects.all()
    assert [
        (a.slug, a.missing_fr, a.missing_zh_hant)
        for a in annotated
        if a.missing_fr or a.missing_zh_hant
    ] == []


def test_the_first_article_holds_five_aligned_opinions(content_dir):
    run("import_content", str(content_dir))
    article = Article.objects.get(slug=SEED_ARTICLE)
    opinions = list(article.opinions.select_related("person"))
    assert [o.person.slug for o in opinions] == [
        "andy-beal",
        "salesforce-blog",
        "michelle-king",
        "bill-flitter",
        "tom-martin",
    ]
    # The README's rule: "not always right, but treat them as if they were" (Andy
    # Beal, Bill Flitter) is "depends"; "not always right" alone is "no".
    assert [o.stance for o in opinions] == ["depends", "yes", "no", "depends", "no"]
    for opinion in opinions:
        for block in opinion.blocks.all():
            assert block.text_fr.strip() and block.text_zh_hant.strip()
    assert article.original_published_on.isoformat() == "2022-10-07"
    assert article.translation_origin == Article.TranslationOrigin.SOURCE


def test_french_originals_record_chinese_as_translations(content_dir):
    run("import_content", str(content_dir))
    others = Article.objects.exclude(slug=SEED_ARTICLE)
    assert {a.original_language for a in others} == {"fr"}
    assert {a.translation_origin for a in others} == {"project"}
    roi = Article.objects.get(slug="le-client-est-il-roi")
    assert roi.source_url == "https://mavoisinemillionnaire.com"


def test_page_furniture_is_left_out(content_dir):
    run("import_content", str(content_dir))
    texts = " ".join(Block.objects.values_list("text_fr", flat=True))
    for furniture in ("Share on facebook", "Laisser un commentaire", "A lire aussi"):
        assert furniture not in texts
    assert Block.objects.filter(kind=Block.Kind.CAPTION).exists()


def test_reimport_changes_nothing(content_dir):
    run("import_content", str(content_dir))
    before = snapshot()
    ids = sorted(Opinion.objects.values_list("pk", flat=True))
    output = run("import_content", str(content_dir))
    assert "0 created, 0 updated, 10 unchanged" in output
    assert snapshot() == before
    assert sorted(Opinion.objects.values_list("pk", flat=True)) == ids


def test_a_changed_file_updates_its_article(content_dir):
    run("import_content", str(content_dir))
    path = content_dir / "articles" / "le-client-est-il-roi.yaml"
    path.write_text(path.read_text().replace("stance: 'no'", "stance: depends", 1))
    output = run("import_content", str(content_dir))
    assert "updated    article:le-client-est-il-roi" in output
    assert Article.objects.get(slug="le-client-est-il-roi").stance == "depends"


def test_an_admin_edit_is_reported_and_kept(content_dir):
    run("import_content", str(content_dir))
    Article.objects.filter(slug="le-client-est-il-roi").update(title_fr="Titre revu")
    path = content_dir / "articles" / "le-client-est-il-roi.yaml"
    path.write_text(path.read_text().replace("stance: 'no'", "stance: depends", 1))
    output = run("import_content", str(content_dir))
    assert "kept       article:le-client-est-il-roi" in output
    article = Article.objects.get(slug="le-client-est-il-roi")
    assert (article.title_fr, article.stance) == ("Titre revu", "no")
    # Still kept on the next run: the edit is never silently lost.
    run("import_content", str(content_dir))
    assert Article.objects.get(slug="le-client-est-il-roi").title_fr == "Titre revu"


def test_overwrite_applies_the_file_over_an_admin_edit(content_dir):
    run("import_content", str(content_dir))
    Person.objects.filter(slug="tom-martin").update(role_fr="Retraité")
    output = run("import_content", str(content_dir), "--overwrite")
    assert "overwrote  person:tom-martin" in output
    assert Person.objects.get(slug="tom-martin").role_fr == "PDG"


@pytest.mark.parametrize(
    ("filename", "mutate", "message"),
    [
        ("articles/le-client-est-il-roi.yaml", lambda t: t + "\n  : [", "not valid YAML"),
        (
            "articles/le-client-est-il-roi.yaml",
            lambda t: t.replace("stance: 'no'", "stance: maybe", 1),
            "stance: 'maybe' is not one of yes, depends, no",
        ),
        (
            f"articles/{SEED_ARTICLE}.yaml",
            lambda t: t.replace("person: tom-martin", "person: nobody", 1),
            "opinions[4].person: no person with slug 'nobody'",
        ),
        (
            "articles/le-client-est-il-roi.yaml",
            lambda t: t.replace("published_at:", "published:", 1),
            "unknown key(s) published",
        ),
        ("people.yaml", lambda t: "slug: not-a-list\n", "expected a list of people"),
    ],
    ids=["broken-yaml", "bad-stance", "unknown-person", "typo-in-key", "wrong-shape"],
)
def test_a_malformed_file_is_named_and_nothing_is_imported(content_dir, filename, mutate, message):
    path = content_dir / filename
    path.write_text(mutate(path.read_text()))
    with pytest.raises(CommandError) as error:
        run("import_content", str(content_dir))
    assert filename.split("/")[-1] in str(error.value)
    assert message in str(error.value)
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0


def test_a_malformed_file_leaves_earlier_imports_untouched(content_dir):
    run("import_content", str(content_dir))
    before = snapshot()
    good = content_dir / "articles" / "le-client-est-il-roi.yaml"
    good.write_text(good.read_text().replace("stance: 'no'", "stance: 'yes'", 1))
    bad = content_dir / "articles" / "decryptage-relation-client.yaml"
    bad.write_text(bad.read_text().replace("status: published", "status: maybe", 1))
    with pytest.raises(CommandError):
        run("import_content", str(content_dir))
    assert snapshot() == before


def test_import_then_export_gives_the_same_files(content_dir, tmp_path):
    run("import_content", str(content_dir))
    exported = tmp_path / "exported"
    run("export_content", str(exported))
    # The termbase has its own file and commands (import_terms / export_terms).
    originals = sorted(
        p.relative_to(content_dir)
        for p in content_dir.rglob("*.yaml")
        if p.name != "terminology.yaml"
    )
    copies = sorted(p.relative_to(exported) for p in exported.rglob("*.yaml"))
    assert copies == originals
    for relative in originals:
        assert (exported / relative).read_text() == (content_dir / relative).read_text(), relative


def test_the_project_content_folder_is_in_export_format():
    # Guards the committed files: an editor's hand edit must stay importable.
    from articles.content.sync import read_content

    content = read_content(Path(settings.CONTENT_DIR))
    assert len(content.articles) == 4
    assert len(content.people) == 5


def test_import_records_a_first_history_entry(content_dir):
    from reversion.models import Version

    from articles.content.sync import IMPORT_COMMENT

    run("import_content", str(content_dir))
    article = Article.objects.get(slug="le-client-est-il-roi")
    versions = Version.objects.get_for_object(article)
    assert [v.revision.get_comment() for v in versions] == [IMPORT_COMMENT]
    # Re-running records nothing new: nothing changed.
    run("import_content", str(content_dir))
    assert Version.objects.get_for_object(article).count() == 1


def test_simplified_overrides_round_trip_through_the_content_files(content_dir, tmp_path):
    run("import_content", str(content_dir))
    article = Article.objects.get(slug=SEED_ARTICLE)
    block = article.blocks.order_by("position").first()
    Block.objects.filter(pk=block.pk).update(text_zh_hans="编辑写的简体段落")
    Article.objects.filter(pk=article.pk).update(title_zh_hans="编辑写的简体标题")
    Person.objects.filter(slug="michelle-king").update(name_zh_hans="米歇尔·金")
    exported = tmp_path / "exported"
    run("export_content", str(exported))
    text = (exported / f"articles/{SEED_ARTICLE}.yaml").read_text()
    assert "zh-hans: 编辑写的简体段落" in text and "zh-hans: 编辑写的简体标题" in text
    # Only where an editor wrote one: the other files keep their shape.
    other = "articles/le-client-est-il-roi.yaml"
    assert (exported / other).read_text() == (content_dir / other).read_text()
    before = snapshot()
    Article.objects.all().delete()
    Person.objects.all().delete()
    run("import_content", str(exported))
    assert snapshot() == before
    assert Person.objects.get(slug="michelle-king").name_zh_hans == "米歇尔·金"
    assert Article.objects.get(slug=SEED_ARTICLE).blocks.order_by("position")[0].text_zh_hans == (
        "编辑写的简体段落"
    )
