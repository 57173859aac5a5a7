"""The period a figure covers, from its sentence and the part it stands in.

A review part looks back over one year ("2023年工作回顾", 一年来, 过去一年) or over a Five-Year Plan
("“十三五”时期工作回顾", 五年来, 过去五年, “十三五”期间); a planning part looks ahead to the next
year (今年) or the next plan (“十四五”时期, 到2025年, 五年). Within a sentence, a year written
just before the figure (2017年突破1亿人次) or a base year (比2015年增长) says more than its part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xjtrack.core.periods import Period, plan_number, plan_years

_CHINESE_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FIVE_YEAR_PLAN = re.compile("“?(十[一二三四五六七八九]?)五”?(?:规划)?(?:时期|期间|以来|末|期末)?")
YEAR = re.compile(r"((?:19|20)\d\d)年")
MULTI_YEAR_WORDS = re.compile("五年来|这五年|过去五年|过去的五年|今后五年|未来五年|五年累计|五年间|五年年均|五年新增|五年增加|"
                              "五年共|“十[一二三四五六七八九]?五”(?:时期|期间|以来)")
ONE_YEAR_WORDS = re.compile("一年来|过去一年|过去的一年|今年|全年|本年")
# "各位代表，刚刚过去的2020年，…", "2020年是“十三五”收官之年": the review turns to that one year
YEAR_TURN = re.compile(r"^(?:各位代表[，,！!](?:刚刚过去的|过去的)?((?:19|20)\d\d)年|((?:19|20)\d\d)年是)")


def plan_period(name: str) -> Period:
    """The years of a Five-Year Plan named as the documents name them: 十三五 is 2016-2020."""
    return plan_years(10 + (_CHINESE_ORDINALS[name[1]] if len(name) > 1 else 0))


def plans_named(text: str) -> list[Period]:
    return [plan_period(m.group(1)) for m in FIVE_YEAR_PLAN.finditer(text)]


def years_named(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]


@dataclass(frozen=True)
class Frame:
    """What a part of a document speaks of: one year, and the plan period when it looks at one."""

    year: int
    span: Period | None = None  # the five years under review (or planned), if the part speaks of them
    dated: bool = False  # the sentence names its year ("2020年，…"): its figures are that year's

    @property
    def multi(self) -> bool:
        return self.span is not None


def review_frame(heading: str, delivered: int) -> Frame:
    """The years a review part covers: its heading's year and plan, else the year before delivery."""
    spans = plans_named(heading)
    years = years_named(heading)
    span = spans[-1] if spans else None
    year = years[-1] if years else span.end if span else delivered - 1
    return Frame(year, span)


def planning_frame(heading: str, delivered: int, planned: Period | None = None) -> Frame:
    """The years a planning part looks ahead to: its heading's year or plan, else the plan the
    document sets out (planned, for a plan outline), else the year of delivery."""
    spans = plans_named(heading)
    years = years_named(heading)
    span = spans[-1] if spans else None if years else planned
    year = years[-1] if years else span.end if span else delivered
    return Frame(year, span)


def plan_of_title(title: str) -> Period | None:
    """The plan a document's title names: 第十三个五年规划纲要 (or “十三五”规划) is 2016-2020."""
    number = plan_number(title)
    if number is not None:
        return plan_years(number)
    named = plans_named(title)
    return named[0] if named else None


def sentence_frame(part_frame: Frame, sentence: str, carried: Frame | None) -> tuple[Frame, Frame | None]:
    """The frame a sentence speaks in, and the one the next sentence inherits.

    五年来 or “十三五”时期 switches to the five years of the part's plan; 一年来, 今年 or a sentence
    that turns to the part's year (各位代表，刚刚过去的2020年) to its single year; the switch holds
    until another cue (or the end of the part)."""
    current = carried or part_frame
    span = part_frame.span or _plan_of(sentence)
    multi = MULTI_YEAR_WORDS.search(sentence)
    one = ONE_YEAR_WORDS.search(sentence)
    if multi and (not one or multi.start() < one.start()) and span is not None:
        current = Frame(span.end if part_frame.multi else part_frame.year, span)
    elif one:
        current = Frame(part_frame.year, None)
    turn = YEAR_TURN.match(sentence)
    if turn and int(turn.group(1) or turn.group(2)) == part_frame.year:
        current = Frame(part_frame.year, None)
    opening = re.match(r"((?:19|20)\d\d)年[，,]?", sentence)
    if opening and int(opening.group(1)) <= part_frame.year:
        return Frame(int(opening.group(1)), current.span, dated=True), current
    return current, current


def _plan_of(sentence: str) -> Period | None:
    spans = plans_named(sentence)
    return spans[0] if spans else None


OPENING_YEAR = re.compile(r"((?:19|20)\d\d)年(?!以来|来|前|后|起|至|到|—|-)")


def year_before(lead: str) -> int | None:
    """A year written just before a figure ("2017年突破1亿人次", "2020年的13797.58亿元"), or
    opening its clause with no other year after it."""
    match = re.search(r"((?:19|20)\d\d)年(?:的|底|末|年底|达到|达|为|实现|突破|超过|已)?$", lead)
    if match is None:
        match = OPENING_YEAR.match(lead)  # 2020年在疫情严重冲击下超过1.58亿人次: the clause's year
        if match is None or YEAR.search(lead, match.end()):
            return None
    if re.search("(?:比|较|是|为|相比|与|同)$", lead[:match.start()]):
        return None  # 比2015年增长, 是2010年的: a base year, not the figure's own
    return int(match.group(1))


def base_year(lead: str) -> int | None:
    """The year a growth is measured from: 比2015年增长36.6%, 较2010年, 是2010年的2.41倍."""
    match = re.search(r"(?:比|较|是|为|相比|与)((?:19|20)\d\d)年(?:的|相比|同期)?", lead)
    return int(match.group(1)) if match else None
