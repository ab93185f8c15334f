from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from articles.languages import registry
from operations.network import client_ip
from terminology.expansion import glossary_results

from .models import SearchEntry, ZeroResultQuery
from .results import present
from .text import parse_query

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Shown on the empty search page: one French word, a phrase, Chinese of one
# and two characters.
SUGGESTIONS = ["réponse", '"service client"', "顧", "客戶"]


def _may_log(request):
    """At most SEARCH_LOG_PER_CLIENT logged searches per client and window: a
    script cannot fill the editors' list (nor the table)."""
    key = f"search-log:{client_ip(request)}"
    window = settings.SEARCH_LOG_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= settings.SEARCH_LOG_PER_CLIENT
    except ValueError:  # expired between the two calls
        return cache.add(key, 1, timeout=window)


def search(request):
    text = request.GET.get("q", "").strip()
    # In the reader's script (顾 on /zh-hans/); French is left as it is.
    suggestions = [registry().active().convert(s) for s in SUGGESTIONS]
    context = {"query": text, "suggestions": suggestions}
    if len(text) > MAX_QUERY_LENGTH:
        context.update(query=text[:MAX_QUERY_LENGTH], too_long=True, max_length=MAX_QUERY_LENGTH)
        return render(request, "search/results.html", context, status=400)
    if not text:
        return render(request, "search/results.html", context)
    query = parse_query(text)
    if not query:
        context["no_words"] = True
        return render(request, "search/results.html", context)

    language = get_language()
    paginator = Paginator(SearchEntry.objects.search(query), RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if paginator.count == 0 and _may_log(request):
        ZeroResultQuery.objects.record(query.normalised(), language)
    context.update(
        searched=True,
        page=page,
        hits=[present(entry, query, language) for entry in page],
        # Below the direct results, once: what the query finds through the glossary.
        glossary=glossary_results(text, query, language) if page.number == 1 else [],
    )
    return render(request, "search/results.html", context)
