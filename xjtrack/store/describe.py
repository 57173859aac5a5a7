"""What every table and column of the database holds, in one place: the datasette metadata
(datasette/metadata.json) is generated from it, and a test checks it covers every column."""

from __future__ import annotations

import json
import sys
from pathlib import Path

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
    "meta": "Facts about the build: version, judging date, the files read and their digests.",
    "target_statements": "What a later document says in words about a target.",
    "target_versions": "Later versions of a target: adjusted or restated by a later document.",
    "plan_claims": "What a document says about a whole plan, beside the computed counts.",
}

COLUMNS = {
    "id": "Identifier", "n": "Order within its parent", "name_zh": "Name in Chinese", "name_en": "Name in English",
    "notes": "Curator's notes", "flags": "Data-quality flags (JSON list)", "position": "Order in the curated files",
    "file": "The curated data file it comes from", "parent": "The level of government above",
    "title_zh": "Title in Chinese", "title_en": "Title in English", "issuer": "Who issued it",
    "publisher": "Who published it (news and analysis)",
    "reports_on": "The source id or title it reports on (news, analysis)",
    "version_of": "The source this is another version of",
    "goal_in_force": "The goal of the later version in force, if adjusted",
    "adjusted_by": "The source of that later version",
    "original_goal": "The goal as first set, if adjusted",
    "original_status": "The verdict on the goal as first set, if adjusted",
    "secondary": "From news or analysis: an original document's figure wins",
    "version": "From another version of a document: the official text wins",
    "jurisdiction": "Jurisdiction id", "kind": "Kind", "date": "Date, as precise as known",
    "date_precision": "year, month or day", "date_last_day": "The last day the date stands for",
    "period": "Year or period", "period_start": "First year", "period_end": "Last year", "source": "Source id",
    "unit": "Unit", "direction": "up: more is better; down: less", "prices": "nominal, real or none",
    "growth": "How its growth is measured (real or nominal)", "aliases": "Other names (JSON list)",
    "also_in": "Other unit families (JSON list)", "replaces": "Indicator it succeeds", "indicator": "Indicator id",
    "indicator_id": "Indicator id", "comparable": "May it stand in (1) or not (0)", "flag": "Flag it sets",
    "note": "Why", "bound": "floor or ceiling: what a stand-in can prove", "measure": "level, yoy_growth, avg_annual_growth, change, total …",
    "value": "The figure, as a number", "value_text": "The figure as written", "value_high": "High end of a range",
    "value_unit": "Its unit", "value_comparator": "≥ <= ~ = from its qualifier", "value_cumulative": "Written in [ ]",
    "value_numeral": "The number as written in Chinese", "source_date": "When the document was delivered",
    "source_date_precision": "year, month or day", "source_date_last_day": "Last day of that date",
    "estimate": "Marked 预计 by the document", "unusable": "Why it cannot judge anything",
    "observation_id": "Observation id", "text": "Text", "line": "Line in the archived text",
    "plan": "Plan id", "goal": "The target's number", "goal_text": "The target as written",
    "goal_high": "High end of a range", "goal_unit": "Its unit", "goal_comparator": "≥ <= ~ =",
    "goal_cumulative": "Written in [ ]", "goal_numeral": "The number as written in Chinese",
    "due": "Due year or period", "due_start": "First year", "due_end": "Last year",
    "base_year": "The year progress is measured from", "binding": "binding, expected or unspecified",
    "baseline_year": "Year of a baseline the document implies", "baseline_value": "That baseline's number",
    "baseline_value_text": "As written", "baseline_value_high": "High end", "baseline_value_unit": "Unit",
    "baseline_value_comparator": "Qualifier", "baseline_value_cumulative": "Written in [ ]",
    "baseline_value_numeral": "In Chinese numerals", "baseline_derivation": "How the document implies it",
    "section": "Where in the document", "target_id": "Target id", "claim": "met or not_met",
    "quote_source": "Source of its quote", "quote_text": "Its quote", "quote_line": "Line of its quote",
    "target": "Target id", "as_of": "The date it was judged at", "status": "The verdict",
    "reason": "The verdict's one-line reason, in English",
    "reason_codes": "The codes of the reason's phrases (JSON list; the README lists them)",
    "reason_phrases": "The reason as phrases: each a code and its values (JSON)",
    "silent": "No later document mentions the target in any way",
    "figure_how_codes": "The codes of its derivation (JSON list)", "figure_how_phrases": "Its derivation as phrases (JSON)",
    "baseline_how_codes": "The codes of its derivation (JSON list)",
    "baseline_how_phrases": "Its derivation as phrases (JSON)", "progress": "Share of the required change achieved",
    "actual": "The deciding figure in the target's unit", "figure_indicator": "Indicator of the figure",
    "figure_measure": "Its measure", "figure_period": "Its period", "figure_period_start": "First year",
    "figure_period_end": "Last year", "figure_value": "The figure", "figure_unit": "Its unit",
    "figure_text": "As written or computed", "figure_how": "How it was derived ('' if reported)",
    "figure_observations": "Observations it rests on (JSON)", "figure_flag": "Flag of a stand-in indicator",
    "baseline_indicator": "Indicator of the baseline", "baseline_measure": "Its measure",
    "baseline_period": "Its period", "baseline_period_start": "First year", "baseline_period_end": "Last year",
    "baseline_unit": "Its unit", "baseline_text": "The baseline as written",
    "baseline_how": "How it was derived", "baseline_observations": "Observations it rests on (JSON)",
    "baseline_flag": "Flag", "claimed": "The document's own claim", "claim_text": "The claim's words",
    "disputed": "The claim disagrees with the numbers",
    "interim": "For awaiting_final: the last interim verdict (on_track, behind …)", "source_id": "Source id", "sha256": "sha256 of the bytes",
    "lines": "Number of lines", "tokens": "Search tokens (each CJK character a token)", "key": "Fact",
    "indicator_zh": "What it is about, in Chinese", "indicator_en": "What it is about, in English",
    "comparator": "≥ <= ~ =", "target_text": "The target as written", "target_value": "Its number",
    "target_high": "High end of a range", "outcome_text": "The deciding figure",
    "outcome_value": "In the target's unit", "outcome_unit": "Unit", "outcome_period": "Its period",
    "derivation": "How it was derived", "target_quote": "The target's first quote",
    "target_source": "Its source", "target_line": "Its line", "outcome_quote": "The figure's quote",
    "outcome_source": "Its source", "outcome_line": "Its line", "latest": "The vintage that counts",
    "rowid": "Row", "says": "done, partly_done, under_way, not_done or mentioned",
    "quotes": "Where it stands (JSON)", "milestone": "The plan's verb, or the milestone reported",
    "items": "Items of a list target (JSON list)", "reads_as": "The number the words imply",
    "reads_as_text": "As written", "reads_as_high": "High end", "reads_as_unit": "Unit",
    "reads_as_comparator": "Qualifier", "reads_as_cumulative": "Written in [ ]",
    "reads_as_numeral": "In Chinese numerals", "attributes": "Figures that describe a project (JSON list)",
    "plan_id": "Plan id",
    "topic": "One topic of a fixed list: economy, transport, education …",
    "section_name": "The section with its headings' names (第五章 加快…)",
    "promise": "The target that decides its plan row (its own id, or its form_of)",
    "form_of": "The target whose form of the plan row decides ('' if it decides)",
    "numeric": "The target states a number", "forms": "Its other forms (JSON list of target ids)",
    "forms_disagree": "Its forms are judged differently",
}

OVERRIDES = {
    ("promises", "disputed"): "A document's own claim disagrees with the numbers, on any form",
    ("meta", "value"): "Value",
    ("sources", "kind"): "plan or work_report",
    ("indicators", "kind"): "stock, flow, rate or index",
    ("indicators", "unit"): "The unit its levels are written in",
    ("targets", "aliases"): "The ids it had before (JSON list): links to them find it",
}

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
    tables = {}
    for table, names in columns.items():
        entry = {"description": TABLES[table],
                 "columns": {c: OVERRIDES.get((table, c), COLUMNS[c]) for c in names}}
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
