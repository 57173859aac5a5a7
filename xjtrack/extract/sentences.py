"""A document split as Chinese work reports and plans are built: parts under headings, each a
review of the past (…工作回顾) or a plan for what comes (…主要工作, 重点工作, 目标任务); then
sentences (ended by 。！？) and clauses (ended by ，；：).

All text here has its whitespace removed, the way `xjtrack validate` compares quotes: PDF
extractions break lines mid-sentence and put spaces around numbers, and a quote taken from the
squeezed text is found in the archived one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from xjtrack.curated.quotes import squeeze
from xjtrack.safe import UNSAFE


class Part(StrEnum):
    preamble = "preamble"  # before the first heading
    review = "review"  # the past year or five years
    planning = "planning"  # the targets and the work to come


REVIEW_HEADING = re.compile("回顾|发展的?基础|成就|发展的?环境")  # a plan outline's first chapters look back
PLANNING_HEADING = re.compile("主要工作|重点工作|目标任务|主要目标|发展目标|工作安排|重大举措|工作任务|主要任务")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")
HEADING_MAX = 40  # characters: a heading is a short line that does not end a sentence
_SENTENCE_END = re.compile("[。！？!?]")
_INSIDE_SENTENCE = re.compile("[，。；：！？,;:!?]")
_CLAUSE_END = re.compile("[，；：,;:]")


@dataclass(frozen=True)
class Clause:
    text: str
    start: int  # offset in its sentence


@dataclass(frozen=True)
class Sentence:
    text: str  # whitespace removed
    part: Part
    heading: str  # the heading of the part it stands in
    index: int  # its position in the document
    clauses: tuple[Clause, ...]


def heading_part(line: str) -> Part | None:
    """Which part a line opens, when it is a heading of a review or a plan."""
    if len(line) > HEADING_MAX or not line or _INSIDE_SENTENCE.search(line):
        return None
    if REVIEW_HEADING.search(line):
        return Part.review
    if PLANNING_HEADING.search(line):
        return Part.planning
    return None


def clauses_of(sentence: str) -> tuple[Clause, ...]:
    found, start = [], 0
    for match in _CLAUSE_END.finditer(sentence):
        if match.start() > start:
            found.append(Clause(sentence[start:match.start()], start))
        start = match.end()
    if start < len(sentence):
        found.append(Clause(sentence[start:], start))
    return tuple(found)


def _sentences_of(block: str) -> list[str]:
    found, start = [], 0
    for match in _SENTENCE_END.finditer(block):
        if match.start() > start:
            found.append(block[start:match.start()])
        start = match.end()
    if start < len(block):
        found.append(block[start:])
    return found


def sentences(text: str) -> list[Sentence]:
    """The document's sentences in order, each with the part it stands in.

    A line holding a control or bidirectional character is left out: such text cannot be quoted
    (validate refuses it) and must never reach a terminal."""
    found: list[Sentence] = []
    part, heading, block = Part.preamble, "", []

    def flush() -> None:
        for piece in _sentences_of("".join(block)):
            found.append(Sentence(piece, part, heading, len(found), clauses_of(piece)))
        block.clear()

    for raw in text.splitlines():
        line = squeeze(raw)
        if UNSAFE.search(line):
            flush()
            continue
        opened = heading_part(line)
        if opened is not None and (not block or block[-1][-1:] in "。！？!?：:”"):
            flush()
            part, heading = opened, line
            continue
        if NUMBERED.match(line):
            flush()  # a numbered heading ends what stood before it, full stop or not
        block.append(line)
    flush()
    return found
