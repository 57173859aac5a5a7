"""The command line on the fixture corpus: formats, filters, exit codes, stdout vs stderr."""

import json
import re
import sqlite3
from dataclasses import fields
from enum import Enum

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.store.status import StatusRow

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "XJTRACK_LANG": "en"})
CONTRACT = [f.name for f in fields(StatusRow)]  # the status contract, declared once


def run(mini, *args):
    return runner.invoke(app, [*args, "--targets", str(mini)])


def status_json(mini, *args):
    result = run(mini, "status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_status_json_contract(mini):
    rows = status_json(mini)
    assert [r["id"] for r in rows][:3] == ["p13.gdp-growth", "p13.gdp", "p13.railway-km"]
    assert all(list(r) == CONTRACT for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["p13.gdp-growth"] | {"reason": None} == by_id["p13.gdp-growth"] | {
        "status": "partial", "comparator": "~", "target_value": 7.0, "unit": "%", "outcome_value": 6.1,
        "outcome_unit": "%", "outcome_period": "2016-2020", "progress": 0.8714, "reason": None,
        "claimed": None, "disputed": False, "target_quote": "地区生产总值年均增长 7%左右",
        "target_source": "plan", "target_line": 1, "outcome_quote": "五年年均增长6.1%",
        "outcome_source": "report", "outcome_line": 1, "indicator": "gdp", "measure": "avg_annual_growth"}
    assert by_id["p13.urban-green"]["disputed"] is True and by_id["p13.urban-green"]["claimed"] == "met"
    assert by_id["p14.railway-km"]["status"] == "on_track"
    assert by_id["p13.foreign-trade"]["status"] == "unassessable"


def test_status_builds_the_database_on_demand_and_says_so_on_stderr(mini):
    result = run(mini, "status", "--format", "json")
    assert "Building" in result.stderr and "Building" not in result.stdout
    again = run(mini, "status", "--format", "json")
    assert again.stderr == "" and json.loads(again.stdout) == json.loads(result.stdout)


@pytest.mark.parametrize(
    "args, ids",
    [
        (["--plan", "p14"], ["p14.railway-km"]),
        (["--status", "missed"], ["p13.railway-km"]),
        (["--binding"], ["p13.population-growth", "p13.energy-intensity-reduction", "p13.poor-counties"]),
        (["--jurisdiction", "urumqi"], []),
        (["--as-of", "2020"], ["p13." + s for s in ("gdp-growth", "gdp", "railway-km",
                                                    "population-growth", "energy-intensity-reduction",
                                                    "poor-counties", "urban-green", "foreign-trade")]),
    ],
)
def test_status_filters(mini, args, ids):
    assert [r["id"] for r in status_json(mini, *args)] == ids


def test_as_of_judges_with_the_documents_of_the_day(mini):
    before = {r["id"]: r["status"] for r in status_json(mini, "--as-of", "2021-01-31")}
    after = {r["id"]: r["status"] for r in status_json(mini, "--as-of", "2021-02-01")}
    assert (before["p13.railway-km"], after["p13.railway-km"]) == ("pending", "missed")
    assert {r["id"]: r["status"] for r in status_json(mini, "--as-of", "Feb 2021")} == after


def test_status_table_reads_at_100_columns(mini):
    result = run(mini, "status", "--reasons")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 100
    assert lines[0] == "13th plan (p13 · 2016-2020)"
    assert ("8 targets (6 numeric): 1 met · 2 partial · 1 missed · 1 reported done · 1 pending · 2 unassessable"
            " · 1 disputed") in " ".join(result.stdout.split())
    assert re.search(r"railway-km Railway length\s+9627公里\s+7398公里 \(2020\)\s+██░░░░\s+36%\s+missed", result.stdout)
    assert "partial ⚑" in result.stdout
    assert "As of 2024-01-30" in lines[-1] or "As of 2024-01-30" in " ".join(lines[-3:])


def test_csv_and_markdown(mini):
    csv_out = run(mini, "status", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == ",".join(CONTRACT)
    assert len(csv_out) == 10
    md = run(mini, "status", "--format", "markdown").stdout
    assert "| `p13.railway-km` | Railway length | 9627公里 | 7398公里 (2020) | 36% | missed |" in md


def test_show_prints_quotes_outcomes_claims_and_timeline(mini):
    result = run(mini, "show", "p13.urban-green")
    assert result.exit_code == 0, result.output
    for words in ("城市建成区绿化覆盖率(%) 34.3 38.5", "partial (disputed)", "met: 完成 “城市建成区绿化覆盖率(%) 34.3 38.5 38.3 完成” — plan, line 4",
                  "timeline", "2016-05 plan: pending", "2021-02-01 report: partial"):
        assert words in result.stdout
    data = json.loads(run(mini, "show", "p14.railway-km", "--format", "json").stdout)
    assert [(t["source"], t["status"]) for t in data["timeline"]] == [("report", "pending"), ("later", "on_track")]


def test_show_finds_a_target_by_an_old_id(mini):
    path = mini.parent / "data" / "p13.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: p13.gdp\n", "  - id: p13.gdp\n    aliases: [p13.gdp-level]\n"),
                    encoding="utf-8")
    by_old = run(mini, "show", "p13.gdp-level", "--format", "json")
    assert by_old.exit_code == 0, by_old.output
    assert "p13.gdp-level is an old id of p13.gdp" in by_old.stderr
    assert by_old.stdout == run(mini, "show", "p13.gdp", "--format", "json").stdout
    assert json.loads(by_old.stdout)["id"] == "p13.gdp"


def test_show_an_unknown_id_suggests_one(mini):
    result = run(mini, "show", "p13.railway")
    assert result.exit_code == 1
    assert "no target 'p13.railway'; did you mean 'p13.railway-km'?" in result.stderr


def test_query_reads_and_refuses_to_write(mini):
    out = json.loads(run(mini, "query", "select status, count(*) n from target_status group by 1 order by 1",
                         "--format", "json").stdout)
    assert out[0] == {"status": "met", "n": 1}
    for sql in ("delete from targets", "attach database '/tmp/x.db' as x", "pragma writable_schema = 1",
                "select load_extension('x')", "create table t(x)"):
        result = run(mini, "query", sql)
        assert result.exit_code == 1, sql
        assert "query refused" in result.stderr and "Traceback" not in result.output
    bad = run(mini, "query", "select nope from targets")
    assert bad.exit_code == 1 and "no such column: nope" in bad.stderr


def test_the_view_gives_the_same_counts_as_the_cli(mini):
    counts = {}
    for row in status_json(mini):
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    db = mini.parent / "db" / "xjtrack.db"
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("select status, count(*) from target_status group by 1")) == counts


