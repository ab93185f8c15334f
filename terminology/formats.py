"""Termbase files: YAML (content/terminology.yaml), CSV and TBX.

``read_<format>(data)`` returns labelled records for exchange.import_records
or raises TermFileError naming each bad line or entry; ``write_<format>(records)``
is its inverse (records from exchange.export_records).

TBX (ISO 30042), through translate-toolkit: one termEntry per pair and one
langSet per language; the agreed form is the preferred term (admitted while
only proposed), forbidden variants are deprecated terms, the Simplified override
is a zh-Hans langSet, the domain the entry's subjectField, the note its note.
"""

import csv
import io

import yaml
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import tbx

from .exchange import FORBIDDEN_LANGUAGES, TEXT_FIELDS, TermFileError, language_code

FORMATS = ("yaml", "csv", "tbx")


def _text(value, where, name, errors):
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        errors.append(_("%(where)s: «%(field)s» must be text") % {"where": where, "field": name})
        return ""
    return str(value).strip()


def _variants(value, where, errors):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        errors.append(_("%(where)s: the forbidden variants must be a list") % {"where": where})
        return []
    return [_text(v, where, "forbidden", errors) for v in value if v not in (None, "")]


# --- YAML -----------------------------------------------------------------------------

YAML_KEYS = {"fr", "zh-hant", "zh-hans", "status", "forbidden", *TEXT_FIELDS}


def read_yaml(text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = _("line %(line)s") % {"line": mark.line + 1} if mark else _("the file")
        raise TermFileError([_("%(where)s: broken YAML") % {"where": line}]) from error
    if data is None:
        data = []
    if not isinstance(data, list):
        raise TermFileError([_("The file must be a list of terms.")])
    labelled, errors = [], []
    for number, item in enumerate(data, start=1):
        where = _("entry %(number)s") % {"number": number}
        if not isinstance(item, dict):
            errors.append(_("%(where)s: not a term") % {"where": where})
            continue
        for key in item:
            if key not in YAML_KEYS:
                errors.append(
                    _("%(where)s: unknown field «%(field)s»") % {"where": where, "field": key}
                )
        forbidden = item.get("forbidden") or {}
        if not isinstance(forbidden, dict):
            errors.append(_("%(where)s: the forbidden variants must be a list") % {"where": where})
            forbidden = {}
        variants = {lang: [] for lang in FORBIDDEN_LANGUAGES}
        for lang, values in forbidden.items():
            code = language_code(lang)
            if code not in FORBIDDEN_LANGUAGES:
                errors.append(
                    _("%(where)s: unknown language «%(language)s»")
                    % {"where": where, "language": lang}
                )
                continue
            variants[code] = _variants(values, where, errors)
        record = {key: _text(item.get(key), where, key, errors) for key in ("fr", "zh-hant")}
        record.update({key: _text(item.get(key), where, key, errors) for key in TEXT_FIELDS})
        record["zh-hans"] = _text(item.get("zh-hans"), where, "zh-hans", errors) or None
        record["status"] = _text(item.get("status"), where, "status", errors) or "proposed"
        record["forbidden"] = variants
        labelled.append((where, record))
    if errors:
        raise TermFileError(errors)
    return labelled


def write_yaml(records):
    out = []
    for record in records:
        item = {"fr": record["fr"], "zh-hant": record["zh-hant"], "status": record["status"]}
        if record.get("zh-hans"):
            item["zh-hans"] = record["zh-hans"]
        item.update({key: record[key] for key in TEXT_FIELDS if record.get(key)})
        forbidden = {lang: v for lang, v in record["forbidden"].items() if v}
        if forbidden:
            item["forbidden"] = forbidden
        out.append(item)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100)


# --- CSV ------------------------------------------------------------------------------

CSV_COLUMNS = [
    "fr",
    "zh-hant",
    "zh-hans",
    "status",
    "part_of_speech",
    "domain",
    "note",
    "forbidden_fr",
    "forbidden_zh-hant",
]
VARIANT_SEPARATOR = "|"


def _csv_column(name):
    """A header cell as a CSV_COLUMNS name, or None (with the language looked up)."""
    name = name.strip()
    if name.lower() in TEXT_FIELDS or name.lower() == "status":
        return name.lower()
    prefix = "forbidden_" if name.lower().startswith("forbidden_") else ""
    code = language_code(name[len(prefix) :])
    if code is None or (prefix and code not in FORBIDDEN_LANGUAGES):
        return None
    return prefix + code


def read_csv(text):
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TermFileError([_("The file is not UTF-8 text.")]) from error
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    errors, labelled = [], []
    try:
        header = next(rows, None)
        if not header:
            raise TermFileError([_("The file is empty: the first line names the columns.")])
        columns = []
        for cell in header:
            column = _csv_column(cell)
            if column is None:
                errors.append(
                    _("line 1: unknown column «%(column)s» (language or field unknown)")
                    % {"column": cell}
                )
            columns.append(column)
        for required in ("fr", "zh-hant"):
            if required not in columns:
                errors.append(
                    _("line 1: the column «%(column)s» is missing") % {"column": required}
                )
        if errors:
            raise TermFileError(errors)
        for row in rows:
            where = _("line %(line)s") % {"line": rows.line_num}
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                errors.append(
                    _("%(where)s: %(count)s fields, the first line names %(expected)s")
                    % {"where": where, "count": len(row), "expected": len(columns)}
                )
                continue
            cells = dict(zip(columns, (cell.strip() for cell in row), strict=True))
            record = {key: cells.get(key, "") for key in ("fr", "zh-hant", *TEXT_FIELDS)}
            record["zh-hans"] = cells.get("zh-hans") or None
            record["status"] = cells.get("status") or "proposed"
            record["forbidden"] = {
                lang: [
                    v.strip()
                    for v in cells.get(f"forbidden_{lang}", "").split(VARIANT_SEPARATOR)
                    if v.strip()
                ]
                for lang in FORBIDDEN_LANGUAGES
            }
            labelled.append((where, record))
    except csv.Error as error:
        line = _("line %(line)s") % {"line": rows.line_num}
        raise TermFileError(
            [_("%(where)s: broken CSV (%(problem)s)") % {"where": line, "problem": error}]
        ) from error
    if errors:
        raise TermFileError(errors)
    return labelled


