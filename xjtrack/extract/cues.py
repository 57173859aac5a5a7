"""Reading a sentence that stands under no heading: a news article on a report, an excerpt that
starts mid-report, a page of results. Each sentence is a result or a plan by its own cues.

- A plan: 主要预期目标, 预期目标是, 力争, 确保, 到2030年, 今后五年, a year after the document's
  own (or its own, for a report delivered early in that year: 今年, 2023年主要预期目标), a plan not
  begun before the document (“十五五”时期 in 2026).
- A result: a year before the document's (2022年全区地区生产总值达到…), 一年来, 过去一年, 全年,
  回顾, 这五年, 过去五年, a plan already ended (“十四五”时期 in 2026), 比上年, 同比.
- 明年 is the year after the document's; 左右 with no other cue makes a plan.
- A sentence can turn: a clause with a cue of its own of the other kind (2022年…增长3.2%，2023年
  预期增长7%左右) reads its own way from there on.
- Neither: as the sentence before it (a paragraph reads one way), else a result.

The document's date gives the frame: a result with no year of its own is of the year before it
was delivered, a plan with none is of its own year; 这五年 and 过去五年 are the five years before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xjtrack.core.periods import Period
from xjtrack.extract.periods import Frame, plans_named

PLAN_WORDS = re.compile("主要预期目标|预期目标|主要目标|目标是|目标为|力争|确保|今后五年|未来五年|到(?:19|20)\\d\\d年|"
                        "将(?:达到|增长|实现|突破)|要(?:确保|力争|实现)")
RESULT_WORDS = re.compile("一年来|过去一年|过去的一年|全年|回顾|这五年|过去五年|五年来|比上年|同比|较上年|上年末|初步核算|"
                          "已经|实现了|完成了|达到了")
FIVE_PAST = re.compile("这五年|过去五年|过去的五年|五年来|五年间")
THIS_YEAR = re.compile("今年|本年度")
NEXT_YEAR = re.compile("明年|下一年")
ROUGHLY = re.compile("左右")  # a figure held loosely is a goal, where nothing says it is a result
YEAR = re.compile(r"(?<![比较与同是])((?:19|20)\d\d)年(?!以来|来|前|后|起|至|到|—|-)")


@dataclass(frozen=True)
class Cue:
    kind: str  # "observation" (a result) or "target" (a plan)
    frame: Frame


def _plan_span(year: int) -> Period:
    start = 2016 + 5 * ((year - 2016) // 5)
    return Period(start, start + 4)


def read_cue(sentence: str, delivered: int, carried: Cue | None) -> Cue:
    """What the sentence is, and the years it speaks of."""
    years = [int(y) for y in YEAR.findall(sentence)]
    plans = plans_named(sentence)
    past_years = [y for y in years if y < delivered]
    coming_years = [y for y in years if y >= delivered]
    past_plans = [p for p in plans if p.end < delivered]
    coming_plans = [p for p in plans if p.end >= delivered]
    planning = PLAN_WORDS.search(sentence)
    result = RESULT_WORDS.search(sentence)
    if planning and not (past_years and not coming_years and not THIS_YEAR.search(sentence)):
        return _plan(coming_years, coming_plans, delivered, sentence)
    if past_years or past_plans or result or FIVE_PAST.search(sentence):
        return _result(past_years, past_plans, delivered, sentence)
    if NEXT_YEAR.search(sentence) and not coming_years:
        return _plan([delivered + 1], coming_plans, delivered, sentence)
    if coming_years or coming_plans or THIS_YEAR.search(sentence) or ROUGHLY.search(sentence):
        return _plan(coming_years, coming_plans, delivered, sentence)
    return carried or _result([], [], delivered, sentence)


def _plan(years: list[int], plans: list[Period], delivered: int, sentence: str) -> Cue:
    if plans and not years:
        span = plans[0]
        return Cue("target", Frame(span.end, span))
    year = years[-1] if years else delivered
    span = plans[0] if plans else None
    if span is None and (re.search("到(?:19|20)\\d\\d年", sentence) and year > delivered):
        span = _plan_span(year)
    return Cue("target", Frame(year, span))


def _result(years: list[int], plans: list[Period], delivered: int, sentence: str) -> Cue:
    if plans:
        return Cue("observation", Frame(plans[-1].end, plans[-1]))
    if FIVE_PAST.search(sentence):
        return Cue("observation", Frame(delivered - 1, Period(delivered - 5, delivered - 1)))
    year = years[0] if years else delivered - 1
    return Cue("observation", Frame(year, None, dated=bool(years)))


def clause_turns(clauses: list[str], delivered: int, cue: Cue) -> tuple[Cue, dict[int, tuple[Frame, str]]]:
    """Where a sentence turns from results to plans or back (2022年…增长3.2%，2023年预期增长7%左右):
    a clause with a cue of its own (a year, 主要预期目标, 明年) of the other kind starts the turn.
    Returns the cue of the sentence's first clause and the turns after it."""
    turns: dict[int, tuple[Frame, str]] = {}
    running = cue
    for number, clause in enumerate(clauses):
        if not (YEAR.search(clause) or PLAN_WORDS.search(clause) or NEXT_YEAR.search(clause)):
            continue
        own = read_cue(clause, delivered, None)
        if own.kind != running.kind:
            if number == 0:
                cue = own
            else:
                turns[number] = (own.frame, own.kind)
            running = own
    return cue, turns
