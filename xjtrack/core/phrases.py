"""A verdict's reason as data: a tuple of phrases, each a code and its values.

The judging core says why it reached a verdict by choosing phrases, never by writing sentences.
Each code has one template per language (xjtrack/core/wording.py); what documents and curators
wrote (quotes, figure texts, ids, notes, names) travels as a value and is inserted as written.
Values are typed: text, whole numbers (years, lines, counts), shares and ratios as floats, a
Period, an Amount (a number the judging computed, in a unit), a word from a closed vocabulary
(a status, a measure, a milestone), or a nested tuple of phrases (a derivation, a list).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import NamedTuple

from xjtrack.core.periods import Period


class Code(StrEnum):
    # what decided: a figure against the goal
    final = "final"  # the figure over the target's period, set against the goal
    interim = "interim"  # a figure for part of the period
    against = "against"  # ... set against the goal
    met_from = "met_from"  # a ≈ goal, and where it counts as met
    met = "met"
    no_change_asked = "no_change_asked"  # missed, and the goal asked for no change from the baseline
    share_of_change = "share_of_change"  # progress as a share of the change required from the baseline
    share_of_target = "share_of_target"  # progress as a share of the goal
    growth_ratio = "growth_ratio"  # an interim growth rate as a share of the rate required
    meets_so_far = "meets_so_far"
    short_so_far = "short_so_far"
    already_meets = "already_meets"
    no_baseline = "no_baseline"  # an interim level with no baseline: no path to draw
    straight_path = "straight_path"  # the level expected by then on the straight path (时间过半、任务过半)
    # what the verdict rests on, added after it
    then = "then"  # a separator before a note
    derived = "derived"  # a derived figure: how, and from which reported figures
    used = "used"  # one reported figure a derivation rests on
    revised = "revised"  # a figure two documents report differently, with its vintages
    vintage = "vintage"  # one document's figure
    judged_from = "judged_from"  # a related indicator stood in
    replaced = "replaced"  # the stand-in succeeded the indicator after a change of definition
    note = "note"  # a curator's words, as written
    bounded = "bounded"  # the stand-in is only a floor or a ceiling: what it cannot show
    claims = "claims"  # the document's own claim about the target
    disputed = "disputed"  # ... which the numbers contradict
    # no figure could judge it
    no_number = "no_number"  # the goal states no number
    awaiting_final = "awaiting_final"  # past due, no final figure yet: the last interim verdict follows
    incomparable = "incomparable"  # the figure's unit cannot be set against the goal's
    unusable = "unusable"  # every figure reported is marked unusable
    gives_only_elsewhere = "gives_only_elsewhere"  # only a non-comparable related indicator is reported
    gives_only = "gives_only"  # the reports give figures that cannot judge the measure the target needs
    gives_only_proxy = "gives_only_proxy"  # ... of a related indicator
    mention = "mention"  # one such figure
    silent = "silent"  # no later document mentions the target, though later ones cover its due year
    none_mentions_yet = "none_mentions_yet"  # no report for the due year yet, and later documents are silent
    not_yet_reported = "not_yet_reported"  # no document after the target's own year yet
    other_periods = "other_periods"  # later documents give figures of the indicator, for other periods only
    only_claimed = "only_claimed"  # no figure or statement, only a document's claim
    # the documents' words (statements)
    cite = "cite"  # a quote with where it is
    mentioned = "mentioned"  # a statement that speaks of the target with no verdict to draw
    curator_note = "curator_note"  # the curator's note on a statement
    says = "says"  # a statement that reports the target done, partly done, under way or not done
    promised_progress = "promised_progress"  # the plan's verb promises progress, not completion
    short_milestone = "short_milestone"  # the project reached an earlier milestone than promised
    word = "word"  # the verdict is the document's word, not a measured result
    items_done = "items_done"  # a list target: how many items are reported done, and which
    items_done_none = "items_done_none"
    not_mentioned = "not_mentioned"  # items no statement speaks of
    cited = "cited"  # the statements a list target's verdict rests on
    # how a figure was derived (Figure.how)
    change_from_levels = "change_from_levels"
    growth_from_levels = "growth_from_levels"
    growth_over_single_year = "growth_over_single_year"  # a one-year average or cumulative growth as a year's growth
    growth_of_single_year = "growth_of_single_year"  # a year's growth as a one-year average growth
    compounded_growth = "compounded_growth"
    compounded_falls = "compounded_falls"
    compounded_reported = "compounded_reported"  # the years reported so far, compounded, with the years missing
    average_of_growth = "average_of_growth"  # the yearly average of a growth over a period
    fall_as_growth = "fall_as_growth"
    growth_as_fall = "growth_as_fall"
    sum_of_years = "sum_of_years"
    total_over_years = "total_over_years"
    average_of_years = "average_of_years"
    level_over_level = "level_over_level"
    worst_year = "worst_year"  # a level over a period: its worst year decides
    single_year = "single_year"  # one year's figure stands in for a period's average
    read_from_words = "read_from_words"  # a figure a statement's words imply
    reading_note = "reading_note"  # the curator's note on how the words were read
    stated = "stated"  # a curator's derivation of a stated baseline, as written
    # a target that changed (core.lineage)
    adjusted_to = "adjusted_to"  # judged against the target as a later document adjusted it
    restated_to = "restated_to"  # ... as a later document restated it with a new number
    lowered_while = "lowered_while"  # the change lowered the target while it was missed or behind


class Amount(NamedTuple):
    """A number the judging computed, in a unit: written to at most six decimals."""

    value: float
    unit: str


class Phrase(NamedTuple):
    """A code and its values, by name. Plain tuples, so that a reason hashes and compares fast
    (the database's writer and the renderer cache by reason); the code is a Code's value."""

    code: str
    values: tuple[tuple[str, object], ...] = ()

    def get(self, name: str, default=None):
        for key, value in self.values:
            if key == name:
                return value
        return default


Reason = tuple[Phrase, ...]


def phrase(code: Code, **values) -> Phrase:
    return Phrase(code._value_, tuple(values.items()))  # _value_: the plain string, read fast


def codes(reason: Reason) -> tuple[str, ...]:
    """The codes of a reason, nested ones included, in order and once each."""
    found: dict[str, None] = {}

    def walk(phrases: Reason) -> None:
        for p in phrases:
            found[p.code] = None
            for _, value in p.values:
                if isinstance(value, tuple) and value and isinstance(value[0], Phrase):
                    walk(value)

    walk(reason)
    return tuple(found)


SILENT = frozenset((Code.silent.value, Code.none_mentions_yet.value))


UNHEARD = SILENT | {Code.not_yet_reported.value, Code.other_periods.value}  # no later document speaks of the target itself


def is_silent(reason: Reason) -> bool:
    """Whether the reason says that no later document mentions the target."""
    return any(p.code in SILENT for p in reason)


# -- as JSON, for the database: every value keeps its type ------------------------------------

def _dump_value(value):
    if isinstance(value, Period):
        return {"period": [value.start, value.end]}
    if isinstance(value, Amount):
        return {"amount": [value.value, value.unit]}
    if isinstance(value, tuple):
        if value and isinstance(value[0], Phrase):
            return {"phrases": [_dump_phrase(p) for p in value]}
        return {"list": list(value)}
    return value


def _load_value(value):
    if isinstance(value, dict):
        ((kind, inner),) = value.items()
        if kind == "period":
            return Period(*inner)
        if kind == "amount":
            return Amount(*inner)
        if kind == "phrases":
            return tuple(_load_phrase(p) for p in inner)
        return tuple(inner)
    return value


def _dump_phrase(p: Phrase) -> list:
    return [p.code, {k: _dump_value(v) for k, v in p.values}]


def _load_phrase(data: list) -> Phrase:
    code, values = data
    return Phrase(Code(code).value, tuple((k, _load_value(v)) for k, v in values.items()))


def to_json(reason: Reason) -> str:
    return json.dumps([_dump_phrase(p) for p in reason], ensure_ascii=False)


def from_json(text: str) -> Reason:
    return tuple(_load_phrase(p) for p in json.loads(text))
