"""status, report, query and export write as they read: the streamed writers give the same bytes
as the whole-list ones, rows are read a batch at a time under a time limit per batch, a long
table is measured on its first rows and says so, and the promises view agrees with the Python
definition of a promise row by row."""

import json
import sqlite3
import time

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.promises import Counts, plan_counts, promises, total
from xjtrack.output import render
from xjtrack.output.report import Context, page_stream, report_pages
from xjtrack.store.read import streamed
from xjtrack.store.status import columns, report_rows, status_plans, status_rows, status_tuples, stored_rows

runner = CliRunner()


@pytest.fixture(scope="module")
def conn(shipped_db):
    connection = sqlite3.connect(f"{shipped_db.as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def test_status_json_written_row_by_row_is_as_json_of_the_whole_list(conn):
    rows = stored_rows(conn)
    assert len(rows) > 100
    streamed_text = "\n".join(render.status_json(columns(conn), status_tuples(conn)))
    assert streamed_text == render.as_json(rows)
    # from dicts (as --as-of hands them) as well as from the stored values
    names = columns(conn)
    assert "\n".join(render.status_json(names, ([r[c] for c in names] for r in rows))) == render.as_json(rows)
    assert "\n".join(render.status_json(names, [])) == render.as_json([]) == "[]"


@pytest.mark.parametrize("value", ["a\u202eb\x1b[2J", "=cmd", 400.0, 2.5, None, 7, float("nan"), "\n"])
def test_an_awkward_value_is_written_as_as_json_writes_it(conn, value):
    row = stored_rows(conn)[0]
    names = columns(conn)
    odd = {**row, "target_text": value, "flags": ["x", "=y"], "reason_codes": []}
    assert "\n".join(render.status_json(names, [[odd[c] for c in names]])) == render.as_json([odd])
    assert "\n".join(render.csv_lines(names, [[odd[c] for c in names]])) + "\n" == render.as_csv([odd], names)


def test_status_rows_read_as_they_are_written_are_the_stored_rows(conn):
    assert hasattr(status_rows(conn), "__next__") and hasattr(status_tuples(conn), "__next__")
    assert list(status_rows(conn)) == stored_rows(conn)
    assert status_plans(conn) == sorted({r["plan"] for r in stored_rows(conn)})
    from xjtrack.store.status import Filters

    for filters in (Filters(statuses=("missed",)), Filters(grep="铁路"), Filters(binding=True, statuses=("met",))):
        assert status_plans(conn, filters) == sorted({r["plan"] for r in stored_rows(conn, filters)}), filters


def test_markdown_and_table_written_a_plan_at_a_time_are_the_whole_texts(conn):
    from xjtrack.store import lookup

    rows = stored_rows(conn)
    plans = {p.id: p for p in lookup.plans_in_order(conn)}
    for lang in ("en", "zh"):
        assert "\n".join(render.markdown_lines(iter(rows), plans, lang)) == render.as_markdown(rows, plans, lang)
        counted: list = []
        text = "\n".join(render.status_lines(iter(rows), plans, True, lang, 80, False, (), counted))
        assert text == render.status_text(rows, plans, True, lang, 80)
        # the closing line from the counts gathered plan by plan is the one from every row at once
        summed = total(c for c, _ in counted)
        assert summed == Counts.of(promises(rows)) and sum(n for _, n in counted) == len(rows)
        assert render.overall_of(summed, len(rows), _day(), lang, 80) == render.overall(rows, _day(), lang, 80)


def _day():
    from datetime import date

    return date(2024, 12, 31)


def test_rows_of_a_plan_that_come_apart_are_a_bug_not_a_wrong_table():
    rows = [{"plan": "a"}, {"plan": "b"}, {"plan": "a"}]
    with pytest.raises(ValueError, match="not together"):
        list(render.plan_groups(rows))


def test_a_long_plan_table_is_measured_on_its_first_rows_and_says_so(conn, monkeypatch):
    from xjtrack.store import lookup

    rows = stored_rows(conn)
    plans = {p.id: p for p in lookup.plans_in_order(conn)}
    whole = "\n".join(render.status_lines(iter(rows), plans, False, "en", None))
    notes: list[str] = []
    monkeypatch.setattr(render, "LAYOUT_ROWS", 3)
    sampled = list(render.status_lines(iter(rows), plans, False, "en", None, note=notes.append))
    assert notes and "its columns are as wide as its first 3 need" in notes[0]
    # every row is still there, word for word; only the padding (and the rule under a header) differs
    def words(lines):
        return [line.split() for line in lines if line.strip("─")]

    assert words(sampled) == words(whole.split("\n")) and sampled != whole.split("\n")
    wrapped = list(render.status_lines(iter(rows), plans, False, "en", 60, note=notes.append))
    assert max(map(len, wrapped)) <= 60 and "wraps" in notes[-1]


def test_status_says_nothing_of_widths_when_every_table_is_short(shipped_db):
    result = runner.invoke(app, ["status", "--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0 and result.stderr == ""


def test_report_pages_written_as_they_come_are_the_pages(conn):
    from xjtrack.store import lookup

    rows = list(report_rows(conn))
    plans = {p.id: p for p in lookup.plans_in_order(conn)}
    context = Context.read(conn, plans)
    pages = report_pages(rows, context, _day(), "en")
    streamed_pages = [(rel, "".join(pieces)) for rel, pieces in page_stream(iter(rows), context, _day(), "en")]
    assert streamed_pages[-1][0] == "" and sorted(streamed_pages) == sorted(pages)
    assert pages[0][0] == "" and [p for p, _ in pages[1:]] == [p for p, _ in streamed_pages[:-1]]
    # the topic pages and the main page are written from the spool as they are read, not held whole
    lazy = {rel: pieces for rel, pieces in page_stream(iter(rows), context, _day(), "en")
            if rel == "" or "/across" in rel or "/flags" in rel}
    assert all(hasattr(pieces, "__next__") for pieces in lazy.values())


@pytest.mark.parametrize("lines", [[], [""], ["  ", ""], ["a"], ["", "a", "", " ", "b  ", "", "  "],
                                   ["a\n\n", "", "b"], ["a", "b\n ", " \n", ""], [" x ", "\t", "y\n"]])
def test_a_page_written_in_pieces_is_the_lines_joined_and_stripped(lines):
    from xjtrack.output.report import page_text

    pieces = list(page_text(iter(lines)))
    assert "".join(pieces) == "\n".join(lines).rstrip() + "\n"
    assert len(pieces) == max(1, sum(1 for x in lines if x.strip()))  # a piece per line with words


def test_a_slow_reader_of_streamed_rows_is_not_stopped_by_the_time_limit(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("create table t (n)")
    conn.executemany("insert into t values (?)", [(n,) for n in range(50)])
    read = []
    for row in streamed(conn, conn.execute("select n from t"), seconds=0.05, batch=10):
        read.append(row[0])
        if row[0] % 10 == 9:
            time.sleep(0.06)  # longer than the limit, between batches
    assert read == list(range(50))
    endless = "with recursive c(n) as (select 1 union all select n + 1 from c) select n from c where n < 0"
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        list(streamed(conn, conn.execute(endless), seconds=0.05))


def test_the_promises_view_agrees_with_the_python_promises_row_by_row(shipped_db, conn):
    result = runner.invoke(app, ["status", "--format", "json", "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(shipped_db)])
    found = {p.id: p for p in promises(json.loads(result.stdout))}
    view = {r["id"]: r for r in conn.execute("select * from promises")}
    assert set(view) == set(found)
    assert any(p.forms for p in found.values()) and any(p.disagree for p in found.values())
    for ident, p in found.items():
        row = view[ident]
        assert (bool(row["disputed"]), bool(row["forms_disagree"]), json.loads(row["forms"])) == \
            (p.disputed, p.disagree, [f["id"] for f in p.forms]), ident
    assert plan_counts(json.loads(result.stdout))  # the same rows the view counts


def test_export_of_a_table_is_the_csv_of_its_rows(shipped_db, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(out), "--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0, result.output
    import csv

    with (out / "promises.csv").open(encoding="utf-8", newline="") as f:
        read = list(csv.reader(f))
    conn = sqlite3.connect(shipped_db)
    rows = conn.execute("select * from promises").fetchall()
    assert len(read) == len(rows) + 1
    forms = read[0].index("forms")
    assert [r[forms] for r in read[1:]] == [";".join(json.loads(r[forms])) for r in rows]


AWKWARD = [None, 0, 1, 2, 0.0, 1.0, 2.5, 400.0, -3.0, True, False, b"ab", "", "[]", '["a","b"]', '["a",1]', "[1",
           "=1", "-x", "\x00a", "a\u202eb", '{"a":1}', '["=x"]', '["\\u0000"]', "null", "a\n=b", "\t", "a\rb",
           "plain", "中文", "@x", "+1", float("inf"), 2.0**60, 10**20, "a,b", 'q"q']


def _csv_text(cells_: list) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells_)
    return out.getvalue()


@pytest.mark.parametrize("names", [["flags", "silent", "text", "x"], ["a"], ["a", "b"]])
def test_the_fast_cell_writers_write_what_the_one_cell_ones_write(names):
    import random

    from xjtrack.output import cells

    random.seed(len(names))
    csv_row, json_row, text_row = cells.csv_row(names), cells.json_row(names), cells.text_row(names)
    for _ in range(20_000):
        row = tuple(random.choice(AWKWARD) for _ in names)
        pairs = list(zip(names, row, strict=True))
        assert _csv_text(csv_row(row)) == _csv_text([cells.csv_value(c, v) for c, v in pairs]), row
        assert text_row(row) == [cells.text_value(c, v) for c, v in pairs], row
        assert json_row(row) == {c: cells.json_value(c, v) for c, v in pairs}, row


def test_the_topic_pages_gathered_in_the_spool_are_the_sections_of_every_row_at_once(conn):
    from xjtrack.output import report_parts as parts
    from xjtrack.output.report import page_text
    from xjtrack.store import lookup

    rows = stored_rows(conn)  # every column of the view: the sections as the whole rows make them
    lean = list(report_rows(conn, phrases=True))  # what the report reads
    plans = {p.id: p for p in lookup.plans_in_order(conn)}
    context = Context.read(conn, plans)
    for lang in ("en", "zh"):
        pages = dict(report_pages(lean, context, _day(), lang))
        whole = {"disputed": parts.disputed_section(rows, lang),
                 "silent": parts.silent_section(rows, plans, lang),
                 "flags": parts.flags_section(rows, lookup.target_notes(conn), lang),
                 "across": parts.across_section(rows, plans, lang)}
        assert all(len(body) > 3 for body in whole.values())  # the shipped data has each
        for name, body in whole.items():
            page = pages[f"docs/report/{name}.md"]
            assert page.endswith("".join(page_text(body))), (lang, name)


def test_rows_as_dicts_read_each_list_once_and_give_every_row_its_own(monkeypatch):
    from xjtrack.store import status

    monkeypatch.setattr(status, "LISTS_READ", 2)  # past it, lists are read each time, as before
    names = ["id", "reason_codes", "flags", "silent"]
    texts = ['["final", "met"]', "[]", '["a"]', '["b", "c"]', '["final", "met"]']
    rows = [(str(n), text, texts[(n + 1) % len(texts)], n % 2) for n, text in enumerate(texts * 3)]
    got = list(status.dicts(names, rows))
    assert [(r["reason_codes"], r["flags"], r["silent"]) for r in got] == [
        (json.loads(r[1]), json.loads(r[2]), bool(r[3])) for r in rows]
    got[0]["reason_codes"].append("changed")  # one row's list is its own
    assert got[4]["reason_codes"] == ["final", "met"] and got[5]["reason_codes"] == ["final", "met"]


def test_the_report_s_rows_are_the_view_s_rows_in_its_columns_with_the_notes_of_flagged_targets(conn):
    """The report reads a lean query (no quotes joined): the same rows, in the same order, with the
    same values as the view's, as stored and as of another day, and each flagged target's notes."""
    from datetime import date

    from xjtrack.store import history, lookup
    from xjtrack.store.status import REPORT_COLUMNS

    notes = lookup.target_notes(conn)
    for day in (None, date(2019, 6, 30), date(2022, 12, 31)):
        full = stored_rows(conn) if day is None else list(history.status_rows(conn, day))
        for phrases in (False, True):
            lean = list(report_rows(conn, phrases=phrases) if day is None else history.report_rows(conn, day, phrases=phrases))
            assert len(lean) == len(full) > 50, day
            for got, row in zip(lean, full, strict=True):
                assert {c: got[c] for c in REPORT_COLUMNS} == {c: row[c] for c in REPORT_COLUMNS}
                assert got["notes"] == (notes[row["id"]] if row["flags"] else None)
                if phrases:
                    assert got["reason_phrases"] == row["reason_phrases"]
                else:
                    assert "reason_phrases" not in got
    from xjtrack.store.status import Filters

    plans = status_plans(conn)
    for filters in (Filters(statuses=("missed", "met")), Filters(plans=(plans[-1], plans[0])), Filters(grep="铁路")):
        lean = [{c: r[c] for c in REPORT_COLUMNS} for r in report_rows(conn, filters)]
        assert lean == [{c: r[c] for c in REPORT_COLUMNS} for r in stored_rows(conn, filters)] and lean, filters
    assert any(r["flags"] and r["notes"] for r in report_rows(conn))
    flagged = [r for r in report_rows(conn) if r["flags"] == ["ambiguous"]]
    assert len(flagged) > 1
    flagged[0]["flags"].append("changed")  # each row's list is its own
    assert flagged[1]["flags"] == ["ambiguous"]
