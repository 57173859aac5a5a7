"""The judging rules, case by case: comparator x measure x figures -> status and reason."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import claim, indicator, judge, obs, target
from xjtrack.core.judge import Base, Rules, progress
from xjtrack.core.phrases import codes
from xjtrack.core.wording import english


@pytest.mark.parametrize(
    "goal, measure, due, baseline, direction, actual, period, status",
    [
        # the three cases users named
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.1%", "2016-2020", "partial"),
        ("13078亿元", "level", "2020", (2015, "9324.8亿元"), "up", "13797.58亿元", "2020", "met"),
        ("9627公里", "level", "2020", (2015, "6154公里"), "up", "7398公里", "2020", "missed"),
        # ≈: within tolerance, or beaten on the good side
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.5%", "2016-2020", "met"),
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.49%", "2016-2020", "partial"),
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "9%", "2016-2020", "met"),
        ("3%左右", "yoy_growth", "2020", None, "down", "3.5%", "2020", "met"),
        ("3%左右", "yoy_growth", "2020", None, "down", "3.6%", "2020", "partial"),
        ("1200万吨左右", "level", "2020", None, "up", "1176万吨", "2020", "met"),  # -2%
        ("1200万吨左右", "level", "2020", None, "up", "1175万吨", "2020", "partial"),
        # ≥ and ≤
        ("[220以上]万人", "total", "2016-2020", None, "up", "[233]万人", "2016-2020", "met"),
        ("[220以上]万人", "total", "2016-2020", None, "up", "100万人", "2016-2020", "missed"),
        ("[220以上]万人", "total", "2016-2020", None, "up", "110万人", "2016-2020", "partial"),
        ("4.5%以内", "level", "2020", None, "up", "4.5%", "2020", "met"),
        ("4.5%以内", "level", "2020", None, "up", "4.6%", "2020", "partial"),
        ("3.48%", "level", "2020", (2015, "4.99%"), "down", "4.5%", "2020", "missed"),
        ("3.48%", "level", "2020", (2015, "4.99%"), "down", "4.0%", "2020", "partial"),
        ("3.48%", "level", "2020", (2015, "4.99%"), "down", "3.4%", "2020", "met"),
        # = resolved by direction
        ("58%", "level", "2020", (2015, "48%"), "up", "52.4%", "2020", "missed"),
        ("58%", "level", "2020", (2015, "48%"), "up", "53%", "2020", "partial"),
        ("[33]%", "reduction", "2016-2020", None, "up", "[33.5]%", "2016-2020", "met"),
        ("[10]%", "reduction", "2011-2015", None, "up", "[-1.68]%", "2011-2015", "missed"),
        ("[10]个百分点", "change", "2016-2020", None, "up", "[4.4]个百分点", "2016-2020", "missed"),
        # ranges are met from the low end
        ("2至3个百分点", "change", "2016-2020", None, "up", "2.1个百分点", "2016-2020", "met"),
        ("2至3个百分点", "change", "2016-2020", None, "up", "1.5个百分点", "2016-2020", "partial"),
        # units convert inside a family
        ("1万公里", "level", "2020", None, "up", "10500公里", "2020", "met"),
        ("320亿斤以上", "level", "2020", None, "up", "1600万吨", "2020", "met"),
        ("320亿斤以上", "level", "2020", None, "up", "1583.4万吨", "2020", "partial"),
        # a floor the baseline already meets, then fell below
        ("412万公顷", "level", "2015", (2010, "412万公顷"), "up", "411万公顷", "2015", "missed"),
    ],
)
def test_final_verdicts(goal, measure, due, baseline, direction, actual, period, status):
    kind = "flow" if measure == "total" else "stock"
    t = target(goal, measure, due, baseline, direction)
    v = judge(t, [obs(actual, period, measure)], indicators=[indicator(kind=kind)])
    assert v.status == status, english(v.reason)


def test_every_verdict_has_a_plain_reason():
    v = judge(target("7%左右", "avg_annual_growth", "2016-2020"), [obs("6.1%", "2016-2020", "avg_annual_growth")])
    assert english(v.reason) == "6.1% (2016-2020) against 7%左右 (met from 6.5%): 87% of the target, so partial"
    assert v.progress == pytest.approx(round(6.1 / 7, 4))


def test_progress_is_the_share_of_the_required_change():
    t = target("9627公里", baseline=(2015, "6154公里"))
    assert progress(t, 7398, Base(2015, 6154)) == pytest.approx((7398 - 6154) / (9627 - 6154))
    ceiling = target("3.48%", direction="down")
    assert progress(ceiling, 4.0, Base(2015, 4.99)) == pytest.approx((4.99 - 4.0) / (4.99 - 3.48))
    assert progress(target("412万公顷"), 412, Base(2010, 412)) is None


def test_the_baseline_is_the_base_years_latest_figure_and_its_revision_is_named():
    t = target("58%")
    estimate, revised, final = obs("48%", "2015", source="plan"), obs("47.23%", "2015"), obs("52.4%")
    v = judge(t, [estimate, revised, final])
    assert v.status == "missed" and v.progress == pytest.approx(round((52.4 - 47.23) / (58 - 47.23), 4))
    assert "from 47.23% (2015)" in english(v.reason)
    assert "2015 level revised: 48% (plan) → 47.23% (report)" in english(v.reason) and "revised" in v.flags


@pytest.mark.parametrize(
    "goal, measure, baseline, actual, period, status, rule",
    [
        # 时间过半、任务过半: the straight path from 7398 (2020) to 9500 (2025) passes 8659 in 2023
        ("9500公里以上", "level", (2020, "7398公里"), "8700公里", "2023", "on_track", "straight_path"),
        ("9500公里以上", "level", (2020, "7398公里"), "8600公里", "2023", "behind", "straight_path"),
        # growth: ratio of the rate achieved to the rate required, on track from 95%
        ("6%以上", "avg_annual_growth", None, "5.7%", "2021-2023", "on_track", "growth_ratio"),
        ("6%以上", "avg_annual_growth", None, "5.6%", "2021-2023", "behind", "growth_ratio"),
        # totals: 3 of 5 years gone, 60% of the total expected
        ("[2100以上]公里", "total", None, "[1300]公里", "2021-2023", "on_track", "straight_path"),
        ("[2100以上]公里", "total", None, "[1200]公里", "2021-2023", "behind", "straight_path"),
        # a floor already met at the start stays on track while it holds
        ("[46以上]万人", "level", (2020, "50万人"), "48万人", "2023", "on_track", "straight_path"),
        # no baseline: no path to draw
        ("37个", "level", None, "30个", "2023", "unassessable", "no_baseline"),
    ],
)
def test_interim_verdicts_for_running_plans(goal, measure, baseline, actual, period, status, rule):
    due = "2025" if measure == "level" else "2021-2025"
    t = target(goal, measure, due, baseline, plan=(2021, 2025))
    v = judge(t, [obs(actual, period, measure, "later")], date(2024, 6, 30),
              indicators=[indicator(kind="flow" if measure == "total" else "stock")])
    assert v.status == status, english(v.reason)
    assert rule in codes(v.reason), english(v.reason)  # the rule the reason says decided


def test_a_single_years_growth_stands_in_for_the_average_and_says_so():
    t = target("6%以上", "avg_annual_growth", "2021-2025", plan=(2021, 2025))
    v = judge(t, [obs("6.8%", "2023", "yoy_growth", "later")], date(2024, 6, 30))
    assert v.status == "on_track"
    assert "the 2023 figure alone, standing in for the average since 2021" in english(v.reason)


def test_the_ratio_rule_reads_only_positive_goals():
    t = target("-3%", "avg_annual_growth", "2021-2025", direction="up", plan=(2021, 2025))
    v = judge(t, [obs("-4%", "2021-2023", "avg_annual_growth", "later")], date(2024, 6, 30))
    assert v.status == "behind", english(v.reason)  # -4% is worse than -3%, not "133% of it"


def test_pending_when_no_document_reports():
    v = judge(target("9627公里"))
    assert (v.status, english(v.reason)) == ("pending", "no later document in the corpus mentions it")




def test_mentioned_but_not_judgeable_is_not_silence():
    t = target("13078亿元")
    v = judge(t, [obs("4.1万亿元", "2016-2020", "total")], indicators=[indicator(kind="flow")])
    assert v.status == "unassessable"
    assert english(v.reason) == "the reports give only total 2016-2020 4.1万亿元, which cannot judge the level for 2020"


@pytest.mark.parametrize(
    "t, figures, words",
    [
        (target("控制在国家下达指标内", "reduction", "2016-2020"), [], "states no number"),
        (target("400亿美元"), [obs("1300亿元")], "亿元 cannot be compared with 亿美元"),
        (target("8240万千瓦"), [obs("1800亿千瓦时")], "cannot be compared"),
        (target("<[10]%", "cumulative_growth", "2011-2015"),
         [obs("[2.6]%", "2011-2015", "cumulative_growth", "plan", unusable="sign unknown")], "cannot be used: sign unknown"),
    ],
)
def test_unassessable_says_why(t, figures, words):
    v = judge(t, figures)
    assert v.status == "unassessable" and words in english(v.reason)


def test_as_of_uses_only_documents_delivered_by_then():
    t = target("9627公里", baseline=(2015, "6154公里"))
    figures = [obs("7398公里")]
    assert judge(t, figures, date(2020, 12, 31)).status == "pending"
    assert judge(t, figures, date(2021, 2, 1)).status == "missed"


def test_the_latest_vintage_decides():
    first, revised = obs("13797.58亿元"), obs("12000亿元", source="later")
    t = target("13078亿元", baseline=(2015, "9324.8亿元"))
    v = judge(t, [first, revised])
    assert v.figure.observations == (revised.id,) and v.status == "partial"
    assert "2020 level revised: 13797.58亿元 (report) → 12000亿元 (later)" in english(v.reason)
    assert judge(t, [first, revised], date(2022, 1, 1)).figure.observations == (first.id,)


@pytest.mark.parametrize(
    "actual, said, disputed",
    [
        ("38.3%", "met", True),  # 专栏1: 38.3 against 38.5 marked 完成
        ("38.5%", "met", False),
        ("38.3%", "not_met", False),
        ("39%", "not_met", True),
    ],
)
def test_a_claim_that_disagrees_with_the_numbers_is_disputed(actual, said, disputed):
    t = target("38.5%", due="2015", baseline=(2010, "34.3%"), claims=[claim(said, "完成" if said == "met" else "未完成")],
               plan=(2011, 2015))
    v = judge(t, [obs(actual, "2015", source="plan")])
    assert v.disputed is disputed and v.claimed == said
    assert ("disputed" in english(v.reason)) is disputed


def test_a_claim_on_an_undecidable_figure_is_disputed_but_not_on_a_qualitative_target():
    undecidable = target("<[10]%", "cumulative_growth", "2011-2015", claims=[claim("met", "完成")], plan=(2011, 2015))
    v = judge(undecidable, [obs("[2.6]%", "2011-2015", "cumulative_growth", "plan", unusable="sign unknown")])
    assert v.disputed is True
    assert judge(target("贫困县全部摘帽", "qualitative", claims=[claim("met", "完成")])).disputed is False


def test_rules_are_configurable():
    t = target("7%左右", "avg_annual_growth", "2016-2020")
    figures = [obs("6.1%", "2016-2020", "avg_annual_growth")]
    assert judge(t, figures, rules=Rules(rate_tolerance=1.0)).status == "met"
    assert judge(t, figures, rules=Rules(partial_threshold=0.9)).status == "missed"


@given(st.decimals(min_value=0, max_value=10**5, places=2), st.decimals(min_value=1, max_value=10**5, places=2))
def test_a_floor_is_met_exactly_when_reached(actual, goal):
    v = judge(target(f"{goal}万人以上"), [obs(f"{actual}万人")])
    assert (v.status == "met") == (actual >= goal)
    assert v.status in ("met", "partial", "missed")


@given(st.decimals(min_value=0, max_value=100, places=3), st.decimals(min_value=0, max_value=100, places=3))
def test_more_is_never_worse_for_an_up_target(a, b):
    rank = {"missed": 0, "partial": 1, "met": 2}
    low, high = sorted((a, b))
    t = target("58%", baseline=(2015, "48%"))
    assert rank[judge(t, [obs(f"{low}%")]).status] <= rank[judge(t, [obs(f"{high}%")]).status]

