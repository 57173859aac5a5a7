"""Verdicts as rows: the JSON contract, filtering, and a target's timeline. Pure functions."""

from __future__ import annotations

from datetime import date

from xjtrack.core.domain import Corpus, Target
from xjtrack.core.judge import Assessment, evaluate
from xjtrack.errors import XjtrackError, did_you_mean


def status_row(target: Target, a: Assessment) -> dict:
    """One target's verdict as data: the JSON contract, and the assessments table's row."""
    quantity = target.target
    outcome = a.outcome
    return {
        "id": target.id,
        "plan": target.plan,
        "jurisdiction": target.jurisdiction,
        "indicator": target.indicator,
        "indicator_en": target.indicator_en,
        "metric": target.metric,
        "comparator": quantity.comparator if quantity else None,
        "target_text": target.target_text,
        "target_value": quantity.value if quantity else None,
        "unit": quantity.unit.text if quantity else None,
        "due": str(target.due),
        "binding": target.binding,
        "outcome_text": outcome.value.text if outcome else None,
        "outcome_value": a.outcome_value,
        "outcome_unit": quantity.unit.text if a.outcome_value is not None else (
            outcome.value.unit.text if outcome else None),
        "outcome_period": str(outcome.period) if outcome else None,
        "progress": None if a.progress is None else round(a.progress, 4),
        "status": a.status,
        "reason": a.reason,
        "claimed": a.claim.claim if a.claim else None,
        "disputed": a.disputed,
        "flags": list(a.flags),
        "target_quote": target.quotes[0].text,
        "outcome_quote": outcome.quote.text if outcome else None,
    }


def verdict_rows(corpus: Corpus, as_of: date, plan: str | None = None, jurisdiction: str | None = None,
                 status: str | None = None, binding: bool = False) -> list[dict]:
    """Every target set by as_of, judged at as_of, in the order targets.yaml lists the plans."""
    if plan and plan not in corpus.plans:
        raise XjtrackError(f"no plan {plan!r}{did_you_mean(plan, corpus.plans)}; plans: "
                           f"{', '.join(corpus.plans)}")
    order = {plan_id: n for n, plan_id in enumerate(corpus.plans)}
    rows = []
    for target in sorted(corpus.targets.values(), key=lambda t: (order[t.plan], t.position)):
        if target.source_date.last_day() > as_of:
            continue  # set by a document not yet delivered at as_of
        if plan and target.plan != plan or jurisdiction and target.jurisdiction != jurisdiction:
            continue
        if binding and target.binding != "binding":
            continue
        row = status_row(target, evaluate(target, as_of))
        if status is None or row["status"] == status:
            rows.append(row)
    return rows


def timeline(corpus: Corpus, target: Target, until: date) -> list[tuple[str, str, str]]:
    """(document date, source id, status) at each document's delivery, up to until."""
    points = []
    for source in sorted(corpus.sources.values(), key=lambda s: s.date.last_day()):
        day = source.date.last_day()
        if target.source_date.last_day() <= day <= until:
            points.append((str(source.date), source.id, evaluate(target, day).status))
    return points
