"""One indicator in one jurisdiction: every observation with its vintages, and what they imply.

A figure a target needs is taken as reported where a document reports it (the latest vintage
decides), and otherwise derived from figures that are reported: a change from two levels, an
average growth compounded from every year's rate, a total from every year's flow. A growth
rate is never derived from levels in other prices (real growth from nominal levels), and
figures in different unit families are never combined.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from xjtrack.core.periods import Period
from xjtrack.core.phrases import Code, Reason, phrase
from xjtrack.core.quantity import IncomparableUnits, Unit, format_number, parse_unit
from xjtrack.core.records import Figure, Indicator, Observation
from xjtrack.core.vocab import Measure

POINTS = Unit("个百分点", "points", 1)
PERCENT = parse_unit("%")
TIMES = parse_unit("倍")


def vintage_order(o: Observation) -> tuple:
    """Later documents decide; within a document, the order it was curated in.

    A secondary source's figure (news, analysis) ranks below every original document's, and
    another version of a document (a summary of the speech as delivered) below the official
    text it is a version of, which is never dated before it (validate checks)."""
    return not o.secondary, o.source_date.last_day(), not o.version, o.file, o.position


# -- the arithmetic, one function per derivation (table-tested) ----------------------------

def compound(rates: list[float]) -> float:
    """The average annual growth (%) of yearly growth rates (%): compounded, never summed."""
    product = math.prod(1 + r / 100 for r in rates)
    return (product ** (1 / len(rates)) - 1) * 100


def cagr(start: float, end: float, years: int) -> float:
    """The average annual growth (%) that takes start to end in years."""
    return ((end / start) ** (1 / years) - 1) * 100


def growth_between(start: float, end: float) -> float:
    """The growth (%) from start to end over the whole period."""
    return (end / start - 1) * 100


def product_growth(rates: list[float]) -> float:
    """The growth (%) over a period of its yearly growth rates (%)."""
    return (math.prod(1 + r / 100 for r in rates) - 1) * 100


def fall_of(reductions: list[float]) -> float:
    """The fall (%) over a period of its yearly falls (%)."""
    return (1 - math.prod(1 - r / 100 for r in reductions)) * 100


@dataclass(frozen=True)
class Level:
    value: float  # in unit
    unit: Unit
    observation: Observation


def _display(value: float, unit: Unit) -> str:
    return f"{format_number(round(value, 4))}{unit.text}"


@dataclass
class Series:
    indicator: Indicator
    jurisdiction: str
    observations: list[Observation] = field(default_factory=list)  # usable, visible, in vintage order
    _by_key: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for o in sorted(self.observations, key=vintage_order):
            self._by_key.setdefault((o.measure, o.period), []).append(o)

    # -- what the documents report --------------------------------------------------------

    def vintages(self, measure: str, period: Period) -> list[Observation]:
        """Every document's figure for measure and period, the deciding (latest) one last."""
        return self._by_key.get((measure, period), [])

    def reported(self, measure: str, period: Period) -> Observation | None:
        found = self.vintages(measure, period)
        return found[-1] if found else None

    def level(self, year: int, unit: Unit | None = None) -> Level | None:
        """The level in year, in unit (or in its own unit), from the latest vintage."""
        found = self.reported(Measure.level, Period(year, year))
        if found is None or found.value.value is None:
            return None
        if unit is None:
            return Level(found.value.value, found.value.unit, found)
        try:
            return Level(found.value.value_in(unit), unit, found)
        except IncomparableUnits:
            return None

    def _reported_figure(self, o: Observation) -> Figure:
        return Figure(indicator=self.indicator.id, measure=o.measure, period=o.period, value=o.value.value,
                      unit=o.value.unit.text,
                      text=o.value.text, how=(), observations=(o.id,))

    def _derived(self, measure: str, period: Period, value: float, unit: Unit, how: Reason,
                 used: Iterable[Observation]) -> Figure:
        return Figure(indicator=self.indicator.id, measure=measure, period=period, value=value,
                      unit=unit.text, text=_display(value, unit),
                      how=how, observations=tuple(o.id for o in used))

    # -- the figure a target needs ---------------------------------------------------------

    def figure(self, measure: str, period: Period, unit: Unit | None = None,
               direction: str = "up") -> Figure | None:
        """The figure for measure over period: reported, or derived from reported figures."""
        if not self.observations:  # nothing reported yet (as for most targets on most days): nothing to derive
            return None
        found = self.reported(measure, period)
        if found is not None and found.value.value is not None:
            return self._reported_figure(found)
        derive = _DERIVATIONS.get(measure)
        return derive(self, period, unit, direction) if derive else None

    def yearly(self, measure: str, period: Period) -> list[Observation] | None:
        """The reported figure of every year of period, or None if a year is missing."""
        found = [self.reported(measure, Period(y, y)) for y in range(period.start, period.end + 1)]
        return None if any(o is None or o.value.value is None for o in found) else found

    def _levels(self, period: Period, unit: Unit | None) -> tuple[Level, Level] | None:
        """The level the year before period starts and the level in its last year, in one unit."""
        end = self.level(period.end, unit)
        if end is None:
            return None
        start = self.level(period.start - 1, end.unit)
        return None if start is None or start.value == 0 else (start, end)

    def _change(self, period, unit, direction):
        levels = self._levels(period, None if unit is None or unit.family == "points" else unit)
        if levels is None:
            return None
        start, end = levels
        out_unit = start.unit
        a, b = start.value, end.value
        if start.unit.family == "ratio":  # a rate's change is in percentage points
            a, b, out_unit = start.unit.convert(a, PERCENT), end.unit.convert(b, PERCENT), POINTS
        return self._derived(Measure.change, period, b - a, out_unit,
                             (phrase(Code.change_from_levels, start=period.start - 1, end=period.end),),
                             (start.observation, end.observation))

    def _growth_from_levels(self, measure, period, unit) -> Figure | None:
        if not self.indicator.growth_from_levels():
            return None
        levels = self._levels(period, None)
        if levels is None:
            return None
        start, end = levels
        years = period.end - period.start + 1
        if measure == Measure.avg_annual_growth or measure == Measure.yoy_growth:
            value = cagr(start.value, end.value, years)
        elif measure == Measure.cumulative_growth:
            value = growth_between(start.value, end.value)
        else:
            value = -growth_between(start.value, end.value)
        return self._derived(measure, period, value, PERCENT,
                             (phrase(Code.growth_from_levels, start=period.start - 1, end=period.end),),
                             (start.observation, end.observation))

    def _yoy(self, period, unit, direction):
        if period.years != 1:
            return None
        for measure in (Measure.avg_annual_growth, Measure.cumulative_growth):
            found = self.reported(measure, period)
            if found is not None and found.value.value is not None:
                return self._derived(Measure.yoy_growth, period, found.value.value, PERCENT,
                                     (phrase(Code.growth_over_single_year),), (found,))
        return self._growth_from_levels(Measure.yoy_growth, period, unit)

    def _avg_growth(self, period, unit, direction):
        if period.years == 1:
            single = self.reported(Measure.yoy_growth, period)
            if single is not None:
                return self._derived(Measure.avg_annual_growth, period, single.value.value, PERCENT,
                                     (phrase(Code.growth_of_single_year),), (single,))
        yearly = self.yearly(Measure.yoy_growth, period)
        if yearly is not None:
            return self._derived(Measure.avg_annual_growth, period,
                                 compound([o.value.value for o in yearly]), PERCENT,
                                 (phrase(Code.compounded_growth, period=period),), yearly)
        total = self.reported(Measure.cumulative_growth, period)
        if total is not None:
            rate = ((1 + total.value.value / 100) ** (1 / period.years) - 1) * 100
            return self._derived(Measure.avg_annual_growth, period, rate, PERCENT,
                                 (phrase(Code.average_of_growth, period=period),), (total,))
        return self._growth_from_levels(Measure.avg_annual_growth, period, unit)

    def _cumulative_growth(self, period, unit, direction):
        fall = self.reported(Measure.reduction, period)
        if fall is not None:
            return self._derived(Measure.cumulative_growth, period, -fall.value.value, PERCENT,
                                 (phrase(Code.fall_as_growth),), (fall,))
        yearly = self.yearly(Measure.yoy_growth, period)
        if yearly is not None:
            return self._derived(Measure.cumulative_growth, period,
                                 product_growth([o.value.value for o in yearly]), PERCENT,
                                 (phrase(Code.compounded_growth, period=period),), yearly)
        return self._growth_from_levels(Measure.cumulative_growth, period, unit)

    def _reduction(self, period, unit, direction):
        rise = self.reported(Measure.cumulative_growth, period)
        if rise is not None:
            return self._derived(Measure.reduction, period, -rise.value.value, PERCENT,
                                 (phrase(Code.growth_as_fall),), (rise,))
        if period.years > 1:
            yearly = self.yearly(Measure.reduction, period)
            if yearly is not None:
                return self._derived(Measure.reduction, period,
                                     fall_of([o.value.value for o in yearly]), PERCENT,
                                     (phrase(Code.compounded_falls, period=period),), yearly)
        return self._growth_from_levels(Measure.reduction, period, unit)

    def _yearly_levels(self, period, unit) -> list[Level] | None:
        """Every year's level over period, all in one unit, or None if a year is missing."""
        first = self.level(period.start, unit)
        if first is None:
            return None
        rest = [self.level(y, first.unit) for y in range(period.start + 1, period.end + 1)]
        return None if None in rest else [first, *rest]

    def _total(self, period, unit, direction):
        if self.indicator.kind != "flow":
            return None
        levels = self._yearly_levels(period, unit)
        if levels is None:
            return None
        out = levels[0].unit
        return self._derived(Measure.total, period, sum(level.value for level in levels), out,
                             (phrase(Code.sum_of_years, period=period),),
                             [level.observation for level in levels])

    def _annual_average(self, period, unit, direction):
        total = self.reported(Measure.total, period)
        if total is not None and total.value.value is not None:
            out = total.value.unit if unit is None else unit
            try:
                value = total.value.value_in(out) / period.years
            except IncomparableUnits:
                return None
            return self._derived(Measure.annual_average, period, value, out,
                                 (phrase(Code.total_over_years, period=period, years=period.years),), (total,))
        levels = self._yearly_levels(period, unit)
        if levels is None:
            return None
        return self._derived(Measure.annual_average, period,
                             sum(level.value for level in levels) / len(levels), levels[0].unit,
                             (phrase(Code.average_of_years, period=period),),
                             [level.observation for level in levels])

    def _multiple(self, period, unit, direction):
        levels = self._levels(period, None)
        if levels is None:
            return None
        start, end = levels
        return self._derived(Measure.multiple, period, end.value / start.value, TIMES,
                             (phrase(Code.level_over_level, end=period.end, start=period.start - 1),),
                             (start.observation, end.observation))

    def _every_year(self, period, unit, direction):
        """A level over a period holds in every year of it: the worst year decides."""
        if period.years == 1:
            return None
        levels = self._yearly_levels(period, unit)
        if levels is None:
            return None
        worst = (min if direction == "up" else max)(levels, key=lambda level: level.value)
        return self._derived(Measure.level, period, worst.value, worst.unit,
                             (phrase(Code.worst_year, worst="lowest" if direction == "up" else "highest",
                                     period=period, year=worst.observation.period),),
                             [level.observation for level in levels])

    # -- interim figures: the part of the period reported so far -----------------------------

    def interim(self, measure: str, period: Period, base_year: int, unit: Unit | None = None,
                direction: str = "up") -> Figure | None:
        """The figure for the part of period reported so far, before its last year: the one
        reaching the latest year decides (a figure for the first year, reported later, does not
        outweigh a later year's)."""
        if not self.observations:
            return None
        if measure == Measure.level and period.years == 1:
            for year in range(period.end - 1, base_year, -1):
                found = self.level(year)
                if found is not None:
                    return self._reported_figure(found.observation)
            return None
        found = None
        for end in range(period.end - 1, period.start - 1, -1):
            found = self.figure(measure, Period(period.start, end), unit, direction)
            if found is not None:
                break
        if measure == Measure.avg_annual_growth:
            later = self._growth_so_far(period)
        else:
            later = self._latest_single_year(measure, period)
        if later is not None and (found is None or later.period.end > found.period.end):
            return later
        return found

    def _growth_so_far(self, period: Period) -> Figure | None:
        """The average growth so far, compounded from every year's growth reported before the
        period's last year; one year's growth alone stands in, and says so."""
        reported = [o for o in (self.reported(Measure.yoy_growth, Period(y, y))
                                for y in range(period.start, period.end))
                    if o is not None and o.value.value is not None]
        if len(reported) == 1:
            return self._latest_single_year(Measure.avg_annual_growth, period)
        if not reported:
            return None
        years = [o.period.start for o in reported]
        so_far = Period(period.start, years[-1])
        missing = tuple(y for y in range(so_far.start, so_far.end + 1) if y not in years)
        how = (phrase(Code.compounded_reported, years=tuple(str(y) for y in years),
                      missing=tuple(str(y) for y in missing)) if missing
               else phrase(Code.compounded_growth, period=so_far))
        return self._derived(Measure.avg_annual_growth, so_far, compound([o.value.value for o in reported]),
                             PERCENT, (how,), reported)

    def _latest_single_year(self, measure: str, period: Period) -> Figure | None:
        """A single year's figure standing in for a period's average, said so in the reason."""
        stand_in = {Measure.avg_annual_growth: Measure.yoy_growth,
                    Measure.annual_average: Measure.level, Measure.level: Measure.level}.get(measure)
        if stand_in is None:
            return None
        for year in range(period.end - 1, period.start - 1, -1):
            found = self.reported(stand_in, Period(year, year))
            if found is not None and found.value.value is not None:
                return self._derived(measure, found.period, found.value.value, found.value.unit,
                                     (phrase(Code.single_year, year=year, since=period.start),), (found,))
        return None


