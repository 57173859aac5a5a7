"""Judging a target against its series, as of a date: the verdict with its one-line reason.

The deciding figure is the latest vintage of the observation that matches the target's
measure and period, or one derived from reported figures; a related indicator stands in only
where the registry says it may. The reason names the figure, how it was derived, every
observation used, and any revision among them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from xjtrack.core.judge import Base, Judgement, Rules, effective_direction, judge_final, judge_interim
from xjtrack.core.periods import Period
from xjtrack.core.phrases import Code, Phrase, Reason, is_silent, phrase
from xjtrack.core.quantity import IncomparableUnits, parse_unit
from xjtrack.core.records import Claim, Corpus, Figure, Indicator, Observation, Proxy, Target, Verdict
from xjtrack.core.reported import from_words
from xjtrack.core.series import Series, revisions, vintage_order
from xjtrack.core.vocab import REPORTED, WORDS_ONLY, AutoFlag, Measure, Status


class Index:
    """The corpus's observations by series, for judging as of any date."""

    def __init__(self, corpus: Corpus, documents: dict[str, list[date]] | None = None):
        """documents: the documents' dates by place, as documents_by_place gives them for the same
        sources (a corpus read in parts shares its registries' among its parts)."""
        self.corpus = corpus
        self.by_series: dict[tuple[str, str], list[Observation]] = {}
        for o in corpus.observations.values():
            self.by_series.setdefault((o.indicator, o.jurisdiction), []).append(o)
        self._successors: dict[str, list[str]] = {}
        self._replaced: dict[tuple[str, str], Reason] = {}  # (indicator, successor) -> the stand-in's note
        self._stand_ins: dict[str, tuple[Proxy, ...]] = {}  # indicator -> stand_ins()
        for indicator in corpus.indicators.values():
            if indicator.replaces:
                self._successors.setdefault(indicator.replaces, []).append(indicator.id)
        self._cache: dict[tuple, Series] = {}
        self._later: dict[tuple, list[Observation]] = {}
        self._days: dict[tuple[str, str], set[date]] = {}  # a series' figures' delivery days
        self._documents: dict[str, list[date]] = {}  # jurisdiction -> its documents' dates, sorted
        if documents is not None:
            self._documents = documents
            return
        for source in corpus.sources.values():
            self._documents.setdefault(source.jurisdiction, []).append(source.date.last_day())
        for days in self._documents.values():
            days.sort()

    def documents_by_place(self) -> dict[str, list[date]]:
        return self._documents

    def series(self, indicator: str, jurisdiction: str, as_of: date) -> Series:
        key = (indicator, jurisdiction, as_of)
        if key not in self._cache:
            visible = [o for o in self.by_series.get((indicator, jurisdiction), ())
                       if o.source_date.last_day() <= as_of and not o.unusable]
            self._cache[key] = Series(self.corpus.indicators[indicator], jurisdiction, visible)
        return self._cache[key]

    def forget(self) -> None:
        """Drop the series and figures kept for the days judged so far (judging many days)."""
        self._cache.clear()
        self._later.clear()

    def stand_ins(self, indicator: Indicator) -> tuple[Proxy, ...]:
        """The related indicators that may stand in for this one, in the order they are tried
        (found once for each indicator: judging asks at every target and day)."""
        if indicator.id not in self._stand_ins:
            self._stand_ins[indicator.id] = self._find_stand_ins(indicator)
        return self._stand_ins[indicator.id]

    def _find_stand_ins(self, indicator: Indicator) -> tuple[Proxy, ...]:
        listed = list(indicator.proxies)
        named = {p.indicator for p in listed}
        for successor in self._successors.get(indicator.id, ()):
            if successor not in named:
                listed.append(Proxy(indicator=successor, comparable=True, flag="definition_changed"))
                self._replaced[indicator.id, successor] = (phrase(
                    Code.replaced, new=self.corpus.indicators[successor].name_zh, old=indicator.name_zh),)
        return tuple(listed)

    def proxy_note(self, indicator: str, proxy: Proxy) -> Reason | str:
        """What a stand-in's note says: the curator's words, or that it replaced the indicator."""
        return self._replaced.get((indicator, proxy.indicator), proxy.note)

    def reporter(self, jurisdiction: str) -> str:
        """Whose documents report on a place: its own, or (where it has none, as for 南疆四地州)
        those of the nearest level above that has some."""
        place, places = jurisdiction, self.corpus.jurisdictions
        while place not in self._documents and place in places and places[place].parent:
            place = places[place].parent
        return place if place in self._documents else jurisdiction

    def days(self, indicator: str, jurisdiction: str) -> set[date]:
        """The delivery days of the figures, usable or not, on a series."""
        key = (indicator, jurisdiction)
        if key not in self._days:
            self._days[key] = {o.source_date.last_day() for o in self.by_series.get(key, ())}
        return self._days[key]

    def documents(self, jurisdiction: str) -> list[date]:
        """The delivery days of the documents on a place (see reporter), sorted."""
        return self._documents.get(self.reporter(jurisdiction), [])

    def latest_document(self, jurisdiction: str, as_of: date) -> date | None:
        """The date of the newest document on a place (see reporter) delivered by as_of."""
        days = self.documents(jurisdiction)
        at = bisect.bisect_right(days, as_of)
        return days[at - 1] if at else None

    def later_figures(self, indicator: str, jurisdiction: str, as_of: date, source: str,
                      since: date) -> list[Observation]:
        """The figures, for any period, that documents other than source give from since to as_of."""
        key = (indicator, jurisdiction, as_of, source, since)
        if key not in self._later:
            self._later[key] = [o for o in self.mentions(indicator, jurisdiction, as_of, since, Period(1, 9999))
                                if o.source != source]
        return self._later[key]

    def mentions(self, indicator: str, jurisdiction: str, as_of: date, since: date,
                 period: Period) -> list[Observation]:
        """Every figure (usable or not) documents delivered from since to as_of give about period."""
        return [o for o in self.by_series.get((indicator, jurisdiction), ())
                if since <= o.source_date.last_day() <= as_of
                and o.period.end >= period.start and o.period.start <= period.end]

    def vintages(self, observation: Observation) -> list[Observation]:
        return sorted((o for o in self.by_series.get((observation.indicator, observation.jurisdiction), ())
                       if o.key == observation.key), key=vintage_order)


