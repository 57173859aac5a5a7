"""The report and the README picture: deterministic, checked, safe with hostile data, in two languages."""

import json
import os
import re

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI, ROOT
from xjtrack.cli import app

runner = CliRunner(env={"COLUMNS": "100", "XJTRACK_LANG": "en", "NO_COLOR": "1"})
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest rewrites the golden files


def golden(path, text):
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} is stale: run UPDATE_GOLDEN=1 pytest"


def test_report_matches_the_golden_file(mini):
    result = runner.invoke(app, ["report", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    golden(MINI.parent / "mini-report.md", result.stdout)


def test_check_fails_when_the_data_changes(mini):
    report = mini.parent / "REPORT.md"
    assert runner.invoke(app, ["report", "-o", str(report), "--targets", str(mini)]).exit_code == 0
    ok = runner.invoke(app, ["report", "--check", "-o", str(report), "--targets", str(mini)])
    assert ok.exit_code == 0 and "up to date" in ok.stderr
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("binding: expected", "binding: binding", 1), encoding="utf-8")
    stale = runner.invoke(app, ["report", "--check", "-o", str(report), "--targets", str(mini)])
    assert stale.exit_code == 1
    assert f"{report} is stale" in stale.stderr
    assert stale.stdout == ""


def test_the_committed_report_matches_the_data(shipped_db):
    result = runner.invoke(app, ["report", "--check", "-o", str(ROOT / "REPORT.md"),
                                 "--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0, result.stderr


HOSTILE = 'evil | pipe <script>alert(1)</script> `tick` [link](http://x) **bold**\n| --- |'


def test_hostile_strings_render_harmlessly(mini):
    data = mini.parent / "data" / "p13.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace('    quote: "铁路营业里程达到 9627 公里"',
                        f'    quote: "铁路营业里程达到 9627 公里"\n    notes: {json.dumps(HOSTILE)}\n    flags: [ambiguous]')
    data.write_text(text, encoding="utf-8")
    registry = mini.parent / "data" / "indicators.yaml"
    text = registry.read_text(encoding="utf-8").replace("    name_en: GDP\n", f"    name_en: {json.dumps(HOSTILE)}\n")
    registry.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for raw in ("<script>", "`tick`", "[link](", "**bold**", "| --- | pipe"):
        assert raw not in out
    block = None  # every row keeps the shape of its table: no cell split by a stray pipe
    for line in out.splitlines():
        if line.startswith("|"):
            block = block if block is not None else line.count("|")
            assert line.count("|") == block and line.endswith("|"), line
        else:
            block = None
    assert "&lt;script&gt;" in out and "&#124; pipe" in out


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["partial", "missed", "met", "unassessable", "pending", "targets (7 numeric)"]),
        ("zh", ["部分完成", "未完成", "已完成", "无法评估", "待评估", "项目标 (7 量化)"]),
    ],
)
def test_status_and_report_in_both_languages(mini, lang, words):
    status = runner.invoke(app, ["status", "--lang", lang, "--targets", str(mini)])
    report = runner.invoke(app, ["report", "--lang", lang, "--targets", str(mini)])
    assert status.exit_code == 0 and report.exit_code == 0
    for word in words:
        assert word in status.stdout + status.stderr
    for word in words[:-1]:
        assert word in report.stdout
    total = "| **all plans** | 9 | 7 |" if lang == "en" else "| **全部规划** | 9 | 7 |"
    assert total in report.stdout  # the report gives the counts as a table: 9 targets, 7 numeric
    indicator = "铁路营运里程" if lang == "zh" else "Railway length"
    assert indicator in status.stdout and indicator in report.stdout


def test_language_follows_the_environment(mini):
    zh = CliRunner(env={"COLUMNS": "100", "XJTRACK_LANG": "zh_CN.UTF-8"}).invoke(app, ["status", "--targets", str(mini)])
    assert "部分完成" in zh.stdout
    by_locale = CliRunner(env={"COLUMNS": "100", "XJTRACK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None,
                               "LANG": "zh_CN.UTF-8"}).invoke(app, ["status", "--targets", str(mini)])
    assert "部分完成" in by_locale.stdout


