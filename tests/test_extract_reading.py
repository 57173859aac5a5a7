"""xjtrack extract on the documents users bring: no headings, traditional characters, pinyin,
near names, periods over several years, plausibility, proposed plans and indicators, and a draft
that is always YAML whatever the text holds. Every passage is written for these tests."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import yaml

from tests.test_extract import ind
from xjtrack.core.normalise import has_pinyin, reading_text
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.plausible import suspects
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Corpus, Jurisdiction, Observation, Plan, Source
from xjtrack.curated.quotes import SourceText
from xjtrack.curated.spans import period_misfit
from xjtrack.extract.draft import draft, render

INDICATORS = [
    ind("gdp", "地区生产总值", "亿元", "flow", ("生产总值",), "nominal"),
    ind("industry-va", "工业增加值", "亿元", "flow", prices="nominal"),
    ind("industry-va-above-scale", "规模以上工业增加值", "亿元", "flow", prices="nominal"),
    ind("disposable-income", "居民人均可支配收入", "元", "flow", prices="nominal"),
    ind("xpcc-income", "连队常住居民人均可支配收入", "元", "flow", prices="nominal"),
    ind("budget-revenue", "一般公共预算收入", "亿元", "flow", prices="nominal"),
    ind("grain-output", "粮食产量", "万吨", "flow"),
    ind("urban-new-jobs", "城镇新增就业", "万人", "flow"),
    ind("unemployment", "城镇调查失业率", "%", "rate"),
]


def corpus(jurisdiction="xinjiang", date=DocDate(2023, 1, 16), kind="work_report", plans=()) -> tuple[Corpus, Source]:
    c = Corpus()
    c.jurisdictions = {j.id: j for j in (Jurisdiction(id="national", name_zh="全国", name_en="China"),
                                         Jurisdiction(id="xinjiang", name_zh="新疆维吾尔自治区", name_en="Xinjiang",
                                                      parent="national"),
                                         Jurisdiction(id="urumqi", name_zh="乌鲁木齐市", name_en="Urumqi",
                                                      parent="xinjiang"),
                                         Jurisdiction(id="xpcc", name_zh="新疆生产建设兵团", name_en="XPCC",
                                                      parent="national"))}
    source = Source(id="doc", title_zh="一份文件", title_en="A document", issuer="", jurisdiction=jurisdiction,
                    kind=kind, date=date, file="doc.txt")
    c.sources = {"doc": source}
    c.plans = {p.id: p for p in plans}
    c.indicators = {i.id: i for i in INDICATORS}
    return c, source


def rows(text: str, **kw) -> set[tuple]:
    c, source = corpus(**kw)
    result = draft(text, source, c)
    return {(e.kind, e.candidate.indicator.name_zh if e.proposed else e.candidate.indicator.id, e.candidate.jurisdiction,
             str(e.candidate.measure), str(e.candidate.period), e.candidate.reading.value) for e in result.entries}


NEWS = ("本报讯 自治区人大会议今天开幕。政府工作报告说，2022年全区地区生产总值达到17780.5亿元，增长3.2%。"
        "报告提出，2023年全区经济社会发展的主要预期目标是：地区生产总值增长7%左右，城镇新增就业47万人以上。"
        "报告还说，要确保规模以上工业增加值增长8%以上。\n")


def test_a_news_article_with_no_heading_gives_results_of_past_years_and_targets_of_its_own():
    assert rows(NEWS) == {
        ("observation", "gdp", "xinjiang", "level", "2022", "17780.5亿元"),
        ("observation", "gdp", "xinjiang", "yoy_growth", "2022", "3.2%"),
        ("target", "gdp", "xinjiang", "yoy_growth", "2023", "7%左右"),
        ("target", "urban-new-jobs", "xinjiang", "level", "2023", "47万人以上"),
        ("target", "industry-va-above-scale", "xinjiang", "yoy_growth", "2023", "8%以上"),
    }


def test_an_excerpt_that_starts_at_this_years_targets_reads_them_as_the_documents_year():
    text = "今年我区经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇调查失业率5.5%左右。\n"
    assert rows(text, date=DocDate(2025, 1, 21)) == {
        ("target", "gdp", "xinjiang", "yoy_growth", "2025", "6%左右"),
        ("target", "unemployment", "xinjiang", "level", "2025", "5.5%左右")}


def test_a_sentence_with_no_cue_reads_as_the_one_before_it():
    text = "全年规模以上工业增加值增长7.6%。粮食产量2180万吨。\n"
    assert rows(text, date=DocDate(2026, 1, 25)) == {
        ("observation", "industry-va-above-scale", "xinjiang", "yoy_growth", "2025", "7.6%"),
        ("observation", "grain-output", "xinjiang", "level", "2025", "2180万吨")}


def test_traditional_characters_are_read_and_quoted_as_written():
    text = "報告回顧，2021年全區地區生產總值達到15890.4億元，比上年增長7.0%；糧食產量1735.8萬噸。\n"
    c, source = corpus(date=DocDate(2022, 1, 25))
    result = draft(text, source, c)
    found = {(e.candidate.indicator.id, str(e.candidate.measure), e.candidate.reading.value): e.quotes[0]
             for e in result.entries}
    assert found == {("gdp", "level", "15890.4亿元"): "地區生產總值達到15890.4億元",
                     ("gdp", "yoy_growth", "7.0%"): "2021年全區地區生產總值達到15890.4億元，比上年增長7.0%",
                     ("grain-output", "level", "1735.8万吨"): "糧食產量1735.8萬噸"}
    archived = SourceText(text)
    assert all(archived.locate(q) for q in found.values())  # validate finds each in the text as archived


def test_inline_pinyin_is_removed_for_reading_and_kept_in_the_quote():
    text = "2022年兵团生shēng产chǎn总值实(shí)现(xiàn)4175.2亿元，增长(zhǎng)5.1%。\n"
    assert has_pinyin(text) and not has_pinyin("地区生产总值增长6%左右，CPI涨幅3%")
    assert reading_text(text).text == "2022年兵团生产总值实现4175.2亿元，增长5.1%。\n"
    c, source = corpus(jurisdiction="xpcc", date=DocDate(2023, 2, 1))
    result = draft(text, source, c)
    assert [(e.candidate.indicator.id, e.candidate.reading.value, e.quotes[0]) for e in result.entries] == [
        ("gdp", "4175.2亿元", "生shēng产chǎn总值实(shí)现(xiàn)4175.2亿元"),
        ("gdp", "5.1%", "2022年兵团生shēng产chǎn总值实(shí)现(xiàn)4175.2亿元，增长(zhǎng)5.1%")]


@pytest.mark.parametrize("text, wrong", [
    ("2022年第一产业增加值2785.4亿元。", "industry-va"),
    ("2022年规模以上工业企业实现利润总额210.6亿元。", "industry-va-above-scale"),
    ("2022年连队居民人均可支配收入28460元。", "disposable-income"),
])
def test_a_name_matches_only_when_its_qualifiers_agree(text, wrong):
    found = rows(text)
    assert found and all(row[1] != wrong for row in found)


def test_a_near_name_without_a_qualifier_of_its_own_still_matches():
    assert rows("2022年连队居民人均可支配收入28460元。", jurisdiction="xpcc") == {
        ("observation", "xpcc-income", "xpcc", "level", "2022", "28460元")}


def test_a_region_figure_including_the_xpcc_stays_the_regions():
    assert rows("2022年全区（含兵团）地区生产总值17780.5亿元。其中，兵团生产总值4175.2亿元。") == {
        ("observation", "gdp", "xinjiang", "level", "2022", "17780.5亿元"),
        ("observation", "gdp", "xpcc", "level", "2022", "4175.2亿元")}


def test_an_unregistered_name_is_drafted_with_its_indicator_and_the_growth_after_it():
    text = "2022年全区第一产业增加值2785.4亿元，增长5.6%。\n"
    c, source = corpus()
    result = draft(text, source, c)
    indicator = result.proposals["第一产业增加值"]
    assert (indicator.id, indicator.unit, indicator.kind) == ("new-primary-industry-va", "亿元", "flow")
    assert {(str(e.candidate.measure), e.candidate.reading.value, e.fields["indicator"]) for e in result.entries} == {
        ("level", "2785.4亿元", "new-primary-industry-va"), ("yoy_growth", "5.6%", "new-primary-industry-va")}
    loaded = yaml.safe_load(render(result))
    assert [(i["id"], i["topic"]) for i in loaded["indicators"]] == [("new-primary-industry-va", "economy")]


@pytest.mark.parametrize("text, date, wanted", [
    ("这五年，全区地区生产总值年均增长6.1%。", DocDate(2026, 1, 25), ("avg_annual_growth", "2021-2025")),
    ("过去五年，全市一般公共预算收入年均增长8.4%。", DocDate(2026, 1, 25), ("avg_annual_growth", "2021-2025")),
    ("“十四五”时期，全区地区生产总值年均增长6.2%。", DocDate(2026, 2, 1), ("avg_annual_growth", "2021-2025")),
    ("2022年全区地区生产总值两年平均增长5.1%。", DocDate(2023, 1, 16), ("avg_annual_growth", "2021-2022")),
])
def test_several_years_get_their_span(text, date, wanted):
    [row] = rows(text, date=date)
    assert row[3:5] == wanted


def test_validate_and_the_draft_refuse_an_average_growth_or_a_total_over_one_year():
    assert "averages several years" in period_misfit("avg_annual_growth", Period(2022, 2022))
    assert "total of one year" in period_misfit("total", Period(2022, 2022))
    assert period_misfit("avg_annual_growth", Period(2021, 2025)) is None
    c, source = corpus(date=DocDate(2023, 1, 16))
    result = draft("2022年全区地区生产总值年均增长5.1%。", source, c)
    assert result.entries == [] and "averages several years" in result.notes[0][1]


def test_targets_with_no_plan_get_a_proposed_plan_for_the_year_and_for_the_fifteenth_fyp():
    text = ("2026年全区经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。"
            "到2030年，力争全区地区生产总值突破3万亿元。\n")
    c, source = corpus(date=DocDate(2026, 1, 25))
    result = draft(text, source, c)
    assert {(p.id, str(p.period), p.source) for p in result.plans.values()} == {
        ("xj-2026", "2026", "doc"), ("xj-15fyp", "2026-2030", "doc")}
    assert {(e.fields["plan"], e.fields["due"]) for e in result.of("target")} == {("xj-2026", "2026"),
                                                                                  ("xj-15fyp", "2030")}
    loaded = yaml.safe_load(render(result))
    assert {p["id"] for p in loaded["plans"]} == {"xj-2026", "xj-15fyp"}


def test_a_placeholder_plan_of_another_source_takes_the_targets_which_name_their_source():
    placeholder = Plan(id="xj-2026", name_zh="2026年度目标", name_en="2026", jurisdiction="xinjiang",
                       period=Period(2026, 2026), source="other")
    c, source = corpus(date=DocDate(2026, 1, 25), plans=(placeholder,))
    result = draft("今年主要预期目标是：地区生产总值增长5.5%左右。", source, c)
    [entry] = result.of("target")
    assert (entry.fields["plan"], entry.fields["source"]) == ("xj-2026", "doc") and result.plans == {}


def _observation(ident, value, year, source="a", where="xinjiang", measure="level", indicator="industry-va"):
    return Observation(id=ident, indicator=indicator, jurisdiction=where, measure=measure,
                       period=Period(year, year), value=parse_quantity(value), source=source,
                       source_date=DocDate(year + 1), quotes=())


def test_plausibility_names_both_figures_and_both_sources():
    indicators = {i.id: i for i in INDICATORS}
    found = suspects([_observation("x", "690亿元", 2021, "r2022"), _observation("y", "31亿元", 2022, "r2023"),
                      _observation("c", "800亿元", 2021, "city", where="urumqi"),
                      _observation("a", "1700万吨", 2021, "r2022", indicator="grain-output"),
                      _observation("b", "1813.5万吨", 2022, "r2023", indicator="grain-output"),
                      _observation("g", "3%", 2022, "news", measure="yoy_growth", indicator="grain-output")],
                     indicators, {"urumqi": "xinjiang"})
    assert {s.message for s in found} == {
        "grain-output growth 3% (2022, news) contradicts its levels 1700万吨 (2021, r2022) → 1813.5万吨 (2022, r2023)"
        " (+6.7%)".replace("grain-output", "xinjiang grain-output", 1),
        "industry-va 2021: urumqi 800亿元 (2021, city) is above xinjiang 690亿元 (2021, r2022)",
        "xinjiang industry-va level moves 0.0449-fold in a year: 690亿元 (2021, r2022) → 31亿元 (2022, r2023)"}


def test_the_draft_marks_an_entry_that_breaks_its_series():
    c, source = corpus(date=DocDate(2023, 1, 16))
    c.observations = {"o": _observation("o", "690亿元", 2021, "old")}
    result = draft("2022年全区工业增加值31亿元。", source, c)
    [entry] = result.entries
    assert "690亿元 (2021, old)" in entry.suspect and "31亿元 (2022, doc)" in entry.suspect
    assert "# suspect: xinjiang industry-va level moves" in render(result)


def test_the_draft_is_yaml_whatever_the_source_and_the_curated_titles_hold():
    c, source = corpus(date=DocDate(2023, 1, 16))
    source = replace(source, title_zh="标题\ntargets:\n  - id: injected")
    text = "2022年全区地区生产总值\ufffe17780.5亿元。\n2022年粮食产量1813.5万吨\u2028，城镇新增就业47万人。\n"
    result = draft(text, source, c)
    loaded = yaml.safe_load(render(result))
    assert "targets" not in loaded
    assert all(o["indicator"] in ("grain-output", "urban-new-jobs") for o in loaded["observations"])


def test_extract_is_linear_in_the_figures_of_a_line():
    def seconds(n: int) -> float:
        text = "2022年" + "、".join(f"粮食产量{i}.5万吨" for i in range(n)) + "。\n"
        c, source = corpus()
        started = time.perf_counter()
        draft(text, source, c)
        return time.perf_counter() - started

    small, large = seconds(5000), seconds(20000)
    assert large < 30 and large < 8 * small, (small, large)  # quadratic would be 16 times


def test_add_source_warns_of_inline_pinyin_and_archives_the_text_as_written(mini, tmp_path):
    from typer.testing import CliRunner

    from xjtrack.cli import app

    page = tmp_path / "page.txt"
    text = "兵团2025年工作报告发布。2024年兵团生shēng产chǎn总值实(shí)现(xiàn)4380亿元。\n"
    page.write_text(text, encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "XJTRACK_LANG": "en"})
    result = runner.invoke(app, ["add-source", str(page), "--id", "xpcc-page", "--jurisdiction", "xinjiang",
                                 "--kind", "work_report", "--title-zh", "兵团工作报告", "--title-en", "XPCC report",
                                 "--issuer", "兵团", "--date", "2025-01-20", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert "xpcc-page.txt carries inline pinyin (4 syllables" in result.stderr
    assert (mini.parent / "sources" / "xpcc-page.txt").read_text(encoding="utf-8") == text
    plain = tmp_path / "plain.txt"
    plain.write_text("兵团2025年工作报告发布。2024年兵团生产总值实现4380亿元。\n", encoding="utf-8")
    quiet = runner.invoke(app, ["add-source", str(plain), "--id", "xpcc-plain", "--jurisdiction", "xinjiang",
                                "--kind", "work_report", "--title-zh", "兵团工作报告", "--title-en", "XPCC report",
                                "--issuer", "兵团", "--date", "2025-01-20", "--targets", str(mini)])
    assert quiet.exit_code == 0, quiet.output
    assert "pinyin" not in quiet.stderr


def test_next_year_in_a_december_document_is_a_plan_for_the_year_after():
    assert rows("会议指出，明年全区地区生产总值增长6%左右。", date=DocDate(2022, 12, 20)) == {
        ("target", "gdp", "xinjiang", "yoy_growth", "2023", "6%左右")}


def test_validate_warns_of_a_figure_that_breaks_its_series_naming_both(mini):
    from typer.testing import CliRunner

    from xjtrack.cli import app

    root = mini.parent
    (root / "sources" / "odd.txt").write_text("2016年地区生产总值900亿元。\n", encoding="utf-8")
    entry = ("  - id: odd\n    title_zh: 消息\n    title_en: News\n    issuer: 人民政府\n    jurisdiction: xinjiang\n"
             "    kind: work_report\n    date: \"2017-02-01\"\n    file: sources/odd.txt\n\nplans:\n")
    mini.write_text(mini.read_text(encoding="utf-8").replace("\nplans:\n", entry, 1), encoding="utf-8")
    (root / "data" / "observations" / "odd.yaml").write_text(
        "observations:\n  - indicator: gdp\n    measure: level\n    period: \"2016\"\n    value: \"900亿元\"\n"
        "    source: odd\n    quote: \"2016年地区生产总值900亿元\"\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert ("warning: implausible: xinjiang gdp level moves 0.0967-fold in a year: 9306.88亿元 (2015, report) → "
            "900亿元 (2016, odd)") in result.stderr


def test_a_sentence_that_turns_from_a_result_to_a_target_reads_each_clause_its_own_way():
    assert rows("2022年全区地区生产总值增长3.2%，2023年预期增长7%左右。", date=DocDate(2023, 1, 16)) == {
        ("observation", "gdp", "xinjiang", "yoy_growth", "2022", "3.2%"),
        ("target", "gdp", "xinjiang", "yoy_growth", "2023", "7%左右")}


def test_review_leaves_the_entries_resting_on_a_proposed_plan_or_indicator_in_the_draft():
    from xjtrack.ingest.accept import read_draft

    c, source = corpus(date=DocDate(2026, 1, 25))
    text = "2025年全区第一产业增加值2785.4亿元，粮食产量2180万吨。今年主要预期目标是：地区生产总值增长5.5%左右。"
    entries = read_draft(render(draft(text, source, c)), "drafts/doc.yaml")
    assert [(e.section, e.fields["indicator"]) for e in entries] == [("observations", "grain-output")]
