"""The draft as a data file in the curated format: proposed indicators and plans, observations,
targets, then what was not drafted, as comments.

Whatever the source or the curated data hold, the file is YAML and only the draft's own entries
are entries: every value is written double-quoted with each character YAML cannot carry (control
characters, line breaks of any kind, U+FFFE …) escaped, and every comment has those characters
escaped the same way, so that no text can end a comment line and start an entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xjtrack.core.records import Indicator, Plan

if TYPE_CHECKING:  # the draft's types only: draft.py calls render, so no import runs back to it
    from xjtrack.extract.draft import Draft, Entry

OBSERVATION_KEYS = ("indicator", "jurisdiction", "measure", "period", "value", "source", "quote", "estimate",
                    "as_written")
TARGET_KEYS = ("id", "plan", "indicator", "jurisdiction", "measure", "target", "as_written", "due", "binding",
               "section", "quote", "source")
_NEEDS_NO_QUOTES = re.compile(r"^[a-z][a-z0-9._-]*$")  # ids and vocabulary words: never numbers or dates
# what YAML cannot hold as it stands (outside its printable set), and every kind of line break
_UNPRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def scalar(value: object) -> str:
    text = str(value)
    if _NEEDS_NO_QUOTES.match(text):
        return text
    return '"' + _UNPRINTABLE.sub(_escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def comment(text: object) -> str:
    """Text safe inside a comment: nothing in it can end the line."""
    return _UNPRINTABLE.sub(_escape, str(text).replace("\\", "\\\\"))


def _entry_lines(entry: Entry, keys: tuple[str, ...], source: str) -> list[str]:
    c = entry.candidate
    lines = [f"  # {comment(entry.mark)}; reads {comment(c.words)}"]
    if entry.suspect:
        lines.append(f"  # suspect: {comment(entry.suspect)}")
    first = True
    for key in keys:
        value = entry.quotes if key == "quote" else entry.fields.get(key, "")
        if not value:
            continue
        prefix = "  - " if first else "    "
        first = False
        if key == "quote" and len(entry.quotes) > 1:
            lines.append(f"{prefix}quote:")
            lines.extend(f"      - {scalar(q)}" for q in entry.quotes)
        elif key == "quote":
            lines.append(f"{prefix}quote: {scalar(entry.quotes[0])}")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")
    if entry.kind == "target" and c.claim is not None:
        claimed, words = c.claim
        lines += ["    claims:", f"      - claim: {scalar(claimed)}", f"        text: {scalar(words)}",
                  f"        source: {scalar(source)}", f"        quote: {scalar(c.quote)}"]
    return lines


def _indicator_lines(indicator: Indicator, figures: int) -> list[str]:
    lines = [f"  # proposed: {figures} figure(s) of the document name it; check the id, the English name, "
             "unit, kind, prices and topic",
             f"  - id: {scalar(indicator.id)}", f"    name_zh: {scalar(indicator.name_zh)}",
             f"    name_en: {scalar(indicator.name_en)}", f"    unit: {scalar(indicator.unit)}",
             f"    kind: {indicator.kind}", f"    direction: {indicator.direction}", f"    prices: {indicator.prices}",
             f"    topic: {indicator.topic}"]
    if indicator.growth:
        lines.append(f"    growth: {indicator.growth}")
    return lines


def _plan_lines(plan: Plan) -> list[str]:
    return ["  # proposed: the targets below set it; check its names and period",
            f"  - id: {scalar(plan.id)}", f"    name_zh: {scalar(plan.name_zh)}", f"    name_en: {scalar(plan.name_en)}",
            f"    jurisdiction: {scalar(plan.jurisdiction)}", f"    period: {scalar(str(plan.period))}",
            f"    source: {scalar(plan.source)}"]


def render(d: Draft) -> str:
    """The draft as YAML in the curated format, entries first, then the notes as comments."""
    source = d.source.id
    observations, targets = d.of("observation"), d.of("target")
    lines = [f"# Draft of the records of {comment(source)} ({comment(d.source.title_zh)}), written by xjtrack extract.",
             f"# {len(observations)} observations and {len(targets)} targets not yet curated; "
             f"{sum(1 for i in d.indicators.values() if any(e.candidate.indicator is i for e in d.entries))} proposed indicators and {len(d.plans)} proposed plans.",
             "# Review every entry against the document before moving it into data/: observations into",
             f"# data/observations/{comment(source)}.yaml, targets into the plan's data file, proposed indicators",
             "# into data/indicators.yaml, proposed plans into targets.yaml. Run extract again to see what is",
             "# still missing.", ""]
    counts: dict[str, int] = {}
    for entry in d.entries:
        counts[entry.candidate.indicator.id] = counts.get(entry.candidate.indicator.id, 0) + 1
    proposed = [i for i in d.indicators.values() if counts.get(i.id)]
    if proposed:
        lines.append("indicators:")
        for indicator in proposed:
            lines.extend(_indicator_lines(indicator, counts[indicator.id]))
        lines.append("")
    if d.plans:
        lines.append("plans:")
        for plan in d.plans.values():
            lines.extend(_plan_lines(plan))
        lines.append("")
    if observations:
        lines.append("observations:")
        for entry in observations:
            lines.extend(_entry_lines(entry, OBSERVATION_KEYS, source))
        lines.append("")
    if targets:
        lines.append("targets:")
        for entry in targets:
            lines.extend(_entry_lines(entry, TARGET_KEYS, source))
        lines.append("")
    if d.notes:
        lines.append("# Figures not drafted as entries:")
        lines.extend(f"#   {comment(kind)} {comment(text)}" for kind, text in d.notes)
        lines.append("")
    if not observations and not targets:
        lines.append("observations: []")
    return "\n".join(lines) + "\n"
