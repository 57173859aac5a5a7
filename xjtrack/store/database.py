"""The SQLite file: built atomically from the corpus, read back quickly, queried read-only."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import date
from pathlib import Path

from xjtrack import __version__
from xjtrack.core.domain import Corpus
from xjtrack.core.judge import Rules, evaluate
from xjtrack.core.verdicts import status_row
from xjtrack.errors import XjtrackError

SCHEMA_VERSION = "1"

TARGET_STATUS_VIEW = """
select
  t.id, t.plan, t.jurisdiction, t.indicator, t.indicator_en, t.metric, t.comparator,
  t.target_text, t.target_value, t.unit, t.due, t.binding, a.outcome_text, a.outcome_value,
  a.outcome_unit, a.outcome_period, a.progress, a.status, a.reason, a.claimed, a.disputed,
  a.flags, t.quote as target_quote, t.source as target_source, t.quote_line as target_line,
  o.quote as outcome_quote, o.source as outcome_source, o.quote_line as outcome_line, a.as_of
from targets t
join assessments a on a.target_id = t.id
left join outcomes o on o.id = a.outcome_id
order by t.position
"""


T, N, F = str, int, float  # text, integer, real
SCHEMA = {  # table: (columns, primary key, foreign keys); documented in the README
    "plans": ({"id": T, "name_zh": T, "name_en": T, "jurisdiction": T, "period": T,
               "period_start": N, "period_end": N, "source": T, "notes": T}, "id",
              [("source", "sources", "id")]),
    "targets": ({"id": T, "plan": T, "jurisdiction": T, "indicator": T, "indicator_en": T,
                 "metric": T, "target_text": T, "comparator": T, "target_value": F, "unit": T,
                 "cumulative": N, "direction": T, "due": T, "due_start": N, "due_end": N,
                 "binding": T, "baseline_year": N, "baseline_text": T, "baseline_derivation": T,
                 "section": T,
                 "source": T, "quote": T, "quote_line": N, "notes": T, "flags": T,
                 "position": N}, "id", [("plan", "plans", "id"), ("source", "sources", "id")]),
    "target_quotes": ({"target_id": T, "n": N, "source": T, "quote": T, "line": N},
                      ("target_id", "n"), [("target_id", "targets", "id")]),
    "outcomes": ({"id": N, "target_id": T, "value_text": T, "value": F, "unit": T, "period": T,
                  "period_start": N, "period_end": N, "source": T, "source_date": T, "quote": T,
                  "quote_line": N, "notes": T, "flags": T, "not_comparable": T}, "id",
                 [("target_id", "targets", "id"), ("source", "sources", "id")]),
    "claims": ({"id": N, "target_id": T, "claim": T, "text": T, "source": T, "source_date": T,
                "quote": T, "quote_line": N}, "id",
               [("target_id", "targets", "id"), ("source", "sources", "id")]),
    "assessments": ({"target_id": T, "as_of": T, "status": T, "progress": F, "reason": T,
                     "outcome_id": N, "outcome_text": T, "outcome_value": F, "outcome_unit": T,
                     "outcome_period": T, "claimed": T, "disputed": N, "flags": T}, "target_id",
                    [("target_id", "targets", "id"), ("outcome_id", "outcomes", "id")]),
}


def fingerprint(inputs: dict[str, str]) -> str:
    """What the database was built from: the digests of the bytes every file had when parsed."""
    return hashlib.sha256(json.dumps([__version__, SCHEMA_VERSION, sorted(inputs.items())]).encode()).hexdigest()


def cjk_tokens(text: str) -> str:
    """Text for the full-text index: each CJK character a token, so any substring is a phrase."""
    spaced = "".join(f" {ch} " if ord(ch) > 0x2E7F else ch for ch in text)
    return " ".join(spaced.split())


def _rows(corpus: Corpus, as_of: date, rules: Rules):
    yield "plans", [
        {"id": p.id, "name_zh": p.name_zh, "name_en": p.name_en, "jurisdiction": p.jurisdiction,
         "period": str(p.period), "period_start": p.period.start, "period_end": p.period.end,
         "source": p.source, "notes": p.notes} for p in corpus.plans.values()]
    targets, quotes, outcomes, claims, assessments = [], [], [], [], []
    for t in corpus.targets.values():
        q = t.target
        targets.append({
            "id": t.id, "plan": t.plan, "jurisdiction": t.jurisdiction, "indicator": t.indicator,
            "indicator_en": t.indicator_en, "metric": t.metric, "target_text": t.target_text,
            "comparator": q.comparator if q else None, "target_value": q.value if q else None,
            "unit": q.unit.text if q else None, "cumulative": bool(q and q.cumulative),
            "direction": t.direction, "due": str(t.due), "due_start": t.due.start,
            "due_end": t.due.end, "binding": t.binding,
            "baseline_year": t.baseline.year if t.baseline else None,
            "baseline_text": t.baseline.value.text if t.baseline else None,
            "baseline_derivation": t.baseline.derivation if t.baseline else None,
            "section": t.section, "source": t.quotes[0].source, "quote": t.quotes[0].text,
            "quote_line": t.quotes[0].line, "notes": t.notes, "flags": json.dumps(list(t.flags)),
            "position": t.position})
        quotes += [{"target_id": t.id, "n": n, "source": x.source, "quote": x.text, "line": x.line}
                   for n, x in enumerate(t.quotes, 1)]
        for o in t.outcomes:
            outcomes.append({
                "id": o.position, "target_id": t.id, "value_text": o.value.text,
                "value": o.value.value, "unit": o.value.unit.text, "period": str(o.period),
                "period_start": o.period.start, "period_end": o.period.end, "source": o.source,
                "source_date": str(o.source_date), "quote": o.quote.text,
                "quote_line": o.quote.line, "notes": o.notes, "flags": json.dumps(list(o.flags)),
                "not_comparable": o.not_comparable})
        claims += [{"id": len(claims) + n, "target_id": t.id, "claim": c.claim, "text": c.text, "source": c.source,
                    "source_date": str(c.source_date), "quote": c.quote.text,
                    "quote_line": c.quote.line} for n, c in enumerate(t.claims, 1)]
        a = evaluate(t, as_of, rules)
        row = status_row(t, a)
        assessments.append({
            "target_id": t.id, "as_of": as_of.isoformat(), "status": row["status"],
            "progress": row["progress"], "reason": row["reason"],
            "outcome_id": a.outcome.position if a.outcome else None,
            "outcome_text": row["outcome_text"], "outcome_value": row["outcome_value"],
            "outcome_unit": row["outcome_unit"], "outcome_period": row["outcome_period"],
            "claimed": row["claimed"], "disputed": row["disputed"],
            "flags": json.dumps(row["flags"])})
    yield "targets", targets
    yield "target_quotes", quotes
    yield "outcomes", outcomes
    yield "claims", claims
    yield "assessments", assessments


def build(corpus: Corpus, root: Path, db_path: Path, rules: Rules = Rules(),
          progress=lambda done, total: None) -> None:
    """Write the database to a temporary file, then rename it over db_path.

    progress(done, total) is called after each step, for a progress bar on long builds.
    """
    import sqlite_utils

    from xjtrack.store import dbfile

    dbfile.require_ours(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XjtrackError(f"cannot create the folder {db_path.parent}: {exc.strerror}") from None
    dbfile.remove_dead_temps(db_path)
    tmp, lock = dbfile.create_temp(db_path)
    try:
        db = sqlite_utils.Database(tmp)
        db.execute(f"pragma application_id = {dbfile.APPLICATION_ID}")
        source_rows, line_rows = [], []
        for s in corpus.sources.values():
            text = corpus.texts[s.id]
            source_rows.append({
                "id": s.id, "title_zh": s.title_zh, "title_en": s.title_en, "issuer": s.issuer,
                "jurisdiction": s.jurisdiction, "kind": s.kind, "date": str(s.date),
                "date_precision": s.date.precision, "file": s.file, "notes": s.notes,
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text})
            line_rows += [{"source_id": s.id, "line": n, "text": line, "tokens": cjk_tokens(line)}
                          for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        db["sources"].insert_all(source_rows, pk="id")
        db["source_lines"].insert_all(line_rows, pk=("source_id", "line"),
                                      foreign_keys=[("source_id", "sources", "id")])
        db["source_lines"].enable_fts(["tokens"], tokenize="unicode61")
        as_of = corpus.default_as_of()
        steps = len(SCHEMA) + 1
        progress(1, steps)
        for step, (table, rows) in enumerate(_rows(corpus, as_of, rules), 2):
            columns, pk, fks = SCHEMA[table]
            db[table].create(columns, pk=pk, foreign_keys=fks)
            db[table].insert_all(rows)
            progress(step, steps)
        db.create_view("target_status", TARGET_STATUS_VIEW)
        db["meta"].insert_all([{"key": k, "value": v} for k, v in {
            "fingerprint": fingerprint(corpus.inputs), "xjtrack_version": __version__,
            "schema_version": SCHEMA_VERSION, "as_of": as_of.isoformat(),
            "inputs": json.dumps(corpus.inputs)}.items()],
            pk="key")
        db.close()
        dbfile.require_ours(db_path)  # nothing else appeared at the path meanwhile
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        raise
    finally:
        os.close(lock)


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    if not db_path.is_file():
        raise XjtrackError(f"no database at {db_path}; run: xjtrack build")
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def stored_inputs(db_path: Path) -> dict[str, str] | None:
    """The digests the database was built from, or None when it is missing, old or unreadable."""
    if not db_path.is_file():
        return None
    try:
        conn = connect_readonly(db_path)
        try:
            rows = dict(conn.execute("select key, value from meta where key in "
                                     "('inputs', 'xjtrack_version', 'schema_version')").fetchall())
        finally:
            conn.close()
        if (rows.get("xjtrack_version"), rows.get("schema_version")) != (__version__, SCHEMA_VERSION):
            return None
        inputs = json.loads(rows["inputs"])
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None  # an old layout or a damaged file: rebuild it (it is xjtrack's own)
    return inputs if isinstance(inputs, dict) else None


def _read_only(action, arg1, arg2, db_name, trigger):
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if arg2 in ("load_extension", "readfile", "writefile") else sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run_query(db_path: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement: writes, ATTACH, PRAGMA and extensions are refused."""
    conn = connect_readonly(db_path)
    conn.set_authorizer(_read_only)
    try:
        cursor = conn.execute(sql)
        columns = [d[0] for d in cursor.description or ()]
        return columns, [tuple(r) for r in cursor.fetchall()]
    except sqlite3.Warning as exc:  # e.g. more than one statement
        raise XjtrackError(f"query refused: {exc}") from None
    except sqlite3.DatabaseError as exc:
        if "not authorized" in str(exc):
            raise XjtrackError("query refused: xjtrack query only reads (no writes, ATTACH, PRAGMA "
                               "or extensions); open the file with sqlite3 to change it") from None
        raise XjtrackError(f"query failed: {exc}") from None
    finally:
        conn.close()
