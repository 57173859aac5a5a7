"""Which number of its quote a figure is: a value bound to its words.

A quote often holds several numbers: years, a list number, a level and its growth, the figures
of other indicators. Every number of the quote is read with its role (figure, year, date,
ordinal, list number) and the unit written after it. The value must be one of them:

- a figure, never a year (2020年), a date (1月5日), an ordinal (第三) or a list number (1.);
- written in the value's unit (13797.58亿元 is not 13797.58%), or bare, as a table cell whose
  row label gives the unit;
- where the quote names the indicator (name_zh, an alias, a target's own name_zh), after that
  name with no other indicator named in between, unless a word shared by a list stands between
  (分别, 均, 各); in "A、B分别达X、Y" the figures follow the items in order;
- not right after 年均 unless it is an average a year;
- when the number right before it (or before the list it stands in) is a year, that year lies in
  the figure's period (or is the year before, for a growth or a change: 比2015年增长).

- one entry's: two entries of a source cannot take the same cell of a table row, nor two
  observations the same figure of a clause that holds several (储备肉3410吨、蔬菜75000吨); a
  clause's one figure may serve several indicators, not two observations of one (figure_group;
  one_each, run by the checker over all entries).

A quote that names neither the indicator nor a year binds only by role and unit. A table row's
bare cells bind by number: which column a cell is in, the quote does not say.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from xjtrack.core.periods import Period
from xjtrack.core.quantity import (
    BASE_UNITS,
    MAGNITUDES,
    PER_UNITS,
    RATIO_UNITS,
    Quantity,
    Unit,
    _chinese_integer,
    format_number,
    parse_unit,
)
from xjtrack.core.vocab import Measure


def _longest_first(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


_TO_ASCII = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
_NUMBER = re.compile(rf"({_ARABIC})|([零一二两三四五六七八九十百千]+)")
_NUMERAL = re.compile("[0-9０-９零一二两三四五六七八九十百千万亿]")
_RANGE = re.compile(rf"(?:至|到|～|~|—|－|-)({_ARABIC})")  # 2至3, 2016—2020; with spaces, a table's — is a cell
_UNIT = re.compile(rf"(?:余|多)?(?P<mag>{_longest_first(MAGNITUDES)})?(?:余|多)?"
                   rf"(?P<unit>(?:{_longest_first([*BASE_UNITS, *RATIO_UNITS])})"
                   rf"(?:/(?:{_longest_first(PER_UNITS)}))?)?")
_SPACE = re.compile(r"\s")
_LIST = re.compile(r"\s*(?:、|和|及|与)?\s*")  # between two figures of one list
_CLAUSE = re.compile("[，,。；;：:]")
_SHARED = ("分别", "均", "各")
_YEARS = (1900, 2100)
_MOST = 64  # places of one value tried in a quote: no document repeats a figure more in one quote
_AVERAGES = (Measure.avg_annual_growth, Measure.annual_average)
_OF_ITS_YEARS = (Measure.level, Measure.total, Measure.annual_average)  # others may name the base year
_PHRASES = {"year": "a year", "date": "a date", "ordinal": "an ordinal", "index": "a list number"}
_CODES = {"year": "figure-is-a-date", "date": "figure-is-a-date", "ordinal": "figure-is-a-rank",
          "index": "figure-is-a-rank"}


@dataclass(frozen=True)
class Figure:
    """A number of a quote: where it stands, what it is, and the unit written after it."""

    start: int
    end: int  # after its unit
    low: float
    high: float | None  # a range's high end (2至3个百分点, 2016—2020年)
    unit: Unit | None  # None: bare (a table cell), or a magnitude alone (306.49万农村贫困人口)
    role: str  # figure, year, date, ordinal, index
    text: str
    magnitude: str = ""  # 万, 亿 … written with no unit after it


def _unit_after(text: str, at: int) -> tuple[Unit | None, str, int]:
    """The unit (or the bare magnitude) written right after a number, and where it ends."""
    window = text[at:at + 24]
    if not _SPACE.search(window):
        match, ends = _UNIT.match(window), range(at + 1, at + 25)
    else:  # PDF text spaces out "13078 亿元"
        ends = [i + 1 for i in range(at, at + len(window)) if not text[i].isspace()]
        match = _UNIT.match("".join(text[i - 1] for i in ends))
    magnitude, unit = (match.group("mag") or "", match.group("unit")) if match else ("", None)
    if not unit:
        return None, magnitude, ends[match.end() - 1] if magnitude else at
    try:
        return parse_unit(magnitude + unit), "", ends[match.end() - 1]
    except ValueError:
        return None, "", at


def _role(text: str, start: int, end: int, figure: Figure, opening: int) -> str:
    """figure, year, date, ordinal or index (a list number: "1." at the opening of the quote)."""
    before, after = text[max(0, start - 8):start].rstrip(), text[figure.end:figure.end + 8].lstrip()
    unit = figure.unit.text if figure.unit else ""
    if before.endswith("第") and not before.endswith("连续第"):  # 连续第16年 is a run of 16 years
        return "ordinal"
    years = [v for v in (figure.low, figure.high) if v is not None]
    if unit == "年" and all(v.is_integer() and _YEARS[0] <= v <= _YEARS[1] for v in years):
        return "year"
    if unit == "月" and (before.endswith("年") or re.match(r"\d+[日号]", after)):
        return "date"
    if text[end:end + 8].lstrip()[:1] in ("日", "号") and before.endswith("月"):
        return "date"
    if (figure.unit is None and not figure.magnitude and text[end:end + 1] in tuple(".．、)）")
            and start - opening <= 1 and text[opening:start] in ("", "(", "（")):
        return "index"
    return "figure"


@lru_cache(maxsize=4096)
def figures_in(text: str) -> tuple[Figure, ...]:
    """Every number of text in order, with its role and unit; Chinese numerals only with a unit.

    Several figures often share one sentence: each sentence is read once."""
    return tuple(_figures(text))


def _figures(text: str) -> list[Figure]:
    found: list[Figure] = []
    at, opening = 0, len(text) - len(text.lstrip())
    while (match := _NUMBER.search(text, at)) is not None:
        start, end = match.span()
        if match.group(1):
            low, high = float(match.group(1).translate(_TO_ASCII).replace(",", "")), None
            if more := _RANGE.match(text, end):
                high, end = float(more.group(1).translate(_TO_ASCII).replace(",", "")), more.end()
        else:
            low, high = float(_chinese_integer(match.group(2))), None
        unit, magnitude, stop = _unit_after(text, end)
        at = max(end, stop)
        if match.group(2) and unit is None and not magnitude:
            continue  # 一带一路, 十三五: Chinese numerals are a figure only with a unit (三十五个, 千亿元)
        figure = Figure(start, at, low, high, unit, "figure", text[start:at], magnitude)
        found.append(replace(figure, role=_role(text, start, end, figure, opening)))
    return found


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def _unit_fits(figure: Figure, unit: Unit) -> bool:
    if figure.unit is None:  # bare: a table cell, its unit in the row's label; or 306.49万 for 万人
        return not figure.magnitude or (unit.text.startswith(figure.magnitude)
                                        and len(unit.text) > len(figure.magnitude))
    return (figure.unit.family, figure.unit.factor) == (unit.family, unit.factor)


SEEN_TEXTS = 1 << 14  # quotes whose names are kept: a quote's figures are bound one after another


@dataclass(frozen=True)
class Names:
    """Every indicator name and alias of the registry, found in a quote longest first."""

    owner: dict[str, str]  # name -> its indicator id
    starting: dict[str, tuple[str, ...]]  # first two characters -> the names that start with them
    seen: dict[str, list] = field(default_factory=dict, compare=False)  # text -> its names, read once

    @classmethod
    def of(cls, indicators) -> Names:
        owner: dict[str, str] = {}
        for ind in indicators:
            for name in (ind.name_zh, *ind.aliases):
                if len(name) >= 2:
                    owner.setdefault(name, ind.id)
        starting: dict[str, list[str]] = {}
        for name in sorted(owner, key=len, reverse=True):
            starting.setdefault(name[:2], []).append(name)
        return cls(owner, {k: tuple(v) for k, v in starting.items()})

    def found(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, indicator) of each name in text, the longest at each place."""
        found = self.seen.get(text)
        if found is None:
            if len(self.seen) >= SEEN_TEXTS:  # the registry's Names serve every part of a corpus
                self.seen.clear()
            found = self.seen[text] = self._find(text)
        return found

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        out, i = [], 0
        while i < len(text) - 1:
            name = next((n for n in self.starting.get(text[i:i + 2], ()) if text.startswith(n, i)), None)
            if name is None:
                i += 1
                continue
            out.append((i, i + len(name), self.owner[name]))
            i += len(name)
        return out


