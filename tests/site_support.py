"""Builders for the reading-site tests: enough content for an N+1 to show."""

from articles.models import Article, Block, Opinion, Stance

from .conftest import make_article, make_person, make_question

ARTICLES = 12
PEOPLE = 6
OPINIONS_PER_ARTICLE = 2  # 24 opinions in all


def make_site(articles=ARTICLES, opinions_per_article=OPINIONS_PER_ARTICLE):
    """A question, people, and published articles with opinions in both languages."""
    question = make_question()
    people = [make_person() for _ in range(PEOPLE)]
    sources = ["Le Monde", "Les Échos", "Trackur"]
    made = [
        make_article(
            blocks=4,
            opinions=opinions_per_article,
            people=people,
            source_name=sources[n % len(sources)],
        )
        for n in range(articles)
    ]
    # Spread the people over articles so every expert has several opinions.
    for index, opinion in enumerate(Opinion.objects.order_by("pk")):
        opinion.person = people[index % len(people)]
        opinion.save(update_fields=["person"])
    return question, people, made


def make_half_translated(**fields):
    """A published article whose Chinese lacks the standfirst and the second paragraph."""
    article = make_article(blocks=3, opinions=1, standfirst_zh_hant="", **fields)
    Block.objects.filter(article=article, position=2).update(text_zh_hant="")
    return article


def make_stanced_opinion(article, person, stance, anchor):
    return Opinion.objects.create(
        article=article,
        person=person,
        position=99,
        anchor=anchor,
        stance=stance,
        headline_fr="Titre",
        headline_zh_hant="標題",
    )


__all__ = [
    "Article",
    "Stance",
    "make_article",
    "make_half_translated",
    "make_person",
    "make_site",
    "make_stanced_opinion",
]
