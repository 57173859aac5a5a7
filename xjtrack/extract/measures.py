"""What a figure measures (xjtrack.core.vocab.Measure) and over which period, from the words
before it: 增长6.8% is a year's growth, 年均增长6.1% an average over the plan, 比2015年增长36.6%
a growth over the whole period, 下降10.4% a reduction, 提高1.2个百分点 or 新增586.3万亩 a change,
累计 over five years a total, 是2010年的2.41倍 and 翻一番 a multiple, anything else a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from xjtrack.core.periods import Period
from xjtrack.core.quantity import format_number
from xjtrack.core.vocab import Measure
from xjtrack.extract.figures import Figure
from xjtrack.extract.periods import Frame, base_year, year_before

GROWTH = re.compile("(?:增长|增加|提高|上升|上涨|涨幅|增速|递增|增|涨|提升)$")
FALL = re.compile("(?:下降|降低|减少|缩短|下跌|降幅|压减|削减|减|降)$")
ADDED = re.compile("(?:新增|净增|增加|增长|提高|扩大|新建|增|多)$")  # not 提升: 改造提升302个 counts what was upgraded
HEAD_ADDED = re.compile("^(?:全区|全市|累计|五年|共|“十[一二三四五六七八九]?五”(?:时期|期间))*"
                        "(?:新增|增加|新形成|新培育|新认定|新引进|新设)(?!到|至)")
# verbs that make new things of a kind: the figure is what was added that year (or period);
# 新增 is not one of them, since 新增586.3万亩 of a sown area is its change (ADDED)
MADE = "新建|建成|建设|打造|创建|培育|挂牌|命名|新命名|申创|新开|新设|组建|认定|开设|新培育|新认定|新引进|新形成"
MADE_BEFORE = re.compile(f"(?:{MADE})$|^(?:全区|全市|全年|我们)?(?:{MADE})(?!区|到|至|率|成|中|的)")
MADE_AFTER = re.compile("^[^，,；;、]{0,20}?(?:入选|挂牌|被命名|被认定|获批)")
SUMMED_BEFORE = re.compile("累计|总计|合计|共计")
REACHED = re.compile("(?:达到|达|突破|超过|为|增至|提高到|提高至|提升至|上升到|增加到|到|至|在)(?:每人每月|人均每月|每人每年|人均)?$")
PLAN_BASE = re.compile("(?:比|较|是)“?十[一二三四五六七八九]?五”?(?:时期|期间|末)")
FROM_TO = re.compile("(?:由|从)[^。；;]*(?:到|至)[^。；;]*[，,][^，,]*$")
AVERAGE = re.compile("年均|平均每年")
# 两年平均增长5.1%: the average over the last n years to the figure's year
YEARS_AVERAGE = re.compile("(两|二|三|四)年(?:平均|年均)")
_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4}
EVERY_YEAR = re.compile("每年")  # 五年来…每年实施不少于十件民生实事: a yearly amount through the plan
BROKEN_DOWN = re.compile("^[^。，,；;]*[，,；;]其中(?:19|20)\\d\\d年")
YEAR_AFTER = re.compile("^[^，,；;。]*?于((?:19|20)\\d\\d)年")
HELD = "控制在|保持在|稳定在"
HELD_BEFORE = re.compile(f"(?:{HELD})$|^坚持")
HELD_IN_FIGURE = re.compile(f"^(?:{HELD})")  # 控制在5.5%以内: the verb read as the figure's qualifier
HELD_AFTER = re.compile("^[^，,；;、]{0,6}?(?:用于|投入|投向)")  # a share: 70%以上用于民生, 80%以上援疆资金投入民生
END_POINT = re.compile("到(?:19|20)\\d\\d年|十[一二三四五六七八九]?五”?末|(?:19|20)\\d\\d年(?:底|末)|期末")
GAP = re.compile("(?:低于|高于)[^，,；;]{0,12}$")
SUMMED = re.compile("累计|总计|合计|共计|五年共|^共")  # 共 alone only opening the clause: not 公共
FIVE_YEARS = re.compile("五年|“十[一二三四五六七八九]?五”")
START_OF_CHANGE = re.compile("^[\u4e00-\u9fff]{0,3}?(?:到|至)")  # 由A增加到B, 由A恢复到B
NOISE = re.compile("(?:同比|分别|均|了|较上年|比上年|比去年|较去年|各|总量|全年|当年|再|累计|年均|进一步|大幅|"
                   "稳定|持续|保持|达到|达|为|实现|完成|突破|超过|控制在|在|约)+$")


@dataclass(frozen=True)
class Reading:
    measure: Measure
    period: Period
    value: str  # the figure as a curated value: writes it
    as_written: str = ""  # how the quote writes it, where value: writes it otherwise
    over: Period | None = None  # the plan period a flow's figure adds up over, when no year is named
    made: bool = False  # the figure counts things newly made (建成65个, 新建托育机构5家): a stock's change


def _verb_tail(lead: str) -> str:
    """The lead without the words that stand between a verb and its figure (同比, 分别, 达到 …)."""
    tail = lead[-12:]
    tail = re.sub(r"(?:19|20)\d\d年(?:的|底|末)?$", "", tail)
    previous = None
    while previous != tail:
        previous = tail
        tail = NOISE.sub("", tail)
    return tail


def _from_verb(lead: str, verbs: re.Pattern, tail: str) -> str:
    """The words of lead from the verb that ends tail on: "减少了" of "天数减少了41天"."""
    verb = verbs.search(tail).group()
    return lead[lead.rfind(verb):]


def _year(lead: str, frame: Frame) -> int:
    return year_before(lead) or frame.year


def _over(frame: Frame, lead: str) -> Period:
    """The period a growth, change or total runs over: the part's plan, or its year."""
    if frame.span is not None:
        return frame.span
    year = _year(lead, frame)
    return Period(year, year)