@dataclass(frozen=True)
class Wanted:
    """What a value must be in its quote: its figure, and the indicator and period it is of."""

    quantity: Quantity
    indicator: str
    names: tuple[str, ...]  # the indicator's name and aliases, and a target's own name_zh
    measure: str
    period: Period | None
    as_written: str = ""


@dataclass(frozen=True)
class Unbound:
    """Why a value is not the figure its quote gives: a problem code and a message."""

    code: str
    message: str


@lru_cache(maxsize=256)
def _squeezed(text: str) -> tuple[list[int], str]:
    """text without its whitespace, and where each character kept stands in text."""
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    return keep, "".join(text[i] for i in keep)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Where needle starts and ends in text, whitespace ignored, as offsets in text."""
    if not _SPACE.search(text) and not _SPACE.search(needle):
        out, at = [], text.find(needle) if needle else -1
        while at >= 0:
            out.append((at, at + len(needle)))
            at = text.find(needle, at + 1)
        return out
    keep, squeezed = _squeezed(text)
    needle = "".join(needle.split())
    out, at = [], squeezed.find(needle) if needle else -1
    while at >= 0:
        out.append((keep[at], keep[at + len(needle) - 1] + 1))
        at = squeezed.find(needle, at + 1)
    return out


def _cut(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] begins or ends inside a longer number (三 of 三百, 千亿 of 五千亿)."""
    return bool((_NUMERAL.fullmatch(text[at]) and at and _NUMERAL.fullmatch(text[at - 1]))
                or (_NUMERAL.fullmatch(text[end - 1]) and end < len(text) and _NUMERAL.fullmatch(text[end])))


