"""The public reading site."""

from collections.abc import Sequence

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles.fingerprints import outdated_in
from articles.languages import registry
from articles.models import (
    Article,
    Opinion,
    Person,
    Question,
    Stance,
    content_languages,
)
from articles.querysets import read_texts, related_articles

from .caching import per_version
from .presentation import (
    aligned_rows,
    field_row,
    has_fallback,
    reader_language,
    shown,
    side_by_side_languages,
    stance_counts,
    stance_overview,
)
from .rendered import body_html, variant, with_stored_html

ARTICLES_PER_PAGE = 10
HOME_ARTICLES = 5
HOME_NAMES_PER_STANCE = 12
HOME_EXPERTS = 12
# A grid of 2, 3 or 4 columns; an expert's page lists their opinions by tens.
EXPERTS_PER_PAGE = 24
EXPERT_OPINIONS_PER_PAGE = 10
RELATED_ARTICLES = 3


@require_safe
@vary_on_headers("Accept-Language")
def root_redirect(request):
    language = registry().for_accept_language(request.headers.get("Accept-Language"))
    with translation.override(language.code):
        return HttpResponseRedirect(reverse("reading:home"))


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included.
    return HttpResponseRedirect(static("img/favicon.svg"))


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _home_overview():
    # Counts cover everyone; the page lists a bounded number of names and links
    # to the experts page for the rest, so its size does not grow with the content.
    # Only the opinions and people it names are loaded in full.
    answers = list(Opinion.objects.answers())
    groups, total = stance_overview(answers, one_per_person=True, limit=HOME_NAMES_PER_STANCE)
    details = Opinion.objects.by_pk([row.pk for group in groups for row in group.shown])
    for group in groups:
        group.details = details
    expert_ids = list(dict.fromkeys(row.person_id for row in answers))[:HOME_EXPERTS]
    experts = list(Person.objects.filter(pk__in=expert_ids).order_by("slug"))
    return groups, total, experts


def home(request):
    # Aggregates every public opinion: once per content version, not per request;
    # its HTML once per version and language.
    groups, total, experts = per_version(request, "home-overview", _home_overview)
    overview = per_version(
        request,
        f"home-overview-html:{reader_language()}",
        lambda: render_to_string(
            "includes/stance_overview.html", {"groups": groups, "total": total}
        ),
    )
    articles = Article.objects.for_list()[:HOME_ARTICLES]
    return render(
        request,
        "reading/home.html",
        {
            "question": Question.objects.first(),
            "stance_groups": groups,
            "overview": overview,
            "experts": experts,
            "articles": articles,
        },
    )


