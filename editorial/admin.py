"""The editors' admin: French and Chinese in tabs, opinions and blocks inline,
drafts and scheduled publication, history with restore, and no lost edits
(conflicts.py)."""

from contextlib import contextmanager

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.chinese import to_traditional
from articles.languages import registry
from articles.models import Article, Block, Opinion, Person, Question, StaleVersion
from search.indexing import deferred

from . import history, overrides, summaries
from .conflicts import ConflictAdminMixin
from .forms import FORMFIELD_OVERRIDES, ArticleAdminForm, NativeLanguageLabels
from .inlines import BodyBlockInline, OpinionBlockInline, OpinionInline
from .translation_admin import TranslationStatusMixin

admin.site.site_header = _("Is the customer always right? · Editors")
admin.site.site_title = _("Knowledge base administration")
admin.site.index_title = _("Articles, opinions and experts")
# The index links to the translation dashboard.
admin.site.index_template = "admin/editorial/index.html"


class ContentAdmin(ConflictAdminMixin, VersionAdmin, NativeLanguageLabels, TabbedTranslationAdmin):
    """Shared admin options: French and Chinese fields in tabs, a history that
    shows what each save changed and can restore any earlier version, and no
    save over a colleague's (every page, restore and recovery included)."""

    formfield_overrides = FORMFIELD_OVERRIDES
    object_history_template = "admin/editorial/object_history.html"
    history_latest_first = True

    class Media:
        # Listed after modeltranslation's tabs script, so that the merged media keep
        # it first: its ready handler builds the tabs that ours renames.
        js = ("modeltranslation/js/tabbed_translation_fields.js", "editorial/language_tabs.js")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The tabs' names, for language_tabs.js: each language in itself.
        context["language_tabs"] = {
            language.code: {"name": language.native_name, "tag": language.tag}
            for language in registry()
        }
        # A derived language's override fields: the converted text as placeholder.
        overrides.annotate_form(context["adminform"].form)
        for inline in context.get("inline_admin_formsets", ()):
            for form in inline.formset.forms:
                overrides.annotate_form(form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- what each revision did, stored as data (summaries.py) -------------------

    def construct_change_message(self, request, form, formsets, add=False):
        request.revision_summary = summaries.from_forms(form, formsets, add)
        return super().construct_change_message(request, form, formsets, add)

    def _store_summary(self, request):
        items = getattr(request, "revision_summary", None)
        if items is not None and reversion.is_active():
            reversion.set_comment(summaries.encode(items))

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._store_summary(request)  # instead of reversion's sentence
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._store_summary(request)
        return entry

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            # Reached only when a restore or recovery saved (reversion raises to
            # roll back otherwise): its sentence replaced by data.
            restored = getattr(request, "restoring", None)
            if restored is not None and reversion.is_active():
                name, version_id = restored
                saved_at = (
                    Version.objects.filter(pk=version_id)
                    .values_list("revision__date_created", flat=True)
                    .first()
                )
                items = [summaries.event(name, saved_at=saved_at and saved_at.isoformat())]
                reversion.set_comment(summaries.encode(items))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restoring = ("restored", version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restoring = ("recovered", version_id)
        return super().recover_view(request, version_id, extra_context)

    # --- history pages -------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.version_changes_view),
                name="{}_{}_version_changes".format(*info),
            ),
            *super().get_urls(),
        ]

    def _version_urls(self, object_id, version):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        args = (quote(object_id), version.pk)
        return {
            "changes_url": reverse("{}:{}_{}_version_changes".format(*info), args=args),
            "restore_url": reverse("{}:{}_{}_revision".format(*info), args=args),
        }

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = history.versions_of(self.model, object_id)
        entries = [
            {
                "revision": v.revision,
                "version": v,
                "summary": summaries.describe(v.revision, self.model),
                **self._version_urls(object_id, v),
            }
            for v in versions
        ]
        context = {
            "action_list": entries,
            "can_restore": self.has_change_permission(request),
            **(extra_context or {}),
        }
        # Skip VersionAdmin's own list: this one links each entry to its changes.
        return admin.ModelAdmin.history_view(self, request, quote(object_id), context)

    def version_changes_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such object."))
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        previous = history.previous_version(version)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "object_id": object_id,
            "title": _("What changed in this version"),
            "subtitle": str(obj),
            "version": version,
            "summary": summaries.describe(version.revision, self.model),
            "previous": previous,
            "changes": history.changes_in(version),
            "can_restore": self.has_change_permission(request),
            **self._version_urls(object_id, version),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/version_changes.html", context)


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("missing language")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        languages = registry()
        return languages.choices(languages.stored())

    def queryset(self, request, queryset):
        if self.value() in [language.code for language in registry().stored()]:
            return queryset.missing(self.value())
        return queryset


