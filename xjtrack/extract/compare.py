"""A candidate set beside the curated data: new, already curated, in conflict with a curated
value of the same document, or a revision of another document's figure.

Two figures are the same when their quantities are: the same unit family and the same number
(and range top) once converted into one unit, so 1.6万亿元 is 16000亿元 and 4.8万户 is 48000户.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from xjtrack.core.periods import Period
from xjtrack.core.quantity import IncomparableUnits, Quantity
from xjtrack.core.records import Corpus, Observation, Target
from xjtrack.extract.candidates import Candidate


class Standing(StrEnum):
    new = "new"  # nothing curated has this figure
    curated = "curated"  # the curated data holds it, with this value
    conflict = "conflict"  # the same document's curated record gives another value
    revision = "revision"  # another document gives another value: this one revises it


def same_quantity(a: Quantity, b: Quantity) -> bool:
    if a.value is None or b.value is None:
        return False
    try:
        low = a.value_in(b.unit)
        high = a.high_in(b.unit)
    except IncomparableUnits:
        return False
    if not math.isclose(low, b.value, rel_tol=1e-9, abs_tol=1e-9):
        return False
    return (high is None) == (b.high is None) and (high is None or math.isclose(high, b.high, rel_tol=1e-9))


@dataclass(frozen=True)
class Verdict:
    standing: Standing
    record: str = ""  # the id of the curated record it matches or conflicts with
    other: str = ""  # that record's value, as written
    other_source: str = ""


def observation_key(indicator: str, jurisdiction: str, measure: str, period) -> tuple:
    return indicator, jurisdiction, str(measure), str(period)


def target_key(indicator: str, jurisdiction: str, measure: str, due) -> tuple:
    return indicator, jurisdiction, str(measure), str(due)


class Curated:
    """The curated observations and targets, looked up the way candidates are compared."""

    def __init__(self, corpus: Corpus):
        self.observations: dict[tuple, list[Observation]] = {}
        for o in corpus.observations.values():
            self.observations.setdefault(observation_key(o.indicator, o.jurisdiction, o.measure, o.period),
                                         []).append(o)
        self.targets: dict[tuple, list[Target]] = {}
        for t in corpus.targets.values():
            if t.indicator and t.goal.value is not None:
                self.targets.setdefault(target_key(t.indicator, t.jurisdiction, t.measure, t.due), []).append(t)
                if t.measure == "level" and t.due.years > 1:  # a bound held through a plan is also its last year's
                    last = Period(t.due.end, t.due.end)
                    self.targets.setdefault(target_key(t.indicator, t.jurisdiction, t.measure, last), []).append(t)

    def verdict(self, candidate: Candidate, source: str) -> Verdict:
        if candidate.indicator is None:
            return Verdict(Standing.new)
        from xjtrack.core.quantity import parse_quantity

        value = parse_quantity(candidate.reading.value)
        if candidate.kind == "target":
            key = target_key(candidate.indicator.id, candidate.jurisdiction, candidate.measure, candidate.period)
            same = [t for t in self.targets.get(key, ()) if t.source == source]
            for t in same:
                if same_quantity(value, t.goal):
                    return Verdict(Standing.curated, t.id)
            if same:
                return Verdict(Standing.conflict, same[0].id, same[0].goal.text, source)
            return Verdict(Standing.new)
        key = observation_key(candidate.indicator.id, candidate.jurisdiction, candidate.measure, candidate.period)
        recorded = self.observations.get(key, ())
        for o in recorded:
            if o.source == source:
                if same_quantity(value, o.value):
                    return Verdict(Standing.curated, o.id)
                return Verdict(Standing.conflict, o.id, o.value.text, source)
        for o in recorded:
            if not same_quantity(value, o.value):
                return Verdict(Standing.revision, o.id, o.value.text, o.source)
        return Verdict(Standing.new)