def _candidates(want: Wanted, text: str, figures: tuple[Figure, ...]) -> list[tuple[int, Figure | None]]:
    """(where, the number read there) for each place the value may stand in text."""
    written = want.as_written or want.quantity.numeral
    if written:  # in words or another form: where that stands as a whole, not inside a numeral
        return [(at, next((f for f in figures if f.start <= at < f.end), None))
                for at, end in _occurrences(text, written) if not _cut(text, at, end)][:_MOST]
    q = want.quantity
    low, high = abs(q.value), None if q.high is None else abs(q.high)
    return [(f.start, f) for f in figures if _same(f.low, low) and _same(f.high, high)][:_MOST]


def _other_named(want: Wanted, text: str, at: int, names: list[tuple[int, int, str]]) -> str | None:
    """Another indicator named between the value's own name and the value, when the quote names
    the indicator before it; None where a word a list shares (分别, 均, 各) stands between."""
    if not any(ind != want.indicator and end <= at for _, end, ind in names):
        return None  # no other indicator is named before the value (most quotes): no need to find its own
    own = [end for _, end, ind in names if ind == want.indicator and end <= at]
    own += [end for name in want.names if name for _, end in _occurrences(text, name) if end <= at]
    if not own:
        return None
    last = max(own)
    others = [ind for start, end, ind in names if ind != want.indicator and last <= start and end <= at]
    if not others or any(word in text[last:at] for word in _SHARED):
        return None
    return others[-1]


