"""Secondary sources (news, analysis) and versions of one document: both kept, the original
(official, posted) text decides, and show says which kind of source decided."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

runner = CliRunner()

SOURCES = {
    "final": ("  - id: final\n    title_zh: 最后的报告\n    title_en: The final report\n    issuer: 人民政府\n"
              "    jurisdiction: xinjiang\n    kind: work_report\n    date: \"2026-01-25\"\n    file: sources/final.txt\n"),
    "news": ("  - id: news\n    title_zh: 新疆铁路营运里程突破9800公里\n    publisher: 上游新闻\n    reports_on: 最后的报告\n"
             "    jurisdiction: xinjiang\n    kind: news\n    date: \"2026-01-28\"\n    file: sources/news.txt\n"),
    "speech": ("  - id: speech\n    title_zh: 报告摘要（大会发言）\n    title_en: The report as delivered\n    issuer: 人民政府\n"
               "    version_of: final\n    jurisdiction: xinjiang\n    kind: work_report\n    date: \"2026-01-20\"\n"
               "    file: sources/speech.txt\n"),
}
TEXTS = {"final": "2025年，全区铁路营运里程达到 9 700 公里。\n", "news": "2025年全区铁路营运里程达到9800公里。\n",
         "speech": "2025年，全区铁路营运里程达到9650公里。\n"}
FIGURES = {"final": ("9700公里", "全区铁路营运里程达到 9 700 公里", "9 700公里"),
           "news": ("9800公里", "全区铁路营运里程达到9800公里", ""),
           "speech": ("9650公里", "全区铁路营运里程达到9650公里", "")}


def corpus(mini: Path, *names: str, source_text: dict | None = None) -> Path:
    root = mini.parent
    entries = "".join((source_text or {}).get(n, SOURCES[n]) for n in names)
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text.replace("\nplans:", "\n" + entries + "\nplans:", 1), encoding="utf-8")
    lines = ["observations:"]
    for n in names:
        (root / "sources" / f"{n}.txt").write_text(TEXTS[n], encoding="utf-8")
        value, quote, written = FIGURES[n]
        lines += ["  - indicator: railway-km", "    measure: level", '    period: "2025"', f'    value: "{value}"',
                  f"    source: {n}", f'    quote: "{quote}"'] + ([f'    as_written: "{written}"'] if written else [])
    (root / "data" / "observations" / "added.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return mini


def show(mini: Path, *args) -> dict:
    result = runner.invoke(app, ["show", "p14.railway-km", "--format", "json", *args, "--targets", str(mini),
                                 "--db", str(mini.parent / "t.db")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_figure_only_news_reports_decides_and_show_says_it_is_secondary(mini):
    info = show(corpus(mini, "news"))
    assert info["verdict"]["status"] == "met" and info["figure"]["text"] == "9800公里"
    assert info["decided_by"] == [{"source": "news", "kind": "news", "secondary": True}]
    text = runner.invoke(app, ["show", "p14.railway-km", "--targets", str(mini), "--db", str(mini.parent / "t.db")])
    assert "decided     by news (news, a secondary source)" in text.stdout


def test_the_original_documents_figure_wins_over_a_later_news_report(mini):
    info = show(corpus(mini, "final", "news"))
    assert info["figure"]["text"] == "9700公里"  # the work report, though the news is dated later
    assert info["decided_by"] == [{"source": "final", "kind": "work_report", "secondary": False}]
    observed = {o["source"]: o["secondary"] for o in info["observations"] if o["period"] == "2025"}
    assert observed == {"final": False, "news": True}  # both kept
    assert "revised" in info["flags"]


def test_the_official_text_decides_over_another_version_and_the_difference_is_flagged(mini):
    info = show(corpus(mini, "speech", "final"))
    assert info["figure"]["text"] == "9700公里" and "revised" in info["flags"]
    versions = {o["source"]: o["version_of"] for o in info["observations"] if o["period"] == "2025"}
    assert versions == {"speech": "final", "final": None}
    # judged before the posted text existed, the version as delivered is what there is
    early = show(mini, "--as-of", "2026-01-22")
    assert early["figure"]["text"] == "9650公里"


@pytest.mark.parametrize("entry, problem", [
    (SOURCES["news"].replace("    publisher: 上游新闻\n", "    issuer: 新疆维吾尔自治区人民政府\n"), "secondary-issuer"),
    (SOURCES["news"].replace("    publisher: 上游新闻\n", ""), "missing-publisher"),
    (SOURCES["final"].replace("    issuer: 人民政府\n", "    publisher: 天山网\n"), "official-publisher"),
    (SOURCES["speech"].replace('"2026-01-20"', '"2026-02-01"'), "bad-value"),
    (SOURCES["speech"].replace("version_of: final", "version_of: nope"), "unknown-source"),
    (SOURCES["news"].replace("reports_on: 最后的报告", "reports_on: fnal"), "unknown-source"),
])
def test_a_source_dressed_as_what_it_is_not_is_refused(mini, entry, problem):
    name = entry.split("id: ")[1].split("\n")[0]
    names = ("final", name) if name != "final" else ("final",)
    corpus(mini, *names, source_text={name: entry})
    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1
    assert f": {problem}: " in result.output, result.output