def completeness_column(language):
    """The change list's "<language> complete" column for one stored language."""

    def description():
        return gettext("%(language)s complete") % {"language": language.name}

    @admin.display(description=lazy(description, str)(), boolean=True)
    def column(obj):
        return not getattr(obj, f"missing_{language.field_suffix}")

    column.__name__ = f"complete_{language.field_suffix}"
    return column


def language_fields(*names):
    """Fields in every language with a column of its own (the stored ones):
    ``person__name`` -> ``person__name_fr``, ``person__name_zh_hant``…"""
    fields = []
    for name in names:
        *path, last = name.split("__")
        for language in registry().stored():
            fields.append("__".join([*path, language.field(last)]))
    return fields


def contains(term, *names):
    """Any of the fields, in any stored language, contains the term."""
    condition = Q()
    for field in language_fields(*names):
        condition |= Q(**{f"{field}__icontains": term})
    return condition


class LanguageSearchMixin:
    """The change list's search, in every stored language. Each word must be found
    in one of ``get_search_fields`` (the row's own columns, or a single related
    row's) or in the text of the rows it owns (``owned_text_matches``), which are
    matched with EXISTS: joining an article's blocks and opinions would multiply
    its rows and need a DISTINCT over them."""

    def owned_text_matches(self, term):
        return []

    def get_search_results(self, request, queryset, search_term):
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[-1] == word[0]:
                word = unescape_string_literal(word)
            condition = Q()
            # A Simplified word also looks for its Traditional form (博客: 部落格).
            for variant in dict.fromkeys([word, to_traditional(word)]):
                for field in self.get_search_fields(request):
                    condition |= Q(**{f"{field}__icontains": variant})
                for match in self.owned_text_matches(variant):
                    condition |= match
            queryset = queryset.filter(condition)
        return queryset, False


PUBLICATION_STATES = {
    "draft": _("Draft"),
    "scheduled": _("Scheduled"),
    "published": _("Published"),
}


class PublicationFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return list(PUBLICATION_STATES.items())

    def queryset(self, request, queryset):
        return {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
        }.get(self.value(), queryset.all)()


