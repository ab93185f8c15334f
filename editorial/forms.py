"""The article form of the admin, with its guard against lost edits.

The form carries the version of the article it was loaded from. If the stored
article has moved on since (a colleague saved, an import ran, a version was
restored), the save is refused: the form comes back with everything the editor
typed, a table of what the others changed next to the editor's own values, and
the hidden version moved to the current one, so saving again is a deliberate
choice made after reading the table.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Block, Opinion

from . import history


class MultilineTextField(forms.CharField):
    """A textarea's value with the line endings the database stores.

    Browsers submit textareas with CRLF line endings; stored text uses LF. Without
    this, saving an untouched multi-line block would count as a change (in the
    history, in a conflict report) and rewrite it with CRLF.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class EditConflict(Exception):
    """The compare-and-set of the version failed between validation and save."""


class ArticleAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(
        label=gettext_lazy("version"), widget=forms.HiddenInput, required=False, min_value=0
    )

    # No Meta: the admin's form factory supplies the model and, from its
    # fieldsets, the fields.

    # Set by the admin on a restore page, where the stored row is briefly the
    # old version: the version that was live when the page was opened.
    reference_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = (
                self.reference_version
                if self.reference_version is not None
                else self.instance.version
            )

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
        current = self.reference_version
        if current is None:
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
        if current is not None and current != loaded:
            self.conflict = self._describe_conflict(loaded)
            # The next save is a deliberate overwrite of what is now stored.
            data = self.data.copy()
            data[self.add_prefix("loaded_version")] = str(current)
            self.data = data
            raise ValidationError(self.conflict["message"], code="edit_conflict")
        return cleaned

    # --- the conflict report -------------------------------------------------

    def _describe_conflict(self, loaded):
        article = Article.objects.get(pk=self.instance.pk)
        newer = [
            version
            for version in history.versions_of(article)[:50]
            if (version.field_dict.get("version") or 0) > loaded
        ]
        changes, exact = [], False
        if self.reference_version is None:  # on a restore page the row is not the live one
            live = history.live_snapshot(article)
            yours = self._submitted_values()
            base = history.article_version_numbered(article.pk, loaded)
            if base is not None:
                exact = True
                changes, formatter = history.compare(history.version_snapshot(base), live)
            else:
                # The version the editor started from is not in the history (content
                # imported and never saved in the admin): list every difference.
                formatter = history.Formatter(live)
                changes = history.differences(live, yours, formatter)
            for change in changes:
                value = yours.get((change.model, change.pk, change.field.attname))
                change.yours = None if value is None else formatter.value(change.field, value)
        names = sorted(
            {v.revision.user.get_username() if v.revision.user else _("someone") for v in newer}
        )
        when = max((v.revision.date_created for v in newer), default=article.updated_at)
        message = _(
            "%(who)s saved this article at %(time)s, after you opened it, so your save "
            "was refused and nothing was overwritten. Your text is still in the form below. "
            "Compare it with their changes, then save again to keep your version."
        ) % {
            "who": ", ".join(names) if names else _("Someone else"),
            "time": formats.localize(timezone.template_localtime(when)),
        }
        return {"message": message, "changes": changes, "exact": exact}

    def _submitted_values(self):
        """What this editor typed, keyed like the comparison: (model, pk, column)."""
        values = {}
        cleaned = getattr(self, "cleaned_data", {})
        for field in history.compared_fields(Article):
            name = field.attname
            form_name = name[:-3] if name.endswith("_id") else name
            if form_name in cleaned:
                value = cleaned[form_name]
                values[(Article, self.instance.pk, name)] = getattr(value, "pk", value)
        for prefix, model in (("blocks", Block), ("opinions", Opinion)):
            try:
                total = int(self.data.get(f"{prefix}-TOTAL_FORMS", 0))
            except ValueError:
                continue
            for index in range(min(total, 1000)):
                pk = self.data.get(f"{prefix}-{index}-id")
                if not pk or not pk.isdigit():
                    continue
                for field in history.compared_fields(model):
                    name = field.attname
                    form_name = name[:-3] if name.endswith("_id") else name
                    key = f"{prefix}-{index}-{form_name}"
                    if key in self.data:
                        values[(model, int(pk), name)] = self.data.get(key)
        return values
