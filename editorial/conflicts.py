"""No lost edits: the edit-conflict workflow of every content page of the admin.

Each form carries, hidden, the version of the object it was loaded from. When
the stored object has moved on since (a colleague saved, an import ran, a bulk
action or a restore), the save is refused: the form comes back with everything
the editor typed, a table of what the others changed (who, when, field by
field, from the history) next to the editor's own values, and the hidden
version moved to the current one, so saving again is a deliberate choice made
after reading the table.

Three locks make the check hold under concurrent writes:

- the check reads the stored version ``FOR UPDATE`` (PostgreSQL) inside the
  save's transaction, which on SQLite starts ``IMMEDIATE`` (settings): no other
  save of the object can commit between the check and the save;
- ``Versioned.save`` is a compare-and-set on the version whoever saves;
- an admin save refused by it (``StaleVersion``) is rolled back whole and the
  view runs again, so the editor sees the conflict, not an error page.

A database too busy to answer (a lock not granted in time) gives the editor a
page that keeps what was typed, with a button to send it again; never a 500.

Another editing page (a side-by-side translation editor, say) reuses all of
it: its form subclasses ``VersionedForm`` (or carries ``loaded_version`` and
calls ``stored_version`` / ``describe_conflict``), and it saves inside
``transaction.atomic()``, setting the object's ``version`` to the loaded one
and catching ``StaleVersion`` to show the conflict; a model admin just uses
``ConflictAdminMixin``.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import OperationalError, connections, router, transaction
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Block, Opinion, StaleVersion
from search.indexing import deferred

from . import history

# The inline formsets of each page, by prefix: what the editor typed there is
# compared too.
INLINES = {
    Article: (("blocks", Block), ("opinions", Opinion)),
    Opinion: (("blocks", Block),),
}

# How many times a save refused by the compare-and-set runs again (each run
# sees the newer version, so the second one normally shows the conflict).
ATTEMPTS = 3


def is_busy(error):
    """A lock the database did not grant in time, or a serialization failure:
    trying again later will work, nothing is wrong with the input."""
    text = str(error).lower()
    return any(
        words in text
        for words in ("database is locked", "could not serialize", "deadlock", "lock timeout")
    )


def stored_version(model, pk):
    """The version stored now (None: no such object); locks the row until the
    transaction ends."""
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:
        return None
    rows = model._base_manager.filter(pk=pk)
    if connections[router.db_for_write(model)].in_atomic_block:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


# --- the form ----------------------------------------------------------------------


class VersionedForm(forms.ModelForm):
    """A model form that refuses to save over a version it was not loaded from."""

    loaded_version = forms.IntegerField(
        label=gettext_lazy("version"), widget=forms.HiddenInput, required=False, min_value=0
    )

    # No Meta: the admin's form factory supplies the model and the fields.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

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
        try:
            current = stored_version(type(self.instance), self.instance.pk)
        except OperationalError as error:
            if not is_busy(error):
                raise
            raise ValidationError(busy_message(), code="busy") from error
        if current is not None and current != loaded:
            self.conflict = describe_conflict(self.instance, loaded, self.submitted_values())
            # The next save is a deliberate overwrite of what is now stored.
            data = self.data.copy()
            data[self.add_prefix("loaded_version")] = str(current)
            self.data = data
            raise ValidationError(self.conflict["message"], code="edit_conflict")
        return cleaned

    def submitted_values(self):
        """What this editor typed, keyed like the comparison: (model, pk, column)."""
        model, pk = type(self.instance), self.instance.pk
        values = {}
        cleaned = getattr(self, "cleaned_data", {})
        for field in history.compared_fields(model):
            name = field.attname
            form_name = name.removesuffix("_id") if name.endswith("_id") else name
            if form_name in cleaned:
                value = cleaned[form_name]
                values[(model, pk, name)] = getattr(value, "pk", value)
        for prefix, inline_model in INLINES.get(model, ()):
            values.update(_submitted_rows(self.data, prefix, inline_model))
        return values


def _submitted_rows(data, prefix, model):
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return {}
    values = {}
    for index in range(min(total, 1000)):
        pk = data.get(f"{prefix}-{index}-id")
        if not pk or not pk.isdigit():
            continue
        for field in history.compared_fields(model):
            name = field.attname
            form_name = name.removesuffix("_id") if name.endswith("_id") else name
            key = f"{prefix}-{index}-{form_name}"
            if key in data:
                values[(model, int(pk), name)] = data.get(key)
    return values


# --- the conflict report -------------------------------------------------------------


def describe_conflict(obj, loaded, yours):
    """Who saved ``obj`` after version ``loaded``, when, and what they changed,
    next to ``yours`` (the refused form's values)."""
    model = type(obj)
    stored = model._base_manager.get(pk=obj.pk)
    recent = list(history.versions_of(stored)[:50])
    newer = [v for v in recent if (v.field_dict.get("version") or 0) > loaded]
    live = history.live_snapshot(stored)
    base = next((v for v in recent if v.field_dict.get("version") == loaded), None)
    if base is not None:
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
    when = max((v.revision.date_created for v in newer), default=None)
    when = when or getattr(stored, "updated_at", None) or timezone.now()
    values = {
        "who": ", ".join(names) if names else _("Someone else"),
        "time": formats.localize(timezone.template_localtime(when)),
    }
    if model is Article:
        message = _(
            "%(who)s saved this article at %(time)s, after you opened it, so your save "
            "was refused and nothing was overwritten. Your text is still in the form below. "
            "Compare it with their changes, then save again to keep your version."
        )
    else:
        message = _(
            "%(who)s saved this page at %(time)s, after you opened it, so your save "
            "was refused and nothing was overwritten. Your text is still in the form below. "
            "Compare it with their changes, then save again to keep your version."
        )
    return {
        "message": message % values,
        "changes": changes,
        "exact": base is not None,
        "who": values["who"],
        "when": when,
    }


def busy_message():
    return _(
        "The database was busy with another save and nothing was saved. "
        "Your text is kept: save again in a moment."
    )


# --- the admin ---------------------------------------------------------------------


class ConflictAdminMixin:
    """For every content admin (before VersionAdmin in the bases): each save,
    restore and recovery is checked against the version its form was loaded
    from, runs in one transaction, and re-indexes search once."""

    form = VersionedForm
    change_form_template = "admin/editorial/change_form.html"
    revision_form_template = "admin/editorial/revision_form.html"
    recover_form_template = "admin/editorial/recover_form.html"

    def _write(self, request, run):
        """Run a view that may save: one transaction, search re-indexed once at
        its end, run again when the compare-and-set refused the save."""
        if request.method != "POST":
            return run()
        using = router.db_for_write(self.model)
        for _attempt in range(ATTEMPTS):
            try:
                with transaction.atomic(using=using), deferred():
                    return run()
            except StaleVersion:
                continue  # rolled back whole; the next run's check shows who saved
            except OperationalError as error:
                if not is_busy(error):
                    raise
                break
        return self.busy_response(request)

    def add_view(self, request, form_url="", extra_context=None):
        return self._write(
            request,
            lambda: super(ConflictAdminMixin, self).add_view(request, form_url, extra_context),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._write(
            request,
            lambda: super(ConflictAdminMixin, self).change_view(
                request, object_id, form_url, extra_context
            ),
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        base = super()

        def run():
            if request.method == "POST" and self._stale(request, object_id):
                # Saved by someone since the restore page was opened: the plain
                # change form (nothing restored) shows what they changed, with
                # the editor's form kept; saving it again restores.
                return base.change_view(request, object_id, request.path, extra_context)
            live = stored_version(self.model, unquote(object_id))
            context = {**(extra_context or {}), "live_version": live}
            return base.revision_view(request, object_id, version_id, context)

        return self._write(request, run)

    def recover_view(self, request, version_id, extra_context=None):
        return self._write(
            request,
            lambda: super(ConflictAdminMixin, self).recover_view(
                request, version_id, extra_context
            ),
        )

    def save_model(self, request, obj, form, change):
        if change:
            # The compare-and-set starts from the version the editor loaded,
            # not the one read when the form was sent.
            obj.version = form.cleaned_data["loaded_version"]
        super().save_model(request, obj, form, change)

    def _stale(self, request, object_id):
        current = stored_version(self.model, unquote(object_id))
        return current is not None and request.POST.get("loaded_version") != str(current)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        live = context.get("live_version")
        if live is not None and not form.is_bound:
            # A restore page: the row shows the old version for the time of
            # the page; the check is against what was live.
            form.initial["loaded_version"] = live
        return super().render_change_form(request, context, add, change, form_url, obj)

    def busy_response(self, request):
        """What was typed, ready to be sent again (nothing was saved)."""
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Nothing was saved"),
            "message": busy_message(),
            "fields": fields,
            "action": request.path,
        }
        request.current_app = self.admin_site.name
        response = TemplateResponse(request, "admin/editorial/busy.html", context, status=503)
        response["Retry-After"] = "5"
        return response
