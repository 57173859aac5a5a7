"""add-source asks once: every field the document settles is proposed, everything it does not is
listed in one message, and a terminal is asked field by field."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.ingest.header import Place, propose

runner = CliRunner()

REPOSTED = ("2022年新疆政府工作报告\n時間:2022-02-07 来源:天山网\n各位代表：\n"
            "过去一年，全区地区生产总值增长7%。全区城镇新增就业47.1万人。\n")
NEWS = ("新疆去年地区生产总值增长6.1%\n01-23 20:02:40 来源:上游新闻\n"
        "记者从自治区两会获悉，2025年全区地区生产总值增长6.1%，全区居民人均可支配收入增长6%。\n"
        "全区城镇新增就业48万人。2026年，全区将继续……\n")
FORUM = ("读懂乌鲁木齐的发展账本\n发表于 2026-01-28\n全市经济运行稳中有进，首府地区生产总值增长6%。\n"
         "全市新增就业。全市……\n")
PLACES = [Place("national", "全国", "China"), Place("xinjiang", "新疆维吾尔自治区", "Xinjiang"),
          Place("urumqi", "乌鲁木齐市", "Urumqi"), Place("xpcc", "新疆生产建设兵团", "XPCC")]


def add(mini: Path, *args, **kwargs):
    return runner.invoke(app, ["add-source", *map(str, args), "--targets", str(mini)], **kwargs)


def entry(mini: Path, source: str) -> dict:
    import yaml

    data = yaml.safe_load(mini.read_text(encoding="utf-8"))
    return next(s for s in data["sources"] if s["id"] == source)


def test_a_page_whose_title_names_its_place_and_whose_header_dates_it_takes_one_run(mini, tmp_path):
    (tmp_path / "xj-gwr-2022.txt").write_text(REPOSTED, encoding="utf-8")
    result = add(mini, tmp_path / "xj-gwr-2022.txt")
    assert result.exit_code == 0, result.output
    found = entry(mini, "xj-gwr-2022")
    assert {k: found[k] for k in ("jurisdiction", "kind", "date", "title_zh", "title_en", "issuer")} == {
        "jurisdiction": "xinjiang", "kind": "work_report", "date": "2022-02-07", "title_zh": "2022年新疆政府工作报告",
        "title_en": "Xinjiang Government Work Report 2022", "issuer": "新疆维吾尔自治区人民政府"}
    assert found["notes"].startswith("Proposed by xjtrack add-source from the document, for a curator to confirm "
                                     "(jurisdiction, kind, date, title_zh, title_en, issuer)")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0


def test_a_news_page_is_news_with_its_publisher_and_never_an_official_title(mini, tmp_path):
    (tmp_path / "news-2026.txt").write_text(NEWS, encoding="utf-8")
    result = add(mini, tmp_path / "news-2026.txt")
    assert result.exit_code == 0, result.output
    found = entry(mini, "news-2026")
    assert found["kind"] == "news" and found["publisher"] == "上游新闻" and found["jurisdiction"] == "xinjiang"
    assert found["title_zh"] == "新疆去年地区生产总值增长6.1%"  # its own headline
    assert "issuer" not in found and "title_en" not in found
    assert found["date"] == "2026-01-23"  # 01-23 with the latest year the text names
    assert "date, the page gives 01-23 without a year" in found["notes"]
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0


@pytest.mark.parametrize("text, expected", [
    (FORUM, {"jurisdiction": "urumqi", "kind": "analysis", "date": "2026-01-28"}),
    ("新疆生产建设兵团2023年国民经济和社会发展统计公报\n2024年4月1日\n兵团全年生产总值……师市……\n",
     {"jurisdiction": "xpcc", "kind": "bulletin", "date": "2024-04-01"}),
    ("乌鲁木齐市2023年国民经济和社会发展统计公报\n乌鲁木齐市统计局\n2024-03-30\n全市……\n",
     {"jurisdiction": "urumqi", "kind": "bulletin", "date": "2024-03-30"}),
])
def test_the_place_kind_and_date_are_read_from_the_title_the_header_and_the_text(text, expected):
    proposal = propose(text, {}, PLACES)
    assert {k: proposal.fields.get(k) for k in expected} == expected


def test_everything_missing_is_listed_in_one_message_and_nothing_is_written(mini, tmp_path):
    (tmp_path / "notes.txt").write_text("一些文字，没有标题。\n", encoding="utf-8")
    before = mini.read_text(encoding="utf-8")
    for options in ((), ("--yes",)):
        result = add(mini, tmp_path / "notes.txt", *options)
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: cannot add notes.txt without: the jurisdiction")
        for field in ("the kind", "the date", "the title zh", "the title en"):
            assert field in lines[0]
    assert mini.read_text(encoding="utf-8") == before and not (mini.parent / "sources" / "notes.txt").exists()


def test_on_a_terminal_each_field_is_asked_once_offering_the_proposal(mini, tmp_path, monkeypatch):
    monkeypatch.setattr("xjtrack.cli.sources.on_a_terminal", lambda: True)
    (tmp_path / "notes.txt").write_text("全区的一些文字。全区……全区……\n", encoding="utf-8")
    # jurisdiction proposed (Enter takes it), kind and date asked, titles asked, the issuer proposed
    answers = "\nplan\n2021-13\n2021\n新疆规划\nXinjiang plan\n\n"
    result = add(mini, tmp_path / "notes.txt", input=answers)
    assert result.exit_code == 0, result.output
    found = entry(mini, "notes")
    assert {k: found[k] for k in ("jurisdiction", "kind", "date", "title_zh", "title_en", "issuer")} == {
        "jurisdiction": "xinjiang", "kind": "plan", "date": "2021", "title_zh": "新疆规划",
        "title_en": "Xinjiang plan", "issuer": "新疆维吾尔自治区人民政府"}
    assert "notes" not in found  # every field was confirmed on the terminal
    assert "it has no month 13" in result.stderr  # a bad answer is asked again
    assert result.stderr.count("Jurisdiction") == 1 and result.stderr.count("Kind") == 1


def test_with_yes_on_a_terminal_the_proposals_are_taken_without_asking(mini, tmp_path, monkeypatch):
    monkeypatch.setattr("xjtrack.cli.sources.on_a_terminal", lambda: True)
    (tmp_path / "xj-gwr-2022.txt").write_text(REPOSTED, encoding="utf-8")
    result = add(mini, tmp_path / "xj-gwr-2022.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert "Jurisdiction" not in result.stderr and entry(mini, "xj-gwr-2022")["date"] == "2022-02-07"


def test_a_news_source_given_an_issuer_is_refused(mini, tmp_path):
    (tmp_path / "news-2026.txt").write_text(NEWS, encoding="utf-8")
    result = add(mini, tmp_path / "news-2026.txt", "--issuer", "新疆维吾尔自治区人民政府")
    assert result.exit_code == 2
    assert "a news source has a publisher, not an issuer" in result.stderr


NEWS_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>新疆去年地区生产总值增长6.1%_天山网</title>
</head><body><header><nav><a href="/">首页</a> <a href="/news">新闻</a></nav></header>
<div class="article"><h1>新疆去年地区生产总值增长6.1%</h1>
<div class="info"><span>01-23 20:02:40</span> <span>来源:上游新闻</span></div>
<p>记者从自治区两会获悉，2026年自治区政府工作报告显示，2025年全区地区生产总值增长6.1%。</p></div>
<footer>京ICP备16017448号</footer></body></html>
"""


def test_a_saved_news_page_takes_one_run_with_the_report_it_speaks_of(mini, tmp_path):
    (tmp_path / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    result = add(mini, tmp_path / "page.html")
    assert result.exit_code == 0, result.output
    found = entry(mini, "page")
    assert (found["kind"], found["publisher"], found["date"], found["reports_on"]) == (
        "news", "上游新闻", "2026-01-23", "2026年自治区政府工作报告")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0
