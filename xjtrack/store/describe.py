"""What every table and column of the database holds: the datasette metadata
(datasette/metadata.json), generated from the tables' descriptions and the columns' (each defined
with its record, see column_docs); a test checks it covers every column."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from xjtrack.core.records import docs
from xjtrack.store.build import DOCS as BUILD_DOCS
from xjtrack.store.schema import every_table
from xjtrack.store.status import StatusRow
from xjtrack.store.views import VIEW_DOCS

PATH = Path(__file__).resolve().parents[2] / "datasette" / "metadata.json"

TABLES = {
    "target_status": "Every target with its verdict, the reason, and the quotes of the target and of "
                     "the figure that decided it: what `xjtrack status` prints.",
    "promises": "Every plan row counted once: a level also stated as a change (or a growth rate) is one "
                "promise, judged by the form the plan states as its target; what the counts count.",
    "series": "Every figure reported for an indicator in a jurisdiction, by period and measure; "
              "latest marks the vintage that counts.",
    "lines": "Every non-blank line of the archived documents; the search box finds Chinese terms.",
    "jurisdictions": "The places and levels of government.",
    "sources": "The archived documents.",
    "source_files": "The archived text of each document: its file and the sha256 of its bytes.",
    "source_lines": "Every non-blank line of the archived documents, with its search tokens.",
    "plans": "The plans, Five-Year and annual.",
    "indicators": "The registry: every quantity a target or a figure is about.",
    "indicator_proxies": "Related indicators that may (or may not) stand in for one another.",
    "observations": "Every figure a document reports: an indicator in a jurisdiction over a period.",
    "observation_quotes": "Where each figure stands in its document.",
    "targets": "Every target a plan sets, as the document writes it.",
    "target_quotes": "Where each target is stated.",
    "target_claims": "A document's own verdict on a target (完成 / 未完成).",
    "verdicts": "Each target judged as of the newest document, with the figure that decided it.",
    "verdict_history": "Every verdict each target has had since it was set: judged as of the first day it "
                       "holds (as_of), until the first day it no longer does (until). `--as-of` reads it.",
    "meta": "Facts about the build: version, judging date, and the fingerprint of the files read.",
    "inputs": "The files the build read: the digest of each one's bytes and its stat, to tell when the "
              "database is older than the data.",
    "target_statements": "What a later document says in words about a target.",
    "target_versions": "Later versions of a target: adjusted or restated by a later document.",
    "plan_claims": "What a document says about a whole plan, beside the computed counts.",
}

def column_docs() -> dict[str, dict[str, str]]:
    """What each column holds, by table and view: the records' descriptions (core.records) carried
    onto their tables' columns by store.schema, the tables build writes without a record, and the
    views' columns: StatusRow's for target_status, the others' from the tables they come from."""
    out = {t.name: t.docs for t in every_table()} | BUILD_DOCS
    status = docs(StatusRow)
    out["target_status"] = {f.name: status.get(f.name, "") for f in dataclasses.fields(StatusRow)}
    for view, (tables, own) in VIEW_DOCS.items():
        merged: dict[str, str] = {}
        for table in reversed(tables):  # the first table named wins
            merged |= out[table]
        out[view] = merged | own
    return out


TARGET_PAGE_SQL = """
with wanted(id) as (select coalesce((select t.id from targets t, json_each(t.aliases) a where a.value = :id), :id))
select 1 as n, 'verdict' as what, status as source, null as line, reason as text from target_status where id = (select id from wanted)
union all select 2, 'goal', plan, null, target_text || ' (due ' || due || ')' from target_status where id = (select id from wanted)
union all select 3, 'deciding figure', outcome_source, outcome_line,
  coalesce(outcome_text, '—') || coalesce(': ' || outcome_quote, '') from target_status where id = (select id from wanted)
union all select 4, 'stated', source, line, text from target_quotes where target_id = (select id from wanted)
union all select 5, 'claim: ' || claim, quote_source, quote_line, quote_text from target_claims where target_id = (select id from wanted)
union all select 6, 'statement: ' || says, source, null, quotes from target_statements where target_id = (select id from wanted)
union all select 7, 'another form of the row', promise, null, id || ': ' || status || ', ' || target_text
  from target_status where id != (select id from wanted) and promise = (select promise from target_status where id = (select id from wanted))
order by n, source, line""".strip()

