"""The judging fixes, each on data written for it: --as-of for claims and statements, the latest
period deciding an interim verdict, average growth compounded from the years reported so far,
awaiting the final figure, a rounding that is not a revision, and silence said precisely."""

from dataclasses import replace
from datetime import date

from tests.builders import LATER_DATE, REPORT_DATE, corpus, indicator, judge, obs, target
from xjtrack.core.evaluate import Index
from xjtrack.core.periods import Period
from xjtrack.core.phrases import codes
from xjtrack.core.records import PlanClaim, Quote, Statement
from xjtrack.core.series import revisions, rounds_to
from xjtrack.core.wording import english, render
from xjtrack.output.show import details

MID_2024 = date(2024, 6, 30)


def growth_target():
    return target("6%以上", "avg_annual_growth", "2021-2025", plan=(2021, 2025))


# --as-of: a plan's claims, a target's claims and statements, and show's lists


def test_a_plan_keeps_only_the_claims_delivered_by_the_date():
    claim = PlanClaim(claim="met", text="圆满收官", source="report", source_date=REPORT_DATE,
                      quote=Quote(source="report", text="圆满收官", line=3))
    plan = replace(corpus().plans["p"], claims=(claim,))
    assert plan.seen_at(date(2020, 12, 31)).claims == ()
    assert plan.seen_at(date(2021, 12, 31)).claims == (claim,)


def test_a_later_statement_does_not_decide_an_earlier_verdict():
    said = Statement(says="done", source="later", source_date=LATER_DATE, quotes=(Quote(source="later",
                     text="全部建成", line=9),))
    t = replace(target("建成", "qualitative"), statements=(said,))
    assert judge(t, as_of=date(2023, 12, 31)).status == "pending"
    assert judge(t).status == "reported_done"


def test_show_lists_only_what_documents_delivered_by_the_date_say():
    from xjtrack.core.records import Claim

    later_claim = Claim(claim="met", text="完成", source="later", source_date=LATER_DATE,
                        quote=Quote(source="later", text="完成", line=4))
    t = replace(target("9627公里"), claims=(later_claim,))
    figures = [obs("7000公里", "2020"), obs("7398公里", "2023", source="later")]
    c = corpus([t], figures)
    verdict = judge(t, figures, date(2021, 12, 31))
    info = details(t, verdict, c, [])
    assert info["claims"] == [] and [o["period"] for o in info["observations"]] == ["2020"]
    assert "the document claims" not in english(verdict.reason)


# the latest reported period decides an interim verdict


def test_a_first_year_figure_does_not_outweigh_a_later_year():
    v = judge(growth_target(), [obs("8%", "2021", "yoy_growth", "later"), obs("5%", "2023", "yoy_growth", "later")],
              MID_2024)
    assert v.figure.period == Period(2021, 2023)
    assert "compounded from the yearly growth of 2021, 2023 (not reported: 2022)" in english(v.reason)
    assert "由2021, 2023年逐年增速复合（未报告：2022年）" in render(v.reason, "zh")


def test_a_later_single_year_level_outweighs_an_earlier_average():
    t = target("100万人", "annual_average", "2021-2025", plan=(2021, 2025))
    v = judge(t, [obs("90万人", "2021", source="later"), obs("120万人", "2023", source="later")], MID_2024,
              indicators=[indicator(kind="flow")])
    assert v.figure.period == Period(2023, 2023) and v.status == "on_track"


# average growth compounds every reported year so far; one year alone says so and is flagged


def test_average_growth_so_far_compounds_every_reported_year():
    figures = [obs(f"{r}%", str(y), "yoy_growth", "later") for y, r in ((2021, 5), (2022, 7), (2023, 6))]
    v = judge(growth_target(), figures, MID_2024)
    assert v.figure.period == Period(2021, 2023) and round(v.actual, 4) == 5.9969
    assert "single_year" not in v.flags and "compounded_growth" in codes(v.figure.how)


def test_one_year_alone_says_so_and_is_flagged():
    late = judge(growth_target(), [obs("18.8%", "2023", "yoy_growth", "later")], MID_2024)
    assert "the 2023 figure alone" in english(late.reason) and "single_year" in late.flags
    first = judge(growth_target(), [obs("8%", "2021", "yoy_growth", "later")], MID_2024)
    assert "single_year" in first.flags and first.figure.period == Period(2021, 2021)


# past due with no final figure: awaiting the final figure, keeping the interim verdict


def test_past_due_with_only_interim_figures_awaits_the_final_one():
    t = target("9500公里", due="2025", baseline=(2020, "7398公里"), plan=(2021, 2025))
    v = judge(t, [obs("8800公里", "2023", source="later")], date(2026, 6, 1))
    assert (v.status, v.interim) == ("awaiting_final", "on_track")
    assert v.figure.text == "8800公里" and v.progress is not None
    assert english(v.reason).startswith("due in 2025, no final figure reported yet; the last interim verdict, "
                                        "on track: interim 8800公里 (2023) against")
    assert render(v.reason, "zh").startswith("2025年已到期，尚无最终数值；最近一次中期评估为按进度：中期值8800公里（2023）")


