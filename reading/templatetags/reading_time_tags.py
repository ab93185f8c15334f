from django import template

from ..reading_time import article_minutes

register = template.Library()


@register.simple_tag
def reading_minutes(article):
    """`{% reading_minutes article as minutes %}`: minutes to read, in the reader's language."""
    return article_minutes(article)
