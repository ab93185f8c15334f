from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH

SIGNING_SALT = "feedback.vote"  # namespaces the signature, not a secret


def form_token(article, language):
    """The token a vote form carries: which article and language it was shown for.

    The same for every reader (the article page is cached and shared), so it is no
    secret; what it proves is that the answer comes from a form this site rendered for
    a public article, not a made-up pair. Cross-site posts are refused by the
    Origin/Referer check in the view.
    """
    return signing.dumps([article.pk, language], salt=SIGNING_SALT)


def read_token(token):
    """(article pk, language) from a token, or None when it is missing or forged."""
    try:
        article_pk, language = signing.loads(token, salt=SIGNING_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return article_pk, language


class VoteForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this article helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What could be better? (optional, never published)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
