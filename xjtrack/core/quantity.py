"""Reading quantities as Chinese plans write them: "7%左右", "[220以上]万人", "突破9500公里"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Comparators: ">=" at least, "<=" at most, "~" about, "=" reach (resolved by direction).
QUALIFIERS: dict[str, str] = {
    "不低于": ">=", "不少于": ">=", "以上": ">=", "突破": ">=", "超过": ">=", "余": ">=",
    "多": ">=",
    "≥": ">=", ">": ">=", "＞": ">=",
    "不超过": "<=", "以内": "<=", "以下": "<=", "≤": "<=", "<": "<=", "＜": "<=",
    "左右": "~", "约": "~", "≈": "~",
    "控制在": "<=?",  # at most, unless another qualifier says otherwise (控制在3%左右)
    "达到": "=", "=": "=",
}
_QUALIFIER_RE = re.compile("|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)))
_NUMBER_RE = re.compile(r"^(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$")
_WHITESPACE = re.compile(r"\s+")

MAGNITUDES: dict[str, float] = {
    "": 1, "十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6,
    "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12,
}

# base unit -> (family, factor to the family's base). Conversion happens only inside a family.
BASE_UNITS: dict[str, tuple[str, float]] = {
    "元": ("CNY", 1), "美元": ("USD", 1),
    "人": ("people", 1), "人次": ("person-times", 1), "户": ("households", 1),
    "套": ("dwellings", 1), "个": ("个", 1), "件": ("件", 1), "座": ("座", 1), "家": ("家", 1),
    "所": ("所", 1), "项": ("项", 1), "张": ("张", 1), "辆": ("辆", 1), "架": ("架", 1),
    "列": ("列", 1), "条": ("条", 1), "场": ("场", 1), "次": ("次", 1), "批": ("批", 1),
    "处": ("处", 1), "台": ("台", 1), "部": ("部", 1), "场次": ("场", 1), "件套": ("件套", 1),
    "公斤/亩": ("yield", 1), "斤/亩": ("yield", 0.5), "吨/亩": ("yield", 1000), "头只": ("head", 1), "头": ("head", 1), "只": ("head", 1),
    "公里": ("km", 1), "千米": ("km", 1), "米": ("km", 1e-3),
    "平方公里": ("km2", 1), "平方米": ("km2", 1e-6),
    "亩": ("mu", 1), "公顷": ("mu", 15),
    "吨": ("t", 1), "公斤": ("t", 1e-3), "斤": ("t", 5e-4),
    "千瓦": ("kW", 1), "千瓦时": ("kWh", 1), "立方米": ("m3", 1), "标箱": ("TEU", 1),
    "年": ("years", 1), "天": ("days", 1), "小时": ("hours", 1),
}
RATIO_UNITS: dict[str, tuple[str, float]] = {
    "%": ("ratio", 1e-2), "％": ("ratio", 1e-2), "‰": ("ratio", 1e-3),
    "个百分点": ("points", 1), "百分点": ("points", 1),
}
_BASES_LONGEST_FIRST = sorted(BASE_UNITS, key=len, reverse=True)


class QuantityError(ValueError):
    """Text that cannot be read as a quantity; the message says what would be accepted."""


class IncomparableUnits(ValueError):
    """Two units from different families, such as 亿元 and 亿美元."""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Quantity:
    text: str  # as written in the data
    value: float | None  # None for a target with no number (控制在国家下达指标内)
    unit: Unit
    comparator: str  # ">=", "<=", "~" or "="
    cumulative: bool  # written in [ ]: a five-year total

    @property
    def number(self) -> str:
        return "—" if self.value is None else format_number(self.value)

    def value_in(self, unit: Unit) -> float:
        if self.value is None:
            raise IncomparableUnits(f"{self.text!r} states no number")
        return self.unit.convert(self.value, unit)


def format_number(value: float) -> str:
    return f"{value:.10g}" if abs(value) < 1e10 else f"{value:.0f}"


def parse_unit(text: str) -> Unit:
    if text == "":
        return DIMENSIONLESS
    if text in RATIO_UNITS:
        family, factor = RATIO_UNITS[text]
        return Unit("%" if text == "％" else text, family, factor)
    for base in _BASES_LONGEST_FIRST:
        if text.endswith(base) and text[: -len(base)] in MAGNITUDES:
            family, factor = BASE_UNITS[base]
            return Unit(text, family, factor * MAGNITUDES[text[: -len(base)]])
    raise QuantityError(
        f"unknown unit {text!r}; write a magnitude (万, 亿, 万亿) and a unit such as "
        f"{', '.join(list(BASE_UNITS)[:12])}, or %, ‰, 百分点 (the full list is in CURATING.md)"
    )


def _comparator(found: list[str], text: str) -> str:
    strong = {QUALIFIERS[q] for q in found} - {"=", "<=?"}
    if len(strong) > 1:
        raise QuantityError(f"{text!r} has qualifiers that contradict each other: {', '.join(found)}")
    if strong:
        return strong.pop()
    return "<=" if "控制在" in found else "="


def parse_quantity(text: str) -> Quantity:
    """Read a target or outcome as written; raise QuantityError with a fix if it can't be read."""
    compact = _WHITESPACE.sub("", text).replace("−", "-").replace("［", "[").replace("］", "]")
    if not compact:
        raise QuantityError("empty quantity; write the number as the document does, e.g. \"7%左右\"")
    if not re.search(r"\d", compact):
        if "下达" in compact:  # a quota assigned from above, with no number in the document
            return Quantity(text, None, DIMENSIONLESS, "<=", False)
        raise QuantityError(
            f"{text!r} has no number; use metric: qualitative for a target without one"
        )
    found = _QUALIFIER_RE.findall(compact)
    rest = _QUALIFIER_RE.sub("", compact)
    cumulative = rest.startswith("[")
    if cumulative:
        close = rest.find("]")
        if close == -1 or "[" in rest[1:] or "]" in rest[close + 1 :]:
            raise QuantityError(f"{text!r} has unbalanced [ ]; write e.g. \"[220以上]万人\"")
        rest = rest[1:close] + rest[close + 1 :]
    elif "[" in rest or "]" in rest:
        raise QuantityError(f"{text!r}: [ ] must enclose the number, e.g. \"[220以上]万人\"")
    match = _NUMBER_RE.match(rest)
    if not match:
        raise QuantityError(f"cannot read {text!r}: expected a number first, e.g. \"13078亿元\"")
    number, unit_text = match.groups()
    return Quantity(
        text=text,
        value=float(number.replace(",", "")),
        unit=parse_unit(unit_text),
        comparator=_comparator(found, text),
        cumulative=cumulative,
    )
