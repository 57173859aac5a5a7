"""The database in datasette: the metadata describes every table and column, and the answers match sqlite3."""

import asyncio
import json
import re
import sqlite3
from urllib.parse import quote

import pytest

from tests.conftest import ROOT

datasette_app = pytest.importorskip("datasette.app")
METADATA = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))
DESCRIBED = METADATA["databases"]["xjtrack"]


@pytest.fixture(scope="module")
def db(shipped_db):
    assert shipped_db.name == "xjtrack.db"  # the file name is datasette's database name
    return shipped_db


def fetch(db, *paths):
    """GET each path from a datasette serving db with the shipped metadata; the parsed JSON of each."""

    async def run():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA, plugins_dir=str(ROOT / "datasette" / "plugins"))
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


def test_the_committed_metadata_is_generated_from_the_descriptions(db):
    from xjtrack.store.describe import metadata, serialise, shown_columns

    with sqlite3.connect(db) as conn:
        columns = shown_columns(conn)
    assert serialise(metadata(columns)) == (ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"), \
        "datasette/metadata.json is stale: run python -m xjtrack.store.describe"
    for name, names in columns.items():
        table = DESCRIBED["tables"][name]
        assert table["description"] and list(table["columns"]) == names
        assert all(0 < len(d) <= 70 for d in table["columns"].values()), f"{name}: keep descriptions short"


def test_the_home_page_links_the_status_view_and_the_canned_queries(db):
    async def run():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA, plugins_dir=str(ROOT / "datasette" / "plugins"))
        await ds.invoke_startup()
        return (await ds.client.get("/xjtrack")).text

    page = asyncio.run(run())
    assert 'href="/xjtrack/target_status"' in page
    assert all(f'href="/xjtrack/{q}"' in page for q in DESCRIBED["queries"])


def test_datasette_serves_the_metadata(db):
    [served] = fetch(db, "/-/metadata.json")
    assert served["title"] == "xjtrack: targets in Xinjiang's plans and work reports"
    assert "MIT" in served["license"] and "sources/MANIFEST.md" in served["source"]


def test_the_canned_queries_give_what_they_promise(db):
    queries = {q: v for q, v in DESCRIBED["queries"].items() if not v.get("params") and ":" not in v["sql"]}
    assert {"disputed", "silent", "by_status"} <= set(queries)
    answers = dict(zip(queries, fetch(db, *[f"/xjtrack/{q}.json?_shape=array&_size=max" for q in queries]),
                       strict=True))
    for name, rows in answers.items():
        assert rows, f"the canned query {name} returns nothing"
        assert [tuple(r.values()) for r in rows] == select(db, queries[name]["sql"]), name

    disputed = {r[0] for r in select(db, "select id from target_status where disputed")}
    assert {r["id"] for r in answers["disputed"]} == disputed
    silent = {r[0] for r in select(db, "select id from target_status where status = 'pending' and exists "
                                       "(select 1 from json_each(reason_codes) where value in "
                                       "('silent', 'none_mentions_yet'))")}
    assert silent == {r["id"] for r in answers["silent"]} and len(silent) > 100
    per_status = dict(select(db, "select status, count(*) from promises group by 1"))
    summed = {}
    for r in answers["by_status"]:
        summed[r["status"]] = summed.get(r["status"], 0) + r["targets"]
    assert summed == per_status


@pytest.mark.parametrize("term", ["铁路", "铁", "公里数", "乌鲁木齐"])
def test_the_search_box_finds_what_a_reader_types(db, term):
    [rows] = fetch(db, "/xjtrack/lines.json?_shape=array&_size=max&_search=" + quote(term))
    expected = select(db, f"select source_id, line from source_lines where replace(text, ' ', '') like '%{term}%'")
    assert sorted((r["source_id"], r["line"]) for r in rows) == sorted(expected)
    assert "tokens" not in (rows[0] if rows else {"x": 1})


@pytest.mark.parametrize("given, found", [("xj-13fyp.gdp-level", "xj-13fyp.gdp"),  # renamed: an old id
                                          ("xj-13fyp.gdp", "xj-13fyp.gdp"),
                                          ("xj-13fyp.gas-pipelines-capacity", "xj-13fyp.gas-pipelines-count")])
def test_the_target_query_finds_a_target_by_an_old_id(db, given, found):
    [rows, direct] = fetch(db, f"/xjtrack/target.json?id={quote(given)}&_shape=array",
                           f"/xjtrack/target.json?id={quote(found)}&_shape=array")
    assert rows == direct and rows[0]["what"] == "verdict"


def test_the_target_query_finds_nothing_for_an_unknown_id(db):
    [rows] = fetch(db, "/xjtrack/target.json?id=xj-13fyp.no-such-target&_shape=array")
    assert rows == []


def pages(db, *paths):
    async def run():
        ds = datasette_app.Datasette([str(db)], metadata=METADATA, plugins_dir=str(ROOT / "datasette" / "plugins"))
        await ds.invoke_startup()
        return [(await ds.client.get(p)).text for p in paths]

    return asyncio.run(run())


def test_the_home_page_leads_to_the_verdicts_with_the_verdict_in_view(db):
    home, = pages(db, "/")
    link = re.search(r'href="(/xjtrack/target_status\?[^"]+)"', home).group(1).replace("&amp;", "&")
    table, = pages(db, link)
    shown = re.findall(r'<th [^>]*data-column="([^"]+)"', table)
    assert shown[:3] == ["id", "status", "plan"]
    assert DESCRIBED["tables"]["target_status"]["facets"] == ["status", "plan", "binding"]
    for facet in ("status", "plan", "binding"):
        assert f'data-column="{facet}"' in table and f"_facet={facet}" not in link  # facets by default
    assert 'class="facet-info' in table or "facet-results" in table
    # the column descriptions fold into a <details> the reader opens when wanted
    assert "dl.column-descriptions" in table and 'createElement("details")' in table


def test_a_target_has_a_page_with_its_verdict_reason_and_quotes(db):
    [rows] = fetch(db, "/xjtrack/target.json?_shape=array&id=xj-13fyp.forest-coverage")
    what = {r["what"]: r for r in rows}
    assert what["verdict"]["source"] == "missed" and "5.02%" in what["verdict"]["text"]
    assert any(r["what"] == "stated" and "森林覆盖率" in r["text"] for r in rows)
    assert "4.7%" in what["deciding figure"]["text"] and what["deciding figure"]["line"]
    assert "xj-13fyp.forest-coverage-change" in what["another form of the row"]["text"]
    status, = pages(db, "/xjtrack/target_status?status=missed")
    assert 'href="/xjtrack/target?id=xj-13fyp.forest-coverage"' in status
