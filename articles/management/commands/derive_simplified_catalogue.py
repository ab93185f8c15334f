from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.chinese import CONFIGURATION, to_simplified

SOURCE = "zh_Hant"
TARGET = "zh_Hans"
CATALOGUE = Path("LC_MESSAGES") / "django.po"
# Marks an entry that OpenCC wrote and nobody has read yet. Not the "fuzzy" flag:
# gettext leaves fuzzy entries out of the compiled catalogue, and a converted string
# is better than the English msgid. A reviewer deletes the comment.
UNREVIEWED = f"Derived from {SOURCE} with OpenCC {CONFIGURATION}: to review."


def key(entry):
    return (entry.msgctxt, entry.msgid)


def derived_entry(source):
    entry = polib.POEntry(
        msgctxt=source.msgctxt,
        msgid=source.msgid,
        msgid_plural=source.msgid_plural,
        occurrences=list(source.occurrences),
        comment=source.comment,
        tcomment=UNREVIEWED,
        flags=[flag for flag in source.flags if flag != "fuzzy"],
    )
    if source.msgid_plural:
        entry.msgstr_plural = {n: to_simplified(s) for n, s in source.msgstr_plural.items()}
    else:
        entry.msgstr = to_simplified(source.msgstr)
    return entry


def is_translated(entry):
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def derive(source, target):
    """The zh_Hans catalogue for a zh_Hant one: the entries ``target`` already has
    (read by a person) as they are, with the source's references; OpenCC's
    conversion, marked for review, for the others. Returns (catalogue, added, dropped)."""
    kept = {key(e): e for e in target if not e.obsolete and is_translated(e)}
    result = polib.POFile(wrapwidth=source.wrapwidth)
    result.header = target.header or source.header
    result.metadata = {**source.metadata, **target.metadata}
    result.metadata["Language"] = TARGET
    result.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    result.metadata["POT-Creation-Date"] = source.metadata.get("POT-Creation-Date", "")
    added = []
    for entry in source:
        if entry.obsolete or not is_translated(entry) or "fuzzy" in entry.flags:
            continue  # nothing reviewed to derive from; zh_Hant's own test reports it
        existing = kept.pop(key(entry), None)
        if existing is None:
            existing = derived_entry(entry)
            added.append(entry.msgid)
        else:
            existing.occurrences = list(entry.occurrences)
        result.append(existing)
    dropped = [msgid for _context, msgid in kept]
    return result, added, dropped


class Command(BaseCommand):
    help = (
        f"Bring locale/{TARGET} up to date with locale/{SOURCE}: new strings are "
        f"converted with OpenCC {CONFIGURATION} and marked for review; strings already "
        f"in {TARGET} are kept as they are; strings gone from {SOURCE} are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            type=Path,
            default=None,
            help="the folder holding zh_Hant/ and zh_Hans/ (default: the project's locale/)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=f"write nothing; fail when {TARGET} lacks strings of {SOURCE} or has extra ones",
        )

    def handle(self, locale_dir=None, check=False, **options):
        locale_dir = locale_dir or Path(settings.LOCALE_PATHS[0])
        source_path = locale_dir / SOURCE / CATALOGUE
        target_path = locale_dir / TARGET / CATALOGUE
        if not source_path.is_file():
            raise CommandError(f"No catalogue at {source_path}.")
        try:
            source = polib.pofile(str(source_path))
            target = polib.pofile(str(target_path)) if target_path.is_file() else polib.POFile()
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read a catalogue: {error}") from error
        result, added, dropped = derive(source, target)
        unreviewed = sum(1 for entry in result if entry.tcomment == UNREVIEWED)
        if check:
            if added or dropped:
                raise CommandError(
                    f"{TARGET} is out of date: {len(added)} strings to add, "
                    f"{len(dropped)} to remove. Run derive_simplified_catalogue."
                )
            self.stdout.write(f"{TARGET} is up to date ({unreviewed} entries to review).")
            return
        target_path.parent.mkdir(parents=True, exist_ok=True)
        result.save(str(target_path))
        for msgid in added:
            self.stdout.write(f"added: {msgid}")
        for msgid in dropped:
            self.stdout.write(f"removed: {msgid}")
        self.stdout.write(
            f"{target_path.relative_to(locale_dir)}: {len(result)} entries, "
            f"{len(added)} added, {len(dropped)} removed, {unreviewed} to review."
        )
