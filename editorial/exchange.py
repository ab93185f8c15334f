"""Exchange files for translators: XLIFF 1.2 and gettext PO, out and back in.

An export holds the missing and outdated units of one article, or of every
article, for one target language (the units of ``translation_units``). Each unit
carries its article's slug in its id (``<slug>/block:345:text``) and a note with
the fingerprint of its source and the article's version at the export, so an
import can tell a file that no longer matches the site. Formats are read and
written by translate-toolkit (XLIFF) and polib (PO).

An import is all or nothing: every problem of the file is listed (naming the
unit or the line) and nothing is saved, or every unit is saved through
``translation_units.apply_translations`` (the normal save path: fingerprints,
search index, page cache, one history revision per article naming the file and
the language).
"""

import re
from dataclasses import dataclass, field

import polib
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from lxml import etree
from translate.storage import xliff

from articles.fingerprints import TranslationState
from articles.languages import registry
from articles.models import content_languages

from . import translation_units as tu

FORMATS = {"xliff": ("xlf", "application/x-xliff+xml"), "po": ("po", "text/x-gettext-translation")}
NOTE_RE = re.compile(r"\bkb source=(?P<fingerprint>[0-9a-f]+) version=(?P<version>\d+)\b")
# Units are plain text: a tag (or an XLIFF inline element) in a target is refused.
MARKUP_RE = re.compile(r"</?[A-Za-z][^<>]*>")
PENDING = (TranslationState.MISSING, TranslationState.OUTDATED)
MAX_PROBLEMS = 20


