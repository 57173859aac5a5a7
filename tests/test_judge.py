"""The judging rules, case by case: comparator x metric x values -> status."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xjtrack.core.domain import Baseline, Claim, Outcome, Quote, Target
from xjtrack.core.judge import Rules, evaluate, progress
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_quantity

PLAN_DATE = DocDate(2016, 5)
REPORT_DATE = DocDate(2021, 2, 1)
LATER_DATE = DocDate(2024, 1, 30)
AFTER = date(2024, 12, 31)


def outcome(value, period="2020", when=REPORT_DATE, position=1, not_comparable=""):
    return Outcome("t", parse_quantity(value), Period.parse(period), "report", when,
                   Quote("report", "…"), not_comparable=not_comparable, position=position)


def target(goal, metric="level", due="2020", baseline=None, direction="up", outcomes=(), claims=()):
    quantity = None if metric == "qualitative" else parse_quantity(goal)
    base = Baseline(baseline[0], parse_quantity(baseline[1])) if baseline else None
    return Target("p.t", "p", "xinjiang", "指标", "indicator", metric, quantity, goal, direction,
                  Period.parse(due), "expected", (Quote("plan", "…"),), PLAN_DATE, base,
                  outcomes=tuple(outcomes), claims=tuple(claims))


@pytest.mark.parametrize(
    "goal, metric, due, baseline, direction, actual, period, status",
    [
        # the three cases users named
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.1%", "2016-2020", "partial"),
        ("13078亿元", "level", "2020", (2015, "9324.8亿元"), "up", "13797.58亿元", "2020", "met"),
        ("9627公里", "level", "2020", (2015, "6154公里"), "up", "7398公里", "2020", "missed"),
        # ≈: within tolerance, or beaten on the good side
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.5%", "2016-2020", "met"),
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "6.49%", "2016-2020", "partial"),
        ("7%左右", "avg_annual_growth", "2016-2020", None, "up", "9%", "2016-2020", "met"),
        ("3%左右", "yoy_growth", "2021", None, "down", "3.5%", "2021", "met"),
        ("3%左右", "yoy_growth", "2021", None, "down", "3.6%", "2021", "partial"),
        ("1200万吨左右", "level", "2025", None, "up", "1176万吨", "2025", "met"),  # -2%
        ("1200万吨左右", "level", "2025", None, "up", "1175万吨", "2025", "partial"),
        # ≥ and ≤
        ("[220以上]万人", "cumulative", "2016-2020", None, "up", "[233]万人", "2016-2020", "met"),
        ("[220以上]万人", "cumulative", "2016-2020", None, "up", "100万人", "2016-2020", "missed"),
        ("[220以上]万人", "cumulative", "2016-2020", None, "up", "110万人", "2016-2020", "partial"),
        ("4.5%以内", "share", "2020", None, "up", "4.5%", "2020", "met"),
        ("4.5%以内", "share", "2020", None, "up", "4.6%", "2020", "partial"),
        ("3.48%", "share", "2020", (2015, "4.99%"), "down", "4.5%", "2020", "missed"),
        ("3.48%", "share", "2020", (2015, "4.99%"), "down", "4.0%", "2020", "partial"),
        ("3.48%", "share", "2020", (2015, "4.99%"), "down", "3.4%", "2020", "met"),
        # = resolved by direction
        ("58%", "share", "2020", (2015, "48%"), "up", "52.4%", "2020", "missed"),
        ("58%", "share", "2020", (2015, "48%"), "up", "53%", "2020", "partial"),
        ("[33]%", "reduction", "2016-2020", None, "up", "[33.5]%", "2016-2020", "met"),
        ("[10]%", "reduction", "2011-2015", None, "up", "[-1.68]%", "2011-2015", "missed"),
        ("[10]个百分点", "change", "2016-2020", None, "up", "[4.4]个百分点", "2016-2020", "missed"),
        # units convert inside a family
        ("1万公里", "level", "2025", None, "up", "10500公里", "2025", "met"),
        ("320亿斤以上", "level", "2025", None, "up", "1600万吨", "2025", "met"),
        ("320亿斤以上", "level", "2025", None, "up", "1583.4万吨", "2025", "partial"),
        # a floor the baseline already meets, then fell below
        ("412万公顷", "level", "2015", (2010, "412万公顷"), "up", "411万公顷", "2015", "missed"),
    ],
)
def test_final_verdicts(goal, metric, due, baseline, direction, actual, period, status):
    t = target(goal, metric, due, baseline, direction, [outcome(actual, period)])
    assert evaluate(t, AFTER).status == status


def test_every_verdict_has_a_plain_reason():
    t = target("7%左右", "avg_annual_growth", "2016-2020", outcomes=[outcome("6.1%", "2016-2020")])
    a = evaluate(t, AFTER)
    assert a.reason == "6.1% (2016-2020) against 7%左右 (met from 6.5%): 87% of the target, so partial"
    assert a.progress == pytest.approx(6.1 / 7)


def test_progress_is_the_share_of_the_required_change():
    t = target("9627公里", baseline=(2015, "6154公里"))
    assert progress(t, 7398) == pytest.approx((7398 - 6154) / (9627 - 6154))
    ceiling = target("3.48%", "share", baseline=(2015, "4.99%"), direction="down")
    assert progress(ceiling, 4.0) == pytest.approx((4.99 - 4.0) / (4.99 - 3.48))
    assert progress(target("412万公顷", baseline=(2010, "412万公顷")), 412) is None


@pytest.mark.parametrize(
    "goal, metric, baseline, actual, period, status",
    [
        # 时间过半、任务过半: the straight path from 7398 (2020) to 9500 (2025) passes 8659 in 2023
        ("9500公里以上", "level", (2020, "7398公里"), "8700公里", "2023", "on_track"),
        ("9500公里以上", "level", (2020, "7398公里"), "8600公里", "2023", "behind"),
        # growth: ratio of the rate achieved to the rate required, on track from 95%
        ("6%以上", "avg_annual_growth", None, "5.7%", "2023", "on_track"),
        ("6%以上", "avg_annual_growth", None, "5.6%", "2023", "behind"),
        # cumulative: 3 of 5 years gone, 60% of the total expected
        ("[2100以上]公里", "cumulative", None, "[1300]公里", "2021-2023", "on_track"),
        ("[2100以上]公里", "cumulative", None, "[1200]公里", "2021-2023", "behind"),
        # a floor already met at the start stays on track while it holds
        ("[46以上]万人", "level", (2020, "50万人"), "48万人", "2023", "on_track"),
        # no baseline: no path to draw
        ("37个", "level", None, "30个", "2023", "unassessable"),
    ],
)
def test_interim_verdicts_for_running_plans(goal, metric, baseline, actual, period, status):
    t = target(goal, metric, "2021-2025" if metric != "level" else "2025", baseline,
               outcomes=[outcome(actual, period, LATER_DATE)])
    a = evaluate(t, date(2024, 6, 30))
    assert a.status == status, a.reason
    assert ("straight path" in a.reason or "ratio" in a.reason or status == "unassessable"
            or "already" in a.reason)


def test_pending_when_no_document_reports():
    a = evaluate(target("9627公里"), AFTER)
    assert (a.status, a.reason) == ("pending", "no later document in the corpus reports on it")


def test_pending_when_the_period_ended_with_only_interim_figures():
    t = target("9500公里", due="2025", baseline=(2020, "7398公里"),
               outcomes=[outcome("8800公里", "2023", LATER_DATE)])
    a = evaluate(t, date(2026, 6, 1))
    assert a.status == "pending" and "covers only 2023" in a.reason


@pytest.mark.parametrize(
    "t, words",
    [
        (target("贫困县全部摘帽", "qualitative"), "qualitative"),
        (target("控制在国家下达指标内", "reduction", "2016-2020"), "states no number"),
        (target("400亿美元", outcomes=[outcome("1300亿元")]), "亿元 cannot be compared with 亿美元"),
        (target("8240万千瓦", outcomes=[outcome("1800亿千瓦时")]), "cannot be compared"),
        (target("8240万千瓦", outcomes=[outcome("6443万千瓦", not_comparable="新能源 is not 可再生能源")]),
         "新能源 is not 可再生能源"),
    ],
)
def test_unassessable_says_why(t, words):
    a = evaluate(t, AFTER)
    assert a.status == "unassessable" and words in a.reason


def test_as_of_uses_only_documents_delivered_by_then():
    t = target("9627公里", baseline=(2015, "6154公里"), outcomes=[outcome("7398公里")])
    assert evaluate(t, date(2020, 12, 31)).status == "pending"
    assert evaluate(t, date(2021, 2, 1)).status == "missed"


def test_the_latest_outcome_covering_the_due_period_decides_and_others_are_kept():
    first = outcome("13797.58亿元", when=REPORT_DATE, position=1)
    revised = outcome("12000亿元", when=LATER_DATE, position=2)
    interim = outcome("9000亿元", period="2018", when=REPORT_DATE, position=3)
    a = evaluate(target("13078亿元", baseline=(2015, "9324.8亿元"), outcomes=[first, revised, interim]), AFTER)
    assert a.outcome is revised and a.status == "partial"
    assert first in a.superseded
    assert evaluate(target("13078亿元", outcomes=[first, revised]), date(2022, 1, 1)).outcome is first


def claim(value, text):
    return Claim("t", value, text, "plan", PLAN_DATE, Quote("plan", "…"))


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
    t = target("38.5%", "share", "2015", (2010, "34.3%"), outcomes=[outcome(actual, "2015", PLAN_DATE)],
               claims=[claim(said, "完成" if said == "met" else "未完成")])
    a = evaluate(t, AFTER)
    assert a.disputed is disputed
    assert a.claim.claim == said
    assert ("disputed" in a.reason) is disputed


def test_a_claim_on_an_undecidable_outcome_is_disputed_but_not_on_a_qualitative_target():
    undecidable = target("<[10]%", "change", "2011-2015",
                         outcomes=[outcome("[2.6]%", "2011-2015", PLAN_DATE, not_comparable="sign unknown")],
                         claims=[claim("met", "完成")])
    assert evaluate(undecidable, AFTER).disputed is True
    words = target("贫困县全部摘帽", "qualitative", claims=[claim("met", "完成")])
    assert evaluate(words, AFTER).disputed is False


def test_rules_are_configurable():
    t = target("7%左右", "avg_annual_growth", "2016-2020", outcomes=[outcome("6.1%", "2016-2020")])
    assert evaluate(t, AFTER, Rules(rate_tolerance=1.0)).status == "met"
    assert evaluate(t, AFTER, Rules(partial_threshold=0.9)).status == "missed"


@given(st.decimals(min_value=0, max_value=10**5, places=2), st.decimals(min_value=1, max_value=10**5, places=2))
def test_a_floor_is_met_exactly_when_reached(actual, goal):
    t = target(f"{goal}万人以上", outcomes=[outcome(f"{actual}万人")])
    a = evaluate(t, AFTER)
    assert (a.status == "met") == (actual >= goal)
    assert a.status in ("met", "partial", "missed")


@given(st.decimals(min_value=0, max_value=100, places=3), st.decimals(min_value=0, max_value=100, places=3))
def test_more_is_never_worse_for_an_up_target(a, b):
    rank = {"missed": 0, "partial": 1, "met": 2}
    low, high = sorted((a, b))
    t_low = target("58%", "share", baseline=(2015, "48%"), outcomes=[outcome(f"{low}%")])
    t_high = target("58%", "share", baseline=(2015, "48%"), outcomes=[outcome(f"{high}%")])
    assert rank[evaluate(t_low, AFTER).status] <= rank[evaluate(t_high, AFTER).status]
