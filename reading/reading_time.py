"""How long an article takes to read, in the reader's language.

Chinese is counted in characters, French (and any Latin text inside Chinese, such as
names) in words, at the middle of the usual ranges for adult silent reading of prose:
about 200-250 words a minute in French, 300-500 characters a minute in Chinese.
"""

import math
import re

from .presentation import reader_language, shown

WORDS_PER_MINUTE = 230
CHINESE_CHARACTERS_PER_MINUTE = 400

# Han ideographs: the CJK Unified Ideographs blocks, their extensions, and compatibility forms.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def minutes_to_read(texts):
    """Whole minutes (at least 1) to read these texts."""
    characters = words = 0
    for text in texts:
        characters += len(HAN.findall(text))
        words += len(WORD.findall(HAN.sub(" ", text)))
    minutes = characters / CHINESE_CHARACTERS_PER_MINUTE + words / WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))


def article_texts(article, language=None):
    """The texts a reader reads on the article page (with its fallbacks), from the
    prefetched blocks and opinions."""
    language = language or reader_language()
    fields = [(article, "title"), (article, "standfirst")]
    fields += [(block, "text") for block in article.blocks.all()]
    for opinion in article.opinions.all():
        fields.append((opinion, "headline"))
        fields += [(block, "text") for block in opinion.blocks.all()]
    return [shown(obj, name, language).text for obj, name in fields]


def article_minutes(article, language=None):
    return minutes_to_read(article_texts(article, language))
