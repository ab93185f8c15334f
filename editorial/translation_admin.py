"""The translation status column of the article change list, and the admin index link."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import prefetch_related_objects
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.languages import registry

from . import translation_units as tu
from .overrides import override_counts
from .translation_views import editor_url


class TranslationStatusChangeList(ChangeList):
    """Loads what the page's articles need for their status: three queries for the
    whole page, not a few per row."""

    def get_results(self, request):
        super().get_results(request)
        prefetch_related_objects(list(self.result_list), *tu.unit_prefetches())


class TranslationStatusMixin:
    """For ArticleAdmin: a "translations" column linking to the side-by-side editor."""

    def get_changelist(self, request, **kwargs):
        return TranslationStatusChangeList

    @admin.display(description=gettext_lazy("translations"))
    def translation_status(self, obj):
        items = []
        for language in tu.target_languages(obj):
            counts = tu.progress(tu.article_units(obj, language))
            text = _(
                "%(language)s: %(percent)d %% current, %(missing)d missing, %(outdated)d outdated"
            ) % {
                "language": tu.language_label(language),
                "percent": counts.percent,
                "missing": counts.missing,
                "outdated": counts.outdated,
            }
            items.append((editor_url(obj, language), text))
        rows = [format_html('<a href="{}">{}</a>', url, text) for url, text in items]
        # A derived language (zh-hans) has nothing to translate: its state is how many
        # texts are converted, overridden, and overridden from an older source.
        for language in registry().derived():
            if not language.has_columns:
                continue
            counts = override_counts(tu.article_units(obj, language.code))
            text = _(
                "%(language)s: %(derived)d converted, %(override)d overrides, "
                "%(outdated)d overrides outdated"
            ) % {
                "language": language.name,
                "derived": counts.derived,
                "override": counts.override,
                "outdated": counts.outdated,
            }
            rows.append(format_html('<span class="override-counts">{}</span>', text))
        return format_html_join(mark_safe("<br>"), "{}", ((row,) for row in rows))
