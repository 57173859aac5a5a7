"""Hostile data through every command and format: nothing active reaches a terminal, a report,
an SVG, a CSV or a GitHub annotation."""

import json
import re
import sqlite3
import xml.etree.ElementTree as ElementTree

import pytest
from typer.testing import CliRunner

from xjtrack.cli import app

runner = CliRunner()
ACTIVE = '<script>alert(1)</script> <img src=x onerror=y> [link](http://evil.example) ![i](http://x/i.png) ' \
         '@everyone http://bare.example www.bare.example | --- | `tick` =cmd|\' /C calc\'!A0 ::error::x'
ESC = "\x1b[2J\x1b]0;owned\x07"


def run(mini, *args, env=None):
    return runner.invoke(app, [*args, "--targets", str(mini)], env=env)


@pytest.fixture
def hostile(mini):
    """The fixture corpus with every piece of free text a curator writes made hostile."""
    registry = mini.parent / "data" / "indicators.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("    name_en: Railway length",
                                                                    f"    name_en: {json.dumps(ACTIVE)}"),
                        encoding="utf-8")
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('    quote: "铁路营业里程达到 9627 公里"',
                                                             f'    quote: "铁路营业里程达到 9627 公里"\n    notes: {json.dumps(ACTIVE)}\n    flags: [ambiguous]'),
                    encoding="utf-8")
    return mini


def test_a_control_character_in_a_source_never_reaches_the_terminal(mini):
    source = mini.parent / "sources" / "report.txt"
    source.write_text(source.read_text(encoding="utf-8") + f"铁路{ESC}完\n", encoding="utf-8")
    for args in (["search", "铁路"], ["search", "铁路", "--format", "json"], ["search", "铁路", "--format", "csv"]):
        out = run(mini, *args).stdout
        assert "\x1b" not in out and "\x07" not in out
    assert "\\u001b" in run(mini, "search", "铁路").stdout


def test_a_tampered_database_cannot_write_to_the_terminal(mini):
    assert run(mini, "build").exit_code == 0
    db = mini.parent / "db" / "xjtrack.db"
    with sqlite3.connect(db) as conn:
        conn.execute("update verdicts set reason = ? where target = 'p13.railway-km'", (f"x{ESC}y",))
        conn.execute("update targets set goal_text = ? where id = 'p13.railway-km'", (f"9627{ESC}",))
    for args in (["status", "-r"], ["show", "p13.railway-km"], ["query", "select reason from verdicts"],
                 ["status", "--format", "markdown"], ["report"]):
        result = run(mini, *args)
        assert "\x1b" not in result.stdout + result.stderr, args


def test_the_report_makes_no_link_image_mention_or_html(hostile):
    main = hostile.parent / "REPORT.md"
    assert run(hostile, "report", "-o", str(main)).exit_code == 0
    pages = [main, *sorted((hostile.parent / "docs" / "report").glob("*.md"))]
    assert len(pages) > 3
    # the report's own links (to its pages and back) are the only ones
    out = re.sub(r"\]\((docs/report/[a-z0-9-]+|\.\./\.\./REPORT)\.md\)", "] ",
                 "\n".join(p.read_text(encoding="utf-8") for p in pages))
    assert "<script" not in out and "<img" not in out
    assert "](" not in out and "http://" not in out and "www.bare" not in out and "@everyone" not in out
    for line in out.splitlines():
        if line.startswith("|"):
            assert not re.search(r"(?<!&#124;)\|\s*---\s*\|", line) or set(line) <= set("|- :")


def test_markdown_status_is_as_safe(hostile):
    out = run(hostile, "status", "--format", "markdown").stdout
    assert "<script" not in out and "](" not in out and "`tick`" not in out


def test_the_svg_has_no_script_and_no_handler(hostile):
    out = run(hostile, "status", "--format", "svg", "-r").stdout
    root = ElementTree.fromstring(out)
    elements = list(root.iter())
    assert not [e for e in elements if e.tag.split("}")[-1] in ("script", "foreignObject")]
    assert not [a for e in elements for a in e.attrib if a.lower().startswith("on")]


def test_csv_for_excel_cannot_run_a_formula(hostile):
    import csv
    import io

    out = run(hostile, "status", "--format", "csv", "--excel").stdout.lstrip("\ufeff")
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")) or re.fullmatch(r"-?\d+(\.\d+)?", cell)


def test_an_annotation_cannot_start_a_second_workflow_command(mini):
    data = mini.parent / "data" / "p13.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("measure: avg_annual_growth",
                                                             "measure: \"growth\\n::error::owned\""), encoding="utf-8")
    (mini.parent / "data" / "x::error file=evil::y.yaml").write_text("targets: 1\n", encoding="utf-8")
    out = run(mini, "validate", "--format", "github").stdout
    lines = out.splitlines()
    assert lines and all(line.startswith("::error file=") for line in lines)
    assert all(line.count("::") == 2 for line in lines), lines


def test_a_markdown_cell_is_the_same_however_often_it_is_asked_for():
    """md_cell keeps its recent answers: equal values of different types stay apart, and a
    hostile text is made inert the second time as the first."""
    from xjtrack.safe import md_cell

    for _ in range(2):
        assert [md_cell(1), md_cell(1.0), md_cell(True), md_cell(None)] == ["1", "1.0", "True", ""]
        assert md_cell("a|b <x>") == "a&#124;b &lt;x&gt;"
        assert md_cell("xj-13fyp.gdp", code=True) == "`xj-13fyp.gdp`"
        assert md_cell("xj-13fyp.gdp") == "xj-13fyp.gdp"
        assert md_cell("see https://x.y") == "see https&#58;//x.y"