def _listed(want: Wanted, text: str, at: int, figures: tuple[Figure, ...]) -> tuple[str, str] | None:
    """In "A、B、C分别达X、Y、Z", (the item the figure at goes with, the indicator's own item) when
    they differ; None when they agree or the list cannot be read one to one."""
    shared = text.rfind("分别", 0, at)
    if shared < 0 or re.search("[。；;]", text[shared:at]):
        return None
    clause = max((m.end() for m in _CLAUSE.finditer(text, 0, shared)), default=0)
    items = [i.strip() for i in re.split("、|和|及|与", text[clause:shared]) if i.strip()]
    run: list[Figure] = []
    for f in (f for f in figures if f.start > shared and f.role == "figure"):
        if run and not _LIST.fullmatch(text[run[-1].end:f.start]):
            if any(g.start == at for g in run):
                break
            run = []
        run.append(f)
    place = next((k for k, f in enumerate(run) if f.start <= at < f.end), None)
    own = [k for k, item in enumerate(items) if any(item in n or n in item for n in want.names if n)]
    if place is None or len(run) != len(items) or len(own) != 1 or own[0] == place:
        return None
    return items[place], items[own[0]]


def _before_list(text: str, figures: tuple[Figure, ...], at: int) -> Figure | None:
    """The number before the list the number at stands in ("X、Y和Z": the one before X)."""
    before = [f for f in figures if f.end <= at]
    start = at
    while before and before[-1].role == "figure" and _LIST.fullmatch(text[before[-1].end:start]):
        start = before.pop().start
    return before[-1] if before else None


def _why_not(want: Wanted, text: str, at: int, figure: Figure | None, figures: tuple[Figure, ...],
             names: list[tuple[int, int, str]]) -> Unbound | None:
    """Why the number at is not the value's figure, or None when it is."""
    shown = want.as_written or want.quantity.text
    if figure is not None and figure.role != "figure":
        return Unbound(_CODES[figure.role], f"{figure.text.strip()!r} is {_PHRASES[figure.role]} in "
                       "the quote, not the figure: give the figure the quote states for the indicator")
    lead = text[max(0, at - 8):at].rstrip()
    if figure is None and lead.endswith("第") and not lead.endswith("连续第"):
        return Unbound("figure-is-a-rank", f"{shown!r} is an ordinal in the quote (第…), not the figure")
    if not (want.as_written or want.quantity.numeral) and not _unit_fits(figure, want.quantity.unit):
        written = figure.unit.text if figure.unit else figure.magnitude
        return Unbound("figure-other-unit", f"the quote writes {figure.text.strip()!r}, in {written}, "
                       f"not {want.quantity.unit.text or 'a bare number'}: a number in another unit "
                       "is another figure; write the value as the quote does, or say how with as_written:")
    other = _other_named(want, text, at, names)
    if other is not None:
        return Unbound("figure-other-indicator", f"in the quote {shown!r} follows the name of "
                       f"{other}, not of {want.indicator}: give the figure that follows this "
                       "indicator's name, or quote the words that give it")
    listed = _listed(want, text, at, figures)
    if listed is not None:
        return Unbound("figure-other-indicator", f"in the quote {shown!r} goes with {listed[0]!r} "
                       f"(分别: the figures follow the list in order), not with {listed[1]!r}")
    previous = _before_list(text, figures, at)
    words = text[previous.end if previous else 0:at]
    for name in want.names:
        words = words.replace(name, "") if name else words
    if "年均" in words and want.measure not in _AVERAGES:
        return Unbound("figure-other-measure", f"in the quote {shown!r} follows 年均: it is an "
                       f"average a year (avg_annual_growth, annual_average), not a {want.measure}")
    if previous is not None and previous.role == "year" and want.period is not None:
        first = want.period.start - (0 if want.measure in _OF_ITS_YEARS else 1)
        high = previous.high if previous.high is not None else previous.low
        if previous.low < first or high > want.period.end:
            return Unbound("figure-other-year", f"in the quote {shown!r} is tied to "
                           f"{previous.text.strip()!r}, not to the period {want.period}: give the "
                           "figure of the period, or correct the period")
    return None


