"""Every closed vocabulary, defined once: the models, the judging, the database and the CLI's
choice lists all use these."""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    """What a figure or a target measures about an indicator over its period."""

    level = "level"  # the value in (or at the end of) a year
    yoy_growth = "yoy_growth"  # growth over the year before, %
    avg_annual_growth = "avg_annual_growth"  # average annual growth over a period, %
    cumulative_growth = "cumulative_growth"  # growth over a whole period, % (+ a rise)
    reduction = "reduction"  # a fall over a period, % of the starting level (+ a fall)
    change = "change"  # the change of a level over a period, in its unit or 百分点
    total = "total"  # a flow summed over a period
    annual_average = "annual_average"  # a flow's average yearly amount over a period
    multiple = "multiple"  # the end level over the level before the period, 倍
    qualitative = "qualitative"  # a target with no number to judge (targets only)


GROWTH = (Measure.yoy_growth, Measure.avg_annual_growth)
RELATIVE = (Measure.yoy_growth, Measure.avg_annual_growth, Measure.cumulative_growth,
            Measure.reduction)  # measures in % of a level, which need comparable prices
OVER_A_PERIOD = (Measure.avg_annual_growth, Measure.cumulative_growth, Measure.reduction,
                 Measure.change, Measure.total, Measure.annual_average, Measure.multiple)


class Kind(StrEnum):
    stock = "stock"  # a level at a moment: railway length, number of firms
    flow = "flow"  # an amount per period: GDP, investment, new jobs
    rate = "rate"  # a ratio or share: urbanisation rate, coverage
    index = "index"  # a price index, reported as its rise: CPI


class Prices(StrEnum):
    nominal = "nominal"  # money in current prices
    real = "real"  # money at constant prices, or a ratio of them
    none = "none"  # not money


class Direction(StrEnum):
    up = "up"  # more is better
    down = "down"  # less is better


class Binding(StrEnum):
    binding = "binding"  # 约束性
    expected = "expected"  # 预期性
    unspecified = "unspecified"


class SourceKind(StrEnum):
    plan = "plan"
    work_report = "work_report"


class Flag(StrEnum):
    """Data-quality flags a curator sets, each explained in the record's notes."""

    real_vs_nominal = "real_vs_nominal"
    definition_changed = "definition_changed"
    scope_changed = "scope_changed"
    source_typo = "source_typo"
    ambiguous = "ambiguous"
    indicative = "indicative"


class AutoFlag(StrEnum):
    """Flags xjtrack sets itself, from the data."""

    revised = "revised"  # a figure used was revised between documents
    derived = "derived"  # the deciding figure is computed from reported ones
    proxy = "proxy"  # judged from a related indicator


class Status(StrEnum):
    met = "met"
    partial = "partial"
    missed = "missed"
    on_track = "on_track"
    behind = "behind"
    pending = "pending"
    unassessable = "unassessable"


class Claimed(StrEnum):
    met = "met"
    not_met = "not_met"


class Language(StrEnum):
    en = "en"
    zh = "zh"