def test_the_readme_picture_is_current(shipped_db):
    result = runner.invoke(app, ["status", "--plan", "xj-12fyp", "--format", "svg", "--lang", "en",
                                 "--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<svg")
    golden(ROOT / "docs" / "status.svg", result.stdout)
    assert "docs/status.svg" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_picture_longer_than_a_page_can_show_is_refused_before_the_rows_are_all_read(mini, monkeypatch):
    from xjtrack.cli import verdicts
    from xjtrack.output import render

    drawn, lines = [], render.status_lines

    def counting(*args, **kwargs):
        for line in lines(*args, **kwargs):
            drawn.append(line)
            yield line

    monkeypatch.setattr(render, "status_lines", counting)
    args = ["status", "--format", "svg", "--lang", "en", "--targets", str(mini)]
    whole = runner.invoke(app, args)
    assert whole.exit_code == 0 and whole.stdout.startswith("<svg") and len(drawn) > 10
    n = len(drawn)
    monkeypatch.setattr(verdicts, "SVG_LINES", n)
    assert runner.invoke(app, args).stdout == whole.stdout  # a table just short enough: the same picture
    monkeypatch.setattr(verdicts, "SVG_LINES", n - 1)
    drawn.clear()
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and refused.stdout == "" and len(drawn) == n  # read no further
    assert f"at most {n - 1:,} lines" in refused.stderr and "--plan" in refused.stderr


def test_report_is_short_and_links_its_details():
    text = (ROOT / "REPORT.md").read_text(encoding="utf-8")
    for heading in ("## Headlines", "## Summary", "## More"):
        assert heading in text
    shown = re.sub(r"<details>.*?</details>", "", text, flags=re.S)  # what GitHub shows before a click
    assert len(shown.splitlines()) < 150 and len(text) < 40_000
    links = re.findall(r"\]\((docs/report/[a-z0-9-]+\.md)\)", text)
    assert {"docs/report/disputed.md", "docs/report/silent.md", "docs/report/flags.md"} <= set(links)
    for link in links:
        page = (ROOT / link).read_text(encoding="utf-8")
        assert "](../../REPORT.md)" in page
    plan = (ROOT / "docs/report/xj-13fyp.md").read_text(encoding="utf-8")
    assert plan.count("```mermaid") == 1
    order = [line.split(" | ")[5].split(" ")[0] for line in plan.splitlines()
             if line.startswith("| `xj-13fyp.")]
    ranks = {"met": 0, "partial": 1, "missed": 2}
    judged = [ranks[s] for s in order if s in ranks]
    assert judged == sorted(judged) and judged  # promises sorted by verdict


def test_report_writes_its_linked_pages_and_checks_them(mini):
    out = mini.parent / "REPORT.md"
    assert runner.invoke(app, ["report", "-o", str(out), "--targets", str(mini)]).exit_code == 0
    page = mini.parent / "docs" / "report" / "p13.md"
    assert page.is_file() and "`p13.railway-km`" in page.read_text(encoding="utf-8")
    assert "`p13.railway-km`" in out.read_text(encoding="utf-8")  # judged: listed on the main page too
    page.write_text("edited\n", encoding="utf-8")
    stale = runner.invoke(app, ["report", "--check", "-o", str(out), "--targets", str(mini)])
    assert stale.exit_code == 1 and "p13.md" in stale.stderr


def test_a_plan_page_the_file_holds_already_is_left_as_it_is_and_a_changed_one_is_replaced(mini):
    out = mini.parent / "REPORT.md"
    args = ["report", "-o", str(out), "--targets", str(mini)]
    assert runner.invoke(app, args).exit_code == 0
    pages = sorted((mini.parent / "docs" / "report").glob("p*.md"))
    assert len(pages) >= 2
    kept, changed = pages[0], pages[1]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "edited by hand\n", encoding="utf-8")
    before = {p: os.stat(p) for p in (kept, changed, out)}
    assert runner.invoke(app, args).exit_code == 0
    assert changed.read_text(encoding="utf-8") == text and os.stat(changed).st_ino != before[changed].st_ino
    assert os.stat(kept).st_ino == before[kept].st_ino and os.stat(kept).st_mtime_ns == before[kept].st_mtime_ns
    assert os.stat(out).st_ino != before[out].st_ino  # the main page is written every time
    assert runner.invoke(app, ["report", "--check", "-o", str(out), "--targets", str(mini)]).exit_code == 0


def test_the_main_page_is_synced_with_the_last_pages_and_put_in_place_after_them(mini, monkeypatch):
    """One sync serves the last linked pages and the main page; every linked page is in place
    before the main page that links them."""
    from xjtrack import files

    out = mini.parent / "REPORT.md"
    events = []
    real_replace = files.os.replace
    monkeypatch.setattr(files.os, "sync", lambda: events.append(("sync", sorted(
        p.name for p in mini.parent.iterdir() if p.name.startswith(".REPORT.md.") and p.stat().st_size))))
    monkeypatch.setattr(files.os, "replace",
                        lambda a, b: (events.append(("replace", os.path.basename(b))), real_replace(a, b))[1])
    assert runner.invoke(app, ["report", "-o", str(out), "--targets", str(mini)]).exit_code == 0
    syncs = [n for n, (kind, _) in enumerate(events) if kind == "sync"]
    replaced = [name for kind, name in events if kind == "replace" and name.endswith(".md")]
    assert replaced[-1] == "REPORT.md" and len(replaced) == len(list((mini.parent / "docs" / "report").iterdir())) + 1
    assert events[syncs[-1]][1], "the main page was written before the last sync"
    assert all(kind == "replace" for kind, _ in events[syncs[-1] + 1:]) and events[-1] == ("replace", "REPORT.md")
