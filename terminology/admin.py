"""The termbase in the admin, for the Editors group."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from editorial.conflicts import ConflictAdminMixin

from .exchange import TermFileError, import_records, record_of
from .formats import format_of, read, write
from .models import Term
from .scripts import simplified

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = {"tbx": "application/x-tbx", "csv": "text/csv; charset=utf-8"}


class TermFileForm(forms.Form):
    file = forms.FileField(
        label=_("Termbase file"), help_text=_("TBX, CSV or YAML, as exported here.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if format_of(upload.name) is None:
            raise forms.ValidationError(_("Give a .tbx, .csv or .yaml file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


@admin.register(Term)
class TermAdmin(ConflictAdminMixin, VersionAdmin):
    """Terms are edited like the content: a history of every save, and a save over
    a colleague's is refused with what they changed (editorial.conflicts)."""

    change_list_template = "admin/terminology/term/change_list.html"
    actions = ["export_tbx", "export_csv"]
    list_display = ["french", "chinese", "simplified_form", "status", "part_of_speech", "domain"]
    list_filter = ["status", "part_of_speech", "domain"]
    search_fields = ["french", "chinese", "forbidden_fr", "forbidden_zh_hant", "note"]
    fieldsets = [
        (None, {"fields": ["french", "chinese", "status"]}),
        (
            _("Details"),
            {"fields": ["part_of_speech", "domain", "note", "simplified_override"]},
        ),
        (_("Forbidden variants"), {"fields": ["forbidden_fr", "forbidden_zh_hant"]}),
        (None, {"fields": ["loaded_version"]}),
    ]

    class Media:
        css = {"all": ["terminology/admin.css"]}

    @admin.display(description=_("Simplified Chinese"))
    def simplified_form(self, term):
        return simplified(term) or "—"

    # --- exchange: download and upload ------------------------------------------

    def get_urls(self):
        own = [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="terminology_import"
            ),
            path(
                "export/<str:file_format>/",
                self.admin_site.admin_view(self.export_view),
                name="terminology_export",
            ),
        ]
        return own + super().get_urls()

    def _download(self, terms, file_format):
        data = write([record_of(term) for term in terms], file_format)
        response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="terminology.{file_format}"'
        return response

    @admin.action(description=_("Download the selected terms as TBX"), permissions=["view"])
    def export_tbx(self, request, queryset):
        return self._download(queryset.order_by("french"), "tbx")

    @admin.action(description=_("Download the selected terms as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._download(queryset.order_by("french"), "csv")

    def export_view(self, request, file_format):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if file_format not in CONTENT_TYPES:
            return HttpResponse(status=404)
        return self._download(Term.objects.order_by("french"), file_format)

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        errors = []
        form = TermFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created, updated, unchanged = import_records(
                    read(upload.read(), format_of(upload.name))
                )
            except TermFileError as error:
                errors = error.errors
            else:
                self.message_user(
                    request,
                    gettext("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                    % {"created": created, "updated": updated, "unchanged": unchanged},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:terminology_term_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "media": self.media,  # the stylesheet of the error box
            "title": gettext("Import terms"),
            "form": form,
            "errors": errors,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(
            request, "admin/terminology/term/import.html", context, status=status
        )
