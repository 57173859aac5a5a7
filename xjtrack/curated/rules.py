"""The curating rules that can be checked (CURATING.md, "One rule per wording"): a record that
breaks one is refused with its place, what is wrong and how to write it instead.

Each rule decides once how a wording the documents use is recorded, so the same words are never
judged two ways in two plans.
"""

from __future__ import annotations

import re

from xjtrack.core.vocab import Measure
from xjtrack.curated.checks import Checker

_BOUNDS = "以内|以下|以上|不超过|不低于"
_EVERY_YEAR = ("每年", "始终", "年度内")
# a milestone verb, then a named work: a project, whatever plan or report names it
_PROJECT = re.compile(r"(开工建设|开工|建成|完成|竣工|投产|投运|通车|贯通)[^，。；]{0,40}?"
                      r"(机场|铁路|公路|高速|工程|电站|水利枢纽|水库|管道|灌区|校区|学院|净水厂)")
# the measure's word in a numeric target's id: <plan>.<indicator><suffix>[-<jurisdiction>]
ID_SUFFIX = {Measure.level: "", Measure.yoy_growth: "-growth", Measure.avg_annual_growth: "-growth",
             Measure.cumulative_growth: "-growth", Measure.reduction: "-reduction", Measure.change: "-change",
             Measure.total: "-total", Measure.annual_average: "-annual", Measure.multiple: "-multiple"}
_SCOPES = ("城市", "城镇", "县城")  # the urban scopes whose rates differ (CURATING.md, Comparability)


def held_through(text: str, number: str) -> bool:
    """Whether a quote holds the bound for every year of the plan: a table row giving it in both
    its end-year and its yearly column, just before the 属性 (4.5以内 4.5以内 约束性), or words
    saying every year."""
    n = rf"(?<![\d.]){re.escape(number)}(?![\d.])\s*[%‰]?\s*(?:{_BOUNDS})?"
    return bool(re.search(rf"{n}\s+{n}\s*(?:约束性|预期性)", text)) or any(w in text for w in _EVERY_YEAR)


def _number(value: float) -> str:
    return f"{value:g}"


def targets(c: Checker) -> None:
    """The rules a target's own entry can break, and its old ids."""
    _aliases(c)
    for item in c.reader.items["targets"]:
        m = item.model
        target = c.corpus.targets.get(m.id)
        plan = c.corpus.plans.get(m.plan)
        if target is None or plan is None:
            continue
        if m.indicator and m.id.startswith(plan.id + "."):
            _named(c, item, target, plan)
        if m.measure == Measure.level and target.goal.value is not None:
            _level_due(c, item, target, plan)
        if m.measure == Measure.qualitative and _PROJECT.search(m.target):
            c.problem(item, ("measure",), "rule-project", (
                f"{m.target!r} names a project and its milestone: record it as measure: project with "
                "milestone: (the verb as written) and items: for a list (CURATING.md, Projects)"))


def target_id(plan, indicator: str, measure: str, jurisdiction: str) -> str:
    """The id a numeric target has by the one naming rule (CURATING.md, Ids)."""
    where = "" if jurisdiction == plan.jurisdiction else f"-{jurisdiction}"
    return f"{plan.id}.{indicator}{ID_SUFFIX[measure]}{where}"


def _named(c: Checker, item, target, plan) -> None:
    want = target_id(plan, target.indicator, target.measure, target.jurisdiction)
    if target.id != want and not re.fullmatch(rf"{re.escape(want)}-\d+", target.id):
        c.problem(item, ("id",), "rule-id", (
            f"a numeric target's id is <plan>.<indicator><measure word>[-<place>]: {want} (or {want}-2 for "
            f"a second one); keep the id it had under aliases: so links to it keep working"))


def _aliases(c: Checker) -> None:
    """An old id finds one target only, and never hides a target that has it as its own id."""
    claimed: dict[str, str] = {}
    for item in c.reader.items["targets"]:
        m = item.model
        for i, alias in enumerate(m.aliases):
            if alias in c.corpus.targets or alias in c.taken.get("target", {}):
                c.problem(item, ("aliases", i), "duplicate-id", (
                    f"{alias!r} is a target's own id: an alias is an id no target has any more"))
            elif alias in claimed and claimed[alias] != m.id:
                c.problem(item, ("aliases", i), "duplicate-id", (
                    f"{alias!r} is already an alias of {claimed[alias]}: an old id finds one target"))
            elif not alias.startswith(m.plan + "."):
                c.problem(item, ("aliases", i), "bad-id", (
                    f"{alias!r} is not an id of plan {m.plan}: a target keeps only its own plan's old ids"))
            claimed.setdefault(alias, m.id)


def _level_due(c: Checker, item, target, plan) -> None:
    bounded = target.goal.comparator in ("<=", ">=")
    if target.due.years > 1:
        if not bounded or target.due != plan.period:
            c.problem(item, ("due",), "rule-held-through", (
                f"a level due over a period ({target.due}) is a ceiling or floor held in every year of "
                f"the plan: write it with its bound (以内, 以上) and due the plan's period {plan.period}"))
        return
    if plan.period.years > 1 and bounded:
        number = _number(target.goal.value)
        if any(held_through(q.text, number) for q in target.quotes):
            c.problem(item, ("due",), "rule-held-through", (
                f"the plan holds {target.goal.text} through its period (the quote gives the bound for "
                f"every year): due {plan.period}, not {target.due}, as in every plan"))


def statements(c: Checker) -> None:
    """The rules a statement can break: a milestone named is a milestone reached (says: done)."""
    for item in c.reader.items["statements"]:
        m = item.model
        if m.milestone and m.says in ("under_way", "mentioned"):
            c.problem(item, ("milestone",), "rule-milestone", (
                f"milestone: {m.milestone} says the project reached it, which is says: done, late or not "
                f"(the verdict weighs it against the plan's verb); for work still going on write says: "
                f"{m.says} without a milestone"))


def indicators(c: Checker) -> None:
    """A scoped rate (城市…, 城镇…, 县城…) keeps only names of its own scope: an unscoped name
    belongs to an indicator of unstated scope, so no figure silently changes scope."""
    for item in c.reader.items["indicators"]:
        m = item.model
        scope = next((s for s in _SCOPES if m.name_zh.startswith(s)), None)
        if scope is None or m.kind != "rate":
            continue
        for i, alias in enumerate(m.aliases):
            if not any(s in alias for s in _SCOPES) and not alias.startswith(("全区", "全市", "全疆")):
                c.problem(item, ("aliases", i), "rule-scope", (
                    f"{alias!r} names no scope, while {m.id} is the {scope} rate: give the unscoped name "
                    "its own indicator, with a proxy entry saying whether it may stand in"))
