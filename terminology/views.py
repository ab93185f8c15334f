from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from .models import Term
from .scripts import simplified


def search_url(text):
    """The site's search for a term: a phrase when it has several words."""
    query = f'"{text}"' if " " in text.strip() else text
    return f"{reverse('search:search')}?{urlencode({'q': query})}"


def glossary(request):
    language = get_language()
    rows = [
        {
            "pk": term.pk,
            "fr": term.french,
            "zh": term.chinese,
            "zh_hans": simplified(term),
            "search_fr": search_url(term.french),
            "search_zh": search_url(term.chinese),
        }
        for term in Term.objects.for_glossary(language)
    ]
    chinese_first = language.startswith("zh")
    return render(
        request,
        "terminology/glossary.html",
        {"rows": rows, "chinese_first": chinese_first},
    )
