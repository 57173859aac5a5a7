"""A target's section by name: "第五篇第五章第二节" read against the headings of its source.

The plan outlines number their parts (篇), chapters (章) and sections (节) and give each a
heading line (## 第五章 加快基础设施建设). A curated `section:` that starts with numbers gets the
names those headings give, in order: the chapter is looked for inside its part, the section
inside its chapter. Where the source has no such heading, the name is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from xjtrack.curated.checks import Checker

LEVELS = "篇章节"
_HEADING = re.compile(r"^\s*#{1,6}\s*(?:\*\*)?(第([一二三四五六七八九十百零]+)([篇章节]))\s*(\S.*?)\s*(?:\*\*)?\s*$")
_PATH = re.compile(r"^(?:第[一二三四五六七八九十百零]+[篇章节])+")
_PART = re.compile(r"第([一二三四五六七八九十百零]+)([篇章节])")


@dataclass(frozen=True)
class Heading:
    level: int  # 0 篇, 1 章, 2 节
    number: str  # as written: 五
    text: str  # 第五章 加快基础设施建设


@lru_cache(maxsize=16)
def headings(text: str) -> tuple[Heading, ...]:
    """The 篇/章/节 heading lines of a source, in order."""
    found = []
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m and "....." not in line:  # a table of contents line is not a heading
            found.append(Heading(LEVELS.index(m.group(3)), m.group(2), f"{m.group(1)} {m.group(4)}"))
    return tuple(found)


def named(section: str, found: tuple[Heading, ...]) -> str:
    """The section with its headings' names ("第五篇 …；第五章 …；第二节 …"), and whatever
    follows the numbers (专栏6); "" where the numbers do not lead to headings."""
    path = _PATH.match(section.strip())
    if not path:
        return ""
    wanted = [(LEVELS.index(level), number) for number, level in _PART.findall(path.group(0))]
    names, at = [], 0
    for level, number in wanted:
        if names and level <= found[at - 1].level:
            return ""
        for i in range(at, len(found)):
            h = found[i]
            if names and h.level <= found[at - 1].level:  # left the heading above: not inside it
                return ""
            if h.level == level and h.number == number:
                names.append(h.text)
                at = i + 1
                break
        else:
            return ""
    rest = section.strip()[path.end():].strip(" ；;、")
    if rest and rest in names[-1]:  # the curator wrote the heading's own words after its number
        rest = ""
    return "；".join(names) + (f"；{rest}" if rest else "")


def name_sections(c: Checker) -> None:
    """Give every target whose section is numbered the names its source's headings give."""
    found: dict[str, tuple[Heading, ...] | None] = {}  # source id -> its headings, read once here
    for ident, target in list(c.corpus.targets.items()):
        if not target.section:
            continue
        if target.source not in found:
            source = c.texts.get(target.source)
            found[target.source] = None if source is None else headings(source.text)
        if found[target.source] is None:
            continue
        name = named(target.section, found[target.source])
        if name:
            c.corpus.targets[ident] = replace(target, section_name=name)
