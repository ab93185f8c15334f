"""Old article URLs keep working after a slug change.

Like django.contrib.redirects' fallback middleware, this only looks at
responses that are 404s: a live article always wins over a former slug.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from articles.models import Article, ArticleSlugHistory

# The pages of one article, by URL name: each takes the article's slug.
ARTICLE_PAGES = {"reading:article_detail", "reading:article_bilingual"}


class OldSlugRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        urlconf = getattr(request, "urlconf", None)
        try:
            # In the language LocaleMiddleware took from the path's prefix.
            match = resolve(request.path_info, urlconf)
        except Resolver404:
            return response
        if match.view_name not in ARTICLE_PAGES:
            return response
        slug = match.kwargs["slug"]
        if Article.objects.filter(slug=slug).exists():
            return response  # a current article owns this slug (a draft, for instance)
        user = getattr(request, "user", None)
        visible = Article.objects.visible_to(user) if user else Article.objects.published()
        target = (
            ArticleSlugHistory.objects.filter(old_slug=slug, article__in=visible)
            .values_list("article__slug", flat=True)
            .first()
        )
        if target is None:
            return response
        kwargs = {**match.kwargs, "slug": target}
        path = reverse(match.view_name, kwargs=kwargs, urlconf=urlconf)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
