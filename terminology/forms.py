"""The term form of the admin, with its guard against lost edits.

The form carries the version it was loaded from and the values it showed. When
the stored term has moved on (a colleague saved, an import ran), the save is
refused: the form comes back with what the editor typed and a table of what the
other save changed, and its hidden version moves to the stored one, so saving
again is a deliberate overwrite.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Term

EDITABLE = [
    "french",
    "chinese",
    "simplified_override",
    "part_of_speech",
    "domain",
    "note",
    "forbidden_fr",
    "forbidden_zh_hant",
    "status",
]


def _normalise(value):
    # Textareas come back with CRLF; stored text has LF. None and "" are the same.
    return (value or "").replace("\r\n", "\n")


def stored_values(term):
    return {name: _normalise(getattr(term, name)) for name in EDITABLE}


class TermAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(
        label=gettext_lazy("version"), widget=forms.HiddenInput, required=False, min_value=0
    )
    loaded_values = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Term
        fields = EDITABLE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_values"].initial = json.dumps(stored_values(self.instance))

    def clean_simplified_override(self):
        return self.cleaned_data.get("simplified_override") or None

    def clean(self):
        cleaned = super().clean()
        if self.instance._state.adding:
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded is None:
            raise ValidationError(
                _("This form is missing its version number. Reload the page and edit again."),
                code="no_version",
            )
        current = Term.objects.filter(pk=self.instance.pk).first()
        if current is not None and current.version != loaded:
            self.conflict = self._describe_conflict(current, cleaned)
            # The next save is a deliberate overwrite of what is now stored.
            data = self.data.copy()
            data[self.add_prefix("loaded_version")] = str(current.version)
            data[self.add_prefix("loaded_values")] = json.dumps(stored_values(current))
            self.data = data
            raise ValidationError(
                _(
                    "Someone saved this term after you opened it, so your save was refused "
                    "and nothing was overwritten. Your input is still in the form below: "
                    "compare it with their changes, then save again to keep your version."
                ),
                code="edit_conflict",
            )
        return cleaned

    def _describe_conflict(self, current, cleaned):
        try:
            before = json.loads(self.cleaned_data.get("loaded_values") or "{}")
        except ValueError:
            before = {}
        if not isinstance(before, dict):
            before = {}
        now = stored_values(current)
        changes = []
        for name in EDITABLE:
            # Without the values the form was loaded with, list every difference.
            changed = now[name] != before[name] if name in before else None
            yours = _normalise(cleaned.get(name, self.data.get(self.add_prefix(name))))
            if changed or (changed is None and now[name] != yours):
                changes.append(
                    {
                        "label": Term._meta.get_field(name).verbose_name,
                        "before": before.get(name, ""),
                        "after": now[name],
                        "yours": yours,
                    }
                )
        return {"changes": changes}
