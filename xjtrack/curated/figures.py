"""Observations, targets and claims, checked into the Corpus: references, units, quotes, figures."""

from __future__ import annotations

import re

from xjtrack.core.periods import Period
from xjtrack.core.quantity import DIMENSIONLESS, Quantity, Unit, parse_quantity, parse_unit
from xjtrack.core.records import Baseline, Claim, Indicator, Observation, Target, observation_id
from xjtrack.core.vocab import RELATIVE, VERBS, WORDS_ONLY, Measure
from xjtrack.curated.binding import Wanted
from xjtrack.curated.checks import Checker
from xjtrack.curated.loader import Item
from xjtrack.curated.registry import jurisdiction
from xjtrack.curated.spans import period_misfit

FLOWS_ONLY = (Measure.total, Measure.annual_average)


def families(indicator: Indicator) -> set[str]:
    return {parse_unit(u).family for u in (indicator.unit, *indicator.also_in)}


def unit_misfit(measure: str, unit: Unit, indicator: Indicator) -> str | None:
    """Why a figure in unit cannot be this measure of indicator, or None when it fits."""
    own = families(indicator)
    if measure in RELATIVE:
        ok, want = unit.family == "ratio", "% (a growth or a fall is a percentage)"
    elif measure == Measure.multiple:
        ok, want = unit.family == "multiple", "倍 (翻一番 is 2倍)"
    elif measure == Measure.change and "ratio" in own:
        ok, want = unit.family in ("points", "ratio"), "个百分点 (a rate's change is in points)"
    else:
        ok, want = unit.family in own, f"the indicator's unit {indicator.unit or 'a bare number'}"
    if ok:
        return None
    return (f"{unit.text or 'a bare number'} cannot be a {measure} of {indicator.id}: write it in "
            f"{want}, or add the unit family to the indicator's also_in")


def _kind_misfit(measure: str, indicator: Indicator) -> str | None:
    if measure in FLOWS_ONLY and indicator.kind != "flow":
        return f"a {measure} adds up a flow, and {indicator.id} is a {indicator.kind}"
    return None


def _measured(c: Checker, item: Item, sub: tuple, measure: str, quantity: Quantity | None,
              indicator: Indicator | None) -> None:
    if quantity is None or quantity.value is None or indicator is None:
        return
    for problem in (unit_misfit(measure, quantity.unit, indicator), _kind_misfit(measure, indicator)):
        if problem:
            c.problem(item, sub, "unit-measure", problem)


def _period_fits(c: Checker, item: Item, key: str, measure: str, period: Period | None) -> None:
    misfit = period_misfit(measure, period) if period is not None else None
    if misfit:
        c.problem(item, ("measure",) if measure != Measure.yoy_growth else (key,), "bad-period", misfit)


def _wanted(quantity: Quantity | None, m, indicator: Indicator | None, period: Period | None,
            as_written: str, own_name: str = "") -> Wanted | None:
    """What binds a figure to its quote: the indicator's names (and a target's own), its period."""
    if quantity is None or quantity.value is None:
        return None
    names = (indicator.name_zh, *indicator.aliases) if indicator else ()
    return Wanted(quantity, m.indicator or "", (*names, *((own_name,) if own_name else ())),
                  m.measure.value, period, as_written)


def observations(c: Checker) -> None:
    seen: dict[str, Item] = {}
    for item in c.reader.items["observations"]:
        m = item.model
        c.flags_explained(item, (), m)
        source = c.source_ref(item, ("source",), m.source)
        indicator = c.ref(item, ("indicator",), "indicator", m.indicator, c.corpus.indicators,
                          "data/indicators.yaml")
        where = m.jurisdiction or (source.jurisdiction if source else "")
        known = jurisdiction(c, item, ("jurisdiction",), where) if m.jurisdiction else True
        period = c.parse(item, ("period",), Period.parse, m.period)
        value = c.parse(item, ("value",), parse_quantity, m.value)
        if value is not None and value.value is None:
            c.problem(item, ("value",), "bad-quantity", "an observation must state a number")
            value = None
        _measured(c, item, ("value",), m.measure, value, indicator)
        _period_fits(c, item, "period", m.measure, period)
        quotes, spans = c.quotes(item, m.source, m.quote)
        c.figure(item, ("value",), value, spans, m.as_written,
                 _wanted(value, m, indicator, period, m.as_written), m.source)
        if source and period and period.end > source.date.year:
            c.problem(item, ("period",), "after-its-source", f"the period {period} ends after "
                      f"{m.source} was delivered ({source.date}): a document reports only the past")
        if not (source and indicator and known and period and value):
            continue
        ident = observation_id(m.indicator, where, m.measure, period, m.source)
        if ident in seen or ident in c.taken.get("observation", {}):
            at = c.where(seen, "observation", ident)
            same = ident in seen and seen[ident].model.value == m.value
            other = seen[ident].model.value if ident in seen else "recorded there"
            c.problem(item, (), "duplicate-observation", (
                f"{m.source} already gives this figure at {at}; add this quote to that entry's quote "
                "list" if same else
                f"{m.source} gives another value for the same figure at {at} ({other}); record the one "
                "the document means and the other in notes, flagged source_typo"))
            continue
        seen[ident] = item
        c.corpus.observations[ident] = Observation(
            id=ident, indicator=m.indicator, jurisdiction=where, measure=m.measure.value, period=period,
            value=value, source=m.source, source_date=source.date, quotes=quotes,
            estimate=m.estimate == "true", unusable=m.unusable, notes=m.notes,
            flags=tuple(f.value for f in m.flags), file=item.doc.file,
            position=c.next_position(item.doc.file), secondary=source.secondary,
            version=bool(source.version_of))