def write_csv(records):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(
            [
                record["fr"],
                record["zh-hant"],
                record.get("zh-hans") or "",
                record["status"],
                *(record[key] for key in TEXT_FIELDS),
                *(
                    f" {VARIANT_SEPARATOR} ".join(record["forbidden"][lang])
                    for lang in FORBIDDEN_LANGUAGES
                ),
            ]
        )
    return out.getvalue()


# --- TBX ------------------------------------------------------------------------------

TBX_LANGUAGES = {"fr": "fr", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tig(langset, text, status=None, part_of_speech=""):
    tig = etree.SubElement(langset, "tig")
    etree.SubElement(tig, "term").text = text
    if status:
        note = etree.SubElement(tig, "termNote", type="administrativeStatus")
        note.text = status
    if part_of_speech:
        etree.SubElement(tig, "termNote", type="partOfSpeech").text = part_of_speech


def write_tbx(records):
    store = tbx.tbxfile(sourcelanguage="fr")
    for number, record in enumerate(records, start=1):
        unit = store.addsourceunit(record["fr"])
        unit.setid(f"term-{number}")
        entry = unit.xmlelement
        for child in list(entry):  # the toolkit's own langSet: written again below
            entry.remove(child)
        if record.get("domain"):
            etree.SubElement(entry, "descrip", type="subjectField").text = record["domain"]
        if record.get("note"):
            etree.SubElement(entry, "note").text = record["note"]
        agreed = PREFERRED if record["status"] == "agreed" else ADMITTED
        for lang in ("fr", "zh-hant", "zh-hans"):
            main = record.get(lang)
            if not main:
                continue
            langset = etree.SubElement(entry, "langSet")
            langset.set(XML_LANG, TBX_LANGUAGES[lang])
            _tig(langset, main, agreed, record.get("part_of_speech", ""))
            for variant in record["forbidden"].get(lang, []):
                _tig(langset, variant, DEPRECATED)
    return bytes(store)


def read_tbx(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        store = tbx.tbxfile.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise TermFileError(
            [
                _("line %(line)s: broken TBX (%(problem)s)")
                % {"line": error.lineno, "problem": error.msg}
            ]
        ) from error
    except AssertionError as error:  # the toolkit's check of the root element
        raise TermFileError([_("This is not a TBX file (its root is not <martif>).")]) from error
    errors, labelled = [], []
    for number, unit in enumerate(store.units, start=1):
        entry_id = unit.xmlelement.get("id")
        where = _("entry %(number)s") % {"number": number}
        if entry_id:
            where = f"{where} ({entry_id})"
        record = {"fr": "", "zh-hant": "", "zh-hans": None, "status": "proposed"}
        record.update(dict.fromkeys(TEXT_FIELDS, ""))
        record["forbidden"] = {lang: [] for lang in FORBIDDEN_LANGUAGES}
        for langset in unit.getlanguageNodes():
            tag = langset.get(XML_LANG) or ""
            code = language_code(tag)
            if code is None:
                errors.append(
                    _("%(where)s: unknown language «%(language)s»")
                    % {"where": where, "language": tag}
                )
                continue
            _read_langset(unit, tag, code, record)
        for note in unit.get_common_notes(source=True):
            if note.category == "subjectField":
                record["domain"] = note.text.strip()
            elif note.origin is None and note.category is None:
                record["note"] = note.text.strip()
        labelled.append((where, record))
    if errors:
        raise TermFileError(errors)
    return labelled


def _read_langset(unit, tag, code, record):
    terms = unit.get_source_terms() if code == "fr" else unit.get_target_terms(tag)
    for term in terms:
        text = term.text.strip()
        if not text:
            continue
        if term.deprecated and code in FORBIDDEN_LANGUAGES:
            record["forbidden"][code].append(text)
            continue
        if record[code]:
            continue  # synonyms beyond the first are not kept
        record[code] = text
        if code == "fr":
            status = (term.administrative_status or "").strip()
            record["status"] = "agreed" if status == PREFERRED else "proposed"
            for note in term.notes:
                if note.scope == "term" and note.category == "partOfSpeech":
                    record["part_of_speech"] = note.text.strip()


def format_of(filename):
    """yaml, csv or tbx from a file name's extension, or None."""
    extension = str(filename).rsplit(".", 1)[-1].lower()
    return {"yml": "yaml", "yaml": "yaml", "csv": "csv", "tbx": "tbx"}.get(extension)


def read(data, file_format):
    """Labelled records from a file's bytes, in one of FORMATS."""
    if file_format == "tbx":
        return read_tbx(data)
    if file_format == "csv":
        return read_csv(data)
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise TermFileError([_("The file is not UTF-8 text.")]) from error
    return read_yaml(text)


def write(records, file_format):
    """The file's bytes, in one of FORMATS."""
    if file_format == "tbx":
        return write_tbx(records)
    text = write_csv(records) if file_format == "csv" else write_yaml(records)
    return text.encode("utf-8")
