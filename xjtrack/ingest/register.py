"""A new source's entry appended to targets.yaml by inserting text: every other byte stays.

A YAML round trip would drop the curators' comments and re-flow their quoting, so the entry is
written as text at the end of the `sources:` section, in the indentation and spacing the
section already uses, and the result is parsed again to prove that it adds that one entry and
changes nothing else.
"""

from __future__ import annotations

import json
import re

from xjtrack.curated.yamlstrict import NULLS, load
from xjtrack.errors import XjtrackError

FIELD_ORDER = ("id", "title_zh", "title_en", "issuer", "publisher", "reports_on", "version_of", "jurisdiction", "kind",
               "date", "file", "notes")
ALWAYS_QUOTED = {"date"}
_SECTION = re.compile(r"^sources:[ \t]*(#.*)?$", re.MULTILINE)
_FLOW_SECTION = re.compile(r"^sources:[ \t]*[\[{]", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^[^\s#]", re.MULTILINE)
_ITEM = re.compile(r"^([ \t]*)-([ \t]+)\S", re.MULTILINE)
_PLAIN = re.compile(r"^[\w\u3000-\u303f\uff00-\uffef（）、，。·“”‘’《》—…][\w\u3000-\u303f\uff00-\uffef（）、，。·“”‘’《》—…"
                    r" .,;()/+'-]*$")
_LOOKS_LIKE_ANOTHER_TYPE = re.compile(r"^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^\d{4}-\d{2}(-\d{2})?$")
YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


def scalar(value: str, quoted: bool = False) -> str:
    """The value as YAML: plain where that reads back as the same text, else double-quoted."""
    plain = (not quoted and _PLAIN.match(value) and not value.endswith(" ") and value not in NULLS
             and value.lower() not in YAML11_WORDS and not _LOOKS_LIKE_ANOTHER_TYPE.match(value))
    return value if plain else json.dumps(value, ensure_ascii=False)


def entry_text(fields: dict[str, str], item: str, key: str) -> str:
    lines = []
    for name in FIELD_ORDER:
        if fields.get(name):
            lead = item if not lines else key
            lines.append(f"{lead}{name}: {scalar(fields[name], name in ALWAYS_QUOTED)}\n")
    return "".join(lines)


def layout(section: str) -> tuple[str, str, bool]:
    """The item and key indentation of the section's entries, and whether a blank line parts them."""
    items = list(_ITEM.finditer(section))
    if not items:
        return "  - ", "    ", False
    first = items[0]
    item = first.group(1) + "-" + first.group(2)
    key = " " * len(item.expandtabs())
    parted = any(section[:m.start()].endswith("\n\n") for m in items[1:])
    return item, key, parted


def append_source(original: str, fields: dict[str, str], name: str = "targets.yaml") -> str:
    """targets.yaml with the source entry inserted at the end of its sources: section."""
    if _FLOW_SECTION.search(original):
        raise XjtrackError(f"{name}'s sources: section is written in flow style ([...]); write it as a "
                           "block list (each entry starting with '- ') and run again")
    found = _SECTION.search(original)
    if found is None:
        head = original if original.endswith("\n") or not original else original + "\n"
        added = head + ("\n" if head else "") + "sources:\n" + entry_text(fields, "  - ", "    ")
    else:
        body_start = found.end() + 1
        after = _TOP_LEVEL.search(original, body_start) if body_start <= len(original) else None
        section = original[body_start:after.start() if after else len(original)]
        item, key, parted = layout(section)
        kept = [m.end() for m in re.finditer(r"^[ \t]+\S.*$", section, re.MULTILINE)]
        at = body_start + kept[-1] if kept else found.end()
        entry = entry_text(fields, item, key).removesuffix("\n")
        added = original[:at] + "\n" + ("\n" if parted and kept else "") + entry + original[at:]
    _check(original, added, fields, name)
    return added


def _sources(text: str, name: str):
    doc, problems = load(name, text)
    if problems or not isinstance(doc.data, dict):
        return None
    return doc.data


def _check(original: str, added: str, fields: dict[str, str], name: str) -> None:
    """The new text must parse as the old one plus this entry, appended to sources:."""
    before, after = _sources(original, name), _sources(added, name)
    if before is None:
        raise XjtrackError(f"{name} cannot be read as YAML; run xjtrack validate and fix it first")
    expected = dict(before)
    expected["sources"] = [*(before.get("sources") or []), {k: fields[k] for k in FIELD_ORDER if fields.get(k)}]
    if after != expected:
        raise XjtrackError(f"cannot add the entry to {name} without changing its other entries (its "
                           "sources: section is laid out in a way add-source does not write into); add it by hand")