def _direction(c: Checker, item: Item, m, goal: Quantity, indicator: Indicator | None) -> str:
    implied = {">=": "up", "<=": "down"}.get(goal.comparator)
    stated = m.direction.value if m.direction else None
    if stated and implied and stated != implied:
        c.problem(item, ("direction",), "direction-conflict",
                  f"direction {stated} contradicts {m.target!r}, which says {implied}; "
                  "remove direction: or fix the target")
    if stated or implied:
        return stated or implied
    if indicator is None:
        return "up"
    if m.measure == Measure.reduction:  # a fall of a less-is-better quantity: more fall is better
        return "up" if indicator.direction == "down" else "down"
    return indicator.direction


def _baseline(c: Checker, item: Item, m, goal: Quantity, due: Period | None) -> Baseline | None:
    if m.baseline is None:
        return None
    value = c.parse(item, ("baseline", "value"), parse_quantity, m.baseline.value)
    if value is None:
        return None
    if due is not None and m.baseline.year >= due.end:
        c.problem(item, ("baseline", "year"), "bad-baseline", f"the baseline year {m.baseline.year} "
                  f"is not before the due year {due.end}")
    if goal.value is not None and value.unit.family != goal.unit.family:
        c.problem(item, ("baseline", "value"), "baseline-unit",
                  f"baseline {m.baseline.value!r} is not in the target's unit family "
                  f"({goal.unit.text or 'a bare number'})")
        return None
    return Baseline(year=m.baseline.year, value=value, derivation=m.baseline.derivation)


def _goal(c: Checker, item: Item, m, indicator: Indicator | None) -> Quantity | None:
    if m.topic is None and not m.indicator:
        c.problem(item, (), "missing-key", "a target with no indicator needs topic: what it is about "
                  "(CURATING.md, Topics)")
    if m.measure in WORDS_ONLY:
        if not (m.name_zh and m.name_en) and indicator is None:
            c.problem(item, (), "missing-key", f"a {m.measure} target needs name_zh: and name_en: "
                      "(what it is about), or an indicator:")
        if m.measure == Measure.project:
            verb = m.milestone.replace("、", "")
            if not verb:
                c.problem(item, (), "missing-key", "a project needs milestone: the plan's verb, as "
                          "written (建成, 开工, 投产, 推进 …)")
            elif verb not in VERBS:
                c.problem(item, ("milestone",), "bad-value", f"{m.milestone!r} is not a verb xjtrack "
                          f"knows how to read; CURATING.md, Projects, lists them: {', '.join(VERBS)}")
        return Quantity(m.target, None, DIMENSIONLESS, "", False)
    if m.milestone or m.items or m.attributes:
        c.problem(item, ("milestone",) if m.milestone else (), "bad-value",
                  "milestone:, items: and attributes: belong to measure: project targets")
    if not m.indicator:
        c.problem(item, (), "missing-key", "a numeric target needs indicator: (an id from "
                  "data/indicators.yaml); use measure: qualitative for a target with no number")
    return c.parse(item, ("target",), parse_quantity, m.target)


