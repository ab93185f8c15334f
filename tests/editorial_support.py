"""Builders for the editorial tests: editors in the Editors group, and the
admin change form read back as the data a browser would submit."""

from html.parser import HTMLParser

import reversion
from django.core.management import call_command
from django.urls import reverse

from .factories import make_article, make_term

EDITOR_PASSWORD = "Edit0r-pass!"


def make_editor(django_user_model, username="alice"):
    """A staff account in the Editors group, made the documented way."""
    call_command(
        "create_editor", username, email=f"{username}@example.com", password=EDITOR_PASSWORD
    )
    return django_user_model.objects.get(username=username)


def make_versioned_article(**fields):
    """An article with a first recorded version, as after its first admin save."""
    with reversion.create_revision():
        article = make_article(**fields)
        reversion.add_to_revision(article)
    return article


def make_versioned_term(**fields):
    """A term with a first recorded version, as after an import or its first admin save."""
    with reversion.create_revision():
        term = make_term(**fields)
        reversion.add_to_revision(term)
    return term


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the admin's main form."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self._textarea = None
        self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            # The admin puts a newline after <textarea>; browsers drop it.
            so_far = self.data[self._textarea]
            self.data[self._textarea] = so_far + (data if so_far else data.removeprefix("\n"))


def form_data(html):
    reader = _FormReader()
    reader.feed(html)
    # Formset templates ("__prefix__") are not submitted by a browser.
    return {k: v for k, v in reader.data.items() if "__prefix__" not in k}


def open_change_form(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response.text)


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def open_form(client, obj):
    """Any content object's admin change page, read back as a browser would send it."""
    url = change_url(obj)
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response.text)
