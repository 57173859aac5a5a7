"""Judging a target against the outcomes later documents report. Pure functions.

The rules are written out, as a table, in the README's "How verdicts are reached".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from xjtrack.core.domain import GROWTH_METRICS, Claim, Outcome, Target
from xjtrack.core.quantity import IncomparableUnits, format_number


@dataclass(frozen=True)
class Rules:
    rate_tolerance: float = 0.5  # ±, in the target's own unit, for ≈ targets that are rates
    level_tolerance: float = 0.02  # ± share of the target, for other ≈ targets
    partial_threshold: float = 0.5  # progress at or above this, short of the target: partial
    on_track_ratio: float = 0.95  # growth so far ÷ growth required, for growth targets


@dataclass(frozen=True)
class Assessment:
    target: str
    status: str
    reason: str
    progress: float | None = None
    outcome: Outcome | None = None  # the outcome that decided
    outcome_value: float | None = None  # in the target's unit
    superseded: tuple[Outcome, ...] = ()  # earlier or other outcomes, kept and shown
    claim: Claim | None = None
    disputed: bool = False
    flags: tuple[str, ...] = field(default_factory=tuple)


def _fmt(value: float, unit: str) -> str:
    return f"{format_number(value)}{unit}"


def _is_rate(target: Target) -> bool:
    return target.metric in GROWTH_METRICS or target.target.unit.family in ("ratio", "points")


def _effective_direction(target: Target) -> str:
    comparator = target.target.comparator
    return "up" if comparator == ">=" else "down" if comparator == "<=" else target.direction


def meets(target: Target, actual: float, rules: Rules) -> bool:
    goal = target.target.value
    comparator = target.target.comparator
    direction = _effective_direction(target)
    slack = 0.0
    if comparator == "~":
        slack = rules.rate_tolerance if _is_rate(target) else abs(goal) * rules.level_tolerance
    slack += 1e-9  # numbers written with decimals are not exact in binary
    return actual >= goal - slack if direction == "up" else actual <= goal + slack


def progress(target: Target, actual: float) -> float | None:
    """Share of the required change achieved; None where no change was required."""
    goal = target.target.value
    up = _effective_direction(target) == "up"
    base = target.baseline
    if base is not None and target.metric in ("level", "share"):
        start = base.value.value_in(target.target.unit)
        need = goal - start if up else start - goal
        if need <= 0:
            return None
        return ((actual - start) if up else (start - actual)) / need
    if up:
        return actual / goal if goal > 0 else None
    return goal / actual if actual > 0 else None


def _pick(target: Target, outcomes: list[Outcome]) -> tuple[Outcome, tuple[Outcome, ...]]:
    ranked = sorted(outcomes, key=lambda o: (o.source_date.last_day(), o.period.end, o.position))
    return ranked[-1], tuple(ranked[:-1])


def _final(target: Target, actual: float, outcome: Outcome, rules: Rules) -> tuple[str, float | None, str]:
    unit = target.target.unit.text
    shown = f"{_fmt(actual, unit)} ({outcome.period}) against {target.target_text}"
    share = progress(target, actual)
    if meets(target, actual, rules):
        return "met", share, f"{shown}: met"
    if target.target.comparator == "~":
        slack = rules.rate_tolerance if _is_rate(target) else abs(target.target.value) * rules.level_tolerance
        edge = target.target.value - slack if _effective_direction(target) == "up" else target.target.value + slack
        shown += f" (met from {_fmt(edge, unit)})"
    if share is None:
        return "missed", None, f"{shown}: not met, and the target asked for no change from the baseline"
    method = "of the required change" if target.baseline and target.metric in ("level", "share") else "of the target"
    verdict = "partial" if share >= rules.partial_threshold else "missed"
    return verdict, share, f"{shown}: {share:.0%} {method}, so {verdict.replace('_', ' ')}"


def _interim(target: Target, actual: float, outcome: Outcome, rules: Rules) -> tuple[str, float | None, str]:
    unit = target.target.unit.text
    goal = target.target.value
    up = _effective_direction(target) == "up"
    shown = f"interim {_fmt(actual, unit)} ({outcome.period})"
    if target.metric in GROWTH_METRICS:
        ratio = actual / goal if goal else None
        if ratio is None or not up:
            ok = meets(target, actual, rules)
            return ("on_track" if ok else "behind"), ratio, f"{shown} against {target.target_text}"
        status = "on_track" if ratio >= rules.on_track_ratio else "behind"
        return status, ratio, (
            f"{shown} is {ratio:.0%} of the {target.target_text} required "
            f"(growth-rate ratio rule: on track from {rules.on_track_ratio:.0%})"
        )
    due = target.due
    if target.metric in ("level", "share"):
        if target.baseline is None:
            if meets(target, actual, rules):
                return "on_track", progress(target, actual), f"{shown} already meets {target.target_text}"
            return "unassessable", None, (
                f"{shown} against {target.target_text}: no baseline, so the path to the target "
                "cannot be drawn"
            )
        start_year = target.baseline.year
        start = target.baseline.value.value_in(target.target.unit)
        elapsed = (outcome.period.end - start_year) / max(due.end - start_year, 1)
    else:  # cumulative, change, reduction: a straight path from nothing at the period's start
        start = 0.0
        elapsed = (outcome.period.end - due.start + 1) / due.years
    already = goal <= start if up else goal >= start  # a floor or ceiling the start already meets
    expected = goal if already else start + (goal - start) * min(max(elapsed, 0.0), 1.0)
    ok = actual >= expected if up else actual <= expected
    return ("on_track" if ok else "behind"), progress(target, actual), (
        f"{shown} against {_fmt(expected, unit)} expected by then on the straight path to "
        f"{target.target_text} (时间过半、任务过半)"
    )


def _claim(target: Target, as_of: date) -> Claim | None:
    claims = [c for c in target.claims if c.source_date.last_day() <= as_of]
    return max(claims, key=lambda c: c.source_date.last_day()) if claims else None


def evaluate(target: Target, as_of: date, rules: Rules = Rules()) -> Assessment:
    """The verdict on one target, using only documents delivered on or before as_of."""
    claim = _claim(target, as_of)
    flags = set(target.flags)

    def done(status, reason, **kw) -> Assessment:
        disputed = False
        if claim is not None and status in ("met", "partial", "missed", "unassessable"):
            numbers_decide = status != "unassessable" or kw.get("outcome") is not None
            disputed = numbers_decide and (claim.claim == "met") != (status == "met")
        if claim is not None:
            words = "met" if claim.claim == "met" else "not met"
            reason += f"; the document claims {words} ({claim.text})"
            if disputed:
                reason += " — disputed"
        return Assessment(target.id, status, reason, claim=claim, disputed=disputed,
                          flags=tuple(sorted(flags)), **kw)

    if target.metric == "qualitative" or target.target is None:
        return done("unassessable", "qualitative target: no number to judge")
    if target.target.value is None:
        return done("unassessable", f"the target states no number: {target.target_text}")
    visible = [o for o in target.outcomes if o.source_date.last_day() <= as_of]
    final = [o for o in visible if o.period.end >= target.due.end]
    interim = [o for o in visible if o.period.end < target.due.end]
    ended = as_of > date(target.due.end, 12, 31)
    if not final and not (interim and not ended):
        if interim:
            latest, _ = _pick(target, interim)
            return done("pending", f"the period ended in {target.due.end}; the latest report "
                        f"covers only {latest.period}", superseded=tuple(interim))
        return done("pending", "no later document in the corpus reports on it")
    outcome, others = _pick(target, final or interim)
    flags.update(outcome.flags)
    if outcome.not_comparable:
        return done("unassessable", f"the reported {outcome.value.text} ({outcome.period}) cannot "
                    f"judge it: {outcome.not_comparable}", outcome=outcome, superseded=others)
    try:
        actual = outcome.value.value_in(target.target.unit)
    except IncomparableUnits as exc:
        return done("unassessable", f"the reported {outcome.value.text}: {exc}",
                    outcome=outcome, superseded=others)
    judge = _final if final else _interim
    status, share, reason = judge(target, actual, outcome, rules)
    return done(status, reason, progress=share, outcome=outcome, outcome_value=actual,
                superseded=others)
