"""The draft data file: the candidates that the curated data does not hold yet, as entries in
the curated format (CURATING.md), each marked with a comment; and, as comments only, what is
already curated, what conflicts with a curated value, what validate would refuse, and the
figures whose indicator the registry lacks, with a proposed indicator entry for each.

Only entries `xjtrack validate` accepts are written as entries: the same checks run here first
(the quote is found in the source and holds the figure, the unit fits the measure and the
indicator, the period is not after the document, a target's due falls in its plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from xjtrack.core.periods import Period
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Corpus, Plan, Source
from xjtrack.core.vocab import Measure
from xjtrack.curated.figures import unit_misfit
from xjtrack.curated.quotes import SourceText, figure_missing
from xjtrack.extract.candidates import Candidate, candidates
from xjtrack.extract.compare import Curated, Standing, same_quantity
from xjtrack.extract.match import Registry

OBSERVATION_KEYS = ("indicator", "jurisdiction", "measure", "period", "value", "source", "quote", "estimate",
                    "as_written")
TARGET_KEYS = ("id", "plan", "indicator", "jurisdiction", "measure", "target", "as_written", "due", "binding",
               "section", "quote", "source")


ID_SUFFIX = {Measure.level: "", Measure.yoy_growth: "growth", Measure.avg_annual_growth: "growth",
             Measure.cumulative_growth: "growth", Measure.annual_average: "annual"}


class Note(StrEnum):
    """Why a candidate is written as a comment and not as an entry."""

    curated = "already curated"
    conflict = "conflict"
    refused = "not drafted"
    second_reading = "a second reading"
    no_plan = "no plan"


@dataclass
class Entry:
    """One record of the draft: its fields in the curated format, and the comment above it."""

    kind: str  # "observation" or "target"
    fields: dict[str, object]
    mark: str  # "new", or "revises <id> (<value>, <source>)"
    candidate: Candidate
    quotes: list[str] = field(default_factory=list)


@dataclass
class Draft:
    source: Source
    entries: list[Entry] = field(default_factory=list)
    notes: list[tuple[Note, str]] = field(default_factory=list)  # what is written as comments only
    proposals: dict[str, list[Candidate]] = field(default_factory=dict)  # new indicator words -> figures
    figures_read: int = 0  # every figure the document's parts and tables gave, drafted or not

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def count(self, note: Note) -> int:
        return sum(1 for kind, _ in self.notes if kind == note)

    def note(self, kind: Note, text: str) -> None:
        self.notes.append((kind, text))


def _plan_for(plans: list[Plan], due: Period) -> Plan | None:
    fitting = [p for p in plans if p.period.start <= due.start and due.end <= p.period.end]
    return min(fitting, key=lambda p: (p.period.years, p.id)) if fitting else None


def _refusal(c: Candidate, text: SourceText, source: Source) -> str | None:
    """Why validate would refuse the candidate as an entry, or None."""
    found = text.locate(c.quote)
    if found is None:
        return "its quote is not found whole in the source"
    value = parse_quantity(c.reading.value)
    missing = figure_missing(value, [found.span], c.reading.as_written)
    if missing:
        return missing
    misfit = unit_misfit(c.measure, value.unit, c.indicator)
    if misfit:
        return misfit
    if c.measure in (Measure.total, Measure.annual_average) and c.indicator.kind != "flow":
        return f"a {c.measure} adds up a flow, and {c.indicator.id} is a {c.indicator.kind}"
    if c.measure == Measure.yoy_growth and c.period.years != 1:
        return "a yoy_growth is one year's growth"
    if c.kind == "observation" and c.period.end > source.date.year:
        return f"the period {c.period} ends after the document was delivered"
    return None


def _describe(c: Candidate) -> str:
    name = c.indicator.id if c.indicator else c.words
    return f"{name} {c.jurisdiction} {c.measure} {c.period} {c.reading.value}: {c.quote}"


class _Builder:
    def __init__(self, source: Source, corpus: Corpus, text: str):
        self.draft = Draft(source)
        self.source = source
        self.corpus = corpus
        self.text = SourceText(text)
        self.curated = Curated(corpus)
        self.plans = [p for p in corpus.plans.values() if p.source == source.id]
        self.keys: dict[tuple, Entry] = {}
        self.ids = set(corpus.targets)

    def add(self, c: Candidate) -> None:
        if c.indicator is None:
            self.draft.proposals.setdefault(c.words, []).append(c)
            return
        verdict = self.curated.verdict(c, self.source.id)
        if verdict.standing == Standing.curated:
            self.draft.note(Note.curated, f"{verdict.record}: {_describe(c)}")
            return
        if verdict.standing == Standing.conflict:
            self.draft.note(Note.conflict, f"with {verdict.record} ({verdict.other}): {_describe(c)}")
            return
        refused = _refusal(c, self.text, self.source)
        if refused:
            self.draft.note(Note.refused, f"({refused}): {_describe(c)}")
            return
        mark = "new" if verdict.standing == Standing.new else \
            f"revises {verdict.record} ({verdict.other}, {verdict.other_source})"
        if c.kind == "observation":
            self._observation(c, mark)
        else:
            self._target(c, mark)

    def _merged(self, key: tuple, c: Candidate) -> bool:
        """Whether the figure is already drafted: its quote is added, or a second reading noted."""
        entry = self.keys.get(key)
        if entry is None:
            return False
        drafted, value = parse_quantity(entry.candidate.reading.value), parse_quantity(c.reading.value)
        same = same_quantity(drafted, value)
        if same and c.quote not in entry.quotes and not c.reading.as_written:
            entry.quotes.append(c.quote)
        elif not same and drafted.comparator != "=" and value.comparator == "=":
            self.draft.note(Note.second_reading, f"of {key[1]} (a bound, {drafted.text}, where the document "
                            f"also gives the figure): {_describe(entry.candidate)}")
            self._replace(entry, c)
        elif not same:
            self.draft.note(Note.second_reading, f"of {entry.fields.get('id') or key[1]} "
                            f"(drafted as {entry.candidate.reading.value}): {_describe(c)}")
        return True

    def _replace(self, entry: Entry, c: Candidate) -> None:
        entry.candidate, entry.quotes = c, [c.quote]
        value_key = "value" if entry.kind == "observation" else "target"
        entry.fields.update({value_key: c.reading.value, "as_written": c.reading.as_written})

    def _observation(self, c: Candidate, mark: str) -> None:
        key = ("observation", c.indicator.id, c.jurisdiction, str(c.measure), str(c.period))
        if self._merged(key, c):
            return
        fields = {"indicator": c.indicator.id, "jurisdiction": c.jurisdiction if c.jurisdiction !=
                  self.source.jurisdiction else "", "measure": str(c.measure), "period": str(c.period),
                  "value": c.reading.value, "source": self.source.id, "estimate": "true" if c.estimate else "",
                  "as_written": c.reading.as_written}
        entry = Entry("observation", fields, mark, c, [c.quote])
        self.keys[key] = entry
        self.draft.entries.append(entry)

    def _target(self, c: Candidate, mark: str) -> None:
        plan = _plan_for(self.plans, c.period)
        if plan is None:
            self.draft.note(Note.no_plan, f"of {self.source.id} in targets.yaml covers {c.period}; add one "
                            f"to draft it: {_describe(c)}")
            return
        key = ("target", c.indicator.id, c.jurisdiction, str(c.measure), str(c.period), c.reading.value)
        if self._merged(key, c):
            return
        ident = self._id(plan, c)
        jurisdiction = c.jurisdiction if c.jurisdiction != plan.jurisdiction else ""
        fields = {"id": ident, "plan": plan.id, "indicator": c.indicator.id, "jurisdiction": jurisdiction,
                  "measure": str(c.measure), "target": c.reading.value, "as_written": c.reading.as_written,
                  "due": str(c.period), "binding": c.binding,
                  "source": self.source.id if plan.source != self.source.id else ""}
        entry = Entry("target", fields, mark, c, [c.quote])
        self.keys[key] = entry
        self.draft.entries.append(entry)

    def _id(self, plan: Plan, c: Candidate) -> str:
        """<plan>.<indicator>[-growth|-change|…][-<place>], as CURATING.md's ids are written (xj-2021.gdp-growth)."""
        suffix = ID_SUFFIX.get(c.measure, c.measure.replace("_", "-"))
        slug = f"{c.indicator.id}-{suffix}" if suffix else c.indicator.id
        if c.jurisdiction != plan.jurisdiction:
            slug += f"-{c.jurisdiction}"
        ident, n = f"{plan.id}.{slug}", 2
        while ident in self.ids:
            ident, n = f"{plan.id}.{slug}-{n}", n + 1
        self.ids.add(ident)
        return ident


