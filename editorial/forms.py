"""Form pieces of the admin. The edit-conflict check is in conflicts.py."""

from django import forms
from django.db import models
from django.utils.text import capfirst, format_lazy

from articles.languages import registry

from .conflicts import VersionedForm


class MultilineTextField(forms.CharField):
    """A textarea's value with the line endings the database stores.

    Browsers submit textareas with CRLF line endings; stored text uses LF. Without
    this, saving an untouched multi-line block would count as a change (in the
    history, in a conflict report) and rewrite it with CRLF.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


FORMFIELD_OVERRIDES = {
    # Django 6 makes https the default scheme of typed-in links; use it now.
    models.URLField: {"assume_scheme": "https"},
    # Multi-line text is stored with LF, whatever the browser sends.
    models.TextField: {"form_class": MultilineTextField},
}


class ArticleAdminForm(VersionedForm):
    """The article page's form: its fields come from the admin's fieldsets."""


class NativeLanguageLabels:
    """Translation fields labelled with their language's own name, "標題 [繁體中文]",
    not modeltranslation's code ("標題 [zh-hant]"). The brackets stay: with JavaScript,
    modeltranslation's tabs strip them (the tab names the language); without it, the
    editor still reads which language a field holds."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        language = registry().get(getattr(db_field, "language", None))
        if original is not None and language is not None:
            field.label = format_lazy(
                "{} [{}]", capfirst(original.verbose_name), language.native_name
            )
