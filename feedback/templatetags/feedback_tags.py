from functools import cache

from django import template
from django.template.loader import render_to_string
from django.utils import translation

from ..forms import VoteForm, form_token

register = template.Library()


@cache
def vote_fields(language):
    # The answers and the comment box are the same on every article: Django's
    # widget templates render them once per language, not on every page.
    with translation.override(language):
        return render_to_string(
            "feedback/vote_fields.html", {"form": VoteForm(auto_id="feedback-%s")}
        )


@register.inclusion_tag("feedback/vote_form.html")
def vote_form(article):
    """The "Was this helpful?" form for an article, in the reader's language.

    Nothing in it depends on the reader, so the page that holds it can be cached.
    """
    language = translation.get_language()
    return {
        "article": article,
        "token": form_token(article, language),
        "fields": vote_fields(language),
    }