def draft(text: str, source: Source, corpus: Corpus, registry: Registry | None = None) -> Draft:
    """The draft of a source: what its text gives that the corpus does not hold yet."""
    builder = _Builder(source, corpus, text)
    for c in candidates(text, source, corpus, registry):
        builder.add(c)
        builder.draft.figures_read += 1
    return builder.draft


_NEEDS_NO_QUOTES = re.compile(r"^[a-z][a-z0-9._-]*$")  # ids and vocabulary words: never numbers or dates


def scalar(value: object) -> str:
    text = str(value)
    if _NEEDS_NO_QUOTES.match(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry_lines(entry: Entry, keys: tuple[str, ...], source: str) -> list[str]:
    c = entry.candidate
    lines = [f"  # {entry.mark}; reads {c.words}"]
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
        lines += ["    claims:", f"      - claim: {claimed}", f"        text: {scalar(words)}",
                  f"        source: {source}", f"        quote: {scalar(c.quote)}"]
    return lines


def _proposal_lines(words: str, found: list[Candidate]) -> list[str]:
    first = found[0]
    unit = parse_quantity(first.reading.value).unit.text
    lines = [f"#  - id: ...   # {len(found)} figure(s) read as {words}", f"#    name_zh: {scalar(words)}",
             "#    name_en: ...", f"#    unit: {scalar(unit)}", "#    kind: ...   # stock | flow | rate | index",
             "#    direction: up", "#    prices: ..."]
    lines.extend(f"#    # {c.measure} {c.period} {c.reading.value}: {c.quote}" for c in found)
    return lines


def render(d: Draft) -> str:
    """The draft as YAML in the curated format, entries first, then the notes as comments."""
    source = d.source.id
    observations, targets = d.of("observation"), d.of("target")
    lines = [f"# Draft of the records of {source} ({d.source.title_zh}), written by xjtrack extract.",
             f"# {len(observations)} observations and {len(targets)} targets not yet curated; "
             f"{len(d.proposals)} names with no indicator in the registry (proposed at the end).",
             "# Review every entry against the document before moving it into data/: observations into",
             f"# data/observations/{source}.yaml, targets into the plan's data file. Run extract again to see what",
             "# is still missing.", ""]
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
        lines.extend(f"#   {kind} {text}" for kind, text in d.notes)
        lines.append("")
    if d.proposals:
        lines.append("# Figures whose indicator is not in data/indicators.yaml: a proposed entry for each")
        lines.append("# (uncomment into data/indicators.yaml, give it an id, then run extract again):")
        lines.append("# indicators:")
        for words, found in d.proposals.items():
            lines.extend(_proposal_lines(words, found))
        lines.append("")
    if not observations and not targets:
        lines.append("observations: []")
    return "\n".join(lines) + "\n"
