"""Search over the archived documents, and export of the database to files."""

import csv
import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.output.textable import cells

runner = CliRunner(env={"COLUMNS": "100", "XJTRACK_LANG": "en"})


@pytest.fixture
def db(shipped_db):
    return shipped_db


def search(db, *args):
    result = runner.invoke(app, ["search", *args, "--format", "json", "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def scan(term):
    ids = {"xj-13fyp-outline.txt": "xj-13fyp-outline", "xj-gwr-2021.txt": "xj-gwr-2021",
           "xj-gwr-2024.txt": "xj-gwr-2024", "urumqi-gwr-2021.txt": "urumqi-gwr-2021",
           "urumqi-gwr-2024.txt": "urumqi-gwr-2024"}
    return {(ids[p.name], n) for p in (ROOT / "sources").glob("*.txt")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if term in line}


@pytest.mark.parametrize("term", ["铁路", "公路", "棉花", "就业", "乌鲁木齐", "9627"])
def test_search_finds_every_line_a_plain_scan_finds(db, term):
    hits = search(db, term)
    found = {(h["source"], h["line"]) for h in hits}
    plain = scan(term)
    assert plain <= found
    for h in hits:  # anything more is the term split by PDF line-breaking spaces
        assert (h["source"], h["line"]) in plain or term in "".join(h["text"].split())


def test_railway_hits_are_exactly_the_plain_scan(db):
    assert {(h["source"], h["line"]) for h in search(db, "铁路")} == scan("铁路")
    assert len(scan("铁路")) > 20


def test_search_one_source_and_highlight(db):
    hits = search(db, "铁路", "--source", "xj-gwr-2021")
    assert {h["source"] for h in hits} == {"xj-gwr-2021"}
    table = runner.invoke(app, ["search", "铁路", "--source", "xj-gwr-2021", "--targets",
                                str(ROOT / "targets.yaml"), "--db", str(db)])
    assert all(cells(line) <= 100 for line in table.stdout.splitlines())  # wrapped at the width
    joined = re.sub(r"\n +", "", table.stdout)  # continuation lines are indented under the text
    assert "xj-gwr-2021:29" in joined and "铁路营运里程达7398公里" in joined
    assert f"{len(hits)} lines mention '铁路'" in table.stderr


def test_spaces_in_the_term_do_not_matter(db):
    assert search(db, "铁 路") == search(db, "铁路")


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_limit_gives_the_first_lines_and_says_how_many_there_are(db, fmt):
    every = search(db, "发展")
    assert len(every) > 5
    result = runner.invoke(app, ["search", "发展", "--limit", "5", "--format", fmt, "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout) == every[:5]
    elif fmt == "csv":
        assert [(r["source"], int(r["line"])) for r in csv.DictReader(result.stdout.splitlines())] == \
            [(h["source"], h["line"]) for h in every[:5]]
    else:
        assert [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == \
            [f"{h['source']}:{h['line']}" for h in every[:5]]
    assert result.stderr.strip().splitlines()[-1] == f"the first 5 of {len(every)} lines that mention '发展' (--limit 5)"


def test_a_limit_above_the_lines_found_changes_nothing(db):
    assert search(db, "铁路", "--limit", "1000") == search(db, "铁路")
    result = runner.invoke(app, ["search", "铁路", "--limit", "1000", "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(db)])
    assert result.stderr.strip().splitlines()[-1] == f"{len(search(db, '铁路'))} lines mention '铁路'"


@pytest.mark.parametrize("term", ["发展", "铁路", "增长"])
@pytest.mark.parametrize("source", [None, "xj-gwr-2021"])
def test_a_walked_search_finds_what_a_fetched_one_does(db, monkeypatch, term, source):
    """Many matches are walked in order until the limit; few are fetched and sorted: the same lines."""
    from xjtrack.store import search as searching

    every, total = searching.search(db, term, source)
    assert len(every) == total >= 3
    assert [(h.source, h.line) for h in every] == sorted((h.source, h.line) for h in every)
    for walk_above in (0, 10**9):
        monkeypatch.setattr(searching, "WALK_ABOVE", walk_above)
        for limit in (1, 2, total // 2, total - 1, total):
            assert searching.search(db, term, source, limit) == (every[:limit], total)


def test_search_refuses_an_unknown_source(db):
    result = runner.invoke(app, ["search", "铁路", "--source", "nope", "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 1 and "no source 'nope'" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_round_trips(db, tmp_path, fmt):
    result = runner.invoke(app, ["export", str(tmp_path), "--format", fmt, "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        for name in ("targets", "observations", "target_claims", "target_statements", "plans", "plan_claims",
                     "sources", "target_status", "verdicts", "indicators"):
            cursor = conn.execute(f"select * from {name}")
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            path = tmp_path / f"{name}.{fmt}"
            if fmt == "csv":
                with path.open(encoding="utf-8", newline="") as f:
                    back = list(csv.reader(f))
                assert back[0] == columns
                assert back[1:] == [[written(c, v, "csv") for c, v in zip(columns, row, strict=True)] for row in rows]
            else:
                back = json.loads(path.read_text(encoding="utf-8"))
                assert back == [{c: written(c, v, "json") for c, v in zip(columns, row, strict=True)} for row in rows]


BOOLEANS = {"disputed", "estimate", "comparable", "goal_cumulative", "value_cumulative", "baseline_value_cumulative",
            "reads_as_cumulative", "silent", "secondary", "version"}
LISTS = {"flags", "aliases", "also_in", "figure_observations", "baseline_observations", "items", "attributes",
         "quotes", "reason_codes", "figure_how_codes", "baseline_how_codes"}


def written(column, value, fmt):
    """The one representation the README documents: 400 not 400.0, true/false, flags as a list."""
    if column in BOOLEANS and value is not None:
        value = bool(value)
    elif column in LISTS and value is not None:
        value = json.loads(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if fmt == "json":
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value) if all(isinstance(v, str) for v in value) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value  # text that would start a formula is made inert in every CSV
    return str(value)


def test_one_representation_in_every_format(db):
    env = ["--targets", str(ROOT / "targets.yaml"), "--db", str(db)]
    sql = "select id, target_value, disputed, flags from target_status where id = 'xj-12fyp.foreign-trade'"
    as_json = json.loads(runner.invoke(app, ["query", sql, "--format", "json", *env]).stdout)
    assert as_json == [{"id": "xj-12fyp.foreign-trade", "target_value": 400, "disputed": False,
                        "flags": ["indicative"]}]
    status = json.loads(runner.invoke(app, ["status", "--format", "json", *env]).stdout)
    row = next(r for r in status if r["id"] == "xj-12fyp.foreign-trade")
    assert (row["target_value"], row["disputed"], row["flags"]) == (400, False, ["indicative"])
    assert runner.invoke(app, ["query", sql, "--format", "csv", *env]).stdout.splitlines()[1] == \
        "xj-12fyp.foreign-trade,400,false,indicative"


def test_the_index_built_a_few_lines_at_a_step_finds_what_one_pass_finds(tmp_path, monkeypatch):
    """The full-text index is filled FTS_CHUNK lines at a step, between the parts (store.build):
    steps of 7 lines give the same index, term for term, as one step over every line."""
    from xjtrack.store import build as building
    from xjtrack.store.project import Project

    def built(chunk: int):
        monkeypatch.setattr(building, "FTS_CHUNK", chunk)
        db = tmp_path / f"{chunk}.db"
        Project.locate(ROOT / "targets.yaml", db).build(jobs=1)
        conn = sqlite3.connect(db)
        conn.execute("insert into source_lines_fts(source_lines_fts) values ('integrity-check')")  # raises if not
        steps = -(-conn.execute("select max(rowid) from source_lines").fetchone()[0] // chunk)
        conn.execute("create virtual table v using fts5vocab(source_lines_fts, 'instance')")
        terms = conn.execute("select term, doc, col, offset from v order by term, doc, offset").fetchall()
        return steps, terms

    many, stepped = built(7)
    one, whole = built(10**9)
    assert (one, many > 100) == (1, True)
    assert stepped == whole and len(whole) > 10_000
