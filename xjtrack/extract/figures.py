"""Finding the figures in a clause: the number, its magnitude and unit, and the qualifiers
around it, as xjtrack.core.quantity reads them ("突破1亿人次", "5600余人", "6.5%左右", "2至3个百分点").

Clauses are read with whitespace removed (xjtrack.extract.sentences), so a figure the PDF
extraction split across a line break ("2119.2\\n万吨") is one figure here. What is not a figure is
left out: years and dates (2023年, 1月), ordinals (第七次), numbers inside names (PM2.5, 5G, G580线),
bare numbers without a unit, and Chinese numerals that no verb or qualifier introduces (一批),
except a count such as 十件 or 两次, kept as a weak figure that only a registry name beside it
makes a candidate. People counted in 万 with no unit (306.49万农村贫困人口) are read as 万人, and a
run of years (连续四年多) as years.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from xjtrack.core.quantity import BASE_UNITS, PER_UNITS, QUALIFIERS, Quantity, QuantityError, parse_quantity

NOT_UNITS = ("年", "月")  # 2023年 and 1月 are dates; a duration in years is too rarely a figure
BEFORE = tuple(q for q in QUALIFIERS if len(q) > 1 and q not in ("以上", "以下", "以内", "左右", "达到")) + ("约", "近", "逾")
AFTER = ("以上", "以下", "以内", "左右")
CHINESE_LEADS = ("突破", "超过", "达到", "达", "近", "约", "低于", "高于", "增长", "提高", "增加", "下降", "降低")
_CHINESE = "零一二两三四五六七八九十百千"


def _unit_pattern() -> str:
    simple = sorted((u for u in BASE_UNITS if u not in NOT_UNITS), key=len, reverse=True)
    per = "|".join(sorted(PER_UNITS, key=len, reverse=True))
    simple_re = "|".join(map(re.escape, simple))
    return rf"(?:(?:{simple_re})/(?:{per})|个百分点|百分点|{simple_re}|%|％|‰|倍)"


_UNIT = _unit_pattern()
_BEFORE = "|".join(sorted(BEFORE, key=len, reverse=True))
_AFTER = "|".join(AFTER)
_ARABIC = r"\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?P<pre>{_BEFORE})?"
    rf"(?P<num>{_ARABIC}|[{_CHINESE}]+(?=万亿|亿|万|个百分点|倍))"
    rf"(?:(?P<sep>至|～|~|—|-|到)(?P<high>{_ARABIC}))?"
    r"(?P<extra>余|多)?(?P<mag>万亿|亿|万)?(?P<extra2>余|多)?"
    rf"(?P<unit>{_UNIT})"
    rf"(?:(?P<sep2>至|～|~|—|-)(?P<high2>{_ARABIC})(?P=unit))?"
    rf"(?P<post>{_AFTER})?"
)
DOUBLING = re.compile(r"翻(?:一|两|二|三)番")
# people counted with no unit of their own: 306.49万农村贫困人口, 240多万人民 are 万人
PEOPLE = "农村贫困人口|贫困人口|人口|群众|人民|农牧民|青壮年|干部|职工|青少年|学生|居民|劳动力|农民"
PEOPLE_FIGURE = re.compile(rf"(?P<num>{_ARABIC})(?P<extra>余|多)?(?P<mag>万|亿)(?P<extra2>余|多)?(?=各族|{PEOPLE})")
# a count in Chinese numerals (十件民生实事, 两次): with no verb before it (达到十件) a weak figure,
# one only where a registry name stands whole beside it (xjtrack.extract.candidates)
# a run of years (连续四年多没有发生暴恐案件, 连续第16年调整): years are not a unit elsewhere (2023年 is a date)
DURATION = re.compile(r"连续第?(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,3})(?P<unit>年)(?P<extra>多)?")
CHINESE_COUNT = re.compile(r"(?P<pre>不少于|不低于|超过|近)?(?<![零一二两三四五六七八九十百千第])(?P<num>[两二三四五六七八九十][零一二两三四五六七八九十百千]*)"
                           r"(?P<unit>件|次|项|座|家|所|条|个)(?!百分点)")
_NAME_CHAR = re.compile(r"[A-Za-z0-9.第＋+]")


@dataclass(frozen=True)
class Figure:
    """A figure as it stands in a clause; text is what a curated value: holds."""

    start: int  # where the figure (with its qualifiers) starts in the clause
    end: int
    text: str  # "突破1亿人次", "6.5%左右": as written, to be read by parse_quantity
    number_at: int  # where the number itself starts (after a qualifier before it)
    unit: str  # "%", "万吨", "个百分点", "倍"; "" for 翻一番
    quantity: Quantity
    weak: bool = False  # a bare Chinese count (十件): a figure only beside a registry name

    @property
    def percent(self) -> bool:
        return self.quantity.unit.family == "ratio"

    @property
    def points(self) -> bool:
        return self.quantity.unit.family == "points"


def _is_chinese_lead(clause: str, at: int) -> bool:
    return any(clause.endswith(lead, 0, at) for lead in CHINESE_LEADS)


def _figure(clause: str, match: re.Match, unit: str = "", weak: bool = False, duration: bool = False) -> Figure | None:
    """The figure a match found, unless it is a name, an ordinal or a numeral no verb introduces;
    unit is the one the figure leaves unwritten (306.49万 of 农村贫困人口 is 306.49万人)."""
    groups = match.groupdict()
    number_at = match.start("num")
    if duration:  # 连续第16年 reads as 16年: the text the value holds starts at the number
        return _read(match.group()[number_at - match.start():], match, number_at, "年")
    if number_at and _NAME_CHAR.match(clause[number_at - 1]) and not groups.get("pre"):
        return None  # PM2.5, G580, 第7, 5.5.1: part of a name or an ordinal
    if match.re is CHINESE_COUNT:
        return _read(match.group(), match, number_at, match.group("unit"), weak)
    if unit:
        return _read(match.group() + unit, match, number_at, unit)
    if match.group("num")[0] in _CHINESE and not (match.group("pre") or _is_chinese_lead(clause, number_at)
                                                  or match.group("unit").endswith("百分点")):
        return None
    return _read(match.group(), match, number_at, match.group("unit"))


def _read(text: str, match: re.Match, number_at: int, unit: str, weak: bool = False) -> Figure | None:
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        return None
    if quantity.value is None:
        return None
    return Figure(match.start(), match.end(), text, number_at, unit, quantity, weak)


@lru_cache(maxsize=8192)
def figures_in(clause: str) -> tuple[Figure, ...]:
    """Every figure in a clause (whitespace already removed), left to right."""
    found: list[Figure] = []
    for match in DOUBLING.finditer(clause):
        found.append(Figure(match.start(), match.end(), match.group(), match.start(), "",
                            parse_quantity(match.group())))
    found.sort(key=lambda f: f.start)
    starts = [f.start for f in found]
    for match in FIGURE.finditer(clause):
        _add(found, _figure(clause, match), starts)
    for match in PEOPLE_FIGURE.finditer(clause):
        _add(found, _figure(clause, match, unit="人"), starts)
    for match in DURATION.finditer(clause):
        _add(found, _figure(clause, match, duration=True), starts)
    for match in CHINESE_COUNT.finditer(clause):
        _add(found, _figure(clause, match, weak=not (match.group("pre") or _is_chinese_lead(clause, match.start()))),
             starts)
    return tuple(found)


def _add(found: list[Figure], figure: Figure | None, starts: list[int] | None = None) -> None:
    """Add figure unless it overlaps one found already; found is kept in order of start (bisect:
    a line of many figures stays linear)."""
    if figure is None:
        return
    at = bisect_left([f.start for f in found], figure.start) if starts is None else bisect_left(starts, figure.start)
    before = found[at - 1] if at else None
    after = found[at] if at < len(found) else None
    if before is not None and before.end > figure.start or after is not None and figure.end > after.start:
        return
    found.insert(at, figure)
    if starts is not None:
        starts.insert(at, figure.start)


def listed(clause: str, figures: tuple[Figure, ...], first: int) -> list[Figure]:
    """The figures from figures[first] on that form a list ("5.6%、8.4%", "650元和550元")."""
    run = [figures[first]]
    for figure in figures[first + 1:]:
        gap = clause[run[-1].end:figure.start]
        if gap not in ("、", "和", "与", "及", "，"):
            break
        run.append(figure)
    return run
