"""Content files: field lengths, the size limit, and former slugs through a round trip."""

import io
import shutil

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.content.schema import MAX_FILE_BYTES
from articles.models import Article, ArticleSlugHistory, ImportRecord, Person, Question

pytestmark = pytest.mark.django_db

SEED_ARTICLE = "cinq-experts-client-toujours-raison"


@pytest.fixture
def content_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def refused(directory):
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(directory))
    assert Article.objects.count() == 0  # all or nothing
    return str(error.value)


@pytest.mark.parametrize(
    ("file", "change", "place", "limit"),
    [
        (
            f"articles/{SEED_ARTICLE}.yaml",
            lambda d: d["title"].update(fr="T" * 301),
            "title.fr",
            300,
        ),
        (
            f"articles/{SEED_ARTICLE}.yaml",
            lambda d: d["opinions"][0]["headline"].update({"zh-hant": "長" * 301}),
            "opinions[0].headline.zh-hant",
            300,
        ),
        (
            f"articles/{SEED_ARTICLE}.yaml",
            lambda d: d.update(source_name="S" * 201),
            "source_name",
            200,
        ),
        ("people.yaml", lambda d: d[0]["name"].update(fr="N" * 201), "[0].name.fr", 200),
        ("people.yaml", lambda d: d[1].update(role={"fr": "R" * 250}), "[1].role.fr", 200),
        ("question.yaml", lambda d: d["title"].update(fr="Q" * 201), "title.fr", 200),
    ],
    ids=["article-title", "opinion-headline", "source-name", "person-name", "person-role",
         "question"],
)  # fmt: skip
def test_a_value_longer_than_its_field_is_refused_naming_file_and_field(
    content_dir, file, change, place, limit
):
    edit(content_dir / file, change)
    message = refused(content_dir)
    assert file.split("/")[-1] in message
    assert f"{place}: " in message
    assert f"more than the {limit} this field holds" in message


def test_a_file_over_the_size_limit_is_refused_before_parsing(content_dir):
    huge = content_dir / "articles" / "huge.yaml"
    huge.write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    message = refused(content_dir)
    assert "huge.yaml" in message
    assert f"larger than the {MAX_FILE_BYTES} bytes a content file may have" in message


def test_a_former_slug_claimed_twice_is_refused(content_dir):
    edit(
        content_dir / "articles" / "le-client-est-il-roi.yaml",
        lambda d: d.update(old_slugs=["decryptage-relation-client"]),
    )
    message = refused(content_dir)
    assert "'decryptage-relation-client' is also claimed by" in message


def files(directory):
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*.yaml"))
    }


def test_export_wipe_import_keeps_everything_including_old_slug_redirects(
    content_dir, tmp_path, client
):
    call_command("import_content", str(content_dir), stdout=io.StringIO())
    article = Article.objects.get(slug=SEED_ARTICLE)
    for slug in ("cinq-experts", "cinq-experts-repondent"):  # renamed twice
        article.slug = slug
        article.save()
    first = tmp_path / "first"
    call_command("export_content", str(first), stdout=io.StringIO())
    assert (
        "old_slugs:\n- cinq-experts\n- cinq-experts-client-toujours-raison\n"
        in (first / "articles" / "cinq-experts-repondent.yaml").read_text()
    )

    for model in (ArticleSlugHistory, Article, Person, Question, ImportRecord):
        model.objects.all().delete()
    call_command("import_content", str(first), stdout=io.StringIO())
    second = tmp_path / "second"
    call_command("export_content", str(second), stdout=io.StringIO())

    assert files(second) == files(first)
    for old in (SEED_ARTICLE, "cinq-experts"):
        response = client.get(f"/fr/articles/{old}/bilingual/")
        assert response.status_code == 301
        assert response["Location"] == "/fr/articles/cinq-experts-repondent/bilingual/"
    # Importing the same files again changes nothing.
    out = io.StringIO()
    call_command("import_content", str(first), stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
