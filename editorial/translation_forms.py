"""The side-by-side editor's form: one target field per unit, and what it was loaded from.

Besides the article's version (the same compare-and-set as every admin save), each
unit carries a fingerprint of the target text it was loaded with: a colleague's
change to that very text (a person's bio saved from its own admin page, say) is
caught too, and shown beside what the translator typed.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.fingerprints import TranslationState
from articles.languages import registry

from .forms import MultilineTextField

SHOW_CHOICES = [
    ("all", gettext_lazy("All units")),
    ("missing", gettext_lazy("Missing")),
    ("outdated", gettext_lazy("Outdated")),
]


def language_label(code):
    return registry().by_code(code).name


def base_name(unit_id):
    return f"base:{unit_id}"


def shown_units(units, show):
    if show in (TranslationState.MISSING, TranslationState.OUTDATED):
        return [unit for unit in units if unit.status == show]
    return units


class TranslationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, units, article, *args, **kwargs):
        kwargs.setdefault("auto_id", "u_%s")
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["version"].initial = article.version
        for unit in units:
            max_length = unit.obj._meta.get_field(unit.field).max_length
            if unit.single_line:
                field = forms.CharField(
                    max_length=max_length,
                    widget=forms.TextInput(attrs={"size": 60}),
                )
            else:
                field = MultilineTextField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
            field.required = False
            field.strip = True
            field.label = f"{unit.label} ({language_label(unit.target_language)})"
            field.initial = unit.target
            self.fields[unit.id] = field
            self.fields[base_name(unit.id)] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=unit.target_fingerprint
            )
        self.rows = []

    def clean_confirm(self):
        value = self.cleaned_data["confirm"]
        if value and value not in {unit.id for unit in self.units}:
            raise forms.ValidationError(_("There is no such unit to confirm."))
        return value

    def submitted_texts(self):
        """{unit id: text} of the units the page showed (a filtered page leaves the
        others alone)."""
        return {
            unit.id: self.cleaned_data[unit.id]
            for unit in self.units
            if unit.id in self.data and self.cleaned_data.get(unit.id) is not None
        }

    def changed_meanwhile(self):
        """Units whose stored target is no longer the one this form was loaded with."""
        return [
            unit
            for unit in self.units
            if base_name(unit.id) in self.data
            and self.data[base_name(unit.id)] != unit.target_fingerprint
        ]

    def rebase(self, article):
        """After a conflict: the next save is made against what is stored now; the
        translator's own input stays in the fields."""
        data = self.data.copy()
        data["version"] = str(article.version)
        for unit in self.units:
            data[base_name(unit.id)] = unit.target_fingerprint
        data["confirm"] = ""
        self.data = data
