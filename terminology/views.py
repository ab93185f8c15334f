from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from articles.languages import registry

from .models import CHINESE, Term, reads_chinese


def search_url(text):
    """The site's search for a term: a phrase when it has several words."""
    query = f'"{text}"' if " " in text.strip() else text
    return f"{reverse('search:search')}?{urlencode({'q': query})}"


def chinese_scripts(reader):
    """(the Chinese script a reader sees first, the others): the reader's own
    when it is one of the Chinese family (zh-hans reads Simplified), else the
    stored Traditional one."""
    languages = registry()
    chinese = languages.by_code(CHINESE)
    family = [chinese, *(lang for lang in languages.derived() if lang.derived_from == CHINESE)]
    first = reader if reader in family else chinese
    return first, [lang for lang in family if lang != first]


def glossary(request):
    reader = registry().active()
    chinese, others = chinese_scripts(reader)
    rows = []
    for term in Term.objects.for_glossary(reader.code):
        form = term.form(chinese.code)
        rows.append(
            {
                "pk": term.pk,
                "fr": term.french,
                "zh": form,
                # The other scripts' forms, where they differ.
                "zh_variants": [
                    (lang, variant)
                    for lang in others
                    if (variant := term.form(lang.code)) and variant != form
                ],
                "search_fr": search_url(term.french),
                "search_zh": search_url(form),
            }
        )
    return render(
        request,
        "terminology/glossary.html",
        {"rows": rows, "chinese_first": reads_chinese(reader.code), "chinese": chinese},
    )
