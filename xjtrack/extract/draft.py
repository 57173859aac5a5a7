"""The draft: the candidates that the curated data does not hold yet, as entries in the curated
format (CURATING.md), each marked; and, as notes only, what is already curated, what conflicts
with a curated value and what validate would refuse. A figure whose indicator the registry lacks
is drafted with a proposed indicator, and a target that no plan of the document covers with a
proposed plan (xjtrack.extract.proposals), both reviewed like any entry. xjtrack.extract.yamltext
writes it out.

Only entries `xjtrack validate` accepts are written as entries: the same checks run here first
(the quote is found in the source and holds the figure, the unit fits the measure and the
indicator, the period is not after the document, a target's due falls in its plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from xjtrack.core.normalise import Reading, reading_text
from xjtrack.core.periods import Period
from xjtrack.core.plausible import suspects
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Corpus, Indicator, Observation, Plan, Source
from xjtrack.core.vocab import Measure
from xjtrack.curated.figures import unit_misfit
from xjtrack.curated.quotes import SourceText, figure_missing, squeeze
from xjtrack.curated.spans import period_misfit
from xjtrack.extract.candidates import Candidate
from xjtrack.extract.compare import Curated, Standing, same_quantity
from xjtrack.extract.document import candidates
from xjtrack.extract.match import Registry
from xjtrack.extract.proposals import names_a_quantity, propose_indicator, propose_plan

ID_SUFFIX = {Measure.level: "", Measure.yoy_growth: "growth", Measure.avg_annual_growth: "growth",
             Measure.cumulative_growth: "growth", Measure.annual_average: "annual"}


class Note(StrEnum):
    """Why a candidate is written as a comment and not as an entry."""

    curated = "already curated"
    conflict = "conflict"
    refused = "not drafted"
    second_reading = "a second reading"
    unnamed = "no indicator"


@dataclass
class Entry:
    """One record of the draft: its fields in the curated format, and the comment above it."""

    kind: str  # "observation" or "target"
    fields: dict[str, object]
    mark: str  # "new", or "revises <id> (<value>, <source>)"
    candidate: Candidate
    quotes: list[str] = field(default_factory=list)
    proposed: bool = False  # its indicator is one the draft proposes
    suspect: str = ""  # why the figure looks implausible beside its series (xjtrack.core.plausible)


@dataclass
class Draft:
    source: Source
    entries: list[Entry] = field(default_factory=list)
    notes: list[tuple[Note, str]] = field(default_factory=list)  # what is written as comments only
    indicators: dict[str, Indicator] = field(default_factory=dict)  # proposed, by the document's words
    plans: dict[str, Plan] = field(default_factory=dict)  # proposed, by id
    figures_read: int = 0  # every figure the document's parts and tables gave, drafted or not

    @property
    def proposals(self) -> dict[str, Indicator]:
        return self.indicators

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
    misfit = period_misfit(c.measure, c.period)
    if misfit:
        return misfit
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
        self.indicator_ids = set(corpus.indicators)

    def propose(self, unnamed: list[Candidate]) -> None:
        """Draft the figures no registry name matched, each name with a proposed indicator."""
        by_words: dict[str, list[Candidate]] = {}
        for c in unnamed:
            by_words.setdefault(c.words, []).append(c)
        named = {name: i for i in self.corpus.indicators.values() for name in (i.name_zh, *i.aliases)}
        for words, found in by_words.items():
            if not names_a_quantity(words):
                for c in found:
                    self.draft.note(Note.unnamed, f"(no registry name, and {words!r} names no quantity): {_describe(c)}")
                continue
            if words in named:  # a registry name the reading could not place (a 分别 list of one name)
                for c in found:
                    self.add(replace(c, indicator=named[words]))
                continue
            indicator = propose_indicator(words, [(c.measure, c.reading.value) for c in found], self.indicator_ids)
            self.draft.indicators[words] = indicator
            for c in found:
                self.add(replace(c, indicator=indicator), proposed=True)

    def add(self, c: Candidate, proposed: bool = False) -> None:
        if c.indicator is None:
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
            self._observation(c, mark, proposed)
        else:
            self._target(c, mark, proposed)

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

    def _observation(self, c: Candidate, mark: str, proposed: bool = False) -> None:
        key = ("observation", c.indicator.id, c.jurisdiction, str(c.measure), str(c.period))
        if self._merged(key, c):
            return
        fields = {"indicator": c.indicator.id, "jurisdiction": c.jurisdiction if c.jurisdiction !=
                  self.source.jurisdiction else "", "measure": str(c.measure), "period": str(c.period),
                  "value": c.reading.value, "source": self.source.id, "estimate": "true" if c.estimate else "",
                  "as_written": c.reading.as_written}
        entry = Entry("observation", fields, mark, c, [c.quote], proposed)
        self.keys[key] = entry
        self.draft.entries.append(entry)

    def _target(self, c: Candidate, mark: str, proposed: bool = False) -> None:
        plan = _plan_for(self.plans, c.period)
        if plan is None:
            plan = propose_plan(self.source, c.period, {**self.corpus.plans, **self.draft.plans})
            if plan.id not in self.corpus.plans:
                self.draft.plans[plan.id] = plan
        key = ("target", c.indicator.id, c.jurisdiction, str(c.measure), str(c.period), c.reading.value)
        if self._merged(key, c):
            return
        ident = self._id(plan, c)
        jurisdiction = c.jurisdiction if c.jurisdiction != plan.jurisdiction else ""
        fields = {"id": ident, "plan": plan.id, "indicator": c.indicator.id, "jurisdiction": jurisdiction,
                  "measure": str(c.measure), "target": c.reading.value, "as_written": c.reading.as_written,
                  "due": str(c.period), "binding": c.binding,
                  "source": self.source.id if plan.source != self.source.id else ""}
        entry = Entry("target", fields, mark, c, [c.quote], proposed)
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
    reading = reading_text(text)
    searchable = SourceText(reading.text) if reading.changed else None
    unnamed = []
    for c in candidates(reading.text, source, corpus, registry):
        if searchable is not None:
            c = _as_written_in(c, reading, searchable)
        if c.indicator is None:
            unnamed.append(c)
        else:
            builder.add(c)
        builder.draft.figures_read += 1
    builder.propose(unnamed)
    _mark_suspects(builder.draft, corpus)
    return builder.draft


def _mark_suspects(d: Draft, corpus: Corpus) -> None:
    """Mark each drafted observation that breaks its series beside the curated data, as validate
    would warn of it once the entry is curated (xjtrack.core.plausible)."""
    drafted: dict[str, Entry] = {}
    for n, entry in enumerate(d.of("observation")):
        drafted[f"draft:{n}"] = entry
    records = [Observation(id=ident, indicator=e.candidate.indicator.id,
                           jurisdiction=e.candidate.jurisdiction, measure=str(e.candidate.measure),
                           period=e.candidate.period, value=parse_quantity(e.candidate.reading.value),
                           source=d.source.id, source_date=d.source.date, quotes=())
               for ident, e in drafted.items()]
    indicators = {**corpus.indicators, **{i.id: i for i in d.indicators.values()}}
    parents = {j.id: j.parent for j in corpus.jurisdictions.values() if j.parent}
    for suspect in suspects([*corpus.observations.values(), *records], indicators, parents):
        for ident in suspect.observations:
            if ident in drafted and not drafted[ident].suspect:
                drafted[ident].suspect = suspect.message




def _original(reading: Reading, searchable: SourceText, words: str, after: int = 0) -> tuple[str, int]:
    """The original's text that words of the reading text stand for, and where they end in it."""
    needle = squeeze(words)
    at = searchable.squeezed.find(needle, after)
    if at < 0 or not needle:
        return words, after
    start, end = searchable.original(at), searchable.original(at + len(needle) - 1) + 1
    return squeeze(reading.span(start, end)), at


def _as_written_in(c: Candidate, reading: Reading, searchable: SourceText) -> Candidate:
    """The candidate with its quote (and as_written) in the document's own script: the quote is
    what validate checks against the archived text, which stays as written."""
    quote, at = _original(reading, searchable, c.quote)
    written = c.reading.as_written
    if written:
        written, _ = _original(reading, searchable, written, at)
        c = replace(c, reading=replace(c.reading, as_written=written))
    return replace(c, quote=quote)


def render(d: Draft) -> str:
    """The draft as a data file (xjtrack.extract.yamltext)."""
    from xjtrack.extract.yamltext import render as as_yaml

    return as_yaml(d)