class ArticleFilterForm(forms.Form):
    stance = forms.ChoiceField(label=_("Stance"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    language = forms.ChoiceField(label=_("Available in"), required=False)

    def __init__(self, data, sources):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["stance"].choices = everything + list(Stance.choices)
        self.fields["source"].choices = everything + [(name, name) for name in sources]
        languages = registry()
        stored = [languages.by_code(code) for code in content_languages()]
        self.fields["language"].choices = everything + languages.choices(stored)

    def filter(self, articles):
        """Apply the filters whose values are valid; report the others as ignored."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("stance"):
            articles = articles.filter(stance=data["stance"])
        if data.get("source"):
            articles = articles.filter(source_name=data["source"])
        if data.get("language"):
            suffix = registry().by_code(data["language"]).field_suffix
            articles = articles.filter(**{f"missing_{suffix}": False})
        return articles


class _Counted(Sequence):
    """A queryset whose length is already known: the paginator slices it, no COUNT."""

    def __init__(self, queryset, count):
        self.queryset, self.length = queryset, count

    def __len__(self):
        return self.length

    def __getitem__(self, index):
        return self.queryset[index]


def article_list(request):
    # Every published article's source: read once per content version.
    sources = per_version(request, "sources", Article.objects.source_names)
    form = ArticleFilterForm(request.GET, sources)
    articles = form.filter(Article.objects.for_list())
    # Counting every published article (10,000: 0.6 ms of SQL) once per version
    # and filter; only valid filter values make a key.
    filters = tuple(sorted((name, value) for name, value in form.cleaned_data.items() if value))
    count = per_version(request, ("article-count", filters), articles.count)
    page = Paginator(_Counted(articles, count), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reading/article_list.html",
        {
            "form": form,
            "page_obj": page,
            "articles": page.object_list,
            "filter_query": query.urlencode(),
            "filtered": any(form.cleaned_data.values()),
        },
    )


def _article(request, slug, name):
    articles = with_stored_html(Article.objects.for_page(request.user), name)
    return get_object_or_404(articles, slug=slug)


def _render_body(template, article, context):
    # No request: what is stored must not depend on who asked.
    read_texts(article)
    return render_to_string(template, {"article": article, **context()})


def _related(request, article):
    # The few newest articles of each stance, read once per content version.
    newest = per_version(
        request,
        "newest-per-stance",
        lambda: Article.objects.newest_per_stance(RELATED_ARTICLES + 1),
    )
    return related_articles(article, newest, RELATED_ARTICLES)


def article_detail(request, slug):
    language = reader_language()
    name = variant("article", language)
    article = _article(request, slug, name)

    def body_context():
        return {
            "has_fallback": has_fallback(article, language),
            "translation_outdated": outdated_in(article, language),
            "original_language": article.get_original_language_display(),
        }

    context = {
        "article": article,
        "preview": not article.is_public,
        "body": body_html(
            article,
            name,
            lambda: _render_body("reading/article_body.html", article, body_context),
        ),
        "related": _related(request, article),
        "structured_data": _article_structured_data(request, article),
    }
    return render(request, "reading/article_detail.html", context)


def article_bilingual(request, slug):
    # French beside one Chinese script, chosen on the page (?chinese=zh-hans).
    columns = side_by_side_languages(request.GET.get("chinese"))
    name = variant("bilingual", reader_language(), *(language.code for language in columns))
    article = _article(request, slug, name)

    def rows_context():
        head_rows = [
            field_row(article, "title", "title", columns),
            field_row(article, "standfirst", "lead", columns),
        ]
        return {
            "columns": columns,
            "head_rows": [row for row in head_rows if row],
            "body_rows": aligned_rows(article.body_blocks(), columns),
            "opinion_rows": [
                (
                    opinion,
                    field_row(opinion, "headline", "headline", columns),
                    aligned_rows(opinion.blocks.all(), columns),
                )
                for opinion in article.opinions.all()
            ],
            "closing_rows": aligned_rows(article.closing_blocks(), columns),
        }

    context = {
        "article": article,
        "preview": not article.is_public,
        "columns": columns,
        "scripts": [language for language in registry() if language is not registry().default()],
        "body": body_html(
            article,
            name,
            lambda: _render_body("reading/article_bilingual_rows.html", article, rows_context),
        ),
    }
    return render(request, "reading/article_bilingual.html", context)


def _article_structured_data(request, article):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shown(article, "title").text,
        "description": shown(article, "standfirst").text,
        "inLanguage": registry().active().tag,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": shown(article.author, "name").text}
    if article.source_name:
        data["isBasedOn"] = article.source_url or article.source_name
    return data


def _experts(request):
    """People with public opinions and their counts per stance, by slug (once per
    content version: the counts read every public opinion)."""
    return per_version(request, "experts", lambda: list(Person.objects.experts()))


def expert_list(request):
    page = Paginator(_experts(request), EXPERTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "reading/expert_list.html", {"experts": page.object_list, "page_obj": page}
    )


def expert_detail(request, slug):
    expert = next((p for p in _experts(request) if p.slug == slug), None)
    person = expert or get_object_or_404(Person, slug=slug)
    authored = list(person.authored_articles.published())
    if expert is None and not authored:
        # A person only quoted in drafts is not public yet.
        raise Http404
    count = expert.opinion_count if expert else 0
    opinions = Paginator(
        _Counted(Opinion.objects.for_expert(person), count), EXPERT_OPINIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "reading/expert_detail.html",
        {
            "person": person,
            "opinions": opinions.object_list if count else [],
            "opinion_count": count,
            "page_obj": opinions,
            "authored": authored,
            "stance_groups": stance_counts(expert) if expert else [],
        },
    )
