"""The rules: whether a figure meets a target, how far it got, and whether it is on the path.

Pure functions over a target, the figure that decides it (in the target's unit) and the
baseline. The rules are written out, as a table, in the README's "How verdicts are reached".
"""

from __future__ import annotations

from dataclasses import dataclass

from xjtrack.core.phrases import Amount, Code, Reason, phrase
from xjtrack.core.records import Figure, Target
from xjtrack.core.vocab import GROWTH, Measure


@dataclass(frozen=True)
class Rules:
    rate_tolerance: float = 0.5  # ±, in the target's own unit, for ≈ targets that are rates
    level_tolerance: float = 0.02  # ± share of the target, for other ≈ targets
    partial_threshold: float = 0.5  # progress at or above this, short of the target: partial
    on_track_ratio: float = 0.95  # growth so far ÷ growth required, for growth targets


@dataclass(frozen=True)
class Base:
    """Where progress is measured from: the level in the base year, in the target's unit."""

    year: int
    value: float


@dataclass(frozen=True)
class Judgement:
    status: str
    progress: float | None
    reason: Reason


def is_rate(target: Target) -> bool:
    return target.measure in GROWTH or target.goal.unit.family in ("ratio", "points")


def effective_direction(target: Target) -> str:
    comparator = target.goal.comparator
    return "up" if comparator == ">=" else "down" if comparator == "<=" else target.direction


def goal_value(target: Target) -> float:
    """The number to reach: a range is met from its low end (or, less being better, its high end)."""
    goal = target.goal
    if goal.high is not None and effective_direction(target) == "down":
        return goal.high
    return goal.value


def slack(target: Target, rules: Rules) -> float:
    if target.goal.comparator != "~":
        return 0.0
    return rules.rate_tolerance if is_rate(target) else abs(goal_value(target)) * rules.level_tolerance


def meets(target: Target, actual: float, rules: Rules) -> bool:
    goal = goal_value(target)
    room = slack(target, rules) + 1e-9  # numbers written with decimals are not exact in binary
    return actual >= goal - room if effective_direction(target) == "up" else actual <= goal + room


def measured_from_base(target: Target, base: Base | None) -> bool:
    return base is not None and target.measure == Measure.level


def progress(target: Target, actual: float, base: Base | None) -> float | None:
    """Share of the required change achieved; None where no change was required."""
    goal = goal_value(target)
    up = effective_direction(target) == "up"
    if measured_from_base(target, base):
        need = goal - base.value if up else base.value - goal
        if need <= 0:
            return None
        return ((actual - base.value) if up else (base.value - actual)) / need
    if up:
        return actual / goal if goal > 0 else None
    return goal / actual if actual > 0 else None


def judge_final(target: Target, actual: float, figure: Figure, base: Base | None,
                rules: Rules) -> Judgement:
    unit = target.goal.unit.text
    shown = [phrase(Code.final, actual=Amount(actual, unit), period=figure.period, goal=target.goal.text)]
    share = progress(target, actual, base)
    if meets(target, actual, rules):
        return Judgement("met", share, (*shown, phrase(Code.met)))
    if target.goal.comparator == "~":
        room = slack(target, rules)
        edge = goal_value(target) - room if effective_direction(target) == "up" else goal_value(target) + room
        shown.append(phrase(Code.met_from, edge=Amount(edge, unit)))
    if share is None:
        return Judgement("missed", None, (*shown, phrase(Code.no_change_asked)))
    verdict = "partial" if share >= rules.partial_threshold else "missed"
    if measured_from_base(target, base):
        how = phrase(Code.share_of_change, share=share, base=Amount(base.value, unit), base_year=base.year,
                     verdict=verdict)
    else:
        how = phrase(Code.share_of_target, share=share, verdict=verdict)
    return Judgement(verdict, share, (*shown, how))


def judge_interim(target: Target, actual: float, figure: Figure, base: Base | None,
                  rules: Rules) -> Judgement:
    unit = target.goal.unit.text
    goal = goal_value(target)
    up = effective_direction(target) == "up"
    shown = phrase(Code.interim, actual=Amount(actual, unit), period=figure.period)
    against = phrase(Code.against, goal=target.goal.text)
    if target.measure in GROWTH or (figure.how and figure.how[0].code == Code.single_year):
        ratio = actual / goal if goal and target.measure in GROWTH else None
        if ratio is None or not up or goal < 0:  # the ratio rule reads only positive growth goals
            ok = meets(target, actual, rules)
            return Judgement("on_track" if ok else "behind", None,
                             (shown, against, phrase(Code.meets_so_far if ok else Code.short_so_far)))
        status = "on_track" if ratio >= rules.on_track_ratio else "behind"
        return Judgement(status, ratio, (shown, phrase(Code.growth_ratio, ratio=ratio, goal=target.goal.text,
                                                       on=rules.on_track_ratio)))
    if target.measure == Measure.level:
        if base is None:
            if meets(target, actual, rules):
                return Judgement("on_track", progress(target, actual, base),
                                 (shown, phrase(Code.already_meets, goal=target.goal.text)))
            return Judgement("unassessable", None, (shown, against, phrase(Code.no_baseline)))
        start, start_year = base.value, base.year
        elapsed = (figure.period.end - start_year) / max(target.due.end - start_year, 1)
    else:  # totals, changes, reductions, multiples: a straight path from nothing at the start
        start = 1.0 if target.measure == Measure.multiple else 0.0
        span = target.span
        elapsed = (figure.period.end - span.start + 1) / span.years
    already = goal <= start if up else goal >= start  # a floor or ceiling the start already meets
    expected = goal if already else start + (goal - start) * min(max(elapsed, 0.0), 1.0)
    ok = actual >= expected if up else actual <= expected
    return Judgement("on_track" if ok else "behind", progress(target, actual, base), (
        shown, phrase(Code.straight_path, expected=Amount(expected, unit), goal=target.goal.text)))
