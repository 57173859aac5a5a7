"""A whole document read into candidates: its parts and headings (xjtrack.extract.sentences),
its sentences under no heading by their own cues (xjtrack.extract.cues), a statistical bulletin
whole, and its main-indicator tables row by row (xjtrack.extract.tables)."""

from __future__ import annotations

from xjtrack.core.records import Corpus, Indicator, Source
from xjtrack.extract.candidates import Candidate, _Reader, fits, settle
from xjtrack.extract.cues import Cue, clause_turns, read_cue
from xjtrack.extract.match import Registry
from xjtrack.extract.periods import (
    Frame,
    plan_of_title,
    planning_frame,
    review_frame,
    sentence_frame,
    years_named,
)
from xjtrack.extract.sentences import Part, sentences
from xjtrack.extract.tables import Table, tables
from xjtrack.extract.tables import figures as row_figures


def candidates(text: str, source: Source, corpus: Corpus, registry: Registry | None = None) -> list[Candidate]:
    """Every figure of the document read as a candidate record, in the document's order."""
    registry = registry or Registry(corpus.indicators)
    reader = _Reader(source, corpus, registry, [])
    delivered = source.date.year
    planned = plan_of_title(source.title_zh) if source.kind == "plan" else None
    carried: Frame | None = None
    cue: Cue | None = None
    heading = None
    found_tables = tables(text)
    prose = text
    if found_tables:  # the tables' rows are read as rows, not as sentences
        lines = text.splitlines()
        for table in found_tables:
            lines[table.lines.start:table.lines.stop] = [""] * len(table.lines)
        prose = "\n".join(lines)
    for sentence in sentences(prose):
        if source.kind == "bulletin":  # a statistical bulletin gives its year's results, under any heading
            reader.read(sentence, sentence_frame(Frame(bulletin_year(source)), sentence.text, None)[0], "observation")
            continue
        if sentence.part == Part.preamble:  # no heading above it: the sentence's own cues
            cue = read_cue(sentence.text, delivered, cue)
            first, turns = clause_turns([c.text for c in sentence.clauses], delivered, cue)
            reader.read(sentence, first.frame, first.kind, turns)
            continue
        if sentence.heading != heading:
            heading, carried = sentence.heading, None
        review = sentence.part == Part.review
        part_frame = review_frame(sentence.heading, delivered) if review else \
            planning_frame(sentence.heading, delivered, planned)
        frame, carried = sentence_frame(part_frame, sentence.text, carried)
        reader.read(sentence, frame, "observation" if review else "target")
    for table in found_tables:
        reader.found += _from_table(table, source, registry)
    return reader.found


def bulletin_year(source: Source) -> int:
    """The year a statistical bulletin gives the results of: its title's (2023年…统计公报), else
    the year before it was published."""
    years = years_named(source.title_zh)
    return years[0] if years else source.date.year - 1


def _from_table(table: Table, source: Source, registry: Registry) -> list[Candidate]:
    """The candidates of a main-indicator table's rows (xjtrack.extract.tables)."""
    found = []
    for row in table.rows:
        for figure in row_figures(table, row):
            def accept(indicator: Indicator, name: str, reading=figure.reading) -> bool:
                return fits(reading, indicator, name)

            match = registry.match(row.name, table.title + row.category, accept)
            reading = settle(figure.reading, match.indicator, match.name) if match else figure.reading
            found.append(Candidate(figure.kind, match.indicator if match else None, match.name if match else row.name,
                                   source.jurisdiction, reading, row.quote, -1, figure.estimate,
                                   row.binding if figure.kind == "target" else "unspecified", figure.claim))
    return found


