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
    return Indicator(id=ident, name_zh=f"指标{ident}", name_en=f"indicator {ident}", unit=unit, kind=kind,
                     direction=direction, prices=prices,
                     growth=growth or ("real" if prices == "nominal" else ""), aliases=(), also_in=(),
                     replaces=replaces, proxies=tuple(proxies))


_position = [0]


def obs(value, period="2020", measure="level", source="report", ind="x", unusable="", where="xinjiang"):
    _position[0] += 1
    p = Period.parse(period)
    return Observation(id=observation_id(ind, where, measure, p, source), indicator=ind, jurisdiction=where,
                       measure=measure, period=p,
                       value=parse_quantity(value), source=source, source_date=DATES[source],
                       quotes=(Quote(source=source, text="…", line=1),),
                       unusable=unusable, position=_position[0])


def target(goal, measure="level", due="2020", baseline=None, direction="up", claims=(), ind="x",
           plan=(2016, 2020)):
    if measure in ("qualitative", "project"):
        from xjtrack.core.quantity import DIMENSIONLESS, Quantity

        q = Quantity(goal, None, DIMENSIONLESS, "", False)
    else:
        q = parse_quantity(goal)
    d = Period.parse(due)
    base = Baseline(year=baseline[0], value=parse_quantity(baseline[1]),
                    derivation="implied") if baseline else None
    base_year = (d.start if d.years > 1 else plan[0]) - 1
    return Target(id="p.t", plan="p", jurisdiction="xinjiang", indicator=ind, measure=measure, goal=q,
                  name_zh="", name_en="", direction=direction, due=d, base_year=base_year, binding="expected",
                  quotes=(Quote(source="plan", text="…", line=1),), source="plan", source_date=PLAN_DATE,
                                baseline=base, claims=tuple(claims))


def claim(value, text):
    return Claim(claim=value, text=text, source="plan", source_date=PLAN_DATE, quote=Quote(source="plan",
                 text="…", line=1))


def corpus(targets=(), observations=(), indicators=None) -> Corpus:
    c = Corpus()
    c.jurisdictions = {"xinjiang": Jurisdiction(id="xinjiang", name_zh="新疆", name_en="Xinjiang")}
    c.sources = {s: Source(id=s, title_zh=s, title_en=s, issuer="政府", jurisdiction="xinjiang",
                           kind="plan" if s == "plan" else "work_report", date=d, file=f"{s}.txt")
                 for s, d in DATES.items()}
    c.plans = {"p": Plan(id="p", name_zh="规划", name_en="plan", jurisdiction="xinjiang",
                         period=Period(2016, 2020), source="plan")}
    c.indicators = {i.id: i for i in (indicators or [indicator()])}
    c.observations = {o.id: o for o in observations}
    c.targets = {t.id: t for t in targets}
    return c


def judge(t, observations=(), as_of=AFTER, indicators=None, rules=Rules()):
    c = corpus([t], observations, indicators)
    return evaluate(t, Index(c), as_of, rules)
