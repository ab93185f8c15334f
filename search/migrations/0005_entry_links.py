"""SearchEntry.slug, anchor and article titles: what a result links to and
says, copied from the article, opinion or expert (see indexing.from_article),
so that a page of results joins no other table."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def copy_links(apps, schema_editor):
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    Article = apps.get_model("articles", "Article")
    Opinion = apps.get_model("articles", "Opinion")
    Person = apps.get_model("articles", "Person")
    entries = SearchEntry.objects.using(alias)

    def of_article(field):
        value = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values(field)[:1])
        return Coalesce(value, Value(""))

    entries.exclude(article=None).update(
        slug=of_article("slug"),
        article_title_fr=of_article("title_fr"),
        article_title_zh_hant=of_article("title_zh_hant"),
    )
    entries.filter(kind="opinion").update(
        anchor=Subquery(Opinion.objects.filter(pk=OuterRef("opinion_id")).values("anchor")[:1])
    )
    entries.filter(kind="person").update(
        slug=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("slug")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("search", "0004_searchentry_listed"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="slug",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="anchor",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="article_title_fr",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="article_title_zh_hant",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
