"""`--as-of` reads the stored verdict history; on the shipped data it gives, on every day a
verdict can change and the day before each, exactly the rows judging the corpus on demand gives:
every target, every column of the status row, and the reason's phrases."""

import json
import sqlite3
from datetime import date, timedelta
from itertools import pairwise

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.evaluate import Index
from xjtrack.core.lineage import judge, judge_all, moments
from xjtrack.store import history
from xjtrack.store.read import read_corpus
from xjtrack.store.status import Filters, columns, judged_rows, stored_rows


@pytest.fixture(scope="module")
def shipped(shipped_db):
    conn = sqlite3.connect(f"{shipped_db.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    corpus = read_corpus(conn)
    yield conn, corpus
    conn.close()


def days_that_matter(corpus) -> list[date]:
    """Every document's day, every due year's end and the day after, every day a target's verdict
    may change (core.lineage.moments): each with the day before it; and each half-year between."""
    index = Index(corpus)
    days = {s.date.last_day() for s in corpus.sources.values()}
    for t in corpus.targets.values():
        days |= {date(t.due.end, 12, 31), date(t.due.end + 1, 1, 1), *moments(t, index)}
    days |= {d - timedelta(days=1) for d in days}
    days |= {date(year, month, 1) for year in range(min(days).year, max(days).year + 2) for month in (1, 7)}
    return sorted(days | {date(2099, 12, 31)})


def test_stored_and_judged_status_rows_agree_on_every_day(shipped):
    conn, corpus = shipped
    days = days_that_matter(corpus)
    assert len(days) > 40 and days[0] < corpus.first_date() < corpus.default_as_of() < days[-1]
    seen = set()
    for day in days:
        judged = judged_rows(conn, judge_all(corpus, day), day)
        stored = list(history.status_rows(conn, day))
        assert [r["id"] for r in stored] == [r["id"] for r in judged], day
        for mine, theirs in zip(stored, judged, strict=True):
            assert mine == theirs, (day, mine["id"])
        seen |= {(r["id"], r["status"]) for r in stored}
    # the history is not one verdict per target: targets change verdict over the days
    assert len(seen) > len(corpus.targets) * 1.2


def test_the_history_holds_a_row_only_where_the_verdict_changes(shipped):
    conn, corpus = shipped
    rows = conn.execute("select target, as_of, until from verdict_history order by target, as_of").fetchall()
    assert {r[0] for r in rows} == set(corpus.targets)
    by_target: dict[str, list] = {}
    for target, start, until in rows:
        by_target.setdefault(target, []).append((start, until))
    for target, spans in by_target.items():
        assert spans[0][0] == corpus.targets[target].source_date.last_day().isoformat()
        assert all(a[1] == b[0] for a, b in pairwise(spans)), target  # no gap, no overlap
        assert spans[-1][1] is None
    full = [c[1] for c in conn.execute("pragma table_info(verdict_history)") if c[1] not in ("as_of", "until")]
    same = conn.execute(f"select count(*) from verdict_history a join verdict_history b on a.target = b.target "
                        f"and a.until = b.as_of where {' and '.join(f'a.{c} is b.{c}' for c in full)}").fetchone()[0]
    assert same == 0  # two rows in a row always differ


def test_the_stored_verdict_of_one_target_is_the_one_judged_then(shipped):
    conn, corpus = shipped
    index = Index(corpus)
    for target in list(corpus.targets.values())[::7]:
        for day in moments(target, index):
            for on in (day, day - timedelta(days=1)):
                stored = history.verdict_at(conn, target.id, on)
                if on < target.source_date.last_day():
                    assert stored is None
                else:
                    assert stored == judge(target, index, on), (target.id, on)


def test_as_of_the_build_day_the_history_gives_the_stored_verdicts(shipped):
    conn, corpus = shipped
    day = corpus.default_as_of()
    assert list(history.status_rows(conn, day)) == stored_rows(conn)


def test_the_history_is_read_as_it_is_written(shipped):
    conn, corpus = shipped
    day = date(2022, 12, 31)
    rows, values = history.status_rows(conn, day, phrases=False), history.status_tuples(conn, day)
    assert hasattr(rows, "__next__") and hasattr(values, "__next__")  # nothing is held
    whole = list(history.status_rows(conn, day))
    assert 0 < len(whole) < len(corpus.targets)  # targets set later have no row
    names = columns(conn)
    values = list(values)
    assert [v[names.index("id")] for v in values] == [r["id"] for r in whole]
    assert {len(v) for v in values} == {len(names)}  # the view's columns, without the phrases
    assert [{k: v for k, v in r.items() if k != "reason_phrases"} for r in whole] == list(rows)
    assert history.status_plans(conn, day) == sorted({r["plan"] for r in whole})
    one = Filters(plans=(whole[0]["plan"],))
    assert history.status_plans(conn, day, one) == [whole[0]["plan"]]
    assert list(history.status_rows(conn, day, one)) == [r for r in whole if r["plan"] == whole[0]["plan"]]


def test_status_and_show_as_of_read_the_history(shipped_db):
    """The commands give the judged rows: here, a target whose verdict changed by 2023 is shown as it stood."""
    conn = sqlite3.connect(shipped_db)
    target, start, status = conn.execute(
        "select target, as_of, status from verdict_history where until is not null order by target limit 1").fetchone()
    conn.close()
    runner = CliRunner()
    where = ("--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db))
    shown = runner.invoke(app, ["show", target, "--as-of", start, "--format", "json", *where])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["verdict"]["status"] == status
    listed = runner.invoke(app, ["status", "--as-of", start, "--format", "json", *where])
    assert listed.exit_code == 0, listed.output
    assert {r["id"]: r["status"] for r in json.loads(listed.stdout)}[target] == status
