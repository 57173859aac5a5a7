"""Targets that change: the version of a target in force on a day, and the verdict judged by it.

A plan's target may be adjusted at mid-term or restated with a new number by a later document
(records.Adjustment). Each version is in force from its document's date, so a verdict as of a
day before the adjustment uses the original. An adjustment that lowers the target while the
version before it was missed or behind is flagged (lowered_after_miss).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter

from xjtrack.core.evaluate import Index, evaluate
from xjtrack.core.judge import Rules
from xjtrack.core.phrases import Code, phrase
from xjtrack.core.quantity import IncomparableUnits
from xjtrack.core.records import VERDICT_FIELDS, Adjustment, Corpus, Quote, Target, Verdict
from xjtrack.core.vocab import AutoFlag, Status

BEHIND = (Status.missed, Status.behind)
_SAME = attrgetter(*VERDICT_FIELDS)  # a verdict but the day it is judged at


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
    return list(judge_each(corpus, as_of, rules))


def judge_each(corpus: Corpus, as_of: date, rules: Rules = Rules(), index: Index | None = None) -> Iterator[Verdict]:
    """Every target judged as of a day, one at a time, in the corpus's order: the build writes
    each verdict as it comes, holding none of them all at once. index: the corpus's, if made."""
    index = index or Index(corpus)
    for t in corpus.targets.values():
        yield judge(t, index, as_of, rules)


def moments(target: Target, index: Index) -> list[date]:
    """The days on which the target's verdict can differ from the day before's, from the day it
    was set: the delivery days of its versions, claims and statements, and of every figure on a
    series it may be judged from (its indicator's, a stand-in's or a successor's, at its place);
    the first day after its due year ends; and the first day a document on its place (see
    Index.reporter) is from a later year than the one setting it, or than the due year. Judging
    compares a day only with these (a document counts from the last day of its date), so a
    verdict holds from one of these days until the next."""
    days, due = _moments(target, index)
    return sorted({*days, due} if due >= days[0] else days)


# Only a verdict judged from an interim figure (judge_interim's on_track, behind or unassessable,
# or unassessable where a stand-in only bounds it) turns to awaiting_final when the due year ends.
INTERIM = (Status.on_track, Status.behind, Status.unassessable)


def _moments(target: Target, index: Index) -> tuple[list[date], date]:
    """The moments but the due year's end (sorted, the day the target was set first), and that day."""
    start = target.source_date.last_day()
    days = {start}
    days.update(d.source_date.last_day() for part in (target.versions, target.claims, target.statements)
                for d in part)
    if target.indicator in index.corpus.indicators:
        indicator = index.corpus.indicators[target.indicator]
        for ident in {target.indicator, *(p.indicator for p in index.stand_ins(indicator))}:
            days.update(index.days(ident, target.jurisdiction))
    documents = index.documents(target.jurisdiction)
    for year in (start.year, target.due.end):
        at = bisect.bisect_right(documents, date(year, 12, 31))
        if at < len(documents):
            days.add(documents[at])
    return sorted(d for d in days if d >= start), date(target.due.end + 1, 1, 1)


def history(target: Target, index: Index, known: Verdict | None = None,
            rules: Rules = Rules()) -> Iterator[tuple[Verdict, date, date | None]]:
    """The target's verdicts over time, each with the first day it holds and the first day it no
    longer does (None: it still holds); each verdict is judged as of one of the days it holds.
    known: the verdict judged as of some day, which stands for the days around it."""
    days, due = _moments(target, index)
    due_alone = due not in days and due > days[0]  # no other moment falls on it
    if due_alone:
        days = sorted((*days, due))
    held, since = None, days[0]
    for n, day in enumerate(days):
        upto = days[n + 1] if n + 1 < len(days) else None
        if due_alone and day == due and held is not None and held.status not in INTERIM:
            continue  # see INTERIM: no verdict but one judged from an interim figure changes then
        if known is not None and day <= known.as_of and (upto is None or known.as_of < upto):
            verdict = known
        else:
            verdict = judge(target, index, day, rules)
        if held is not None and _SAME(held) == _SAME(verdict):
            continue
        if held is not None:
            yield held, since, day
        held, since = verdict, day
    if held is not None:
        yield held, since, None


def lineage(target: Target) -> list[Version]:
    """Every version of the target, the original first."""
    first = Version("set", target.goal.text, target.source, str(target.source_date), target.quotes)
    return [first, *(Version(v.says, v.goal.text, v.source, str(v.source_date), v.quotes, v.notes)
                     for v in target.versions)]