def target(c: Checker, item: Item, m, plan) -> Target | None:
    c.flags_explained(item, (), m)
    if not m.id.startswith(plan.id + "."):
        c.problem(item, ("id",), "bad-id", f"target id {m.id!r} must start with its plan id: {plan.id}.<slug>")
    source_id = m.source or plan.source
    source = c.source_ref(item, ("source",), source_id)
    indicator = (c.ref(item, ("indicator",), "indicator", m.indicator, c.corpus.indicators,
                       "data/indicators.yaml") if m.indicator else None)
    where = m.jurisdiction or plan.jurisdiction
    known = jurisdiction(c, item, ("jurisdiction",), where) if m.jurisdiction else True
    due = c.parse(item, ("due",), Period.parse, m.due)
    if due and not (plan.period.start <= due.start and due.end <= plan.period.end + 5):
        c.problem(item, ("due",), "due-outside-plan", f"due {due} does not fall in the plan's period {plan.period}")
    _period_fits(c, item, "due", m.measure, due)
    goal = _goal(c, item, m, indicator)
    if goal is None:
        return None
    _measured(c, item, ("target",), m.measure, goal, indicator)
    quotes, spans = c.quotes(item, source_id, m.quote)
    c.figure(item, ("target",), goal if goal.value is not None else None, spans, m.as_written,
             _wanted(goal, m, indicator, due, m.as_written, m.name_zh), source_id)
    baseline = _baseline(c, item, m, goal, due)
    claims = [claim(c, item, ("claims", i), cm) for i, cm in enumerate(m.claims)]
    if source is None or due is None or not known:
        return None
    base_year = (due.start if due.years > 1 else plan.period.start) - 1
    return Target(id=m.id, plan=m.plan, jurisdiction=where, indicator=m.indicator, measure=m.measure.value,
                  goal=goal, name_zh=m.name_zh, name_en=m.name_en,
                  direction=_direction(c, item, m, goal, indicator), due=due, base_year=base_year,
                  binding=m.binding.value, quotes=quotes,
                  source=source_id, source_date=source.date, baseline=baseline, section=m.section,
                  notes=m.notes, flags=tuple(f.value for f in m.flags),
                  claims=tuple(x for x in claims if x), statements=(), milestone=m.milestone,
                  items=tuple(m.items),
                  attributes=tuple(f"{k}: {v}" for k, v in m.attributes.items()), form_of=m.form_of,
                  file=item.doc.file,
                  position=c.next_position(item.doc.file), aliases=tuple(m.aliases),
                  topic=m.topic.value if m.topic else (indicator.topic if indicator else ""))


def _form_of(c: Checker, item: Item, m) -> None:
    """form_of: names the target that decides the plan row, curated beside it and deciding itself."""
    other = c.corpus.targets.get(m.form_of)
    mine = c.corpus.targets.get(m.id)
    if m.form_of == m.id:
        problem = "a target cannot be another form of itself"
    elif other is None or mine is None or other.file != mine.file:
        problem = (f"{m.form_of!r} is not a target of this file: form_of: names the target, curated in "
                   "the same file, whose form of the plan row decides (CURATING.md, One row, several forms)")
    elif other.plan != mine.plan:
        problem = f"{m.form_of!r} belongs to plan {other.plan}, not {mine.plan}: both forms are one plan row"
    elif other.form_of:
        problem = (f"{m.form_of!r} is itself a form of {other.form_of!r}: name the deciding target, "
                   f"form_of: {other.form_of}")
    else:
        return
    c.problem(item, ("form_of",), "bad-form-of", problem)


REASON_MARKS = re.compile(r"[;()\n]| — ")  # what a reason's English clauses are joined and bracketed with


def claim(c: Checker, item: Item, sub: tuple, m) -> Claim | None:
    if mark := REASON_MARKS.search(m.text):
        c.problem(item, (*sub, "text"), "claim-text-mark",
                  f"a claim's text is set into its target's reason in brackets, so it cannot hold {mark.group()!r}, "
                  "which would read as the reason's own words; give the document's cell as written, or use "
                  "the full-width （） and ；")
    source = c.source_ref(item, (*sub, "source"), m.source)
    quote, _ = c.quote(item, (*sub, "quote"), m.source, m.quote)
    return Claim(claim=m.claim.value, text=m.text, source=m.source, source_date=source.date, quote=quote,
                 file=item.doc.file,
                 position=c.next_position(item.doc.file)) if source else None


def targets(c: Checker) -> None:
    seen: dict[str, Item] = {}
    for item in c.reader.items["targets"]:
        m = item.model
        plan = c.ref(item, ("plan",), "plan", m.plan, c.corpus.plans, "targets.yaml")
        if c.unique(seen, item, "target") and plan is not None:
            built = target(c, item, m, plan)
            if built is not None:
                c.corpus.targets[m.id] = built
    for item in seen.values():
        if item.model.form_of:
            _form_of(c, item, item.model)
    for item in c.reader.items["claims"]:
        m = item.model
        found = c.ref(item, ("target",) if m.target else (), "target", m.target or "", c.corpus.targets,
                      "data/*.yaml") if m.target else None
        if not m.target:
            c.problem(item, (), "unknown-target", "a top-level claim must name its target:")
        built = claim(c, item, (), m) if found else None
        if built is not None:
            from dataclasses import replace

            c.corpus.targets[found.id] = replace(found, claims=(*found.claims, built))