class ExchangeError(Exception):
    """A file that cannot be exported or imported; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def xliff_language(code):
    """A language as XLIFF writes it: BCP 47 (zh-Hant)."""
    return registry().by_code(code).tag


def po_language(code):
    """A language as a PO header writes it: the gettext locale (zh_Hant)."""
    return to_locale(code)


def language_code(value):
    """A site language from a file's tag: zh-Hant, zh_Hant, zh-TW… -> zh-hant (the
    tags each language serves, as for Accept-Language); an unknown tag as it is."""
    tag = (value or "").strip().replace("_", "-").lower()
    if tag in registry():
        return tag
    for language in registry():
        if language.serves(tag):
            return language.code
    return tag


# --- export ------------------------------------------------------------------------


def pending_units(language, slug=None):
    """[(article, [units])]: the missing and outdated units to hand a translator."""
    if language not in content_languages():
        raise ExchangeError(_("%(language)s is not a content language.") % {"language": language})
    articles = tu.articles_with_units().order_by("-published_at", "slug")
    if slug:
        articles = articles.filter(slug=slug)
        if not articles:
            raise ExchangeError(_("There is no article %(slug)s.") % {"slug": slug})
    result = []
    for article in articles:
        if not tu.is_target(article, language):
            if slug:
                raise ExchangeError(
                    _("%(slug)s is written in %(language)s: it is not translated into it.")
                    % {"slug": slug, "language": tu.language_label(language)}
                )
            continue
        units = [u for u in tu.article_units(article, language) if u.status in PENDING]
        if units or slug:
            result.append((article, units))
    return result


def _note(article, unit):
    return f"kb source={unit.source_fingerprint} version={article.version}"


class Xliff12File(xliff.xlifffile):
    """XLIFF 1.2 (translate-toolkit writes 1.1 by default): what OmegaT, Trados and
    Weblate read."""

    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


class Xliff12Unit(xliff.xliffunit):
    namespace = "urn:oasis:names:tc:xliff:document:1.2"


Xliff12File.UnitClass = Xliff12Unit


def export_xliff(language, slug=None):
    source = tu.source_language(language)
    store = Xliff12File(
        sourcelanguage=xliff_language(source), targetlanguage=xliff_language(language)
    )
    count = 0
    for article, units in pending_units(language, slug):
        for unit in units:
            item = store.addsourceunit(unit.source, filename=article.slug, createifmissing=True)
            item.setid(f"{article.slug}/{unit.id}")
            if unit.target:
                # An outdated translation, to revise rather than retype.
                item.settarget(unit.target)
                item.xmlelement.find(store.namespaced("target")).set(
                    "state", "needs-review-translation"
                )
                item.markapproved(False)
            item.addnote(str(unit.label), origin="description")
            item.addnote(_note(article, unit), origin="kb")
            count += 1
        if not units:  # an export of one article with nothing to do still names it
            store.switchfile(article.slug, createifmissing=True)
    return bytes(store), count


def export_po(language, slug=None):
    source = tu.source_language(language)
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "kb",
        "Language": po_language(language),
        "X-Source-Language": po_language(source),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    count = 0
    for article, units in pending_units(language, slug):
        for unit in units:
            catalogue.append(
                polib.POEntry(
                    msgctxt=f"{article.slug}/{unit.id}",
                    msgid=unit.source,
                    msgstr=unit.target,
                    comment=f"{unit.label}\n{_note(article, unit)}",
                    flags=["fuzzy"] if unit.target else [],
                )
            )
            count += 1
    return str(catalogue).encode("utf-8"), count


def export_file(language, file_format, slug=None):
    """(bytes, file name, media type, unit count) of an export."""
    if file_format not in FORMATS:
        raise ExchangeError(_("Unknown format %(format)s: xliff or po.") % {"format": file_format})
    write = export_xliff if file_format == "xliff" else export_po
    data, count = write(language, slug)
    extension, media_type = FORMATS[file_format]
    name = f"{slug or 'articles'}.{language}.{extension}"
    return data, name, media_type, count


# --- reading a file back -------------------------------------------------------------


@dataclass
class FileUnit:
    id: str
    text: str
    where: str  # "line 12"
    note: str = ""
    # Flagged by the tool as not done (fuzzy, needs review): imported only if changed.
    unsure: bool = False


@dataclass
class ExchangeFile:
    languages: set = field(default_factory=set)  # target languages the file declares
    units: list = field(default_factory=list)


def _line(number):
    return _("line %(line)s") % {"line": number}


def _has_markup(element, namespaced):
    target = element.find(namespaced("target"))
    return target is not None and len(target) > 0


def read_xliff(data):
    try:
        store = xliff.xlifffile.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise ExchangeError(
            _("Not a well-formed XLIFF file: %(line)s: %(error)s")
            % {"line": _line(error.lineno), "error": error.msg}
        ) from None
    except (StopIteration, AssertionError, ValueError):
        raise ExchangeError(_("Not an XLIFF 1.2 file (no <file> element).")) from None
    result = ExchangeFile()
    root = store.document.getroot()
    for node in root.iterchildren(store.namespaced("file")):
        result.languages.add(language_code(node.get("target-language")))
    for item in store.getunits():
        element = item.xmlelement
        unit = FileUnit(
            id=element.get("id", ""),
            text=str(item.target or ""),
            where=_line(element.sourceline),
            note=item.getnotes(origin="kb") or "",
        )
        target = element.find(store.namespaced("target"))
        state = target.get("state", "") if target is not None else ""
        unit.unsure = state.startswith("needs-") or state == "new"
        if _has_markup(element, store.namespaced):
            unit.text = "<markup>"  # reported below as markup in a plain-text unit
        result.units.append(unit)
    return result


def read_po(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = _("Not UTF-8 text (byte %(position)d).") % {"position": error.start}
        raise ExchangeError(message) from None
    try:
        catalogue = polib.pofile(text)
    except OSError as error:
        raise ExchangeError(_("Not a valid PO file: %(error)s") % {"error": error}) from None
    result = ExchangeFile()
    result.languages.add(language_code(catalogue.metadata.get("Language")))
    for entry in catalogue:
        if entry.obsolete:
            continue
        result.units.append(
            FileUnit(
                id=entry.msgctxt or "",
                text=entry.msgstr,
                where=_line(entry.linenum),
                note=entry.comment,
                unsure="fuzzy" in entry.flags,
            )
        )
    return result


def read_file(data):
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return read_xliff(data) if head == b"<" else read_po(data)
