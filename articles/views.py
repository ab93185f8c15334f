from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Article, Block, Opinion, Person, Question


def home(request):
    articles = Article.objects.published().select_related("author")
    return render(
        request,
        "articles/home.html",
        {"question": Question.objects.first(), "articles": articles},
    )


def article_detail(request, slug):
    opinions = Opinion.objects.select_related("person").prefetch_related("blocks")
    article = get_object_or_404(
        Article.objects.visible_to(request.user)
        .select_related("author")
        .prefetch_related(
            Prefetch("blocks", queryset=Block.objects.all()),
            Prefetch("opinions", queryset=opinions),
        ),
        slug=slug,
    )
    return render(request, "articles/article_detail.html", {"article": article})


def expert_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    opinions = (
        Opinion.objects.filter(person=person, article__in=Article.objects.published())
        .select_related("article")
        .order_by("-article__published_at", "position")
    )
    return render(request, "articles/expert_detail.html", {"person": person, "opinions": opinions})
