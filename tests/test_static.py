"""Static files as production serves them: hashed, minified, compressed, immutable;
and public pages with no script that blocks their rendering."""

import re

import pytest
from django.core.management import call_command

from .factories import make_article

CSS_BUDGET = 20 * 1024


@pytest.fixture
def collected(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "reading.storage.MinifiedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_the_stylesheet_is_minified_hashed_and_compressed(collected, settings):
    source = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    [hashed] = [p for p in collected.glob("css/site.*.css") if p.suffix == ".css"]
    built = hashed.read_text()
    assert len(built.encode()) <= CSS_BUDGET
    assert len(built) < 0.9 * len(source)
    assert "/*" not in built and "\n\n" not in built
    # Same rules: every selector of the source is still there.
    for selector in re.findall(r"^(\.[\w-]+)\s*\{", source, re.MULTILINE):
        assert selector in built
    assert hashed.with_name(hashed.name + ".gz").exists()
    assert hashed.with_name(hashed.name + ".br").exists()


def test_hashed_files_are_served_immutable(collected, settings, rf):
    from whitenoise.middleware import WhiteNoiseMiddleware

    [hashed] = [p for p in collected.glob("css/site.*.css") if p.suffix == ".css"]
    middleware = WhiteNoiseMiddleware(lambda request: None)
    response = middleware(rf.get(f"/static/css/{hashed.name}", HTTP_ACCEPT_ENCODING="br, gzip"))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "br"
    plain = middleware(rf.get("/static/css/site.css"))
    assert "immutable" not in plain["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/fr/", "/fr/articles/", "/fr/articles/{slug}/", "/fr/articles/{slug}/bilingual/"]
)
def test_public_pages_have_no_render_blocking_script(client, path):
    page = client.get(path.format(slug=make_article().slug)).text
    for tag in re.findall(r"<script\b[^>]*>", page):
        # Data for search engines only (JSON-LD), never executed.
        assert 'type="application/ld+json"' in tag
