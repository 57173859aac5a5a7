"""Edit checks on series, as statistical offices run them: figures that break their series.

Three checks, each naming both figures and both sources; nothing is ever corrected:
- a level that moves more than tenfold from one year to the next (690亿元 in 2020, 31亿元 in 2022
  is not a fall of industry, it is another indicator read as this one);
- a year's growth that contradicts the two levels it joins, beyond rounding (only where the
  indicator's growth is measured in the prices of its levels);
- an aggregate (亿元, 万吨, 万人; not per head) of a jurisdiction above its parent's for the same
  year (a city above its region).
validate prints them as warnings; extract marks the drafted entries they concern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xjtrack.core.quantity import IncomparableUnits
from xjtrack.core.records import Indicator, Observation

JUMP = 10.0  # a level more than this many times the year before's (or less than its tenth)
GROWTH_SLACK = 0.6  # percentage points: a growth rate and its levels' ratio, both rounded, may differ this much


@dataclass(frozen=True)
class Suspect:
    message: str
    observations: tuple[str, ...]  # the ids of the two figures


def _say(o: Observation) -> str:
    return f"{o.value.text} ({o.period}, {o.source})"


def _ratio(a: Observation, b: Observation) -> float | None:
    try:
        low = a.value.value_in(b.value.unit)
    except IncomparableUnits:
        return None
    return b.value.value / low if low and b.value.value is not None else None


def suspects(observations: Iterable[Observation], indicators: dict[str, Indicator],
             parents: dict[str, str]) -> list[Suspect]:
    """Every pair of figures that cannot both be right as recorded."""
    levels: dict[tuple, list[Observation]] = {}
    growth: dict[tuple, list[Observation]] = {}
    for o in observations:
        if o.unusable or o.value.value is None or o.period.years != 1:
            continue
        if o.measure == "level":
            levels.setdefault((o.indicator, o.jurisdiction, o.period.end), []).append(o)
        elif o.measure == "yoy_growth":
            growth.setdefault((o.indicator, o.jurisdiction, o.period.end), []).append(o)
    found: list[Suspect] = []
    for (indicator, where, year), now in sorted(levels.items()):
        kind = indicators[indicator].kind if indicator in indicators else ""
        for before in levels.get((indicator, where, year - 1), ()):
            for o in now:
                ratio = _ratio(before, o)
                if kind != "rate" and ratio is not None and ratio > 0 and (ratio > JUMP or ratio < 1 / JUMP):
                    found.append(Suspect(f"{where} {indicator} level moves {ratio:.3g}-fold in a year: "
                                         f"{_say(before)} → {_say(o)}", (before.id, o.id)))
                _growth_check(found, indicators.get(indicator), before, o, growth.get((indicator, where, year), ()))
        parent = parents.get(where)
        additive = indicator in indicators and _additive(indicators[indicator])
        if parent and additive:
            for above in levels.get((indicator, parent, year), ()):
                for o in now:
                    ratio = _ratio(above, o)
                    if ratio is not None and ratio > 1:
                        found.append(Suspect(f"{indicator} {year}: {where} {_say(o)} is above {parent} "
                                             f"{_say(above)}", (o.id, above.id)))
    return found


def _additive(indicator: Indicator) -> bool:
    """An aggregate a part cannot exceed (亿元, 万吨, 万人): not a per-head figure or a count of
    each government's own projects."""
    return indicator.kind in ("flow", "stock") and "人均" not in indicator.name_zh and \
        any(m in indicator.unit for m in ("亿", "万"))


def _growth_check(found: list[Suspect], indicator: Indicator | None, before: Observation, now: Observation,
                  rates: Iterable[Observation]) -> None:
    if indicator is None or indicator.kind == "rate" or not indicator.growth_from_levels():
        return
    ratio = _ratio(before, now)
    if ratio is None:
        return
    implied = (ratio - 1) * 100
    for rate in rates:
        if rate.value.unit.family == "ratio" and abs(implied - rate.value.value) > GROWTH_SLACK:
            found.append(Suspect(f"{now.jurisdiction} {indicator.id} growth {_say(rate)} contradicts its levels "
                                 f"{_say(before)} → {_say(now)} ({implied:+.1f}%)", (rate.id, now.id)))