def test_full_text_search_finds_two_character_terms(mini):
    run(mini, "build")
    with sqlite3.connect(mini.parent / "db" / "xjtrack.db") as conn:
        hits = conn.execute("select source_id, line from source_lines where rowid in (select rowid from "
                            "source_lines_fts where source_lines_fts match '\"铁 路\"') order by 1, 2").fetchall()
    assert hits == [("later", 1), ("plan", 2), ("report", 2)]


def test_a_failed_build_leaves_the_old_database(mini, monkeypatch):
    assert run(mini, "build").exit_code == 0
    db = mini.parent / "db" / "xjtrack.db"
    before = db.read_bytes()
    import xjtrack.store.build

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(xjtrack.store.build, "insert_records", explode)  # midway through writing
    result = run(mini, "build", "--full")
    assert result.exit_code == 3
    assert "Internal error (a bug in xjtrack" in result.stderr and "Traceback" not in result.output
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir()] == ["xjtrack.db"]


def test_usage_errors_exit_2(mini):
    assert run(mini, "status", "--format", "yaml").exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_missing_targets_file(tmp_path):
    result = runner.invoke(app, ["status", "--targets", str(tmp_path / "targets.yaml")])
    assert result.exit_code == 1 and "no targets file here" in result.stderr
    assert "Building" not in result.stderr


def test_report_is_deterministic(mini, tmp_path):
    first = run(mini, "report").stdout
    assert first == run(mini, "report").stdout
    assert first.startswith("# xjtrack report\n")
    assert "| `p13` | 8 | 6 | 1 | 2 | 1 | 0 / 0 | 0 | 1 | 1 | 2 | 1 |" in first
    out = tmp_path / "r.md"
    assert run(mini, "report", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == first


COMMANDS = ["validate", "build", "status", "show", "indicator", "indicators", "compare", "query", "report",
            "search", "export", "chart", "add-source", "extract", "review", "add-observation", "site"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_naming_its_real_options_and_is_in_the_readme(command):
    import typer.main

    for flag in ("--help", "-h"):
        result = runner.invoke(app, [command, flag])
        assert result.exit_code == 0, result.output
        click_command = typer.main.get_command(app).commands[command]
        for param in click_command.params:
            for name in param.opts:
                if name.startswith("-"):
                    assert name in result.stdout, f"{command} --help does not name {name}"
            for choice in choices(param):
                assert choice in result.stdout, f"{command} --help does not list {choice}"
        assert " ".join(click_command.help.split()) in " ".join(result.stdout.split())
    assert f"xjtrack {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def choices(param) -> list[str]:
    """An option's choice list, whichever way the installed typer keeps it."""
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [c.value for c in kind]
    return [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or ()]


def test_version_and_short_help():
    from xjtrack import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"xjtrack {__version__}\n"
    assert runner.invoke(app, ["-h"]).exit_code == 0


def test_no_command_is_left_out_of_the_help_test():
    import typer.main

    assert sorted(typer.main.get_command(app).commands) == sorted(COMMANDS)


def test_a_build_reports_its_progress_step_by_step(mini):
    from xjtrack.store.project import Project

    steps = []
    Project.locate(mini, mini.parent / "db" / "p.db").build(progress=lambda done, total: steps.append((done, total)))
    assert [d for d, _ in steps] == list(range(1, len(steps) + 1))
    assert steps[-1][0] == steps[-1][1] > 2


def test_short_work_shows_no_progress_bar(mini):
    result = run(mini, "build")
    assert result.exit_code == 0 and "━" not in result.stderr and "%" not in result.stderr
