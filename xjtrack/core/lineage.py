"""Targets that change: the version of a target in force on a day, and the verdict judged by it.

A plan's target may be adjusted at mid-term or restated with a new number by a later document
(records.Adjustment). Each version is in force from its document's date, so a verdict as of a
day before the adjustment uses the original. An adjustment that lowers the target while the
version before it was missed or behind is flagged (lowered_after_miss).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from xjtrack.core.evaluate import Index, evaluate
from xjtrack.core.judge import Rules
from xjtrack.core.phrases import Code, phrase
from xjtrack.core.quantity import IncomparableUnits
from xjtrack.core.records import Adjustment, Corpus, Quote, Target, Verdict
from xjtrack.core.vocab import AutoFlag, Status

BEHIND = (Status.missed, Status.behind)


@dataclass(frozen=True)
class Version:
    """One version of a target, the original first."""

    says: str  # set, adjusted or restated
    goal: str  # as written
    source: str
    source_date: str
    quotes: tuple[Quote, ...]
    notes: str = ""


def in_force(target: Target, as_of: date) -> tuple[Target, Adjustment | None]:
    """The target as it stands on as_of (its latest version delivered by then), and that version."""
    current = [v for v in target.versions if v.source_date.last_day() <= as_of]
    if not current:
        return target, None
    version = current[-1]
    return replace(target, goal=version.goal, flags=(*target.flags, AutoFlag.adjusted)), version


def _lowered(before: Target, after: Adjustment) -> bool:
    old, new = before.goal.value, after.goal.value
    if old is None or new is None:
        return False
    try:
        new = after.goal.value_in(before.goal.unit)
    except IncomparableUnits:  # not comparable, so not lowered
        return False
    return new < old if before.direction == "up" else new > old


def judge(target: Target, index: Index, as_of: date, rules: Rules = Rules()) -> Verdict:
    """The verdict on the version of the target in force on as_of."""
    current, version = in_force(target, as_of)
    verdict = evaluate(current, index, as_of, rules)
    if version is None:
        return verdict
    previous, _ = in_force(target, date.fromordinal(version.source_date.last_day().toordinal() - 1))
    flags = set(verdict.flags)
    code = Code.adjusted_to if version.says == "adjusted" else Code.restated_to
    reason = (*verdict.reason, phrase(code, source=version.source, date=str(version.source_date),
                                      goal=version.goal.text, previous=previous.goal.text))
    if _lowered(previous, version):
        standing = evaluate(previous, index, version.source_date.last_day(), rules)
        if standing.status in BEHIND:
            flags.add(AutoFlag.lowered_after_miss)
            reason = (*reason, phrase(Code.lowered_while, status=str(standing.status)))
    original = evaluate(target, index, as_of, rules)
    return replace(verdict, reason=reason, flags=tuple(sorted(flags)), goal_in_force=version.goal.text,
                   adjusted_by=version.source, original_goal=target.goal.text, original_status=original.status)


def judge_all(corpus: Corpus, as_of: date, rules: Rules = Rules()) -> list[Verdict]:
    """Every target of the corpus judged as of a day, in the corpus's order."""
    index = Index(corpus)
    return [judge(t, index, as_of, rules) for t in corpus.targets.values()]


def lineage(target: Target) -> list[Version]:
    """Every version of the target, the original first."""
    first = Version("set", target.goal.text, target.source, str(target.source_date), target.quotes)
    return [first, *(Version(v.says, v.goal.text, v.source, str(v.source_date), v.quotes, v.notes)
                     for v in target.versions)]
