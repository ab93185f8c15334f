"""The exchange page for translators' files (/admin/translations/exchange/):
download XLIFF or PO, upload the translated file back."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.models import Article, content_languages

from . import translation_units as tu
from .exchange import ExchangeError, export_file
from .exchange_import import import_translations
from .translation_views import CHANGE_PERMISSIONS, VIEW_PERMISSION, _require

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMAT_CHOICES = [("xliff", "XLIFF 1.2"), ("po", "gettext PO")]


def _language_choices():
    return [(code, tu.language_label(code)) for code in content_languages()]


def _article_choices(articles, blank_label):
    return [("", blank_label)] + [(a.slug, a.title) for a in articles]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Target language"))
    article = forms.ChoiceField(label=gettext_lazy("Article"), required=False)
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMAT_CHOICES)

    def __init__(self, articles, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["article"].choices = _article_choices(articles, _("Every article"))


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Translated file (XLIFF or PO)"))
    language = forms.ChoiceField(label=gettext_lazy("Target language"))
    article = forms.ChoiceField(
        label=gettext_lazy("Only for the article"),
        required=False,
        help_text=gettext_lazy("A file with units of another article is then refused."),
    )

    def __init__(self, articles, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["article"].choices = _article_choices(articles, _("Any article"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _articles():
    # Titles for the choices only: one query, whatever the number of articles.
    return list(Article.objects.order_by("slug"))


def _initial(request):
    language = request.GET.get("language")
    return {
        "language": language if language in content_languages() else "zh-hant",
        "article": request.GET.get("article", ""),
    }


def exchange(request):
    _require(request, VIEW_PERMISSION)
    articles = _articles()
    problems = []
    status = 200
    if request.method == "POST":
        _require(request, *CHANGE_PERMISSIONS)
        import_form = ImportForm(articles, request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                result = import_translations(
                    upload.read(),
                    upload.name,
                    user=request.user,
                    language=import_form.cleaned_data["language"],
                    article=import_form.cleaned_data["article"] or None,
                )
            except ExchangeError as error:
                problems = error.problems
                status = 400
            else:
                saved = ngettext(
                    "Imported from %(file)s: %(count)d unit saved",
                    "Imported from %(file)s: %(count)d units saved",
                    result.count,
                ) % {"file": upload.name, "count": result.count}
                left = ngettext(
                    "%(count)d left as it was.", "%(count)d left as they were.", result.skipped
                ) % {"count": result.skipped}
                messages.success(request, f"{saved}, {left}")
                return HttpResponseRedirect(reverse("translations:exchange"))
        else:
            status = 400
    else:
        import_form = ImportForm(articles, initial=_initial(request))
    context = {
        **admin.site.each_context(request),
        "title": _("Exchange files for translators"),
        "export_form": ExportForm(articles, initial={**_initial(request), "format": "xliff"}),
        "import_form": import_form,
        "problems": problems,
        "can_change": request.user.has_perms(CHANGE_PERMISSIONS),
    }
    return TemplateResponse(
        request, "admin/editorial/translations/exchange.html", context, status=status
    )


def download(request):
    _require(request, VIEW_PERMISSION)
    form = ExportForm(_articles(), request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{name}: {' '.join(e)}" for name, e in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    try:
        data, name, media_type, _count = export_file(
            form.cleaned_data["language"],
            form.cleaned_data["format"],
            form.cleaned_data["article"] or None,
        )
    except ExchangeError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
