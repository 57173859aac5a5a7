"""Small corpora built in memory, for testing the judging and the derivations case by case."""

from datetime import date

from xjtrack.core.evaluate import Index, evaluate
from xjtrack.core.judge import Rules
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import (
    Baseline,
    Claim,
    Corpus,
    Indicator,
    Jurisdiction,
    Observation,
    Plan,
    Quote,
    Source,
    Target,
    observation_id,
)

PLAN_DATE = DocDate(2016, 5)
REPORT_DATE = DocDate(2021, 2, 1)
LATER_DATE = DocDate(2024, 1, 30)
AFTER = date(2024, 12, 31)
DATES = {"plan": PLAN_DATE, "report": REPORT_DATE, "later": LATER_DATE}


def indicator(ident="x", unit="", kind="stock", direction="up", prices="none", growth="", proxies=(), replaces=""):
    return Indicator(ident, f"指标{ident}", f"indicator {ident}", unit, kind, direction, prices,
                     growth or ("real" if prices == "nominal" else ""), (), (), replaces, tuple(proxies))


_position = [0]


def obs(value, period="2020", measure="level", source="report", ind="x", unusable="", where="xinjiang"):
    _position[0] += 1
    p = Period.parse(period)
    return Observation(observation_id(ind, where, measure, p, source), ind, where, measure, p,
                       parse_quantity(value), source, DATES[source], (Quote(source, "…", 1),),
                       unusable=unusable, position=_position[0])


def target(goal, measure="level", due="2020", baseline=None, direction="up", claims=(), ind="x",
           plan=(2016, 2020)):
    if measure in ("qualitative", "project"):
        from xjtrack.core.quantity import DIMENSIONLESS, Quantity

        q = Quantity(goal, None, DIMENSIONLESS, "", False)
    else:
        q = parse_quantity(goal)
    d = Period.parse(due)
    base = Baseline(baseline[0], parse_quantity(baseline[1]), "implied") if baseline else None
    base_year = (d.start if d.years > 1 else plan[0]) - 1
    return Target("p.t", "p", "xinjiang", ind, measure, q, "", "", direction, d, base_year, "expected",
                  (Quote("plan", "…", 1),), "plan", PLAN_DATE, base, claims=tuple(claims))


def claim(value, text):
    return Claim(value, text, "plan", PLAN_DATE, Quote("plan", "…", 1))


def corpus(targets=(), observations=(), indicators=None) -> Corpus:
    c = Corpus()
    c.jurisdictions = {"xinjiang": Jurisdiction("xinjiang", "新疆", "Xinjiang")}
    c.sources = {s: Source(s, s, s, "政府", "xinjiang", "plan" if s == "plan" else "work_report", d, f"{s}.txt")
                 for s, d in DATES.items()}
    c.plans = {"p": Plan("p", "规划", "plan", "xinjiang", Period(2016, 2020), "plan")}
    c.indicators = {i.id: i for i in (indicators or [indicator()])}
    c.observations = {o.id: o for o in observations}
    c.targets = {t.id: t for t in targets}
    return c


def judge(t, observations=(), as_of=AFTER, indicators=None, rules=Rules()):
    c = corpus([t], observations, indicators)
    return evaluate(t, Index(c), as_of, rules)
