"""The README's worked example, run as written: a short report archived with add-source, drafted
with extract, reviewed into the data, and the 2024 target it reports on judged."""

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
    (repo / "report.txt").write_text(blocks(text, "text")[0], encoding="utf-8")
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
    status = outputs[-1]
    assert re.search(r"gdp-growth .*6\.5%左右\s+6\.1% \(2024\).*met", status)
