"""The article page's inlines: body blocks, and opinions with their people."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from articles.models import Block, Opinion

from .forms import FORMFIELD_OVERRIDES, NativeLanguageLabels


class BlockInline(NativeLanguageLabels, TranslationTabularInline):
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
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.article_id == self.instance.pk:
            # str(opinion) names its article: reuse the parent, no query per row.
            form.instance.article = self.instance
        widget = form.fields["person"].widget
        widget = getattr(widget, "widget", widget)  # inside RelatedFieldWidgetWrapper
        if isinstance(widget, KnownPersonAutocomplete) and form.instance.person_id:
            widget.known = {str(form.instance.person_id): str(form.instance.person)}


class OpinionInline(NativeLanguageLabels, TranslationStackedInline):
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
