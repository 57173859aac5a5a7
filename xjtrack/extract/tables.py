"""The main-indicator tables of a Five-Year Plan outline (专栏 …主要指标), read row by row.

Such a table has a header like 指标 | 2015年预计 | 2020年 | 年均增长(%)[累计] | 属性 and rows like

    经济发展  1.地区生产总值(亿元)        9324.8  13078  7左右   预期性
              7.城镇化率  常住人口城镇化率(%)  48      58     [10]    预期性

Cells are read from the right, as the columns stand: 属性, then growth, then the end year, then the
base year; the name is the nearest cell before them, its unit in brackets after it. A row gives a
level target for the end year, a growth target over the plan (年均 when plain, five-year when in
[ ]: points for a rate, an amount otherwise, a fall where the name says 下降 or 降低), and the
base year's level as an observation (an estimate where the header says 预计). Text the table
leaves in place of a number (—, 控制在国家下达指标内) gives nothing.

A table of the last plan's results (专栏 …主要指标实现情况) has two header rows: the base year,
then 规划目标 (the end year and the growth) and 执行情况 (the same, as achieved), then 完成情况.
Its rows give the last plan's targets, as above (a level in ( ) is indicative: derived from the
growth target), and the base year's, the end year's and the growth's results as observations.
The table's own 完成 or 未完成 is the document's claim of each of those targets (met, not_met).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from xjtrack.core.periods import Period
from xjtrack.core.quantity import QuantityError, parse_quantity
from xjtrack.core.vocab import Measure
from xjtrack.curated.quotes import squeeze
from xjtrack.extract.measures import Reading
from xjtrack.extract.periods import plans_named
from xjtrack.extract.sentences import UNSAFE

TITLE = re.compile("专栏.*主要指标")
NUMBERED_NAME = re.compile(r"^\d+[.、．]")
UNIT = re.compile(r"[（(]([^（()）]{1,8})[)）]$")
NUMBER_CELL = re.compile(r"^\[?-?\d+(?:\.\d+)?(?:以上|以内|以下|左右)?\]?$")
SUFFIX = re.compile("(以上|以内|以下|左右)$")
FALLING = re.compile("下降|降低")
CLAIMS = {"完成": "met", "未完成": "not_met"}  # a results table's 完成情况; other words are left to the curator
NOTE = re.compile("(?:备注|注)[：:]")
YEAR_CELL = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class Row:
    """One row of a main-indicator table, as the document prints it."""

    name: str  # the indicator's words, its unit and numbering taken off
    category: str  # the cells before the name (经济发展, 7.城镇化率)
    unit: str  # 亿元, %, ‰; "" when the name gives none
    base: str  # the cell of each column, as printed
    end: str
    growth: str
    binding: str  # binding, expected or unspecified
    quote: str  # the row with its cells one space apart
    result: str = ""  # a results table's 执行情况: the end year's level and the growth achieved
    result_growth: str = ""
    verdict: str = ""  # a results table's 完成情况, as printed


@dataclass(frozen=True)
class Table:
    title: str
    span: Period  # the plan period the table sets targets for
    base_year: int
    estimated: bool  # the base year's column is headed 预计
    rows: tuple[Row, ...]
    lines: range  # the table's lines in the text, title to last row
    results: bool = False  # a table of the last plan's results (执行情况)


@dataclass(frozen=True)
class Figure:
    """A figure of a row as a candidate reads it."""

    kind: str  # "target" or "observation"
    reading: Reading
    estimate: bool = False
    claim: tuple[str, str] | None = None  # a target's claim by the table: (met or not_met, its words)


def tables(text: str) -> list[Table]:
    """Every main-indicator table with a 属性 column in the text."""
    lines = text.splitlines()
    found = []
    for at, line in enumerate(lines):
        if TITLE.search(line):
            table = _table(line, lines[at + 1:], at)
            if table is not None:
                found.append(table)
    return found


def _table(title: str, following: list[str], at: int) -> Table | None:
    header_at = next((i for i, line in enumerate(following[:3]) if "指标" in squeeze(line) and "\t" in line), None)
    if header_at is None:
        return None
    header = following[header_at]
    results = "执行情况" in squeeze(header)
    if results:
        header_at += 1  # the second header row: 2015年 | 年均增长(%) | 2015年 | 年均增长(%)
        header += "\t" + following[header_at]
    elif "属性" not in squeeze(header):
        return None
    years = [int(y) for y in YEAR_CELL.findall(header)]
    spans = plans_named(title)
    if len(years) < 2 and not spans:
        return None
    span = spans[-1] if spans else Period(years[0] + 1, years[-1])
    base_year = years[0] if years else span.start - 1
    rows, last = [], header_at
    for offset, line in enumerate(following[header_at + 1:], header_at + 1):
        if not line.strip():
            continue
        if "\t" not in line or NOTE.match(line.strip()):
            break  # the note under the table (注：…) or the text after it
        row = _result_row(line) if results else _row(line)
        if row is not None:
            rows.append(row)
        last = offset
    return Table(title.strip(), span, base_year, "预计" in squeeze(header), tuple(rows), range(at, at + last + 2),
                 results)


def _cells(line: str) -> list[str]:
    """A row's cells, trailing empty ones dropped; none for a line holding a control or
    bidirectional character (as in sentences: text validate cannot quote, and no terminal may see)."""
    if UNSAFE.search(line):
        return []
    cells = [c.strip() for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _row(line: str) -> Row | None:
    cells = _cells(line)
    if len(cells) < 4:
        return None
    binding = {"约束性": "binding", "预期性": "expected"}.get(cells[-1], "unspecified")
    values = cells[:-1] if binding != "unspecified" or not _number_like(cells[-1]) else cells
    if len(values) < 4:
        return None
    growth, end, base = values[-1], values[-2], values[-3]
    return _named(values[:-3], cells, base=base, end=end, growth=growth, binding=binding)


def _result_row(line: str) -> Row | None:
    """A row of a results table: name | base | target end | target growth | result | growth | 完成情况."""
    cells = _cells(line)
    if len(cells) < 7:
        return None
    base, end, growth, result, result_growth = cells[-6:-1]
    if base not in ("", "—") and not _number_like(base.strip("[]（）()")):
        return None  # a name split over two cells (主要污染物排放 | 化学需氧量): its columns are off by one
    return _named(cells[:-6], cells, base=base, end=end, growth=growth, result=result,
                  result_growth=result_growth, verdict=cells[-1], binding="unspecified")


def _named(leading: list[str], cells: list[str], **columns: str) -> Row | None:
    """The row, its name and unit read from the cells before its figures (the nearest one)."""
    leading = [c for c in leading if c]
    if not leading:
        return None
    name_cell = leading[-1]
    unit_match = UNIT.search(name_cell)
    unit = unit_match.group(1).strip() if unit_match else ""
    name = NUMBERED_NAME.sub("", name_cell[:unit_match.start()] if unit_match else name_cell).strip()
    category = "".join(NUMBERED_NAME.sub("", c) for c in leading[:-1])
    quote = " ".join(c for c in cells if c)
    return Row(name, category, unit, quote=quote, **columns)


def _number_like(cell: str) -> bool:
    return bool(NUMBER_CELL.match(cell.replace(" ", "")))


def _value(cell: str, unit: str) -> str | None:
    """The cell as a curated value: 13078 with 亿元 is 13078亿元, 2.5以上 with 件 is 2.5件以上, the
    indicative (8800) is 8800亿元."""
    cell = cell.replace(" ", "").strip("[]［］()（）")
    if not _number_like(cell):
        return None
    suffix = SUFFIX.search(cell)
    number = cell[:suffix.start()] if suffix else cell
    text = f"{number}{unit}{suffix.group() if suffix else ''}"
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        return None
    return text if quantity.value is not None else None


def figures(table: Table, row: Row) -> list[Figure]:
    """What a row gives: the end-year level, the growth over the plan, the base year's level."""
    span, found = table.span, []
    rate = row.unit in ("%", "‰", "％")
    claim = (CLAIMS[row.verdict], row.verdict) if row.verdict in CLAIMS else None
    end = _level(row.end, row, rate, span)
    if end is not None:
        found.append(Figure("target", end, claim=claim))
    growth = _growth(row, rate, span)
    if growth is not None:
        found.append(Figure("target", growth, claim=claim))
    base = _value(row.base, row.unit) if not row.base.startswith("[") else None
    if base:
        year = Period(table.base_year, table.base_year)
        found.append(Figure("observation", Reading(Measure.level, year, base), estimate=table.estimated))
    if table.results:
        result = _level(row.result, row, rate, span)
        if result is not None:
            found.append(Figure("observation", result))
        achieved = _growth(replace(row, growth=row.result_growth), rate, span)
        if achieved is not None:
            found.append(Figure("observation", achieved))
    return found


def _level(cell: str, row: Row, rate: bool, span: Period) -> Reading | None:
    """The end year's column: a level, or in [ ] the five years' amount or change."""
    if cell.startswith("["):
        return _growth(replace(row, growth=cell), rate, span)
    value = _value(cell, row.unit)
    return Reading(Measure.level, Period(span.end, span.end), value) if value else None


def _growth(row: Row, rate: bool, span: Period) -> Reading | None:
    cumulative = row.growth.startswith("[")
    if cumulative and FALLING.search(row.name) and row.unit in ("%", "％"):
        value, measure = _value(row.growth, "%"), Measure.reduction
    elif cumulative and rate:
        value = _value(row.growth, "个百分点" if row.unit != "‰" else "‰")
        measure = Measure.change
    elif cumulative:
        value, measure = _value(row.growth, row.unit), Measure.change
        return Reading(measure, span, value, made=True) if value else None
    elif rate:
        return None  # a rate's plain figure in the growth column repeats its level
    else:
        value, measure = _value(row.growth, "%"), Measure.avg_annual_growth
    return Reading(measure, span, value) if value else None
