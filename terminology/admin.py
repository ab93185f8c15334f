"""The termbase in the admin, for the Editors group."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .forms import TermAdminForm
from .models import Term
from .scripts import simplified


class EditConflict(Exception):
    """The compare-and-set of the version failed between validation and save."""


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    form = TermAdminForm
    change_form_template = "admin/terminology/term/change_form.html"
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
        (None, {"fields": ["loaded_version", "loaded_values"]}),
    ]

    class Media:
        css = {"all": ["terminology/admin.css"]}

    @admin.display(description=_("Simplified Chinese"))
    def simplified_form(self, term):
        return simplified(term) or "—"

    def save_model(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data["loaded_version"]
            with transaction.atomic():
                # Compare-and-set: of two concurrent saves only one moves the version.
                claimed = Term.objects.filter(pk=obj.pk, version=loaded).update(version=loaded + 1)
                if not claimed:
                    raise EditConflict
                obj.version = loaded
                super().save_model(request, obj, form, change)
        else:
            super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between validation and our update: nothing was
            # written; run the view again so the form shows the conflict.
            return super().change_view(request, object_id, form_url, extra_context)
