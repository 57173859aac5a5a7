"""Whether a measure can run over a period: one year's growth is one year's; an average, a total
or an average yearly amount runs over several. Shared by validate and extract's draft."""

from __future__ import annotations

from xjtrack.core.periods import Period
from xjtrack.core.vocab import Measure


def period_misfit(measure: str, period: Period) -> str | None:
    """Why the measure cannot have this period, or None when it can."""
    if measure == Measure.yoy_growth and period.years != 1:
        return (f"a yoy_growth is one year's growth: give one year, not {period} (avg_annual_growth is "
                "the average over a period)")
    if measure == Measure.avg_annual_growth and period.years == 1:
        return (f"an avg_annual_growth averages several years, and {period} is one: give the period it "
                "runs over (五年年均 2021-2025, 两年平均 2022-2023), or write yoy_growth for one year's growth")
    if measure == Measure.total and period.years == 1:
        return (f"a total of one year ({period}) is that year's amount: write measure: level, so the "
                "figure joins the indicator's yearly series")
    if measure == Measure.annual_average and period.years == 1:
        return (f"an annual_average averages several years, and {period} is one: give the period, or "
                "write measure: level for one year's amount")
    return None
