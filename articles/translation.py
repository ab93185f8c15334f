"""Fields translated with django-modeltranslation: one column per language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Article, Block, Opinion, Person, Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "role", "organisation", "bio")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "standfirst", "credits")


@register(Opinion)
class OpinionTranslationOptions(TranslationOptions):
    fields = ("headline",)


@register(Block)
class BlockTranslationOptions(TranslationOptions):
    fields = ("text",)
