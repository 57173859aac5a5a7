"""Derivations from a series, table-driven, and the rules that forbid the wrong ones."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import indicator, judge, obs, target
from xjtrack.core.periods import Period
from xjtrack.core.records import Proxy
from xjtrack.core.series import Series, cagr, compound, fall_of, growth_between, product_growth, revisions
from xjtrack.core.wording import english

P = Period.parse


def series(figures, **kind):
    return Series(indicator(**kind), "xinjiang", list(figures))


@pytest.mark.parametrize(
    "figures, kind, measure, period, value, how",
    [
        # a change from two levels; a rate's change is in percentage points
        ([obs("4.7%", "2015"), obs("5.02%", "2020")], {}, "change", "2016-2020", 0.32,
         "the change from the 2015 level to the 2020 level"),
        ([obs("6154公里", "2015"), obs("7398公里", "2020")], {}, "change", "2016-2020", 1244, "the change"),
        ([obs("11‰", "2015"), obs("1.5%", "2020")], {}, "change", "2016-2020", 0.4, "the change"),
        # an average growth compounded from every year's growth, never summed
        ([obs(f"{r}%", str(y), "yoy_growth") for y, r in zip(range(2016, 2021), (7.6, 7.6, 6.1, 6.2, 3.4), strict=True)],
         {}, "avg_annual_growth", "2016-2020", compound([7.6, 7.6, 6.1, 6.2, 3.4]), "compounded from the yearly growth"),
        # ... or from two levels where they are in the same prices
        ([obs("1330.85亿元", "2015"), obs("1477.2亿元", "2020")], {"prices": "nominal", "growth": "nominal"},
         "avg_annual_growth", "2016-2020", cagr(1330.85, 1477.2, 5), "computed from the 2015 and 2020 levels"),
        ([obs("100万吨", "2019"), obs("110万吨", "2020")], {}, "yoy_growth", "2020", 10.0, "computed from"),
        ([obs("100", "2015"), obs("80", "2020")], {"prices": "real"}, "reduction", "2016-2020", 20.0, "computed from"),
        ([obs("100", "2015"), obs("125", "2020")], {}, "cumulative_growth", "2016-2020", 25.0, "computed from"),
        ([obs(f"{r}%", str(y), "reduction") for y, r in zip(range(2016, 2021), (3, 3, 3, 3, 3), strict=True)], {"prices": "real"},
         "reduction", "2016-2020", fall_of([3] * 5), "compounded from the yearly falls"),
        ([obs("12%", "2016-2020", "reduction")], {}, "cumulative_growth", "2016-2020", -12.0, "as a growth"),
        # a total from every year's flow, and an average from the total
        ([obs(f"{n}万人", str(y)) for y, n in zip(range(2016, 2021), (45, 46, 47, 48, 47), strict=True)], {"kind": "flow"},
         "total", "2016-2020", 233, "the sum of the yearly figures"),
        ([obs("233万人", "2016-2020", "total")], {"kind": "flow"}, "annual_average", "2016-2020", 46.6,
         "the total for 2016-2020 divided by its 5 years"),
        # a doubling from two levels
        ([obs("8.4亿元", "2020"), obs("16.8亿元", "2025")], {}, "multiple", "2021-2025", 2.0,
         "the 2025 level over the 2020 level"),
        # a level over a period holds every year: the worst year decides
        ([obs("72%", str(y)) for y in (2016, 2017)] + [obs("69%", "2018")], {}, "level", "2016-2018", 69.0,
         "the lowest yearly level of 2016-2018 (2018)"),
    ],
)
def test_derivations(figures, kind, measure, period, value, how):
    found = series(figures, **kind).figure(measure, P(period))
    assert found is not None
    assert found.value == pytest.approx(value)
    assert how in english(found.how)
    assert set(found.observations) == {o.id for o in figures}


@pytest.mark.parametrize(
    "figures, kind, measure, period",
    [
        # never a real growth rate from nominal levels
        ([obs("9306.88亿元", "2015"), obs("13797.58亿元", "2020")], {"prices": "nominal", "growth": "real"},
         "avg_annual_growth", "2016-2020"),
        # a year missing: no compounding, no total
        ([obs("7%", str(y), "yoy_growth") for y in (2016, 2017, 2019, 2020)], {}, "avg_annual_growth", "2016-2020"),
        ([obs("45万人", str(y)) for y in (2016, 2017, 2018, 2020)], {"kind": "flow"}, "total", "2016-2020"),
        # a total adds up flows only
        ([obs(f"{n}公里", str(y)) for y, n in zip(range(2016, 2021), (1, 2, 3, 4, 5), strict=True)], {"kind": "stock"},
         "total", "2016-2020"),
        # never across unit families
        ([obs("171.3亿美元", "2015"), obs("1300亿元", "2020")], {}, "change", "2016-2020"),
    ],
)
def test_refused_derivations(figures, kind, measure, period):
    assert series(figures, **kind).figure(measure, P(period)) is None


def test_a_reported_figure_comes_before_a_derived_one():
    figures = [obs("4.7%", "2015"), obs("5.02%", "2020"), obs("0.3个百分点", "2016-2020", "change")]
    found = series(figures).figure("change", P("2016-2020"))
    assert (found.value, english(found.how)) == (0.3, "")


@given(st.lists(st.floats(min_value=-20, max_value=40), min_size=1, max_size=10),
       st.floats(min_value=1, max_value=1e6))
def test_compounding_yearly_rates_matches_the_average_growth_of_the_levels_they_connect(rates, start):
    levels = [start]
    for r in rates:
        levels.append(levels[-1] * (1 + r / 100))
    assert compound(rates) == pytest.approx(cagr(levels[0], levels[-1], len(rates)), abs=1e-6)
    assert product_growth(rates) == pytest.approx(growth_between(levels[0], levels[-1]), abs=1e-6)
    assert math.isfinite(compound(rates))


def test_the_series_judges_the_forest_change_from_two_reported_levels():
    t = target("[0.9]个百分点", "change", "2016-2020")
    v = judge(t, [obs("4.7%", "2015"), obs("5.02%", "2020")])
    assert v.status == "missed"
    assert "2015 level 4.7% (report)" in english(v.reason) and "2020 level 5.02% (report)" in english(v.reason)
    assert "derived" in v.flags


def test_revisions_are_found_without_any_flag():
    a, b, same = obs("9324.8亿元", "2015", source="plan"), obs("9306.88亿元", "2015"), obs("5437亿元", "2010")
    found = revisions([a, b, same])
    assert list(found) == [a.key] and found[a.key] == [a, b]


@pytest.mark.parametrize("comparable, status, words", [
    (True, "met", "judged from 指标y: output is a floor"),
    (False, "unassessable", "the reports give only 指标y 1583.4万吨 (2020), which cannot judge it: output is a floor"),
])
def test_a_proxy_stands_in_only_where_the_registry_says(comparable, status, words):
    proxy = Proxy(indicator="y", comparable=comparable, flag="scope_changed", note="output is a floor")
    t = target("1500万吨")
    v = judge(t, [obs("1583.4万吨", ind="y")], indicators=[indicator(proxies=[proxy]), indicator("y")])
    assert v.status == status and words in english(v.reason)
    assert ("scope_changed" in v.flags) is comparable


def test_a_new_definition_stands_in_for_the_old_one():
    t = target("14000元")
    v = judge(t, [obs("14056元", ind="new")], indicators=[indicator(), indicator("new", replaces="x")])
    assert v.status == "met" and "definition_changed" in v.flags and "a change of definition" in english(v.reason)


@pytest.mark.parametrize("bound, actual, status", [
    ("floor", "1600万吨", "met"),  # output above the goal: capacity is at least that
    ("floor", "1400万吨", "unassessable"),  # output below it says nothing of capacity
    ("ceiling", "1400万吨", "missed"),  # a broader count below the goal: the narrower one is too
    ("ceiling", "1600万吨", "unassessable"),  # a broader count above it proves nothing
])
def test_a_bounded_stand_in_keeps_only_what_it_can_prove(bound, actual, status):
    proxy = Proxy(indicator="y", comparable=True, flag="scope_changed", note="a bound", bound=bound)
    t = target("1500万吨", baseline=(2015, "1450万吨"))
    v = judge(t, [obs(actual, ind="y")], indicators=[indicator(proxies=[proxy]), indicator("y")])
    assert v.status == status, english(v.reason)
    if status == "unassessable":
        assert f"the stand-in figure is a {bound}" in english(v.reason)


def test_a_bounded_stand_in_that_cannot_judge_at_all_says_only_why():
    """Without a baseline the interim path cannot be drawn: the reason says so once, and does not
    add that a bound "cannot show unassessable"."""
    proxy = Proxy(indicator="y", comparable=True, flag="scope_changed", note="a bound", bound="floor")
    t = target("8240万千瓦", due="2025", plan=(2021, 2025))
    v = judge(t, [obs("6443.1万千瓦", "2023", ind="y", source="later")], as_of=date(2024, 6, 30),
              indicators=[indicator(proxies=[proxy]), indicator("y")])
    said = english(v.reason)
    assert v.status == "unassessable" and "no baseline, so the path to the target cannot be drawn" in said
    assert "cannot show" not in said
