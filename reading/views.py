"""The public reading site."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles.fingerprints import outdated_in
from articles.models import (
    Article,
    Opinion,
    Person,
    Question,
    Stance,
    content_languages,
    field_suffix,
)

from .presentation import (
    HTML_LANG,
    aligned_rows,
    field_row,
    has_fallback,
    html_lang,
    reader_language,
    shown,
    stance_overview,
)

ARTICLES_PER_PAGE = 10
HOME_ARTICLES = 5
HOME_NAMES_PER_STANCE = 12
HOME_EXPERTS = 12

# Accept-Language tags served in Traditional Chinese. Other Chinese variants (zh-CN,
# zh-SG, zh-Hans) are not served yet, so they fall through to French as the issue asks.
TRADITIONAL_CHINESE_TAGS = {"zh", "zh-tw", "zh-hk", "zh-mo", "zh-hant"}


def accepted_languages(header):
    """Language tags of an Accept-Language header, most preferred first.

    Django's parser reads each entry on its own: given the whole header, it refuses all
    of it for one malformed entry, where a reader's other languages still count.
    """
    weighted = [
        (tag, quality)
        for entry in (header or "")[:500].split(",")
        for tag, quality in parse_accept_lang_header(entry.strip())
        if tag != "*" and quality > 0
    ]
    weighted.sort(key=lambda item: -item[1])  # stable: equal qualities keep their order
    return [tag for tag, _quality in weighted]


def language_for_accept_header(header):
    """The site language for an Accept-Language header: the reader's most preferred
    language the site serves, else French."""
    for tag in accepted_languages(header):
        if tag == "fr" or tag.startswith("fr-"):
            return "fr"
        if tag in TRADITIONAL_CHINESE_TAGS or tag.startswith("zh-hant-"):
            return "zh-hant"
    return settings.LANGUAGE_CODE


@require_safe
@vary_on_headers("Accept-Language")
def root_redirect(request):
    language = language_for_accept_header(request.headers.get("Accept-Language"))
    with translation.override(language):
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


def home(request):
    # Counts cover everyone; the page lists a bounded number of names and links
    # to the experts page for the rest, so its size does not grow with the content.
    # Only the opinions and people it names are loaded in full.
    answers = list(Opinion.objects.answers())
    groups, total = stance_overview(answers, one_per_person=True, limit=HOME_NAMES_PER_STANCE)
    details = Opinion.objects.by_pk([row.pk for group in groups for row in group.shown])
    for group in groups:
        group.details = details
    expert_ids = list(dict.fromkeys(row.person_id for row in answers))[:HOME_EXPERTS]
    experts = Person.objects.filter(pk__in=expert_ids).order_by("slug")
    articles = Article.objects.for_list()[:HOME_ARTICLES]
    return render(
        request,
        "reading/home.html",
        {
            "question": Question.objects.first(),
            "stance_groups": groups,
            "opinion_total": total,
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
        self.fields["language"].choices = everything + [
            (code, name) for code, name in settings.LANGUAGES if code in content_languages()
        ]

    def filter(self, articles):
        """Apply the filters whose values are valid; report the others as ignored."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("stance"):
            articles = articles.filter(stance=data["stance"])
        if data.get("source"):
            articles = articles.filter(source_name=data["source"])
        if data.get("language"):
            articles = articles.filter(**{f"missing_{field_suffix(data['language'])}": False})
        return articles


def article_list(request):
    form = ArticleFilterForm(request.GET, Article.objects.source_names())
    articles = form.filter(Article.objects.for_list())
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
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


def _article_context(request, slug):
    article = get_object_or_404(Article.objects.for_page(request.user), slug=slug)
    language = reader_language()
    return article, {
        "article": article,
        "preview": not article.is_public,
        "has_fallback": has_fallback(article, language),
        # Read from the prefetched rows: no query.
        "translation_outdated": outdated_in(article, language),
        "original_language": article.get_original_language_display(),
    }


def article_detail(request, slug):
    article, context = _article_context(request, slug)
    context["related"] = Article.objects.related_to(article)
    context["structured_data"] = _article_structured_data(request, article)
    return render(request, "reading/article_detail.html", context)


def article_bilingual(request, slug):
    article, context = _article_context(request, slug)
    head_rows = [field_row(article, "title", "title"), field_row(article, "standfirst", "lead")]
    context["head_rows"] = [row for row in head_rows if row]
    context["body_rows"] = aligned_rows(article.body_blocks())
    context["opinion_rows"] = [
        (opinion, field_row(opinion, "headline", "headline"), aligned_rows(opinion.blocks.all()))
        for opinion in article.opinions.all()
    ]
    context["closing_rows"] = aligned_rows(article.closing_blocks())
    context["columns"] = [
        (code, HTML_LANG[code], name) for code, name in settings.LANGUAGES if code in HTML_LANG
    ]
    return render(request, "reading/article_bilingual.html", context)


def _article_structured_data(request, article):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shown(article, "title").text,
        "description": shown(article, "standfirst").text,
        "inLanguage": html_lang(translation.get_language()),
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": shown(article.author, "name").text}
    if article.source_name:
        data["isBasedOn"] = article.source_url or article.source_name
    return data


def expert_list(request):
    return render(request, "reading/expert_list.html", {"experts": Person.objects.experts()})


def expert_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    opinions = list(Opinion.objects.for_expert(person))
    authored = list(person.authored_articles.published())
    if not opinions and not authored:
        # A person only quoted in drafts is not public yet.
        raise Http404
    groups, total = stance_overview(opinions)
    return render(
        request,
        "reading/expert_detail.html",
        {
            "person": person,
            "opinions": opinions,
            "authored": authored,
            "stance_groups": groups,
        },
    )
