"""Old article URLs keep working after a slug change.

Like django.contrib.redirects' fallback middleware, this only looks at
responses that are 404s: a live article always wins over a former slug.
"""

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from articles.models import Article, ArticleSlugHistory


def _article_path_pattern():
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?P<lang>{languages})/articles/(?P<slug>[-a-zA-Z0-9_]+)/(?P<rest>.*)$")


class OldSlugRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.pattern = _article_path_pattern()

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = self.pattern.match(request.path_info)
        if match is None:
            return response
        slug = match["slug"]
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
        script_prefix = request.path[: len(request.path) - len(request.path_info)]
        path = f"{script_prefix}/{match['lang']}/articles/{target}/{match['rest']}"
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
