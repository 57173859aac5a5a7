"""The database in datasette: the metadata describes every table and column, and the answers match sqlite3."""

import asyncio
import json
import sqlite3
from urllib.parse import quote

import pytest

from tests.conftest import ROOT
from xjtrack.store.project import Project

datasette_app = pytest.importorskip("datasette.app")
METADATA = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))
DESCRIBED = METADATA["databases"]["xjtrack"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "xjtrack.db"  # the file name is datasette's database name
    Project.locate(ROOT / "targets.yaml", path).build()
    return path


def fetch(db, *paths):
    """GET each path from a datasette serving db with the shipped metadata; the parsed JSON of each."""

    async def run():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA)
        await ds.invoke_startup()
        answers = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text)
            answers.append(response.json())
        return answers

    return asyncio.run(run())


def select(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_the_status_view_gives_the_met_targets(db):
    [met] = fetch(db, "/xjtrack/target_status.json?_shape=array&status=met&_size=max")
    expected = [r[0] for r in select(db, "select id from target_status where status = 'met'")]
    assert len(expected) > 30
    assert sorted(r["id"] for r in met) == sorted(expected)
    assert {r["status"] for r in met} == {"met"}


def test_the_counts_per_status_are_those_of_sqlite3(db):
    expected = dict(select(db, "select status, count(*) from target_status group by 1"))
    statuses = sorted(expected)
    answers = fetch(db, *[f"/xjtrack/target_status.json?_shape=array&_size=max&status={s}" for s in statuses])
    assert {s: len(rows) for s, rows in zip(statuses, answers, strict=True)} == expected
    [(total,)] = select(db, "select count(*) from targets")
    assert sum(expected.values()) == total


def shown_tables(db) -> list[str]:
    """Every table and view, less the FTS5 index's own storage (source_lines_fts_data and so on)."""
    rows = select(db, "select name, sql from sqlite_master where type in ('table', 'view')")
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return sorted(name for name, _ in rows if not any(name.startswith(f"{v}_") for v in virtual))


def test_every_table_and_column_is_described(db):
    names = shown_tables(db)
    assert sorted(DESCRIBED["tables"]) == names, "datasette/metadata.json lists other tables than the database"
    for name in names:
        table = DESCRIBED["tables"][name]
        assert table.get("description"), f"{name} has no description"
        columns = [r[1] for r in select(db, f"select * from pragma_table_info('{name}')")]
        assert list(table["columns"]) == columns, f"{name}: describe exactly its columns, in their order"
        assert all(table["columns"].values()), f"{name}: a column has an empty description"


def test_datasette_serves_the_metadata(db):
    [served] = fetch(db, "/-/metadata.json")
    assert served["title"] == "xjtrack: targets in Xinjiang's plans and work reports"
    assert "MIT" in served["license"] and "sources/MANIFEST.md" in served["source"]


def test_the_canned_queries_give_what_they_promise(db):
    queries = DESCRIBED["queries"]
    assert {"disputed", "silent", "by_status"} <= set(queries)
    answers = dict(zip(queries, fetch(db, *[f"/xjtrack/{q}.json?_shape=array&_size=max" for q in queries]),
                       strict=True))
    for name, rows in answers.items():
        assert rows, f"the canned query {name} returns nothing"
        assert [tuple(r.values()) for r in rows] == select(db, queries[name]["sql"]), name

    disputed = {r[0] for r in select(db, "select id from target_status where disputed")}
    assert {r["id"] for r in answers["disputed"]} == disputed
    pending = {r[0] for r in select(db, "select id from target_status where status = 'pending'")}
    assert pending <= {r["id"] for r in answers["silent"]}
    assert all(r["status"] in ("pending", "unassessable") for r in answers["silent"])
    per_status = dict(select(db, "select status, count(*) from target_status group by 1"))
    summed = {}
    for r in answers["by_status"]:
        summed[r["status"]] = summed.get(r["status"], 0) + r["targets"]
    assert summed == per_status


def test_a_chinese_phrase_is_found_as_the_metadata_says(db):
    [rows] = fetch(db, "/xjtrack/source_lines.json?_shape=array&_size=max&_search=" + quote('"铁 路"'))
    assert rows and all("铁路" in r["text"].replace(" ", "") for r in rows)
