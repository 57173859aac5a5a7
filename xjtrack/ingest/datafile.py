"""Entries added to a curated data file by inserting text: every other byte stays.

A YAML round trip would drop the curators' comments and re-flow their quoting, so each entry is
written as text at the end of its section (observations:, targets:), in the indentation and
spacing the section already uses, or in a new file with a header comment. The result is parsed
again to prove that it adds exactly those entries and changes nothing else; a file laid out in
a way this does not write into is refused, to be edited by hand.
"""

from __future__ import annotations

import re

from xjtrack.curated.yamlstrict import load
from xjtrack.errors import XjtrackError
from xjtrack.ingest.register import layout, scalar

Value = str | list | dict
ALWAYS_QUOTED = {"period", "due", "date", "value", "target", "year", "reads_as", "as_written", "quote", "text"}
_TOP_LEVEL = re.compile(r"^[^\s#]", re.MULTILINE)


def _value(name: str, value: str) -> str:
    return scalar(value, name in ALWAYS_QUOTED)


def entry_lines(fields: dict[str, Value], item: str, key: str) -> list[str]:
    """One entry as block YAML: item is the first line's lead ("  - "), key the others' ("    ")."""
    lines: list[str] = []
    for name, value in fields.items():
        if value in ("", [], {}, None):
            continue
        lead = item if not lines else key
        if isinstance(value, str):
            lines.append(f"{lead}{name}: {_value(name, value)}")
        elif isinstance(value, dict):
            lines.append(f"{lead}{name}:")
            lines.extend(f"{key}  {k}: {_value(k, v)}" for k, v in value.items())
        elif all(isinstance(v, str) for v in value):
            lines.append(f"{lead}{name}:")
            lines.extend(f"{key}  - {_value(name, v)}" for v in value)
        else:
            lines.append(f"{lead}{name}:")
            for part in value:
                lines.extend(entry_lines(part, f"{key}  - ", f"{key}    "))
    return lines


def _clean(fields: dict[str, Value]) -> dict[str, Value]:
    """An entry as the file will read back: empty values left out, nested ones cleaned."""
    out: dict[str, Value] = {}
    for name, value in fields.items():
        if value in ("", [], {}, None):
            continue
        if isinstance(value, list):
            value = [_clean(v) if isinstance(v, dict) else v for v in value]
        out[name] = value
    return out


def append_entries(original: str | None, section: str, entries: list[dict[str, Value]], name: str,
                   head: str = "") -> str:
    """The file's text with the entries at the end of its section (the section, or the file,
    made where missing; head is a new file's opening comment), in the file's own line ends."""
    if original and "\r\n" in original and original.count("\r\n") == original.count("\n"):
        return _appended(original.replace("\r\n", "\n"), section, entries, name, head).replace("\n", "\r\n")
    return _appended(original, section, entries, name, head)


def _appended(original: str | None, section: str, entries: list[dict[str, Value]], name: str, head: str) -> str:
    if not entries:
        return original or ""
    if original is None or not original.strip():
        lines = [*(f"# {line}" if line else "#" for line in head.splitlines()), f"{section}:"]
        for fields in entries:
            lines += entry_lines(fields, "  - ", "    ")
        added = "\n".join(lines) + "\n"
        _check(original or "", added, section, entries, name)
        return added
    if re.search(rf"^{section}:[ \t]*[\[{{]", original, re.MULTILINE) and not re.search(
            rf"^{section}:[ \t]*\[\][ \t]*$", original, re.MULTILINE):
        raise XjtrackError(f"{name}'s {section}: section is written in flow style ([...]); write it as a "
                           "block list (each entry starting with '- ') and run again")
    original = re.sub(rf"^{section}:[ \t]*\[\][ \t]*$", f"{section}:", original, flags=re.MULTILINE)
    found = re.search(rf"^{section}:[ \t]*(#.*)?$", original, re.MULTILINE)
    if found is None:
        text = original if original.endswith("\n") else original + "\n"
        block = [f"{section}:"]
        for fields in entries:
            block += entry_lines(fields, "  - ", "    ")
        added = text + "\n" + "\n".join(block) + "\n"
    else:
        body_start = min(found.end() + 1, len(original))
        after = _TOP_LEVEL.search(original, body_start)
        body = original[body_start:after.start() if after else len(original)]
        item, key, parted = layout(body)
        kept = [m.end() for m in re.finditer(r"^[ \t]+\S.*$", body, re.MULTILINE)]
        at = body_start + kept[-1] if kept else found.end()
        parts = []
        for fields in entries:
            lines = entry_lines(fields, item, key)
            parts.append(("\n" if parted and (kept or parts) else "") + "\n".join(lines))
        added = original[:at] + "\n" + "\n".join(parts) + original[at:]
        if not added.endswith("\n"):
            added += "\n"
    _check(original, added, section, entries, name)
    return added


def _parsed(text: str, name: str):
    doc, problems = load(name, text)
    if problems:
        return None
    return doc.data if doc.data is not None else {}


def _check(original: str, added: str, section: str, entries: list[dict[str, Value]], name: str) -> None:
    """The new text must parse as the old one plus these entries, appended to the section."""
    before, after = _parsed(original, name), _parsed(added, name)
    if not isinstance(before, dict):
        if before is None or before != {}:
            raise XjtrackError(f"{name} cannot be read as YAML; run xjtrack validate and fix it first")
    expected = dict(before)
    expected[section] = [*(before.get(section) or []), *map(_clean, entries)]
    if after != expected:
        raise XjtrackError(f"cannot add the entries to {name} without changing its other entries (its "
                           f"{section}: section is laid out in a way xjtrack does not write into); add them by hand")
