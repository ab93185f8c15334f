"""The vote form's POST and the thank-you page.

CSRF: the form sits on the article page, which is cached and shared between readers, so
it cannot carry Django's per-reader CSRF token (a cached token fails for everyone whose
CSRF cookie differs). The vote view is therefore ``csrf_exempt`` and does its own
checks instead: the request's Origin header (or, when a browser sends none, its Referer)
must be this site, which is what stops a cross-site form from voting in a reader's
name; and the form carries a signed token naming the article and language it was shown
for (see forms.form_token).

One answer per reader per article: a signed cookie lists the articles the reader has
answered; a second answer is thanked for but not stored. No account, no address kept:
a reader who clears the cookie can answer again, which a rate limit by address would not
prevent better behind shared addresses and proxies. The counts are a signal for editors,
not a poll.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from articles.models import Article

from .forms import VoteForm, read_token
from .models import Vote

COOKIE_NAME = "kb_answered"
COOKIE_SALT = "feedback.answered"
COOKIE_MAX_AGE = 365 * 24 * 3600
COOKIE_MAX_ARTICLES = 300  # the cookie stays well under browsers' 4 KB


def _same_origin(request):
    """Whether the POST comes from a page of this site (Origin, else Referer)."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        referer = urlsplit(request.headers.get("Referer", ""))
        if not referer.scheme or not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    good = f"{request.scheme}://{request.get_host()}"
    return origin == good or origin in settings.CSRF_TRUSTED_ORIGINS


def answered_articles(request):
    value = request.get_signed_cookie(COOKIE_NAME, default="", salt=COOKIE_SALT)
    return [int(pk) for pk in value.split(",") if pk.isdigit()]


def _remember(response, answered, article_pk):
    answered = [pk for pk in answered if pk != article_pk][-(COOKIE_MAX_ARTICLES - 1) :]
    response.set_signed_cookie(
        COOKIE_NAME,
        ",".join(map(str, [*answered, article_pk])),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@csrf_exempt  # see the module docstring: Origin/Referer check and a signed form token
@require_POST
def vote(request, slug):
    if not _same_origin(request):
        return HttpResponseForbidden("Cross-site answers are not accepted.")
    article = get_object_or_404(Article.objects.published(), slug=slug)
    language = translation.get_language()
    form = VoteForm(request.POST)
    if not form.is_valid() or read_token(form.cleaned_data["token"]) != (article.pk, language):
        return HttpResponseBadRequest("This answer could not be understood.")
    answered = answered_articles(request)
    thanks = reverse("feedback:thanks", args=[article.slug])
    if article.pk in answered:
        return HttpResponseRedirect(f"{thanks}?again=1", status=303)
    Vote.objects.create(
        article=article,
        language=language,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    response = HttpResponseRedirect(thanks, status=303)
    _remember(response, answered, article.pk)
    return response


@require_safe
def thanks(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(
        request,
        "feedback/thanks.html",
        {"article": article, "again": request.GET.get("again") == "1"},
    )