@dataclass(frozen=True)
class Found:
    figure: Figure
    proxy: Proxy | None
    final: bool


def judged_period(target: Target) -> Period:
    return target.due if target.measure in (Measure.level, Measure.yoy_growth) else target.span


def _candidates(index: Index, target: Target, as_of: date) -> Iterator[tuple[Series, Proxy | None]]:
    indicator = index.corpus.indicators[target.indicator]
    yield index.series(indicator.id, target.jurisdiction, as_of), None
    for proxy in index.stand_ins(indicator):
        if proxy.indicator in index.corpus.indicators:
            yield index.series(proxy.indicator, target.jurisdiction, as_of), proxy


def _figure_unit(target: Target):
    return None if target.measure in (Measure.yoy_growth, Measure.avg_annual_growth,
                                      Measure.cumulative_growth, Measure.reduction,
                                      Measure.multiple) else target.goal.unit


def _find(index: Index, target: Target, as_of: date, interim: bool) -> tuple[Found | None, Found | None]:
    """The figure that judges target (from its series or a comparable proxy), and the first
    figure a non-comparable proxy offers, for the reason when nothing comparable is found."""
    period, unit = judged_period(target), _figure_unit(target)
    shown = None
    for series, proxy in _candidates(index, target, as_of):
        figure = (series.interim(target.measure, period, target.base_year, unit, target.direction)
                  if interim else series.figure(target.measure, period, unit, target.direction))
        if figure is None:
            continue
        found = Found(figure, proxy, not interim)
        if proxy is None or proxy.comparable:
            return found, shown
        shown = shown or found
    return None, shown


def _baseline(index: Index, target: Target, as_of: date) -> tuple[Base | None, Figure | None]:
    if target.measure != Measure.level:
        return None, None
    if target.baseline is not None:
        value = target.baseline.value.value_in(target.goal.unit)
        how = (phrase(Code.stated, text=target.baseline.derivation),) if target.baseline.derivation else ()
        figure = Figure(indicator=target.indicator, measure=Measure.level,
                        period=Period(target.baseline.year, target.baseline.year),
                        value=value, unit=target.goal.unit.text, text=target.baseline.value.text, how=how)
        return Base(target.baseline.year, value), figure
    series = index.series(target.indicator, target.jurisdiction, as_of)
    level = series.level(target.base_year, target.goal.unit)
    if level is None:
        return None, None
    return Base(target.base_year, level.value), series._reported_figure(level.observation)


def _claim(target: Target, as_of: date) -> Claim | None:
    claims = [c for c in target.claims if c.source_date.last_day() <= as_of]
    return max(claims, key=lambda c: c.source_date.last_day()) if claims else None


def _describe(index: Index, figure: Figure) -> Phrase:
    """How a derived figure was reached, naming each observation it rests on."""
    used = [index.corpus.observations[i] for i in figure.observations]
    parts = tuple(phrase(Code.used, period=o.period, measure=o.measure, text=o.value.text, source=o.source)
                  for o in used)
    return phrase(Code.derived, how=figure.how, parts=parts)