def _single(year: int) -> Period:
    return Period(year, year)


def read_measure(lead: str, after: str, figure: Figure, frame: Frame, before: str = "", rest: str = "") -> Reading:
    """How a figure reads, given the clause's words before it (lead) and after it, and the
    sentence before it (before): a flow adds up over the plan where the sentence says so
    (累计), or where the part looks back over it and neither a year (2020年地区生产总值) nor a verb
    of reaching (达到43179元, 突破一百万亿元) makes the figure one year's amount. A year the clause
    gives after its figures (832名贫困人口于2016年全部脱贫) is theirs as one written before them; a
    figure the rest of the sentence (rest) breaks down by year (超过3000亿千瓦时，其中2020年…) adds up
    over the plan."""
    dated_after = YEAR_AFTER.match(after)
    if dated_after and not year_before(lead):
        lead += dated_after.group(1) + "年"
    reading = _read(lead, after, figure, frame, before)
    if reading.measure == Measure.level and reading.period.end != frame.year:
        return reading
    if frame.multi and not frame.dated and not year_before(lead) and reading.measure == Measure.level \
            and BROKEN_DOWN.match(rest):
        return replace(reading, over=frame.span)
    reached = (REACHED.search(lead) or figure.number_at > figure.start) and not SUMMED_BEFORE.search(before or lead)
    if frame.multi and not frame.dated and not year_before(lead) and not reached:
        return replace(reading, over=frame.span)
    return reading


