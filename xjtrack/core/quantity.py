"""Reading quantities as Chinese plans write them: "7%左右", "[220以上]万人", "突破千亿元", "翻一番".

A quantity is read strictly. Qualifiers (左右, 以上, 突破 …) stand before or after the number,
never inside it; the digits of a number are one script; a number too large to be a real figure
is refused. Anything that could be read two ways is an error that says how to write it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

# Comparators: ">=" at least, "<=" at most, "~" about, "=" reach (resolved by direction).
QUALIFIERS: dict[str, str] = {
    "不低于": ">=", "不少于": ">=", "以上": ">=", "突破": ">=", "超过": ">=", "余": ">=",
    "多": ">=",
    "≥": ">=", ">": ">=", "＞": ">=",
    "不超过": "<=", "以内": "<=", "以下": "<=", "≤": "<=", "<": "<=", "＜": "<=",
    "大于": ">=", "高于": ">=", "逾": ">=",
    "低于": "<=", "少于": "<=", "不到": "<=",
    "左右": "~", "约": "~", "≈": "~", "近": "~",
    "控制在": "<=?",  # at most, unless another qualifier says otherwise (控制在3%左右)
    "达到": "=", "=": "=",
}
_BY_LENGTH = sorted(QUALIFIERS, key=len, reverse=True)
_NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ARABIC_RE = re.compile(rf"^({_NUMBER})(.*)$")
_RANGE_SEPARATORS = ("至", "到", "～", "~", "—", "-")
_WHITESPACE = re.compile(r"\s+")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ANY_DIGIT = re.compile(r"\d")  # Unicode digits of any script, to refuse the others
_DOUBLING = re.compile(r"^翻(一|两|二|三)?番$")
_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_RE = re.compile("^([零一二两三四五六七八九十百千]*)(万亿|亿|万)?(.*)$")
LARGEST = 1e15  # no figure in a plan comes near this; a longer number is a typo

MAGNITUDES: dict[str, float] = {
    "": 1, "十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6,
    "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12,
}

# base unit -> (family, factor to the family's base). Conversion happens only inside a family.
BASE_UNITS: dict[str, tuple[str, float]] = {
    "元": ("CNY", 1), "美元": ("USD", 1),
    "人": ("people", 1), "名": ("people", 1), "人次": ("person-times", 1), "户": ("households", 1),
    "套": ("dwellings", 1), "个": ("个", 1), "件": ("件", 1), "座": ("座", 1), "家": ("家", 1),
    "所": ("所", 1), "项": ("项", 1), "张": ("张", 1), "辆": ("辆", 1), "架": ("架", 1),
    "列": ("列", 1), "条": ("条", 1), "场": ("场", 1), "次": ("次", 1), "批": ("批", 1),
    "处": ("处", 1), "台": ("台", 1), "部": ("部", 1), "场次": ("场", 1), "件套": ("件套", 1),
    "株": ("plants", 1), "栋": ("buildings", 1), "盆": ("pots", 1), "起": ("cases", 1),
    "头只": ("head", 1), "头": ("head", 1), "只": ("head", 1),
    "公里": ("km", 1), "千米": ("km", 1), "米": ("km", 1e-3),
    "平方公里": ("area", 1), "平方米": ("area", 1e-6), "亩": ("area", 1 / 1500),
    "公顷": ("area", 0.01),
    "吨": ("t", 1), "公斤": ("t", 1e-3), "斤": ("t", 5e-4), "微克": ("t", 1e-12),
    "吨标准煤": ("tce", 1),
    "千瓦": ("kW", 1), "千瓦时": ("kWh", 1), "立方米": ("m3", 1), "标箱": ("TEU", 1),
    "年": ("years", 1), "月": ("months", 1), "个月": ("months", 1), "天": ("days", 1),
    "工作日": ("working days", 1), "个工作日": ("working days", 1),
    "小时": ("hours", 1), "分钟": ("hours", 1 / 60), "岁": ("age", 1),
}
# X/Y units (500公斤/亩, 0.5吨标准煤/万元): X converts inside its family, Y must be the same
PER_UNITS = ("亩", "万元", "亿元", "年", "人", "十万人", "立方米", "平方公里", "天")
RATIO_UNITS: dict[str, tuple[str, float]] = {
    "%": ("ratio", 1e-2), "％": ("ratio", 1e-2), "‰": ("ratio", 1e-3),
    "个百分点": ("points", 1), "百分点": ("points", 1), "倍": ("multiple", 1),
}
_BASES_LONGEST_FIRST = sorted(BASE_UNITS, key=len, reverse=True)


class QuantityError(ValueError):
    """Text that cannot be read as a quantity; the message says what would be accepted."""


class IncomparableUnits(ValueError):
    """Two units from different families, such as 亿元 and 亿美元."""


@dataclass(frozen=True, slots=True)
class Unit:
    text: str  # as written: "亿元", "%", "" for a bare number
    family: str
    factor: float  # one of this unit in the family's base

    def convert(self, value: float, to: Unit) -> float:
        if self.family != to.family:
            raise IncomparableUnits(
                f"{self.text or 'a bare number'} cannot be compared with {to.text or 'a bare number'}"
            )
        if self.factor == to.factor:
            return value
        return round(value * (self.factor / to.factor), 9)


DIMENSIONLESS = Unit("", "number", 1)


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str  # as written in the data
    value: float | None  # None for a target with no number (控制在国家下达指标内); a range's low end
    unit: Unit
    comparator: str  # ">=", "<=", "~" or "="
    cumulative: bool  # written in [ ]: a five-year total
    high: float | None = None  # a range's high end (2至3个百分点)
    numeral: str = ""  # the number as written when not in Arabic digits: "千亿", "翻一番"

    def value_in(self, unit: Unit) -> float:
        if self.value is None:
            raise IncomparableUnits(f"{self.text!r} states no number")
        return self.unit.convert(self.value, unit)

    def high_in(self, unit: Unit) -> float | None:
        return None if self.high is None else self.unit.convert(self.high, unit)


def format_number(value: float) -> str:
    return f"{value:.10g}" if abs(value) < 1e10 else f"{value:.0f}"


def _simple_unit(text: str) -> Unit | None:
    for base in _BASES_LONGEST_FIRST:
        if text.endswith(base) and text[: -len(base)] in MAGNITUDES:
            family, factor = BASE_UNITS[base]
            return Unit(text, family, factor * MAGNITUDES[text[: -len(base)]])
    return None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    if text == "":
        return DIMENSIONLESS
    if text in RATIO_UNITS:
        family, factor = RATIO_UNITS[text]
        return Unit("%" if text == "％" else text, family, factor)
    simple = _simple_unit(text)
    if simple is not None:
        return simple
    above, slash, below = text.partition("/")
    numerator = _simple_unit(above) if slash else None
    if numerator is not None and below in PER_UNITS:
        return Unit(text, f"{numerator.family}/{below}", numerator.factor)
    raise QuantityError(
        f"unknown unit {text!r}; write a magnitude (万, 亿, 万亿) and a unit such as "
        f"{', '.join(list(BASE_UNITS)[:12])}, or %, ‰, 百分点, or X/Y such as 公斤/亩 (the full list "
        "is in CURATING.md)"
    )


def _strip_qualifiers(text: str) -> tuple[str, list[str]]:
    """Qualifiers at the start and at the end of text, and what is left between them."""
    found: list[str] = []
    changed = True
    while changed and text:
        changed = False
        for q in _BY_LENGTH:
            if text.startswith(q):
                found.append(q)
                text = text[len(q):]
                changed = True
                break
            if text.endswith(q) and len(text) > len(q):
                found.append(q)
                text = text[: -len(q)]
                changed = True
                break
    return text, found


def _comparator(found: list[str], text: str) -> str:
    strong = {QUALIFIERS[q] for q in found} - {"=", "<=?"}
    if len(strong) > 1:
        raise QuantityError(f"{text!r} has qualifiers that contradict each other: {', '.join(found)}")
    if strong:
        return strong.pop()
    return "<=" if "控制在" in found else "="


def _chinese_integer(text: str) -> int:
    total = current = 0
    for ch in text:
        if ch in _CHINESE_DIGITS:
            current = _CHINESE_DIGITS[ch]
        elif ch in _CHINESE_UNITS:
            total += (current or 1) * _CHINESE_UNITS[ch]
            current = 0
    return total + current


def _number(text: str, whole: str) -> tuple[float, str, str]:
    """The number at the start of text, what follows it, and the number as written if not Arabic."""
    if text[:1].isdigit() or text[:2].lstrip("-")[:1].isdigit():
        ascii_text = text.translate(_FULL_WIDTH_DIGITS)
        match = _ARABIC_RE.match(ascii_text)
        if match is None:
            raise QuantityError(f"cannot read {whole!r}: expected a number first, e.g. \"13078亿元\"")
        digits = re.match(r"-?[\d.,]+", text).group()
        scripts = {ch.isascii() for ch in digits if ch.isdigit()}
        if len(scripts) > 1 or any(ch.isdigit() and not ch.isascii() and ch not in "０１２３４５６７８９"
                                   for ch in digits):
            raise QuantityError(f"{whole!r} mixes the digits of two scripts; write it in 0-9")
        number = match.group(1)
        return float(number.replace(",", "")), match.group(2), ""
    match = _CHINESE_RE.match(text)
    numeral, magnitude, rest = match.group(1), match.group(2) or "", match.group(3)
    if not numeral and not magnitude:
        raise QuantityError(f"cannot read {whole!r}: expected a number first, e.g. \"13078亿元\"")
    if not numeral:  # 亿元, 万人: a magnitude and a unit, with no number before them
        raise QuantityError(f"{whole!r} has no number: {magnitude} is a magnitude of the unit; write "
                            f"the number the document gives (\"1{magnitude}…\"), or use measure: "
                            "qualitative for a target without one")
    value = float(_chinese_integer(numeral))
    return value, magnitude + rest, numeral + magnitude


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity:
    """Read a target or figure as written; raise QuantityError with a fix if it can't be read.

    Quantities are immutable and the same texts recur ("100%", "5.5%以内"), so readings are cached.
    """
    compact = _WHITESPACE.sub("", text).replace("−", "-").replace("［", "[").replace("］", "]")
    if not compact:
        raise QuantityError("empty quantity; write the number as the document does, e.g. \"7%左右\"")
    rest, found = _strip_qualifiers(compact)
    doubling = _DOUBLING.match(rest)
    if doubling:
        times = {"两": 4, "二": 4, "三": 8}.get(doubling.group(1) or "一", 2)
        return Quantity(text, float(times), parse_unit("倍"), _comparator(found, text), False,
                        numeral=rest)
    if not _ANY_DIGIT.search(rest) and not re.match("^[零一二两三四五六七八九十百千万亿]", rest):
        if "下达" in compact:  # a quota assigned from above, with no number in the document
            return Quantity(text, None, DIMENSIONLESS, "<=", False)
        raise QuantityError(
            f"{text!r} has no number; use measure: qualitative for a target without one"
        )
    cumulative = rest.startswith("[")
    if cumulative:
        close = rest.find("]")
        if close == -1 or "[" in rest[1:] or "]" in rest[close + 1 :]:
            raise QuantityError(f"{text!r} has unbalanced [ ]; write e.g. \"[220以上]万人\"")
        inner, inner_found = _strip_qualifiers(rest[1:close])
        found += inner_found
        rest = inner + rest[close + 1 :]
    elif "[" in rest or "]" in rest:
        raise QuantityError(f"{text!r}: [ ] must enclose the number, e.g. \"[220以上]万人\"")
    value, tail, numeral = _number(rest, text)
    high = None
    for sep in _RANGE_SEPARATORS:
        before, got, after = tail.partition(sep)
        if got and after[:1].isdigit():
            high, tail, _ = _number(after, text)
            if before and before != tail:
                raise QuantityError(f"{text!r}: both ends of a range take the same unit")
            if high <= value:
                raise QuantityError(f"{text!r}: a range runs from the lower number to the higher")
            break
    for extra in ("余", "多"):  # 4800余户, 4.8万余户: "more than", right after the number
        for magnitude in sorted(MAGNITUDES, key=len, reverse=True):
            if tail.startswith(magnitude + extra) and (magnitude or tail.startswith(extra)):
                tail = magnitude + tail[len(magnitude) + 1 :]
                found.append(extra)
                break
    if not all(math.isfinite(v) and abs(v) <= LARGEST for v in (value, high or 0.0)):
        raise QuantityError(f"{text!r} is not a figure a document gives: the number is too large")
    if any(q in tail for q in QUALIFIERS) or _ANY_DIGIT.search(tail):
        raise QuantityError(f"cannot read {text!r}: a qualifier (以上, 左右 …) stands before or after "
                            "the whole quantity, never inside a number")
    return Quantity(text=text, value=value, unit=parse_unit(tail), comparator=_comparator(found, text),
                    cumulative=cumulative, high=high, numeral=numeral)