def bind(want: Wanted, texts: tuple[str, ...], registry: Names) -> tuple[Unbound | None, tuple, str]:
    """Why the value is none of its quotes' figures (None when one of them is the value); the
    places it may be, as (index of the text, offset in it); and who else may be them (one_each):
    "cell" (bare table cells: no other entry of the source), "clause" (a figure among others of
    its clause: no other entry of the source), "alone" (the clause's one figure, which a list of
    indicators may share: no other entry of the indicator).

    texts are the source's own text each quote matched; the figure must already stand in one
    of them as a whole number (quotes.figure_missing)."""
    first: Unbound | None = None
    found: dict[str, list] = {"clause": [], "alone": [], "cell": []}
    for i, text in enumerate(texts):
        figures = figures_in(text)
        names = registry.found(text)
        for at, figure in _candidates(want, text, figures):
            why = _why_not(want, text, at, figure, figures, names)
            if why is None:
                scope = "cell" if _bare(figure, want) else "alone" if _alone(text, figures, at) else "clause"
                found[scope].append((i, at))
            first = first or why
    for scope in ("clause", "alone", "cell"):
        if found[scope]:
            return None, tuple(found[scope]), scope
    if first is None:
        number = want.as_written or want.quantity.numeral or format_number(abs(want.quantity.value))
        first = Unbound("figure-not-in-quote", f"{number} stands in the quote only inside another "
                        "figure or range: quote the words that give the figure itself")
    return first, (), ""


def _alone(text: str, figures: tuple[Figure, ...], at: int) -> bool:
    """Whether the figure at is the one figure of its clause (年均增长9%以上, 均达到100%): one
    several indicators may share, where a clause of several figures gives each to one."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(text, at)), len(text))
    return sum(1 for f in figures if start <= f.start < end and f.role == "figure") <= 1


def _bare(figure: Figure | None, want: Wanted) -> bool:
    """A table cell: a number written bare, for a value with a unit (the row's label gives it)."""
    return (figure is not None and figure.unit is None and not figure.magnitude
            and not (want.as_written or want.quantity.numeral) and bool(want.quantity.unit.text))


def one_each(places: list[frozenset[int]]) -> list[int | None]:
    """A place of its own for each claim, among the places it may take (a matching, found by
    augmenting paths in claim order); None for a claim left without one."""
    holder: dict[int, int] = {}

    def give(k: int, seen: set[int]) -> bool:
        for place in sorted(places[k] - seen):
            seen.add(place)
            if place not in holder or give(holder[place], seen):
                holder[place] = k
                return True
        return False

    for k in range(len(places)):
        give(k, set())
    mine = {k: place for place, k in holder.items()}
    return [mine.get(k) for k in range(len(places))]


def figure_group(scope: str, source: str, indicator: str, key: str) -> tuple[str, str, str] | None:
    """The entries among which a figure bound in scope (bind) is one entry's, or None: a table
    cell among every entry of the source; a sentence's figure among the source's observations,
    all of them where its clause holds several figures, else those of its indicator. A target's
    sentence figure is not in a group: extract drafts targets that read a curated figure again
    (another measure or jurisdiction) for a curator to compare."""
    if scope == "cell":
        return source, "", ""
    if key != "value":
        return None
    return (source, "*", key) if scope == "clause" else (source, indicator, key)