def _revised(index: Index, as_of: date, figures: list[Figure | None]) -> list[Reason]:
    notes = []
    for figure in figures:
        for oid in figure.observations if figure else ():
            observation = index.corpus.observations[oid]
            visible = [o for o in index.vintages(observation) if o.source_date.last_day() <= as_of]
            if observation.key in revisions(visible):
                history = tuple(phrase(Code.vintage, text=o.value.text, source=o.source) for o in visible)
                notes.append((phrase(Code.then), phrase(Code.revised, period=observation.period,
                                                        measure=observation.measure, history=history)))
    return notes


def evaluate(target: Target, index: Index, as_of: date, rules: Rules = Rules()) -> Verdict:
    """The verdict on one target, using only documents delivered on or before as_of."""
    claim = _claim(target, as_of)
    flags = set(target.flags)

    def done(judgement: Judgement, figure: Figure | None = None, base: Figure | None = None,
             notes: tuple[Reason, ...] = (), actual: float | None = None, reported: bool = False,
             interim: str = "") -> Verdict:
        silent = is_silent(judgement.reason)
        if silent:
            judgement = _unheard(index, target, as_of, judgement, claim is not None)
            silent = is_silent(judgement.reason)
        status, reason = judgement.status, judgement.reason
        for note in notes:
            reason += note
        disputed = False
        if claim is not None:
            if status in (Status.met, Status.partial, Status.missed, Status.unassessable):
                numbers_decide = status != Status.unassessable or figure is not None or reported
                disputed = numbers_decide and (claim.claim == "met") != (status == Status.met)
            if status not in REPORTED:  # a statement already gives the document's word
                reason += (phrase(Code.claims, claim=claim.claim, text=claim.text),)
            if disputed:
                reason += (phrase(Code.disputed),)
        progress = None if judgement.progress is None else round(judgement.progress, 4)
        return Verdict(target=target.id, as_of=as_of, status=status, reason=reason, progress=progress,
                       actual=actual, figure=figure, baseline=base,
                       claimed=claim.claim if claim else "", claim_text=claim.text if claim else "",
                       disputed=disputed,
                       flags=tuple(sorted(flags)), silent=silent, interim=interim)

    if target.measure in WORDS_ONLY:
        return done(from_words(target, as_of))
    if target.goal.value is None:
        return done(Judgement(Status.unassessable, None, (phrase(Code.no_number, goal=target.goal.text),)))
    ended = as_of > date(target.due.end, 12, 31)
    found, elsewhere = _find(index, target, as_of, interim=False)
    if found is None:
        found = _read_from_words(target, as_of) or None
    awaiting = False  # past due, judged by an interim figure until the final one is reported
    if found is None and elsewhere is None:
        found, elsewhere = _find(index, target, as_of, interim=True)
        awaiting = found is not None and ended
    if found is None:
        judgement = _silence(index, target, as_of, elsewhere)
        if judgement.status == Status.pending:
            judgement = from_words(target, as_of)
        return done(judgement, elsewhere.figure if elsewhere else None,
                    reported=judgement.status == Status.unassessable)
    figure = found.figure
    used = [index.corpus.observations[i] for i in figure.observations]
    for o in used:
        flags.update(o.flags)
    notes: list[Reason] = []
    if figure.how and not figure.observations:
        flags.add(AutoFlag.read_from_words)
        notes.append((phrase(Code.then), *figure.how))
    elif figure.how:
        flags.add(AutoFlag.derived)
        notes.append((_describe(index, figure),))
    if (figure.how and figure.how[0].code == Code.single_year) or (
            not found.final and target.measure == Measure.avg_annual_growth and figure.period.years == 1):
        flags.add(AutoFlag.single_year)
    if found.proxy is not None:
        flags.update({AutoFlag.proxy, *([found.proxy.flag] if found.proxy.flag else [])})
        notes.append((phrase(Code.then), phrase(Code.judged_from, name=index.corpus.indicators[figure.indicator].name_zh,
                                                note=index.proxy_note(target.indicator, found.proxy))))
    try:
        actual = parse_unit(figure.unit).convert(figure.value, target.goal.unit)
    except IncomparableUnits:
        return done(Judgement(Status.unassessable, None, (phrase(
            Code.incomparable, text=figure.text, period=figure.period, unit=figure.unit,
            goal_unit=target.goal.unit.text),)), figure, notes=tuple(notes))
    base, base_figure = _baseline(index, target, as_of)
    revised = _revised(index, as_of, [figure, base_figure])
    if revised:
        flags.add(AutoFlag.revised)
        notes += revised
    judge = judge_final if found.final else judge_interim
    judgement = judge(target, actual, figure, base, rules)
    if found.proxy is not None and found.proxy.bound:
        judgement = _bounded(judgement, target, found.proxy)
    if awaiting:
        return done(Judgement(Status.awaiting_final, judgement.progress, (
            phrase(Code.awaiting_final, year=target.due.end, status=judgement.status), *judgement.reason)),
            figure, base_figure, tuple(notes), actual, interim=judgement.status)
    return done(judgement, figure, base_figure, tuple(notes), actual)