QUERIES = {
    "target": {
        "title": "One target",
        "description": "A target's verdict, its reason, where the plan states it, the figure that decided "
                       "it, and what later documents claim or say of it. Give its id.",
        "sql": TARGET_PAGE_SQL, "params": ["id"]},
    "disputed": {
        "title": "Disputed claims",
        "description": "Targets whose document's own verdict disagrees with the numbers.",
        "sql": "select id, indicator_zh, status, claimed, reason from target_status where disputed "
               "order by id"},
    "silent": {
        "title": "Targets no later document mentions",
        "description": "Targets on which no later document in the corpus says anything.",
        "sql": "select id, plan, indicator_zh, target_text, status, reason from target_status "
               "where silent order by plan, id"},
    "by_status": {
        "title": "Verdicts by plan",
        "description": "How many promises (plan rows, each counted once) of each plan have each verdict: "
                       "the counts of xjtrack status and REPORT.md.",
        "sql": "select plan, status, count(*) as targets from promises group by plan, status "
               "order by plan, status"},
    "revised": {
        "title": "Revised figures",
        "description": "Figures two documents report differently, every vintage.",
        "sql": "select indicator, jurisdiction, measure, period, value_text, source, latest from series "
               "where (indicator, jurisdiction, measure, period) in (select indicator, jurisdiction, "
               "measure, period from series group by 1, 2, 3, 4 having count(distinct value) > 1) "
               "order by indicator, jurisdiction, period, source_date"},
}


# The verdict in view: the status view's columns a reader wants first, in that order.
VERDICTS_URL = "/xjtrack/target_status?" + "&".join(f"_col={c}" for c in (
    "id", "status", "plan", "binding", "indicator_zh", "indicator_en", "target_text", "outcome_text",
    "progress", "reason", "disputed", "promise"))


def metadata(columns: dict[str, list[str]]) -> dict:
    """The datasette metadata for tables with these columns (table -> column names, in order)."""
    tables, described = {}, column_docs()
    for table, names in columns.items():
        entry = {"description": TABLES[table],
                 "columns": {c: described.get(table, {}).get(c, "") for c in names}}
        if table in ("target_status", "promises"):
            entry["facets"] = ["status", "plan", "binding"]
        if table == "lines":
            entry.update({"fts_table": "source_lines_fts", "fts_pk": "rowid", "searchmode": "raw"})
        if table in ("source_lines", "source_files", "meta", "observation_quotes", "target_quotes"):
            entry["hidden"] = True
        tables[table] = entry
    links = " · ".join(f'<a href="/xjtrack/{q}">{QUERIES[q]["title"]}</a>' for q in QUERIES if q != "target")
    start = (f'Start with <a href="{VERDICTS_URL}">every target and its verdict</a> (all columns: '
             '<a href="/xjtrack/target_status">target_status</a>; each plan row counted once: '
             '<a href="/xjtrack/promises">promises</a>)')
    return {
        "title": "xjtrack: targets in Xinjiang's plans and work reports",
        "description_html": f"Which targets the plans set, which were met, with the quotes that prove it. {start}.",
        "license": "MIT (the code); the archived documents are public government texts",
        "source": "The archived documents: sources/MANIFEST.md",
        "plugins": {"xjtrack-site": {"url": {"$env": "XJTRACK_SITE_URL"}}},  # each target's page on the site
        "databases": {"xjtrack": {
            "description_html": (f'{start}, or: {links}. One target: <a href="/xjtrack/target">target</a>'
                                 ' (give its id). Search the documents in <a href="/xjtrack/lines">lines</a>.'),
            "tables": tables,
            "queries": QUERIES,
        }},
    }


def shown_columns(conn) -> dict[str, list[str]]:
    """Every table and view a reader sees, with its columns; not the search index's storage."""
    rows = conn.execute("select name, sql from sqlite_master where type in ('table', 'view') order by name").fetchall()
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    names = [n for n, _ in rows if n not in virtual and not any(n.startswith(f"{v}_") for v in virtual)]
    return {n: [r[1] for r in conn.execute(f"select * from pragma_table_info('{n}')")] for n in names}


def serialise(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Rewrite datasette/metadata.json from a database built from the shipped data."""
    import sqlite3
    import tempfile

    from xjtrack.store.project import Project

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "xjtrack.db"
        Project.locate(PATH.parents[1] / "targets.yaml", db).build()
        with sqlite3.connect(db) as conn:
            PATH.write_text(serialise(metadata(shown_columns(conn))), encoding="utf-8")
    print(f"Wrote {PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