def _read(lead: str, after: str, figure: Figure, frame: Frame, before: str) -> Reading:
    value = figure.text
    tail = _verb_tail(lead)
    year = _year(lead, frame)
    if figure.unit == "" or figure.unit == "倍":
        return _multiple(lead, figure, frame, year)
    base = base_year(lead[-14:])
    if figure.points and GAP.search(lead):
        return Reading(Measure.level, _single(year), value)  # 低于全国平均水平一个百分点: a gap, as it stands
    if figure.points:
        return Reading(Measure.change, _over(frame, lead) if FIVE_YEARS.search(lead) or frame.multi and not
                       year_before(lead) else _single(year), value)
    if figure.percent:
        over = YEARS_AVERAGE.search(lead[-10:])
        if over and GROWTH.search(tail):
            return Reading(Measure.avg_annual_growth, Period(year - _YEARS[over.group(1)] + 1, year), value)
        if AVERAGE.search(lead[-8:]):
            return Reading(Measure.avg_annual_growth, _over(frame, lead), value)
        if base and GROWTH.search(tail) and base < year:
            return Reading(Measure.cumulative_growth, Period(base + 1, year), value)
        if GROWTH.search(tail):
            over_plan = PLAN_BASE.search(lead[-14:]) or FIVE_YEARS.search(lead) or FROM_TO.search(before)
            if frame.multi and over_plan and not year_before(lead):
                return Reading(Measure.cumulative_growth, frame.span, value)
            return Reading(Measure.yoy_growth, _single(year), value)
        if FALL.search(tail):
            multi = frame.multi and not frame.dated and not year_before(lead)  # a fall named in a plan's review
            return Reading(Measure.reduction, frame.span if multi else _single(year), value)
        return _level(lead, after, frame, year, value, before)
    if AVERAGE.search(lead[-8:]) or frame.multi and EVERY_YEAR.search(lead):
        return Reading(Measure.annual_average, _over(frame, lead), value)
    opening = lead.lstrip("、和与及")  # 、新增托位300个: a list item's own verb
    made = (MADE_BEFORE.search(tail) or MADE_BEFORE.match(opening) or MADE_AFTER.match(after)) \
        and not SUMMED.search(lead)
    if made:
        period = frame.span if frame.multi and not year_before(lead) else _single(year)
        return Reading(Measure.change, period, value, made=True)
    if FALL.search(tail) and figure.quantity.unit.family not in ("ratio", "points"):
        period = frame.span if frame.multi and not year_before(lead) else _single(year)
        cut = figure.number_at - figure.start
        return Reading(Measure.change, period, f"{value[:cut]}-{value[cut:]}",
                       as_written=_from_verb(lead, FALL, tail) + value)
    if ADDED.search(tail) or HEAD_ADDED.match(opening):
        period = frame.span if frame.multi and not year_before(lead) else _single(year)
        return Reading(Measure.change, period, value)
    if frame.multi and SUMMED.search(lead) and not year_before(lead):
        return Reading(Measure.total, frame.span, value)
    return _level(lead, after, frame, year, value, before)


def _level(lead: str, after: str, frame: Frame, year: int, value: str, before: str = "") -> Reading:
    """A level; the first of "由A提高到B" is the level the year before the period starts; a level
    held through a plan's years (失业率控制在5.5%以内, 坚持把支出的70%以上用于民生) is that period's,
    unless the sentence names its end (到2025年, “十四五”末)."""
    if START_OF_CHANGE.match(after) and re.search("(?:由|从)(?:(?:19|20)\\d\\d年的?)?$", lead):
        start = year_before(lead) or ((frame.span.start - 1) if frame.multi else year - 1)
        return Reading(Measure.level, _single(start), value)
    held = HELD_BEFORE.search(lead) or HELD_IN_FIGURE.match(value) or "%" in value and HELD_AFTER.match(after)
    if held and frame.multi and not frame.dated and not year_before(lead) and not END_POINT.search(before or lead):
        return Reading(Measure.level, frame.span, value)
    return Reading(Measure.level, _single(year), value)


def _multiple(lead: str, figure: Figure, frame: Frame, year: int) -> Reading:
    base = base_year(lead[-14:])
    if figure.unit == "倍" and re.search("增长$|增加$", _verb_tail(lead)):
        percent = format_number(round(figure.quantity.value * 100, 6))
        as_written = _from_verb(lead, GROWTH, _verb_tail(lead)) + figure.text
        if not (base and base < year) and not frame.multi:
            return Reading(Measure.yoy_growth, _single(year), f"{percent}%", as_written=as_written)
        period = Period(base + 1, year) if base and base < year else _over(frame, lead)
        return Reading(Measure.cumulative_growth, period, f"{percent}%", as_written=as_written)
    if base and base < year:
        return Reading(Measure.multiple, Period(base + 1, year), figure.text)
    return Reading(Measure.multiple, _over(frame, lead), figure.text)
