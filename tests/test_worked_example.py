"""The README's worked example, run as written: a news article and a short report archived with
add-source, a figure added from the article, the report drafted with extract and reviewed into
the data, and the 2024 target they report on judged, first from the article, then the report."""

import re
import shlex
import shutil

from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

runner = CliRunner()


def example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("### Adding a document and its figures (a worked example)")[1].split("\n### ")[0]


def blocks(text: str, kind: str) -> list[str]:
    return [re.sub(r"^ {3}", "", b, flags=re.M) for b in re.findall(rf"```{kind}\n(.*?)```", text, flags=re.S)]


def test_the_readmes_worked_example_runs_as_written(shipped_copy, monkeypatch):
    repo = shipped_copy.parent
    monkeypatch.chdir(repo)
    text = example()
    news, report = blocks(text, "text")
    (repo / "news.txt").write_text(news, encoding="utf-8")
    (repo / "report.txt").write_text(report, encoding="utf-8")
    (plan,) = blocks(text, "yaml")
    steps = blocks(text, "sh")
    assert len(steps) == 3
    outputs = []
    for n, block in enumerate(steps):
        if n == 2:
            with open(repo / "targets.yaml", "a", encoding="utf-8") as handle:
                handle.write("\n" + plan)
        for line in block.strip().splitlines():
            words = shlex.split(line)
            if words[0] == "mv":
                shutil.move(repo / words[1], repo / words[2])
                continue
            assert words[0] == "xjtrack"
            result = runner.invoke(app, words[1:])
            assert result.exit_code == 0, (line, result.output)
            outputs.append(result.stdout)
    observations = (repo / "data" / "observations" / "xj-gwr-2025.yaml").read_text(encoding="utf-8")
    assert 'value: "6.1%"' in observations and 'quote: "地区生产总值增长6.1%"' in observations
    targets = (repo / "data" / "xj-2025.yaml").read_text(encoding="utf-8")
    assert 'target: "5.5%左右"' in targets and 'target: "46万人以上"' in targets
    entry = (repo / "targets.yaml").read_text(encoding="utf-8").split("- id: xj-gwr-2025")[1]
    assert 'date: "2025-01-20"' in entry and "Proposed by xjtrack add-source" in entry
    assert "`xj-gwr-2025.txt` | `report.txt`" in (repo / "sources" / "MANIFEST.md").read_text(encoding="utf-8")
    assert "  xj-2024.gdp-growth: pending → met" in outputs[1]  # add-observation, from the article
    news = (repo / "targets.yaml").read_text(encoding="utf-8").split("- id: xj-news-2025-01-21")[1].split("- id:")[0]
    assert "kind: news" in news and "publisher: 天山网" in news and "issuer" not in news
    assert 'date: "2025-01-21"' in news and "reports_on: 2025年自治区政府工作报告" in news
    shown = outputs[-1]
    assert re.search(r"verdict +met", shown) and "decided     by xj-gwr-2025 (a work report)" in shown
    flat = " ".join(shown.split())  # show wraps its lines at the terminal's width
    assert "2024 yoy growth 6.1% (news, secondary) “2024年全区地区生产总值增长6.1%” — xj-news-2025-01-21" in flat