@admin.register(Article)
class ArticleAdmin(TranslationStatusMixin, LanguageSearchMixin, ContentAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "publication",
        "site_link",
        "publication_date",
        "stance",
        # one "<language> complete" column per stored language (get_list_display)
        "translation_status",
    )
    list_filter = (PublicationFilter, "stance", MissingLanguageFilter, "original_language")
    # Here for the autocomplete checks; get_search_fields adds every language.
    search_fields = ("slug", "source_name")
    search_help_text = _(
        "Searches titles, standfirsts and the text of the articles and of their "
        "opinions, in every language."
    )
    autocomplete_fields = ["author"]
    date_hierarchy = "published_at"
    inlines = [BodyBlockInline, OpinionInline]
    actions = ["publish", "unpublish"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "standfirst", "stance", "loaded_version")}),
        (
            _("Publication"),
            {
                "fields": ("status", "published_at", "original_published_on"),
                "description": _(
                    "Only a published article whose publication date has come is public. "
                    "A draft, or a published article dated in the future (scheduled), "
                    "is visible to staff only, as a preview."
                ),
            },
        ),
        (
            _("Source and credits"),
            {
                "fields": (
                    "source_name",
                    "source_url",
                    "author",
                    "original_language",
                    "translation_origin",
                    "credits",
                )
            },
        ),
    )

    def get_list_display(self, request):
        *columns, status = self.list_display
        return (*columns, *map(completeness_column, registry().stored()), status)

    def get_search_fields(self, request):
        return (*self.search_fields, *language_fields("title", "standfirst"))

    def owned_text_matches(self, term):
        article = OuterRef("pk")
        return [
            Exists(Block.objects.filter(contains(term, "text"), article=article)),
            Exists(Opinion.objects.filter(contains(term, "headline"), article=article)),
            Exists(Block.objects.filter(contains(term, "text"), opinion__article=article)),
        ]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": (registry().default().field("title"),)}

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        return PUBLICATION_STATES[obj.publication_state]

    @admin.display(description=_("publication date"), ordering="published_at")
    def publication_date(self, obj):
        return formats.date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        label = _("View on site") if obj.is_public else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # --- bulk actions -----------------------------------------------------------

    def _set_status(self, request, queryset, status, comment, event):
        changed = []
        pks = list(queryset.values_list("pk", flat=True))
        # Rows locked while they change (an editor's open form then sees the new
        # version), one revision (joined with the change list's own, when there
        # is one), the search index rebuilt once.
        with transaction.atomic(), deferred(), reversion.create_revision():
            reversion.set_user(request.user)
            articles = Article.objects.select_for_update().filter(pk__in=pks).order_by("pk")
            for article in articles:
                if article.status == status:
                    continue
                article.status = status
                article.save()
                self.log_change(request, article, str(comment))
                changed.append(article)
            # After log_change, whose sentence reversion would keep otherwise.
            reversion.set_comment(summaries.encode([summaries.event(event)]))
        return changed

    def _apply_status(self, request, queryset, status, comment, event):
        try:
            return self._set_status(request, queryset, status, comment, event)
        except StaleVersion:
            self.message_user(
                request,
                _("An article changed while the action ran; nothing was changed. Try again."),
                messages.ERROR,
            )
            return None

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        changed = self._apply_status(
            request, queryset, Article.Status.PUBLISHED, _("Published (bulk action)."), "published"
        )
        if changed is None:
            return
        scheduled = sum(1 for article in changed if not article.is_public)
        message = ngettext(
            "%(count)d article published.", "%(count)d articles published.", len(changed)
        ) % {"count": len(changed)}
        if scheduled:
            message += " " + ngettext(
                "%(count)d of them is scheduled: it goes public at its publication date.",
                "%(count)d of them are scheduled: they go public at their publication date.",
                scheduled,
            ) % {"count": scheduled}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = self._apply_status(
            request, queryset, Article.Status.DRAFT, _("Unpublished (bulk action)."), "unpublished"
        )
        if changed is None:
            return
        message = ngettext(
            "%(count)d article unpublished: it is a draft again.",
            "%(count)d articles unpublished: they are drafts again.",
            len(changed),
        ) % {"count": len(changed)}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(Opinion)
class OpinionAdmin(LanguageSearchMixin, ContentAdmin):
    list_display = ("person", "article", "stance", "position")
    list_filter = ("stance",)
    list_select_related = ("person", "article")
    search_fields = ("anchor",)  # and every language's columns: get_search_fields
    search_help_text = _(
        "Searches the person's name, the headline and the text of the opinions, in every language."
    )
    autocomplete_fields = ["person", "article"]
    inlines = [OpinionBlockInline]

    def get_search_fields(self, request):
        return (*self.search_fields, *language_fields("person__name", "headline"))

    def owned_text_matches(self, term):
        return [Exists(Block.objects.filter(contains(term, "text"), opinion=OuterRef("pk")))]

    def get_queryset(self, request):
        # The page names the opinion by its person and article.
        return super().get_queryset(request).select_related("person", "article")

    def _touch_articles(self, *article_ids):
        # An article form opened before this edit carries the old opinion
        # inline: moving the article's version makes its save a conflict, and
        # recording the article in this revision names who and when there.
        Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)
        if reversion.is_active():
            for article in Article.objects.filter(pk__in=article_ids):
                reversion.add_to_revision(article)

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("article") if change else None
        super().save_model(request, obj, form, change)
        self._touch_articles(*{obj.article_id, previous} - {None})

    def delete_model(self, request, obj):
        article_id = obj.article_id
        super().delete_model(request, obj)
        self._touch_articles(article_id)

    def delete_queryset(self, request, queryset):
        article_ids = set(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        self._touch_articles(*article_ids)


@admin.register(Person)
class PersonAdmin(LanguageSearchMixin, ContentAdmin):
    list_display = ("name", "role", "organisation")
    search_fields = ("slug",)  # and every language's columns: get_search_fields

    def get_search_fields(self, request):
        return (*self.search_fields, *language_fields("name", "organisation"))

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": (registry().default().field("name"),)}


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ("title", "slug")