def _read_from_words(target: Target, as_of: date) -> Found | None:
    """A figure a statement's words imply ("所有行政村" read as 100%), as the latest one gives it."""
    read = [s for s in target.statements if s.reads_as is not None and s.source_date.last_day() <= as_of]
    if not read:
        return None
    s = max(read, key=lambda s: s.source_date.last_day())
    quote = s.quotes[0]
    how = (phrase(Code.read_from_words, cite=(phrase(Code.cite, quote=quote.text, source=s.source, line=quote.line),),
                  reads_as=s.reads_as.text),
           *((phrase(Code.reading_note, text=s.notes),) if s.notes else ()))
    figure = Figure(indicator=target.indicator, measure=target.measure, period=judged_period(target),
                    value=s.reads_as.value,
                    unit=s.reads_as.unit.text, text=s.reads_as.text, how=how)
    return Found(figure, None, True)


def _bounded(judgement: Judgement, target: Target, proxy: Proxy) -> Judgement:
    """A stand-in that is only a floor or a ceiling keeps only the conclusions it can prove."""
    up = effective_direction(target) == "up"
    at_least_as_good = (proxy.bound == "floor") == up  # the truth is no worse than the figure
    proven = ((Status.met, Status.on_track) if at_least_as_good else (Status.missed, Status.behind))
    if judgement.status in proven or judgement.status == Status.unassessable:  # nothing more to take away
        return judgement
    side = "at_least_as_good" if at_least_as_good else "no_better"
    return Judgement(Status.unassessable, None, (*judgement.reason, phrase(
        Code.bounded, bound=proxy.bound, side=side, status=judgement.status)))


def _silence(index: Index, target: Target, as_of: date, elsewhere: Found | None) -> Judgement:
    """No figure can judge the target: say whether the documents are silent, or what they give."""
    if elsewhere is not None:
        name = index.corpus.indicators[elsewhere.figure.indicator].name_zh
        return Judgement(Status.unassessable, None, (phrase(
            Code.gives_only_elsewhere, name=name, text=elsewhere.figure.text, period=elsewhere.figure.period,
            note=index.proxy_note(target.indicator, elsewhere.proxy)),))
    period = judged_period(target)
    indicator = index.corpus.indicators[target.indicator]
    for proxy in [None, *index.stand_ins(indicator)]:
        ident = target.indicator if proxy is None else proxy.indicator
        said = index.mentions(ident, target.jurisdiction, as_of, target.source_date.last_day(), target.span)
        if not said:
            continue
        unusable = [o for o in said if o.unusable]
        if len(unusable) == len(said):
            o = unusable[0]
            return Judgement(Status.unassessable, None, (phrase(
                Code.unusable, text=o.value.text, period=o.period, why=o.unusable),))
        shown = tuple(phrase(Code.mention, measure=o.measure, period=o.period, text=o.value.text)
                      for o in said[:3])
        if proxy is None:
            return Judgement(Status.unassessable, None, (phrase(
                Code.gives_only, shown=shown, judged=target.measure, period=period),))
        return Judgement(Status.unassessable, None, (phrase(
            Code.gives_only_proxy, name=index.corpus.indicators[ident].name_zh, shown=shown,
            judged=target.measure, period=period, note=index.proxy_note(target.indicator, proxy)),))
    return Judgement(Status.pending, None, (phrase(Code.silent),))


def _unheard(index: Index, target: Target, as_of: date, judgement: Judgement, claimed: bool) -> Judgement:
    """Silence said precisely: "no later document mentions it" only where later documents, one of
    them from after the due year, say nothing of it at all."""
    newest = index.latest_document(target.jurisdiction, as_of)
    if newest is None or newest.year <= target.source_date.last_day().year:  # nothing later yet
        return Judgement(Status.pending, None, (phrase(Code.not_yet_reported, year=target.due.end),))
    if target.indicator:
        indicator = index.corpus.indicators[target.indicator]
        for ident in [target.indicator, *(p.indicator for p in index.stand_ins(indicator))]:
            said = index.later_figures(ident, target.jurisdiction, as_of, target.source,
                                       target.source_date.last_day())
            if said:
                shown = tuple(phrase(Code.mention, measure=o.measure, period=o.period, text=o.value.text)
                              for o in said[:3])
                return Judgement(Status.pending, None, (phrase(
                    Code.other_periods, period=judged_period(target), shown=shown),))
    if claimed:
        return Judgement(Status.pending, None, (phrase(Code.only_claimed),))
    if newest.year > target.due.end:  # a report for the due year is in, and says nothing
        return judgement
    return Judgement(Status.pending, None, (phrase(Code.none_mentions_yet, year=target.due.end),))
