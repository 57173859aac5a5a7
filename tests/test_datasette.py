"""The database in datasette: metadata describes every table and column, and the view answers."""

import asyncio
import json
import sqlite3

import pytest

from tests.conftest import ROOT
from xjtrack.project import Project

datasette_app = pytest.importorskip("datasette.app")
METADATA = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "xjtrack.db"
    Project.locate(ROOT / "targets.yaml", path).build()
    return path


def get_json(db, path):
    async def fetch():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA)
        await ds.invoke_startup()
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_the_status_view_through_datasette(db):
    met = get_json(db, "/xjtrack/target_status.json?_shape=array&status=met&_size=max")
    with sqlite3.connect(db) as conn:
        expected = [r[0] for r in conn.execute("select id from target_status where status = 'met'")]
    assert sorted(r["id"] for r in met) == sorted(expected) and len(expected) > 30


def test_the_canned_queries_run(db):
    counts = get_json(db, "/xjtrack/by_status.json?_shape=array")
    with sqlite3.connect(db) as conn:
        total = conn.execute("select count(*) from target_status").fetchone()[0]
    assert sum(r["targets"] for r in counts) == total
    disputed = get_json(db, "/xjtrack/disputed.json?_shape=array")
    assert {r["status"] for r in disputed} <= {"partial", "missed", "unassessable", "met"} and disputed
    assert get_json(db, "/xjtrack/silent.json?_shape=array")


def test_every_table_and_column_is_described(db):
    described = METADATA["databases"]["xjtrack"]["tables"]
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view') "
                                            "and name not like 'source_lines_fts%'")]
        for name in names:
            assert described.get(name, {}).get("description"), f"{name} has no description"
            columns = [r[1] for r in conn.execute(f"pragma table_info('{name}')")]
            assert set(columns) == set(described[name]["columns"]), name
    assert set(described) == set(names)
