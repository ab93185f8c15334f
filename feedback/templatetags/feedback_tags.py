from django import template
from django.utils import translation

from ..forms import VoteForm, form_token

register = template.Library()


@register.inclusion_tag("feedback/vote_form.html")
def vote_form(article):
    """The "Was this helpful?" form for an article, in the reader's language.

    Nothing in it depends on the reader, so the page that holds it can be cached.
    """
    token = form_token(article, translation.get_language())
    form = VoteForm(initial={"token": token}, auto_id="feedback-%s")
    return {"article": article, "form": form}