_DERIVATIONS = {
    Measure.change: Series._change,
    Measure.yoy_growth: Series._yoy,
    Measure.avg_annual_growth: Series._avg_growth,
    Measure.cumulative_growth: Series._cumulative_growth,
    Measure.reduction: Series._reduction,
    Measure.total: Series._total,
    Measure.annual_average: Series._annual_average,
    Measure.multiple: Series._multiple,
    Measure.level: Series._every_year,
}


def revisions(observations: Iterable[Observation]) -> dict[tuple, list[Observation]]:
    """Every figure two documents report differently: key -> its vintages, oldest first."""
    by_key: dict[tuple, list[Observation]] = {}
    for o in observations:
        by_key.setdefault(o.key, []).append(o)
    found = {}
    for key, group in by_key.items():
        if len(group) > 1 and not all(_same(group[0], o) for o in group[1:]):
            found[key] = sorted(group, key=vintage_order)
    return found


def _same(a: Observation, b: Observation) -> bool:
    """The same figure, or one the rounding of the other (1.6万亿元 and 15983.65亿元)."""
    try:
        return (math.isclose(a.value.value_in(b.value.unit), b.value.value, rel_tol=1e-9)
                or rounds_to(a.value.value_in(b.value.unit), b.value.value)
                or rounds_to(b.value.value_in(a.value.unit), a.value.value))
    except (IncomparableUnits, TypeError):
        return False


def _places(value: float) -> int:
    """The decimal places a number is written with (1.6: 1; 15983.65: 2; 16000: 0)."""
    text = format_number(round(value, 9))
    return len(text.split(".")[1]) if "." in text else 0


def rounds_to(precise: float, rough: float) -> bool:
    """Whether rough is precise rounded to the places rough is written with."""
    places = _places(rough)
    return places < _places(precise) and math.isclose(round(precise, places), rough, abs_tol=1e-9)
