"""The editors' admin: French and Chinese in tabs, opinions and blocks inline,
drafts and scheduled publication, history with restore, and no lost edits."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.models import (
    CONTENT_LANGUAGES,
    Article,
    Block,
    Language,
    Opinion,
    Person,
    Question,
    field_suffix,
    missing_translation_q,
)

from . import history
from .forms import ArticleAdminForm, EditConflict, MultilineTextField
from .translation_admin import TranslationStatusMixin

FORMFIELD_OVERRIDES = {
    # Django 6 makes https the default scheme of typed-in links; use it now.
    models.URLField: {"assume_scheme": "https"},
    # Multi-line text is stored with LF, whatever the browser sends.
    models.TextField: {"form_class": MultilineTextField},
}

admin.site.site_header = _("Is the customer always right? · Editors")
admin.site.site_title = _("Knowledge base administration")
admin.site.index_title = _("Articles, opinions and experts")
# The index links to the translation dashboard.
admin.site.index_template = "admin/editorial/index.html"


class ContentAdmin(VersionAdmin, TabbedTranslationAdmin):
    """Shared admin options: French and Chinese fields in tabs, and a history
    that shows what each save changed and can restore any earlier version."""

    formfield_overrides = FORMFIELD_OVERRIDES
    object_history_template = "admin/editorial/object_history.html"
    history_latest_first = True

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
            {"revision": v.revision, "version": v, **self._version_urls(object_id, v)}
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
        return [(code, Language(code).label) for code in CONTENT_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in CONTENT_LANGUAGES:
            return queryset.filter(missing_translation_q(self.value()))
        return queryset


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


class BlockInline(TranslationTabularInline):
    """Blocks in one row per block, every language side by side; subclasses name the owner."""

    model = Block
    formfield_overrides = FORMFIELD_OVERRIDES
    fields = ("position", "kind", "text")
    extra = 0


class BodyBlockInline(BlockInline):
    fk_name = "article"
    # "placement" puts a block before the opinions or after them (a closing note).
    fields = ("position", "section", "kind", "text")
    verbose_name = _("body block")
    verbose_name_plural = _(
        "text of the article (each row holds one paragraph in every language; "
        "its placement puts it before or after the opinions)"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "section":
            # A form that does not send it (older scripts, tests) keeps the default.
            field.required = False
        return field


class OpinionBlockInline(BlockInline):
    fk_name = "opinion"


class KnownPersonAutocomplete(AutocompleteSelect):
    """Renders the selected person from the inline's own row (fetched with
    select_related) instead of one query per opinion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in sorted(selected):
            options.append(self.create_option(name, pk, self.known[pk], True, len(options)))
        return [(None, options, 0)]


class OpinionFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.article_id == self.instance.pk:
            # str(opinion) names its article: reuse the parent, no query per row.
            form.instance.article = self.instance
        widget = form.fields["person"].widget
        widget = getattr(widget, "widget", widget)  # inside RelatedFieldWidgetWrapper
        if isinstance(widget, KnownPersonAutocomplete) and form.instance.person_id:
            widget.known = {str(form.instance.person_id): str(form.instance.person)}
        return form


class OpinionInline(TranslationStackedInline):
    model = Opinion
    formset = OpinionFormSet
    fields = (("person", "stance"), ("position", "anchor"), "headline")
    autocomplete_fields = ["person"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = KnownPersonAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(TranslationStatusMixin, ContentAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/editorial/article/change_form.html"
    list_display = (
        "title",
        "publication",
        "site_link",
        "publication_date",
        "stance",
        *[f"complete_{field_suffix(code)}" for code in CONTENT_LANGUAGES],
        "translation_status",
    )
    list_filter = (PublicationFilter, "stance", MissingLanguageFilter, "original_language")
    search_fields = ("slug", "title_fr", "title_zh_hant", "source_name")
    prepopulated_fields = {"slug": ("title_fr",)}
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

    def get_queryset(self, request):
        return super().get_queryset(request).with_translation_status()

    @admin.display(description=_("French complete"), boolean=True)
    def complete_fr(self, obj):
        return not obj.missing_fr

    @admin.display(description=_("Chinese complete"), boolean=True)
    def complete_zh_hant(self, obj):
        return not obj.missing_zh_hant

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

    # --- no lost edits --------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        reference = getattr(request, "_live_version_before_restore", None)
        if reference is not None:
            # On a restore page the stored row is the old version for a moment;
            # compare with what was live instead.
            form = type(form.__name__, (form,), {"reference_version": reference})
        return form

    def save_model(self, request, obj, form, change):
        if change and getattr(form, "reference_version", None) is None:
            loaded = form.cleaned_data["loaded_version"]
            # Compare-and-set: only one of two concurrent saves can move the version.
            claimed = Article.objects.filter(pk=obj.pk, version=loaded).update(version=loaded + 1)
            if not claimed:
                raise EditConflict
            obj._version_claimed = True
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between validation and our update: everything was
            # rolled back; run the view again so the form shows the conflict.
            return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        request._live_version_before_restore = obj.version if obj is not None else None
        return super().revision_view(request, object_id, version_id, extra_context)

    # --- bulk actions -----------------------------------------------------------

    def _set_status(self, request, queryset, status, comment):
        changed = []
        # One revision (joined with the change list's own, when there is one).
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(str(comment))
            for article in queryset.order_by("pk"):
                if article.status == status:
                    continue
                article.status = status
                article.save()
                self.log_change(request, article, str(comment))
                changed.append(article)
        return changed

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        changed = self._set_status(
            request, queryset, Article.Status.PUBLISHED, _("Published (bulk action).")
        )
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
        changed = self._set_status(
            request, queryset, Article.Status.DRAFT, _("Unpublished (bulk action).")
        )
        message = ngettext(
            "%(count)d article unpublished: it is a draft again.",
            "%(count)d articles unpublished: they are drafts again.",
            len(changed),
        ) % {"count": len(changed)}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(Opinion)
class OpinionAdmin(ContentAdmin):
    list_display = ("person", "article", "stance", "position")
    list_filter = ("stance",)
    list_select_related = ("person", "article")
    search_fields = ("headline_fr", "headline_zh_hant", "person__name_fr", "anchor")
    autocomplete_fields = ["person", "article"]
    inlines = [OpinionBlockInline]

    def _touch_articles(self, *article_ids):
        # An article form opened before this edit carries the old opinion
        # inline: moving the article's version makes its save a conflict.
        Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)

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
class PersonAdmin(ContentAdmin):
    list_display = ("name", "role", "organisation")
    search_fields = ("slug", "name_fr", "name_zh_hant", "organisation_fr")
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ("title", "slug")
