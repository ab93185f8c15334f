"""The editors' admin: French and Chinese in tabs, opinions and blocks inline."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import (
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


class ContentAdmin(TabbedTranslationAdmin):
    """Shared admin options: French and Chinese fields in tabs."""

    # Django 6 makes https the default scheme of typed-in links; use it now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("missing language")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, Language(code).label) for code in CONTENT_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in CONTENT_LANGUAGES:
            return queryset.filter(missing_translation_q(self.value()))
        return queryset


class BodyBlockInline(TranslationTabularInline):
    model = Block
    fk_name = "article"
    fields = ("position", "kind", "text")
    extra = 0
    verbose_name = _("body block")
    verbose_name_plural = _("body (each row holds one paragraph in every language)")


class OpinionBlockInline(TranslationTabularInline):
    model = Block
    fk_name = "opinion"
    fields = ("position", "kind", "text")
    extra = 0


class OpinionInline(TranslationStackedInline):
    model = Opinion
    fields = (("person", "stance"), ("position", "anchor"), "headline")
    autocomplete_fields = ["person"]
    show_change_link = True
    extra = 0


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = (
        "title",
        "status",
        "stance",
        "published_at",
        *[f"complete_{field_suffix(code)}" for code in CONTENT_LANGUAGES],
    )
    list_filter = ("status", "stance", MissingLanguageFilter, "original_language")
    search_fields = ("slug", "title_fr", "title_zh_hant", "source_name")
    prepopulated_fields = {"slug": ("title_fr",)}
    autocomplete_fields = ["author"]
    date_hierarchy = "published_at"
    inlines = [BodyBlockInline, OpinionInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "standfirst", "stance")}),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "original_published_on")},
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


@admin.register(Opinion)
class OpinionAdmin(ContentAdmin):
    list_display = ("person", "article", "stance", "position")
    list_filter = ("stance",)
    list_select_related = ("person", "article")
    search_fields = ("headline_fr", "headline_zh_hant", "person__name_fr", "anchor")
    autocomplete_fields = ["person", "article"]
    inlines = [OpinionBlockInline]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ("name", "role", "organisation")
    search_fields = ("slug", "name_fr", "name_zh_hant", "organisation_fr")
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ("title", "slug")
