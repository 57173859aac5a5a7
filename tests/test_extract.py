"""xjtrack extract: the reading rules on short passages, the draft's marks, the command, and the
four archived work reports, whose drafts validate once moved into data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import (
    Corpus,
    Indicator,
    Jurisdiction,
    Observation,
    Plan,
    Quote,
    Source,
    observation_id,
)
from xjtrack.extract.document import candidates
from xjtrack.extract.draft import Note, draft, render
from xjtrack.extract.figures import figures_in
from xjtrack.extract.periods import plan_period
from xjtrack.extract.sentences import Part, sentences

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "XJTRACK_LANG": "en"})
REPORTS = ("xj-gwr-2021", "xj-gwr-2024", "urumqi-gwr-2021", "urumqi-gwr-2024")


def ind(ident, name, unit, kind, aliases=(), prices="none"):
    return Indicator(id=ident, name_zh=name, name_en=ident, unit=unit, kind=kind, direction="up",
                     prices=prices, growth="real" if prices == "nominal" else "",
                     aliases=tuple(aliases))


INDICATORS = [
    ind("gdp", "地区生产总值", "亿元", "flow", ("生产总值",), "nominal"),
    ind("grain-sown-area", "粮食种植面积", "万亩", "stock"),
    ind("grain-output", "粮食产量", "万吨", "flow", ("粮食总产量",)),
    ind("urban-income", "城镇居民人均可支配收入", "元", "flow", prices="nominal"),
    ind("rural-income", "农村居民人均可支配收入", "元", "flow", prices="nominal"),
    ind("meat-output", "肉类产量", "万吨", "flow"),
    ind("egg-output", "禽蛋产量", "万吨", "flow"),
    ind("milk-output", "奶类产量", "万吨", "flow"),
    ind("railway-km", "铁路营运里程", "公里", "stock"),
    ind("urbanisation-rate", "常住人口城镇化率", "%", "rate", ("城镇化率",)),
    ind("poor-villages-exited", "贫困村退出", "个", "flow"),
    ind("urban-new-jobs", "城镇新增就业", "万人", "flow"),
    ind("medical-insurance", "基本医疗保险参保率", "%", "rate"),
    ind("critical-insurance", "大病保险参保率", "%", "rate"),
    ind("poor-critical-insurance", "贫困人口大病保险参保率", "%", "rate"),
    ind("livelihood-projects", "民生实事", "件", "flow"),
    ind("sports-parks", "体育公园", "个", "stock"),
    ind("demo-villages", "人居环境整治示范村", "个", "flow"),
    ind("budget-revenue", "一般公共预算收入", "亿元", "flow", prices="nominal"),
    ind("lake-area", "柴窝堡湖水域面积", "平方公里", "stock"),
    ind("urban-sewage", "城镇污水处理率", "%", "rate"),
    ind("urban-water", "城镇供水普及率", "%", "rate"),
    ind("enforcement-items", "合法性审核行政执法事项", "项", "stock"),
    ind("licensing-items", "合法性审核行政许可事项", "项", "stock"),
    ind("poverty-exit", "农村贫困人口脱贫人数", "万人", "flow"),
    ind("pension-insured", "养老保险参保人数", "万人", "stock"),
    ind("medical-insured", "医疗保险参保人数", "万人", "stock"),
    ind("tourist-visits", "接待游客", "万人次", "flow"),
    ind("tourism-revenue", "旅游收入", "亿元", "flow", prices="nominal"),
    ind("cpi-gap", "居民消费价格指数低于全国平均水平", "个百分点", "rate"),
    ind("medical-workers", "医务工作者", "人", "stock"),
    ind("contracts-out", "输出技术合同", "项", "flow"),
    ind("contracts-out-value", "输出技术合同交易额", "亿元", "flow", prices="nominal"),
    ind("debt-ratio", "工业企业负债率", "%", "rate"),
    ind("museums", "特色博物馆", "家", "stock"),
    ind("startups", "新增创业", "万人", "flow"),
    ind("startup-jobs", "创业带动就业", "万人", "flow"),
    ind("unemployment", "城镇调查失业率", "%", "rate"),
    ind("cpi", "居民消费价格", "", "index", ("居民消费价格指数",)),
    ind("xpcc-powers", "授予兵团行政职能和行政执法权", "项", "flow"),
    ind("power-export", "疆电外送电量", "亿千瓦时", "flow", ("疆电外送",)),
    ind("aid-livelihood-share", "援疆资金投入民生的比重", "%", "rate"),
    ind("compounds", "居民小区", "个", "stock"),
    ind("compounds-sorting", "垃圾分类覆盖居民小区", "个", "stock"),
    ind("volunteers", "疫情防控志愿者", "人", "stock"),
    ind("pension-adjustment-years", "连续调整企业退休人员养老金待遇年数", "年", "stock"),
]


def corpus(text: str, delivered=DocDate(2024, 1, 30)) -> tuple[Corpus, Source]:
    c = Corpus()
    c.jurisdictions = {j.id: j for j in (Jurisdiction(id="national", name_zh="全国", name_en="China"),
                                         Jurisdiction(id="xinjiang", name_zh="新疆维吾尔自治区", name_en="Xinjiang",
                                                      parent="national"),
                                         Jurisdiction(id="xpcc", name_zh="新疆生产建设兵团", name_en="XPCC",
                                                      parent="national"))}
    source = Source(id="report", title_zh="政府工作报告", title_en="Report", issuer="政府", jurisdiction="xinjiang",
                    kind="work_report", date=delivered, file="r.txt")
    c.sources = {"report": source}
    c.plans = {"p-next": Plan(id="p-next", name_zh="年度目标", name_en="Targets", jurisdiction="xinjiang",
                              period=Period(delivered.year, delivered.year),
                              source="report")}
    c.indicators = {i.id: i for i in INDICATORS}
    c.texts = {"report": text}
    return c, source


ONE_YEAR = "一、2023年工作回顾\n"
FIVE_YEARS = "一、“十三五”时期工作回顾\n"


def read(text: str, delivered=DocDate(2024, 1, 30), kind="observation") -> list[tuple]:
    c, source = corpus(text, delivered)
    return [(x.indicator.id if x.indicator else None, x.jurisdiction, str(x.measure), str(x.period), x.reading.value)
            for x in candidates(text, source, c) if x.kind == kind]


@pytest.mark.parametrize("text, expected", [
    ("全区地区生产总值增长6.8%。", [("gdp", "xinjiang", "yoy_growth", "2023", "6.8%")]),
    ("粮食种植面积4237.2万亩、新增586.3万亩，总产2119.2万吨、增加305.7万吨。", [
        ("grain-sown-area", "xinjiang", "level", "2023", "4237.2万亩"),
        ("grain-sown-area", "xinjiang", "change", "2023", "586.3万亩"),
        ("grain-output", "xinjiang", "level", "2023", "2119.2万吨"),
        ("grain-output", "xinjiang", "change", "2023", "305.7万吨")]),
    ("城乡居民人均可支配收入分别增长5.6%、8.4%。", [
        ("urban-income", "xinjiang", "yoy_growth", "2023", "5.6%"),
        ("rural-income", "xinjiang", "yoy_growth", "2023", "8.4%")]),
    ("肉、蛋、奶产量分别增长9.4%、4.3%、4.6%。", [
        ("meat-output", "xinjiang", "yoy_growth", "2023", "9.4%"),
        ("egg-output", "xinjiang", "yoy_growth", "2023", "4.3%"),
        ("milk-output", "xinjiang", "yoy_growth", "2023", "4.6%")]),
    ("粮食总产量2119.2\n\n万吨，比上年增\n长 1.6%。", [
        ("grain-output", "xinjiang", "level", "2023", "2119.2万吨"),
        ("grain-output", "xinjiang", "yoy_growth", "2023", "1.6%")]),
    ("兵团生产总值增长5.1%。", [("gdp", "xpcc", "yoy_growth", "2023", "5.1%")]),
    ("全国生产总值增长5.2%。", [("gdp", "national", "yoy_growth", "2023", "5.2%")]),
    ("基本医疗保险、大病保险参保率均达到99.71%。", [
        ("medical-insurance", "xinjiang", "level", "2023", "99.71%"),
        ("critical-insurance", "xinjiang", "level", "2023", "99.71%")]),
    ("支持培养引进人才5600余人，完成第七次全国人口普查，PM2.5下降，2023年1月30日召开。", [
        (None, "xinjiang", "level", "2023", "5600余人")]),
])
def test_a_one_year_review(text, expected):
    assert read(ONE_YEAR + text) == expected


@pytest.mark.parametrize("text, expected", [
    # a Chinese count is a figure only beside a registry name
    ("2023年十件民生实事全部如期完成，坚持两个维护。", [("livelihood-projects", "xinjiang", "level", "2023", "十件")]),
    # things newly made: a stock's change, a flow's amount
    ("打造体育公园4个，建成90个人居环境整治示范村。", [
        ("sports-parks", "xinjiang", "change", "2023", "4个"),
        ("demo-villages", "xinjiang", "level", "2023", "90个")]),
    # the head of a list's first item spreads to the others when it gives a whole name
    ("城镇供水普及率、污水处理率分别达98%、96.9%。", [
        ("urban-water", "xinjiang", "level", "2023", "98%"),
        ("urban-sewage", "xinjiang", "level", "2023", "96.9%")]),
    ("贫困人口基本医疗保险、大病保险参保率均达到100%。", [
        ("medical-insurance", "xinjiang", "level", "2023", "100%"),
        ("poor-critical-insurance", "xinjiang", "level", "2023", "100%")]),
    # figures named by the words after them, a name holding those words
    ("对112项行政执法事项、661项行政许可事项进行合法性审核。", [
        ("enforcement-items", "xinjiang", "level", "2023", "112项"),
        ("licensing-items", "xinjiang", "level", "2023", "661项")]),
    # 分别 lists: one after another, the second with no subject of its own
    ("养老、医疗保险参保人数分别达到172.3万人、244.8万人，较上年净增6.3万人、5.2万人。", [
        ("pension-insured", "xinjiang", "level", "2023", "172.3万人"),
        ("medical-insured", "xinjiang", "level", "2023", "244.8万人"),
        ("pension-insured", "xinjiang", "change", "2023", "6.3万人"),
        ("medical-insured", "xinjiang", "change", "2023", "5.2万人")]),
    ("旅游收入增长13倍。", [("tourism-revenue", "xinjiang", "yoy_growth", "2023", "1300%")]),
    ("居民消费价格指数低于全国平均水平一个百分点。", [("cpi-gap", "xinjiang", "level", "2023", "一个百分点")]),
    ("全市2.2万名医务工作者白衣为甲。", [("medical-workers", "xinjiang", "level", "2023", "2.2万名")]),
    ("接待游客2019年突破2亿人次，2022年在疫情严重冲击下超过1.58亿人次。", [
        ("tourist-visits", "xinjiang", "level", "2019", "突破2亿人次"),
        ("tourist-visits", "xinjiang", "level", "2022", "超过1.58亿人次")]),
    # a name holding the whole subject, its other words in the sentence, over one holding part of it
    ("新增分类垃圾桶3.1万个，覆盖居民小区1200个。", [
        (None, "xinjiang", "change", "2023", "3.1万个"),
        ("compounds-sorting", "xinjiang", "level", "2023", "1200个")]),
    ("21万余名志愿者以肩为担。", [("volunteers", "xinjiang", "level", "2023", "21万余名")]),
    ("连续第16年调整企业退休人员养老金待遇水平。", [("pension-adjustment-years", "xinjiang", "level", "2023", "16年")]),
    # a short subject completing the name before it
    ("输出技术合同229项，交易额2.5亿元。", [
        ("contracts-out", "xinjiang", "level", "2023", "229项"),
        ("contracts-out-value", "xinjiang", "level", "2023", "2.5亿元")]),
    # a list item with its own verb keeps it
    ("新增特色博物馆4家、累计达到11家，新增创业1.6万人、带动就业2万人。", [
        ("museums", "xinjiang", "change", "2023", "4家"),
        ("museums", "xinjiang", "level", "2023", "11家"),
        ("startups", "xinjiang", "level", "2023", "1.6万人"),
        ("startup-jobs", "xinjiang", "level", "2023", "2万人")]),
])
def test_rules_of_a_one_year_review(text, expected):
    assert read(ONE_YEAR + text) == expected


@pytest.mark.parametrize("text, expected", [
    ("地区生产总值从2015年的9306.88亿元增加到2020年的13797.58亿元，五年年均增长6.1%。", [
        ("gdp", "xinjiang", "level", "2015", "9306.88亿元"),
        ("gdp", "xinjiang", "level", "2020", "13797.58亿元"),
        ("gdp", "xinjiang", "avg_annual_growth", "2016-2020", "6.1%")]),
    ("铁路营运里程达7398公里，五年新增1530公里。", [
        ("railway-km", "xinjiang", "level", "2020", "7398公里"),
        ("railway-km", "xinjiang", "change", "2016-2020", "1530公里")]),
    ("常住人口城镇化率由2015年的47.23%提高到2020年的52.4%。", [
        ("urbanisation-rate", "xinjiang", "level", "2015", "47.23%"),
        ("urbanisation-rate", "xinjiang", "level", "2020", "52.4%")]),
    ("五年来，3666个贫困村全部退出。", [("poor-villages-exited", "xinjiang", "total", "2016-2020", "3666个")]),
    ("五年城镇累计新增就业233万人。", [("urban-new-jobs", "xinjiang", "total", "2016-2020", "233万人")]),
    ("国内生产总值突破一百万亿元。", [("gdp", "national", "level", "2020", "突破一百万亿元")]),
    ("一般公共预算收入由368.7亿元增加到392.6亿元。", [
        ("budget-revenue", "xinjiang", "level", "2015", "368.7亿元"),
        ("budget-revenue", "xinjiang", "level", "2020", "392.6亿元")]),
    ("柴窝堡湖水域面积由0.2平方公里恢复到20.3平方公里。", [
        ("lake-area", "xinjiang", "level", "2015", "0.2平方公里"),
        ("lake-area", "xinjiang", "level", "2020", "20.3平方公里")]),
    ("累计接待游客2.4亿人次、实现旅游收入3078.9亿元，较“十二五”时期分别增长1.5倍、1.6倍。", [
        ("tourist-visits", "xinjiang", "total", "2016-2020", "2.4亿人次"),
        ("tourism-revenue", "xinjiang", "total", "2016-2020", "3078.9亿元"),
        ("tourist-visits", "xinjiang", "cumulative_growth", "2016-2020", "150%"),
        ("tourism-revenue", "xinjiang", "cumulative_growth", "2016-2020", "160%")]),
    ("全区现行标准下306.49万农村贫困人口全面脱贫。", [
        ("poverty-exit", "xinjiang", "total", "2016-2020", "306.49万人")]),
    ("依法授予兵团3511项行政职能和行政执法权。", [("xpcc-powers", "xinjiang", "total", "2016-2020", "3511项")]),
    ("“疆电外送”超过3000亿千瓦时，其中2020年突破1000亿千瓦时。", [
        ("power-export", "xinjiang", "total", "2016-2020", "超过3000亿千瓦时"),
        ("power-export", "xinjiang", "level", "2020", "突破1000亿千瓦时")]),
    ("80%以上援疆资金投入民生领域和基层。", [("aid-livelihood-share", "xinjiang", "level", "2016-2020", "80%以上")]),
    ("3个贫困村于2016年全部退出。", [("poor-villages-exited", "xinjiang", "level", "2016", "3个")]),
    ("工业企业负债率下降3.1%。", [("debt-ratio", "xinjiang", "reduction", "2016-2020", "3.1%")]),
    ("每年实施不少于十件民生实事。", [
        ("livelihood-projects", "xinjiang", "annual_average", "2016-2020", "不少于十件")]),
    # the review turns to one year, and stays there until another cue
    ("五年来，旅游收入3078.9亿元。各位代表，刚刚过去的2020年，旅游收入460亿元。接待游客5722万人次。"
     "回顾过去的五年，接待游客2.4亿人次。", [
        ("tourism-revenue", "xinjiang", "total", "2016-2020", "3078.9亿元"),
        ("tourism-revenue", "xinjiang", "level", "2020", "460亿元"),
        ("tourist-visits", "xinjiang", "level", "2020", "5722万人次"),
        ("tourist-visits", "xinjiang", "total", "2016-2020", "2.4亿人次")]),
    ("地区生产总值比2010年翻一番。", [("gdp", "xinjiang", "multiple", "2011-2020", "翻一番")]),
    ("2020年城镇居民人均可支配收入34838元，是2010年的2.41倍。", [
        ("urban-income", "xinjiang", "level", "2020", "34838元"),
        ("urban-income", "xinjiang", "multiple", "2011-2020", "2.41倍")]),
])
def test_a_five_year_review(text, expected):
    assert read(FIVE_YEARS + text, DocDate(2021, 2, 1)) == expected


@pytest.mark.parametrize("text, expected", [
    # a level held through the plan is the plan period's, unless the sentence names its end
    ("“十四五”期间，城镇调查失业率控制在5.5%以内。", [
        ("unemployment", "xinjiang", "level", "2021-2025", "控制在5.5%以内")]),
    ("力争“十四五”末，城镇调查失业率控制在5%以内。", [("unemployment", "xinjiang", "level", "2025", "控制在5%以内")]),
    # 总里程 continues the series before it; 建设 makes new kilometres of a stock
    ("“十四五”期间，建设铁路营运里程2100公里以上，总里程突破9500公里。", [
        ("railway-km", "xinjiang", "change", "2021-2025", "2100公里以上"),
        ("railway-km", "xinjiang", "level", "2025", "突破9500公里")]),
])
def test_rules_of_a_five_year_plan(text, expected):
    assert read("二、“十四五”时期主要目标任务\n" + text, DocDate(2021, 2, 1), kind="target") == expected


def test_an_index_target_in_percent_is_its_rise():
    text = ONE_YEAR + "二、2024年主要工作\n居民消费价格指数保持在3%左右。"
    assert read(text, kind="target") == [("cpi", "xinjiang", "yoy_growth", "2024", "3%左右")]


def test_targets_in_the_planning_part_with_their_comparator_and_binding():
    text = ONE_YEAR + "全区地区生产总值增长6.8%。\n二、2024年主要工作\n今年经济社会发展主要预期目标是：" \
        "地区生产总值增长6.5%左右；城镇新增就业40万人以上。\n粮食种植面积稳定在4000万亩以上。"
    assert read(text, kind="target") == [("gdp", "xinjiang", "yoy_growth", "2024", "6.5%左右"),
                                         ("urban-new-jobs", "xinjiang", "level", "2024", "40万人以上"),
                                         ("grain-sown-area", "xinjiang", "level", "2024", "4000万亩以上")]
    c, source = corpus(text)
    found = [x for x in candidates(text, source, c) if x.kind == "target"]
    assert [x.binding for x in found] == ["expected", "expected", "unspecified"]
    assert [parse_quantity(x.reading.value).comparator for x in found] == ["~", ">=", ">="]


@pytest.mark.parametrize("clause, figures", [
    ("新增586.3万亩", ["586.3万亩"]),
    ("突破一百万亿元", ["突破一百万亿元"]),
    ("控制在5.5%以内", ["控制在5.5%以内"]),
    ("提高2至3个百分点", ["2至3个百分点"]),
    ("4.8万余户、240多万人", ["4.8万余户", "240多万人"]),
    ("翻一番", ["翻一番"]),
    ("2023年1月30日第七次会议", []),
    ("PM2.5浓度、5G基站、G580线、15年免费教育", []),
    ("一批项目", []),
    ("306.49万农村贫困人口、240多万人民", ["306.49万人", "240多万人"]),
    ("低于全国平均水平一个百分点", ["一个百分点"]),
    ("第十二件、十二件、两次、两个维护", ["十二件", "两次", "两个"]),
    ("连续四年多没有发生、连续第16年调整、2023年", ["四年多", "16年"]),
])
def test_figures_in_a_clause(clause, figures):
    assert [f.text for f in figures_in(clause)] == figures


def test_bare_chinese_counts_are_weak_figures():
    assert [(f.text, f.weak) for f in figures_in("突破十件、十件实事")] == [("十件", False), ("十件", True)]


@pytest.mark.parametrize("name, period", [("十三五", Period(2016, 2020)), ("十四五", Period(2021, 2025)),
                                          ("十二五", Period(2011, 2015)), ("十一五", Period(2006, 2010))])
def test_five_year_plans_by_name(name, period):
    assert plan_period(name) == period


def test_parts_follow_the_headings_and_pdf_lines_are_joined():
    text = "各位代表：\n一、2023 年工作回顾\n全区生产总值增\n\n长6.8%。\n二、2024 年主要工作\n增长6.5%左右。\n"
    found = sentences(text)
    assert [(s.part, s.text) for s in found] == [(Part.preamble, "各位代表："), (Part.review, "全区生产总值增长6.8%"),
                                                (Part.planning, "增长6.5%左右")]


def test_control_characters_never_reach_a_candidate():
    assert read(ONE_YEAR + "地区生产总值增长\x1b[2J6.8%。\n粮食总产量2119.2万吨。") == [
        ("grain-output", "xinjiang", "level", "2023", "2119.2万吨")]
    from xjtrack.extract.tables import tables

    hostile = TABLE.replace("1.地区生产总值(亿元)", "1.地区生产总值\u202e(亿元)")
    assert [r.name for r in tables(hostile)[0].rows] == ["常住人口城镇化率", "新增就业", "万元 GDP 用水量下降", "能耗降低"]


def _observation(value: str, source="report") -> Observation:
    period = Period(2023, 2023)
    return Observation(id=observation_id("gdp", "xinjiang", "yoy_growth", period, source), indicator="gdp",
                       jurisdiction="xinjiang",
                       measure="yoy_growth", period=period, value=parse_quantity(value), source=source,
                       source_date=DocDate(2024, 1, 30),
                       quotes=(Quote(source=source, text="全区地区生产总值增长6.8%"),))


@pytest.mark.parametrize("curated, note, mark", [
    ([], None, "new"),
    ([("6.8%", "report")], Note.curated, None),
    ([("6.9%", "report")], Note.conflict, None),
    ([("6.9%", "older")], None, "revises xinjiang/gdp/yoy_growth/2023/older (6.9%, older)"),
])
def test_each_candidate_is_marked_against_the_curated_data(curated, note, mark):
    text = ONE_YEAR + "全区地区生产总值增长6.8%。"
    c, source = corpus(text)
    c.sources["older"] = Source(id="older", title_zh="旧", title_en="Old", issuer="政府",
                                jurisdiction="xinjiang", kind="work_report", date=DocDate(2023), file="o.txt")
    c.observations = {o.id: o for o in (_observation(v, s) for v, s in curated)}
    result = draft(text, source, c)
    assert [e.mark for e in result.entries] == ([mark] if mark else [])
    assert [kind for kind, _ in result.notes] == ([note] if note else [])


def test_a_figure_with_no_indicator_is_drafted_with_a_proposed_indicator_never_dropped():
    text = ONE_YEAR + "油料作物播种面积207.2万亩。"
    c, source = corpus(text)
    result = draft(text, source, c)
    [entry] = result.entries
    proposed = result.proposals["油料作物播种面积"]
    assert entry.proposed and entry.fields["indicator"] == proposed.id == "new-area"
    assert (proposed.name_zh, proposed.unit, proposed.kind) == ("油料作物播种面积", "万亩", "stock")
    loaded = yaml.safe_load(render(result))
    assert loaded["indicators"][0]["id"] == "new-area" and loaded["indicators"][0]["unit"] == "万亩"
    assert loaded["observations"][0] == {"indicator": "new-area", "measure": "level", "period": "2023",
                                         "value": "207.2万亩", "source": "report", "quote": "油料作物播种面积207.2万亩"}


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(ROOT / "targets.yaml", root / "targets.yaml")
    for folder in ("data", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.mark.parametrize("source", (*REPORTS, "xj-13fyp-outline"))
def test_each_reports_draft_validates_in_data_and_a_second_run_proposes_nothing_more(tmp_path, source):
    root = _repository(tmp_path)
    (root / "data" / "observations" / f"{source}.yaml").unlink()  # set aside: the draft's ids would collide
    targets = str(root / "targets.yaml")
    result = runner.invoke(app, ["extract", source, "--targets", targets])
    assert result.exit_code == 0, result.output
    drafted = root / "drafts" / f"{source}.yaml"
    entries = drafted.read_text(encoding="utf-8").split("\ntargets:")[0].count("\n  - indicator: ")
    assert entries >= (30 if source.endswith("outline") else 90) and f": {entries} observations and " in result.stderr
    assert "warning" not in result.stderr
    shutil.move(drafted, root / "data" / "observations" / f"{source}.yaml")
    checked = runner.invoke(app, ["validate", "--targets", targets])
    assert checked.exit_code == 0, checked.output
    again = runner.invoke(app, ["extract", source, "--targets", targets])
    assert again.exit_code == 0, again.output
    assert "0 observations and 0 targets to review" in again.stderr


def test_the_command_refuses_to_overwrite_and_unknown_sources(mini):
    targets = str(mini)
    first = runner.invoke(app, ["extract", "report", "--targets", targets])
    assert first.exit_code == 0, first.output
    assert (mini.parent / "drafts" / "report.yaml").is_file()
    again = runner.invoke(app, ["extract", "report", "--targets", targets])
    assert again.exit_code == 1 and "exists; pass --force" in again.stderr
    assert runner.invoke(app, ["extract", "report", "--force", "--targets", targets]).exit_code == 0
    unknown = runner.invoke(app, ["extract", "reprot", "--targets", targets])
    assert unknown.exit_code == 2 and "did you mean 'report'" in unknown.stderr
    missing = runner.invoke(app, ["extract", "report", "-o", str(mini.parent / "no" / "d.yaml"), "--targets", targets])
    assert missing.exit_code == 1 and "does not exist" in missing.stderr


def test_the_draft_can_go_to_stdout_and_hostile_text_stays_out_of_it(mini):
    text = mini.parent / "sources" / "report.txt"
    text.write_text(text.read_text(encoding="utf-8") + "一、2020年工作回顾\n\x1b]0;pwned\x07铁路营运里程达7000公里。\n"
                    "铁路营运里程达7398公里。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "report", "-o", "-", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x1b" not in result.stderr
    assert "7398公里" in result.stdout and "7000公里" not in result.stdout


TABLE = ("专栏 2 “十三五”期间经济社会发展的主要指标\t\t\t\n"
         "指 标\t2015 年 预计\t2020 年\t年均增长 (%) [累计]\t属性\n"
         "\n"
         "经济发展\t1.地区生产总值(亿元)\t\t9324.8\t13078\t7左右\t预期性\n"
         "\t7.城镇化率\t常住人口城镇化率(%)\t48\t58\t[10]\t预期性\n"
         "23.新增就业(万人)\t\t—\t—\t[220以上]\t约束性\t\n"
         "\t27.万元 GDP 用水量下降(%)\t\t—\t—\t[33]\t约束性\n"
         "\t29.能耗降低(%)\t\t[-1.68]\t控制在国家下达指标内\t\t约束性\n"
         "\n"
         "注：1、带[ ]为五年累计数。\n")


def test_a_main_indicator_table_read_row_by_row():
    from xjtrack.extract.tables import figures, tables

    [table] = tables("前言。\n" + TABLE)
    assert (table.span, table.base_year, table.estimated, table.lines) == (Period(2016, 2020), 2015, True, range(1, 9))
    assert [(r.name, r.category, r.unit, r.binding) for r in table.rows] == [
        ("地区生产总值", "经济发展", "亿元", "expected"), ("常住人口城镇化率", "城镇化率", "%", "expected"),
        ("新增就业", "", "万人", "binding"), ("万元 GDP 用水量下降", "", "%", "binding"),
        ("能耗降低", "", "%", "binding")]
    read = [[(f.kind, str(f.reading.measure), str(f.reading.period), f.reading.value, f.estimate)
             for f in figures(table, row)] for row in table.rows]
    assert read == [
        [("target", "level", "2020", "13078亿元", False), ("target", "avg_annual_growth", "2016-2020", "7%左右", False),
         ("observation", "level", "2015", "9324.8亿元", True)],
        [("target", "level", "2020", "58%", False), ("target", "change", "2016-2020", "10个百分点", False),
         ("observation", "level", "2015", "48%", True)],
        [("target", "change", "2016-2020", "220万人以上", False)],
        [("target", "reduction", "2016-2020", "33%", False)],
        []]
    assert table.rows[0].quote == "经济发展 1.地区生产总值(亿元) 9324.8 13078 7左右 预期性"


def test_a_plan_outline_reads_its_table_and_looks_ahead_over_its_plan():
    text = "### 第三章 发展目标\n到2020年，城镇化率达到58%。\n" + TABLE
    c, _ = corpus(text, DocDate(2016, 5, 1))
    outline = Source(id="outline", title_zh="新疆维吾尔自治区国民经济和社会发展第十三个五年规划纲要", title_en="Outline", issuer="政府",
                     jurisdiction="xinjiang",
                     kind="plan", date=DocDate(2016, 5, 1), file="o.txt")
    found = [(x.kind, x.indicator.id if x.indicator else None, str(x.measure), str(x.period), x.reading.value, x.binding)
             for x in candidates(text, outline, c)]
    assert found == [
        ("target", "urbanisation-rate", "level", "2020", "58%", "unspecified"),
        ("target", "gdp", "level", "2020", "13078亿元", "expected"),
        ("target", "gdp", "avg_annual_growth", "2016-2020", "7%左右", "expected"),
        ("observation", "gdp", "level", "2015", "9324.8亿元", "unspecified"),
        ("target", "urbanisation-rate", "level", "2020", "58%", "expected"),
        ("target", "urbanisation-rate", "change", "2016-2020", "10个百分点", "expected"),
        ("observation", "urbanisation-rate", "level", "2015", "48%", "unspecified"),
        ("target", "urban-new-jobs", "total", "2016-2020", "220万人以上", "binding"),
        ("target", None, "reduction", "2016-2020", "33%", "binding")]


RESULTS = ("专栏 1 “十二五”规划主要指标实现情况\t\t\t\t\t\t\n"
           "指 标\t2010 年\t规划目标\t\t执行情况\t\t规划目标完成情况\n"
           "\t\t2015 年\t年均增长 (%)\t2015 年\t年均增长 (%)\t\n"
           "地区生产总值 (亿元)\t5437\t(8800)\t10 以上\t9324.8\t10.7\t完成\n"
           "常住人口城镇化率(%)\t40\t48\t—\t48\t—\t完成\n"
           "单位工业增加值用水量降低(%)\t\t\t[9]\t[33]\t\t完成\n"
           "主要污染物 排放(%)\t化学需氧量\t—\t<[10]\t\t[2.6]\t完成\n"
           "备注：带[ ]为五年累计数。\t\t\t\t\t\t\n")


def test_a_table_of_the_last_plans_results():
    from xjtrack.extract.tables import figures, tables

    [table] = tables(RESULTS)
    assert (table.results, table.span, table.base_year, table.lines) == (True, Period(2011, 2015), 2010, range(0, 7))
    assert [r.name for r in table.rows] == ["地区生产总值", "常住人口城镇化率", "单位工业增加值用水量降低"]
    read = [[(f.kind, str(f.reading.measure), str(f.reading.period), f.reading.value) for f in figures(table, row)]
            for row in table.rows]
    assert read == [
        [("target", "level", "2015", "8800亿元"), ("target", "avg_annual_growth", "2011-2015", "10%以上"),
         ("observation", "level", "2010", "5437亿元"), ("observation", "level", "2015", "9324.8亿元"),
         ("observation", "avg_annual_growth", "2011-2015", "10.7%")],
        [("target", "level", "2015", "48%"), ("observation", "level", "2010", "40%"),
         ("observation", "level", "2015", "48%")],
        [("target", "reduction", "2011-2015", "9%"), ("observation", "reduction", "2011-2015", "33%")]]


def test_the_last_plans_targets_are_drafted_with_the_tables_claims_and_validate(tmp_path):
    root = _repository(tmp_path)
    (root / "data" / "xj-12fyp.yaml").unlink()  # set aside: the 12th FYP's curated targets and claims
    targets = str(root / "targets.yaml")
    assert runner.invoke(app, ["extract", "xj-13fyp-outline", "--targets", targets]).exit_code == 0
    drafted = (root / "drafts" / "xj-13fyp-outline.yaml").read_text(encoding="utf-8")
    gdp = drafted[drafted.index("  - id: xj-12fyp.gdp\n"):]
    assert gdp[:gdp.index("  # ")] == (
        "  - id: xj-12fyp.gdp\n    plan: xj-12fyp\n    indicator: gdp\n    measure: level\n    target: \"8800亿元\"\n"
        "    due: \"2015\"\n    binding: unspecified\n"
        "    quote: \"地区生产总值 (亿元) 5437 (8800) 10 以上 9324.8 10.7 完成\"\n"
        "    claims:\n      - claim: met\n        text: \"完成\"\n        source: xj-13fyp-outline\n"
        "        quote: \"地区生产总值 (亿元) 5437 (8800) 10 以上 9324.8 10.7 完成\"\n")
    assert drafted.count("claim: not_met") == drafted.count("text: \"未完成\"") > 0
    assert "  - id: xj-12fyp.gdp-growth\n    plan: xj-12fyp\n    indicator: gdp\n    measure: avg_annual_growth\n" \
        in drafted  # ids as CURATING.md writes them
    (root / "drafts" / "xj-13fyp-outline.yaml").rename(root / "data" / "xj-12fyp.yaml")
    checked = runner.invoke(app, ["validate", "--targets", targets])
    assert checked.exit_code == 0, checked.output


def test_a_document_with_no_figure_is_said_to_give_nothing(mini):
    (mini.parent / "sources" / "news.txt").write_text("一则消息。全区经济运行稳中向好。\n", encoding="utf-8")
    entry = ("  - id: news\n    title_zh: 消息\n    title_en: News\n    issuer: 人民政府\n    jurisdiction: xinjiang\n"
             "    kind: work_report\n    date: \"2024-02-01\"\n    file: sources/news.txt\n\nplans:\n")
    mini.write_text(mini.read_text(encoding="utf-8").replace("\nplans:\n", entry, 1), encoding="utf-8")
    result = runner.invoke(app, ["extract", "news", "-o", "-", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert "warning: no figure was read from sources/news.txt" in result.stderr
    assert result.stdout.endswith("observations: []\n")


@pytest.mark.parametrize("line, part", [
    ("一、2023年工作回顾", Part.review), ("第一章 发展的基础", Part.review),
    ("第一章 决胜全面建成小康社会取得决定性成就", Part.review), ("第二章 发展环境", Part.review),
    ("二、2024年主要工作", Part.planning), ("第三章 发展目标", Part.planning), ("三、“十四五”时期目标任务", Part.planning),
    ("第四章 加强各民族大团结", None), ("全区地区生产总值增长6.8%，回顾过去。", None),
])
def test_the_headings_that_open_a_part(line, part):
    from xjtrack.extract.sentences import heading_part

    assert heading_part(line.replace(" ", "")) == part


def test_a_statistical_bulletin_gives_its_years_results_under_any_heading():
    text = ("新疆维吾尔自治区2023年国民经济和社会发展统计公报\n一、综合\n初步核算，全年全区地区生产总值19125.91亿元，"
            "比上年增长6.8%。\n二、农业\n全年粮食种植面积4237.2万亩。\n")
    c, _ = corpus(text)
    bulletin = Source(id="b", title_zh="新疆维吾尔自治区2023年国民经济和社会发展统计公报", title_en="Bulletin", issuer="统计局",
                      jurisdiction="xinjiang",
                      kind="bulletin", date=DocDate(2024, 3, 28), file="b.txt")
    assert [(x.kind, x.indicator.id, str(x.measure), str(x.period), x.reading.value)
            for x in candidates(text, bulletin, c)] == [
        ("observation", "gdp", "level", "2023", "19125.91亿元"), ("observation", "gdp", "yoy_growth", "2023", "6.8%"),
        ("observation", "grain-sown-area", "level", "2023", "4237.2万亩")]


@pytest.mark.parametrize("title, period", [
    ("新疆维吾尔自治区国民经济和社会发展第十三个五年规划纲要", Period(2016, 2020)),
    ("新疆维吾尔自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要", Period(2021, 2025)),
    ("乌鲁木齐市“十四五”生态环境保护规划", Period(2021, 2025)), ("2021年政府工作报告", None)])
def test_the_plan_a_title_names(title, period):
    from xjtrack.extract.periods import plan_of_title

    assert plan_of_title(title) == period
