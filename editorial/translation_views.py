"""The translation dashboard and the side-by-side translation editor (admin pages).

Both read every unit of the articles they show from four queries (the article
rows, body blocks, opinions with their people, opinion blocks), whatever the
number of articles or units.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion.models import Version

from articles.fingerprints import TranslationState
from articles.languages import registry
from articles.models import content_languages
from feedback.models import Vote
from terminology.matching import Termbase

from . import translation_terms as terms
from . import translation_units as tu
from .overrides import OverrideState, override_counts
from .translation_diff import source_diff
from .translation_forms import SHOW_CHOICES, TranslationForm, base_name, shown_units

VIEW_PERMISSION = "articles.view_article"
# Saving touches the article, its blocks, its opinions and the people it quotes.
CHANGE_PERMISSIONS = (
    "articles.change_article",
    "articles.change_block",
    "articles.change_opinion",
    "articles.change_person",
)

# Column key -> (label, sort key); ties stay in title order.
SORTS = {
    "progress": (gettext_lazy("Progress"), lambda row: row["progress"].percent),
    "title": (gettext_lazy("Article"), lambda row: row["title"].casefold()),
    "language": (gettext_lazy("Language"), lambda row: row["language"]),
    "missing": (gettext_lazy("Missing"), lambda row: row["progress"].missing),
    "outdated": (gettext_lazy("Outdated"), lambda row: row["progress"].outdated),
    "terms": (gettext_lazy("Terminology"), lambda row: row["flagged"]),
    "updated": (gettext_lazy("Updated"), lambda row: row["article"].updated_at),
}


def html_lang(code):
    """BCP 47 tag for a lang attribute."""
    language = registry().get(code)
    return language.tag if language is not None else code


def _require(request, *permissions):
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def editor_url(article, language, show=None):
    url = reverse("translations:editor", args=[article.slug, language])
    return f"{url}?{urlencode({'show': show})}" if show else url


def helpful_label(helpfulness):
    """ "72 % yes (18 answers)", or "—" before the first answer."""
    if helpfulness is None or not helpfulness.total:
        return "—"
    return ngettext(
        "%(percent)d %% yes (%(count)d answer)",
        "%(percent)d %% yes (%(count)d answers)",
        helpfulness.total,
    ) % {"percent": round(100 * helpfulness.share), "count": helpfulness.total}


def dashboard_rows(articles):
    """One row per article and target language, with its progress, the units that
    break an agreed term, and readers' answers in that language and the original's."""
    articles = list(articles)
    termbase = Termbase.load()
    shares = Vote.objects.helpful_shares(article_ids=[article.pk for article in articles])
    rows = []
    for article in articles:
        for language in tu.target_languages(article):
            units = tu.article_units(article, language)
            rows.append(
                {
                    "article": article,
                    "title": article.title,
                    "language": language,
                    "language_name": tu.language_label(language),
                    "language_in_sentence": tu.language_in_sentence(language),
                    "progress": tu.progress(units),
                    "flagged": terms.flagged(units, termbase),
                    "helpful": helpful_label(shares.get((article.pk, language))),
                    "helpful_original": helpful_label(
                        shares.get((article.pk, article.original_language))
                    ),
                    "url": editor_url(article, language),
                }
            )
    return rows


def override_sections(articles):
    """Per derived language (zh-hans), each article's texts by override state; from
    the units already loaded for the dashboard (no query)."""
    sections = []
    for language in registry().derived():
        if not language.has_columns:
            continue
        rows = [
            {
                "article": article,
                "title": article.title,
                "counts": override_counts(tu.article_units(article, language.code)),
                "url": reverse("admin:articles_article_change", args=[article.pk]),
            }
            for article in articles
        ]
        heading = _("%(language)s, converted from %(source)s") % {
            "language": language.name,
            "source": tu.language_in_sentence(language.derived_from),
        }
        sections.append(
            {
                "language": language,
                "heading": heading,
                "states": [state.label for state in OverrideState],
                "rows": rows,
            }
        )
    return sections


def _filters(current):
    """The "missing in X" / "outdated in X" links."""
    links = [{"key": "", "label": _("All articles"), "selected": not current}]
    for language in content_languages():
        name = tu.language_in_sentence(language)
        for state, label in (
            ("missing", _("Missing in %(language)s")),
            ("outdated", _("Outdated in %(language)s")),
        ):
            key = f"{state}-{language}"
            links.append(
                {"key": key, "label": label % {"language": name}, "selected": current == key}
            )
    return links


def dashboard(request):
    _require(request, VIEW_PERMISSION)
    articles = list(tu.articles_with_units().order_by("-published_at", "slug"))
    rows = dashboard_rows(articles)
    selected = request.GET.get("filter", "")
    state, _sep, language = selected.partition("-")
    if state in ("missing", "outdated") and language in content_languages():
        rows = [
            row
            for row in rows
            if row["language"] == language and getattr(row["progress"], state) > 0
        ]
    else:
        selected = ""
    sort = request.GET.get("sort", "progress")
    descending = sort.startswith("-")
    if sort.lstrip("-") not in SORTS:
        sort, descending = "progress", False
    rows.sort(key=SORTS["title"][1])
    rows.sort(key=SORTS[sort.lstrip("-")][1], reverse=descending)
    columns = []
    for key, (label, _key) in SORTS.items():
        active = sort.lstrip("-") == key
        order = f"-{key}" if active and not descending else key
        columns.append(
            {
                "key": key,
                "label": label,
                "url": "?"
                + urlencode({"filter": selected, "sort": order} if selected else {"sort": order}),
                "sorted": ("descending" if descending else "ascending") if active else "",
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Translations"),
        "rows": rows,
        "overrides": override_sections(articles),
        "columns": {column["key"]: column for column in columns},
        "filters": [
            {**link, "url": "?" + urlencode({"filter": link["key"], "sort": sort})}
            for link in _filters(selected)
        ],
    }
    return TemplateResponse(request, "admin/editorial/translations/dashboard.html", context)


def _editor_rows(form, units, termbase, colleagues=()):
    colleagues = {unit.id for unit in colleagues}
    rows = []
    previous_opinion = None
    for unit in units:
        new_opinion = unit.opinion is not None and unit.opinion is not previous_opinion
        previous_opinion = unit.opinion
        status = unit.status
        outdated = status == TranslationState.OUTDATED
        rows.append(
            {
                "unit": unit,
                "status": status,
                "status_label": TranslationState(status).label,
                "field": form[unit.id],
                "base": form[base_name(unit.id)],
                "diff": (
                    source_diff(unit.previous_source, unit.source, unit.source_language)
                    if outdated and unit.previous_source
                    else None
                ),
                "colleague_text": unit.target if unit.id in colleagues else None,
                # Checked against what the field shows: the typed text after a POST.
                "findings": terms.finding_rows(unit, termbase, form[unit.id].value() or ""),
                "new_opinion": new_opinion,
            }
        )
    return rows


def _last_saved_by(article):
    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    return version.revision if version else None


def _saved_message(changed):
    if not changed:
        return _("Nothing to save: no translation was changed.")
    return ngettext("%(count)d unit saved.", "%(count)d units saved.", len(changed)) % {
        "count": len(changed)
    }


def translation_editor(request, slug, language):
    _require(request, VIEW_PERMISSION)
    article = get_object_or_404(tu.articles_with_units(), slug=slug)
    if not tu.is_target(article, language):
        raise Http404(_("This article is not translated into that language."))
    show = request.GET.get("show", "all")
    if show not in dict(SHOW_CHOICES):
        show = "all"
    all_units = tu.article_units(article, language)
    units = shown_units(all_units, show)
    conflict = None
    termbase = Termbase.load()
    if request.method == "POST" and "apply_term" in request.POST:
        # A terminology fix: the form comes back with it applied, nothing saved.
        _require(request, *CHANGE_PERMISSIONS)
        units = [unit for unit in all_units if base_name(unit.id) in request.POST] or units
        try:
            data, message = terms.apply_fix(
                units, request.POST.copy(), request.POST["apply_term"], termbase
            )
        except ValueError as error:
            return HttpResponseBadRequest(str(error))
        messages.info(request, message)
        form = TranslationForm(all_units, article, data)
    elif request.method == "POST":
        _require(request, *CHANGE_PERMISSIONS)
        # Every unit the page showed comes back with its base fingerprint: the same
        # units are saved and shown again, whatever the filter makes of them now.
        form = TranslationForm(all_units, article, request.POST)
        units = [unit for unit in all_units if base_name(unit.id) in request.POST] or units
        if form.is_valid():
            if form.cleaned_data["version"] == article.version and not form.changed_meanwhile():
                confirmed = form.cleaned_data["confirm"]
                try:
                    changed = tu.apply_translations(
                        article,
                        language,
                        form.submitted_texts(),
                        [confirmed] if confirmed else [],
                        user=request.user,
                        loaded_version=form.cleaned_data["version"],
                    )
                except ValueError as error:
                    return HttpResponseBadRequest(str(error))
                except tu.EditConflict:
                    # A colleague saved in the very last moment: reload, shown below.
                    article = get_object_or_404(tu.articles_with_units(), pk=article.pk)
                    all_units = tu.article_units(article, language)
                    form = TranslationForm(all_units, article, request.POST)
                    form.is_valid()
                    units = [u for u in all_units if base_name(u.id) in request.POST] or units
                else:
                    messages.success(request, _saved_message(changed))
                    return HttpResponseRedirect(editor_url(article, language, show))
            conflict = {"units": form.changed_meanwhile(), "revision": _last_saved_by(article)}
            form.rebase(article)
    else:
        form = TranslationForm(all_units, article)
    counts = tu.progress(all_units)
    context = {
        **admin.site.each_context(request),
        "title": _("Translate into %(language)s") % {"language": tu.language_in_sentence(language)},
        "article": article,
        "language": language,
        "language_name": tu.language_label(language),
        "language_in_sentence": tu.language_in_sentence(language),
        "source_language": tu.source_language(language),
        "source_name": tu.language_label(tu.source_language(language)),
        "source_html_lang": html_lang(tu.source_language(language)),
        "target_html_lang": html_lang(language),
        "form": form,
        "rows": _editor_rows(form, units, termbase, conflict["units"] if conflict else ()),
        "conflict": conflict,
        "progress": counts,
        "show": show,
        "show_links": [
            {
                "key": key,
                "label": label,
                "url": editor_url(article, language, key),
                "selected": key == show,
            }
            for key, label in SHOW_CHOICES
        ],
        "can_change": request.user.has_perms(CHANGE_PERMISSIONS),
        "action": editor_url(article, language, show if show != "all" else None),
    }
    return TemplateResponse(
        request,
        "admin/editorial/translations/editor.html",
        context,
    )