def test_before_the_due_year_ends_the_interim_verdict_stands():
    t = target("9500公里", due="2025", baseline=(2020, "7398公里"), plan=(2021, 2025))
    v = judge(t, [obs("8800公里", "2023", source="later")], MID_2024)
    assert (v.status, v.interim) == ("on_track", "")


# a rounding is not a revision


def test_a_rounding_is_not_a_revision():
    assert rounds_to(15983.65 / 10000, 1.6) and not rounds_to(1.6, 15983.65 / 10000)
    rough, precise = obs("1.6万亿元", "2020", source="later"), obs("15983.65亿元", "2020")
    assert revisions([precise, rough]) == {}
    v = judge(target("1.5万亿元"), [precise, rough])
    assert v.status == "met" and "revised" not in v.flags and "revised" not in codes(v.reason)


def test_a_different_figure_is_still_a_revision():
    other, precise = obs("1.7万亿元", "2020", source="later"), obs("15983.65亿元", "2020")
    assert len(revisions([precise, other])) == 1
    assert "revised" in judge(target("1.5万亿元"), [precise, other]).flags


# silence: "no later document" only where later documents say nothing


def test_silence_after_the_due_year_is_said_so():
    v = judge(target("9627公里"))  # set in 2016, due 2020; reports of 2021 and 2024 say nothing
    assert english(v.reason) == "no later document in the corpus mentions it" and v.silent


def test_no_report_for_the_due_year_yet_is_not_silence():
    t = replace(target("10%", due="2024", plan=(2024, 2024)), source="later", source_date=LATER_DATE)
    v = judge(t)
    assert (v.status, english(v.reason), v.silent) == ("pending", "no report for 2024 in the corpus yet", False)
    assert render(v.reason, "zh") == "语料库中尚无2024年的报告"


def test_later_reports_silent_before_the_due_year_say_both():
    t = replace(target("9500公里", due="2025", plan=(2021, 2025)), source="report", source_date=REPORT_DATE)
    v = judge(t)
    assert english(v.reason) == "no report for 2025 in the corpus yet, and no later document mentions it"
    assert v.silent


def test_figures_for_other_periods_are_not_silence():
    t = target("1728万亩", "change", "2016-2020")
    v = judge(t, [obs("5558万亩", "2023", source="later")])
    assert v.status == "pending" and not v.silent
    assert english(v.reason) == "no later document gives a figure for 2016-2020; the reports give only level 2023 5558万亩"
    assert render(v.reason, "zh") == "后续文件未给出2016-2020的数值；报告仅给出2023年水平值 5558万亩"


def test_a_place_without_reports_of_its_own_is_reported_on_by_the_level_above():
    from xjtrack.core.records import Jurisdiction

    t = replace(target("90%"), jurisdiction="south")
    c = corpus([t])
    c.jurisdictions["south"] = Jurisdiction(id="south", name_zh="南疆", name_en="South", parent="xinjiang")
    index = Index(c)
    assert index.reporter("south") == "xinjiang" and index.reporter("xinjiang") == "xinjiang"
    from xjtrack.core.evaluate import evaluate

    assert evaluate(t, index, date(2024, 12, 31)).silent



def test_every_status_has_its_words_and_style_everywhere():
    from xjtrack.core.vocab import Status
    from xjtrack.output import render, show
    from xjtrack.output.i18n import STATUS_WORDS

    for words in STATUS_WORDS.values():
        assert set(words) == set(Status)
    assert set(render.STYLE) == set(Status) and set(show.STYLE) == set(Status)
    assert STATUS_WORDS["zh"]["awaiting_final"] == "待最终数据"


def test_a_target_only_a_claim_speaks_of_is_not_silent():
    from xjtrack.core.records import Claim

    said = Claim(claim="met", text="完成", source="report", source_date=REPORT_DATE,
                 quote=Quote(source="report", text="完成", line=5))
    v = judge(replace(target("9627公里"), claims=(said,)))
    assert v.status == "pending" and not v.silent
    assert english(v.reason) == ("no later document reports a figure for it or speaks of its progress; "
                                 "the document claims met (完成)")


def test_a_yearly_average_of_a_count_met_so_far_is_not_read_by_the_growth_rate_rule():
    """城镇新增就业年均46万人以上, with one year reported: that year stands in and meets it so far; the
    growth-rate ratio is for growth rates only."""
    t = target("46万人以上", "annual_average", "2021-2025", plan=(2021, 2025))
    v = judge(t, [obs("48.2万人", "2023", source="later")], MID_2024)
    said = english(v.reason)
    assert v.status == "on_track" and "meets it so far" in said and "growth-rate ratio" not in said
    short = judge(t, [obs("40万人", "2023", source="later")], MID_2024)
    assert short.status == "behind" and "growth-rate ratio" not in english(short.reason)
