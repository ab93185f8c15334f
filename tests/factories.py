"""Builders of test content: experts, articles with their blocks and opinions,
the question, and a whole small site.

Each builder re-indexes what it makes once, when it is done (search.indexing.deferred),
not after every block it saves.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Block, Opinion, Person, Question, Stance
from search.indexing import deferred

_counter = itertools.count(1)

# make_site(): enough content for an N+1 to show.
ARTICLES = 12
PEOPLE = 6
OPINIONS_PER_ARTICLE = 2  # 24 opinions in all


def make_person(**fields):
    n = next(_counter)
    defaults = {
        "slug": f"person-{n}",
        "name_fr": f"Personne {n}",
        "name_zh_hant": f"人物 {n}",
        "role_fr": "PDG",
        "role_zh_hant": "執行長",
        "organisation_fr": f"Société {n}",
        "organisation_zh_hant": f"公司 {n}",
    }
    defaults.update(fields)
    return Person.objects.create(**defaults)


@deferred()
def make_article(blocks=2, opinions=0, people=None, **fields):
    """An article published yesterday, with body blocks and opinions in both languages."""
    n = next(_counter)
    defaults = {
        "slug": f"article-{n}",
        "title_fr": f"Article {n} : le client a-t-il raison ?",
        "title_zh_hant": f"文章 {n}：顧客是對的嗎？",
        "standfirst_fr": f"Chapeau {n}",
        "standfirst_zh_hant": f"導言 {n}",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1, minutes=n),
        "stance": Stance.DEPENDS,
        "source_name": f"Source {n}",
    }
    defaults.update(fields)
    article = Article.objects.create(**defaults)
    for position in range(1, blocks + 1):
        Block.objects.create(
            article=article,
            position=position,
            text_fr=f"Paragraphe {position} de l'article {n}.",
            text_zh_hant=f"文章 {n} 的第 {position} 段。",
        )
    stances = itertools.cycle([Stance.YES, Stance.DEPENDS, Stance.NO])
    for position in range(1, opinions + 1):
        person = people[(position - 1) % len(people)] if people else make_person()
        opinion = Opinion.objects.create(
            article=article,
            person=person,
            position=position,
            anchor=f"{person.slug}-{position}",
            stance=next(stances),
            headline_fr=f"Avis {position}",
            headline_zh_hant=f"意見 {position}",
        )
        Block.objects.create(
            opinion=opinion,
            position=1,
            text_fr=f"Texte de l'avis {position}.",
            text_zh_hant=f"意見 {position} 的內文。",
        )
    return article


def make_question(**fields):
    defaults = {
        "slug": "le-client-a-t-il-toujours-raison",
        "title_fr": "Le client a-t-il toujours raison ?",
        "title_zh_hant": "顧客永遠是對的嗎？",
        "description_fr": "La question débattue.",
        "description_zh_hant": "受到爭論的問題。",
    }
    defaults.update(fields)
    return Question.objects.create(**defaults)


@deferred()
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


# For the search tests: articles and opinions with chosen French and Chinese text.


@deferred()
def article_with(title_fr="", title_zh="", standfirst_fr="", standfirst_zh="", body=(), **fields):
    """An article with the given texts; ``body`` is a list of (fr, zh) paragraphs."""
    article = make_article(
        blocks=0,
        title_fr=title_fr or "Sans titre",
        title_zh_hant=title_zh,
        standfirst_fr=standfirst_fr,
        standfirst_zh_hant=standfirst_zh,
        **fields,
    )
    for position, (fr, zh) in enumerate(body, start=1):
        Block.objects.create(article=article, position=position, text_fr=fr, text_zh_hant=zh)
    return article


@deferred()
def opinion_with(article, person=None, headline_fr="", headline_zh="", body=(), anchor=None):
    person = person or make_person()
    opinion = Opinion.objects.create(
        article=article,
        person=person,
        position=article.opinions.count() + 1,
        anchor=anchor or f"avis-{person.slug}",
        stance="depends",
        headline_fr=headline_fr,
        headline_zh_hant=headline_zh,
    )
    for position, (fr, zh) in enumerate(body, start=1):
        Block.objects.create(opinion=opinion, position=position, text_fr=fr, text_zh_hant=zh)
    return opinion


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def make_term(french="client", chinese="顧客", status="agreed", **fields):
    """A term pair of the termbase, agreed unless told otherwise."""
    from terminology.models import Term

    return Term.objects.create(french=french, chinese=chinese, status=status, **fields)
