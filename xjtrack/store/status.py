"""Verdicts as rows: the target_status view, filtered, as of the default date or any other.

As of the default date the rows are read as stored. As of another date the corpus is judged
again and the same view's query runs over those verdicts, so both give the same columns.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from xjtrack.core.phrases import from_json
from xjtrack.core.records import Corpus, Verdict
from xjtrack.store.schema import VERDICTS
from xjtrack.store.views import status_sql


@dataclass(frozen=True)
class Filters:
    """Which targets to show; each list combines as OR within, AND across."""

    plans: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    binding: bool = False
    ids: tuple[str, ...] = field(default=())
    topics: tuple[str, ...] = ()
    expected: bool = False
    due: str = ""  # a year (due then, or a period ending then) or a period (exactly)
    grep: str = ""  # words in the target, its indicator's names or its quotes

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for column, values in (("t.plan", self.plans), ("t.jurisdiction", self.jurisdictions),
                               ("v.status", self.statuses), ("t.indicator", self.indicators),
                               ("t.id", self.ids), ("t.topic", self.topics)):
            if values:
                clauses.append(f"{column} in ({', '.join('?' * len(values))})")
                params += list(values)
        bindings = [b for b, on in (("binding", self.binding), ("expected", self.expected)) if on]
        if bindings:
            clauses.append(f"t.binding in ({', '.join('?' * len(bindings))})")
            params += bindings
        if self.due:
            clauses.append("t.due = ?" if "-" in self.due else "t.due_end = ?")
            params.append(self.due if "-" in self.due else int(self.due))
        if self.grep:
            clauses.append(GREP_SQL)
            like = "%" + self.grep.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like] * GREP_SQL.count("?")
        return " and ".join(clauses), params


PHRASES = ", v.reason_phrases"  # the reason as phrases, for rendering it in any language

GREP_SQL = " ".join(f"{c} like ? escape '\\' or" for c in (
    "t.goal_text", "t.name_zh", "t.name_en", "i.name_zh", "i.name_en", "i.aliases")) + (
    " exists (select 1 from target_quotes q where q.target_id = t.id and q.text like ? escape '\\')")
GREP_SQL = f"({GREP_SQL})"


def as_dict(row: sqlite3.Row) -> dict:
    """A status row; reason_phrases (not a column of the view) holds the reason as phrases."""
    out = dict(row)
    out["disputed"] = bool(out["disputed"])
    out["silent"] = bool(out["silent"])
    out["flags"] = json.loads(out["flags"])
    out["reason_codes"] = json.loads(out["reason_codes"])
    if "reason_phrases" in out:
        out["reason_phrases"] = from_json(out["reason_phrases"])
    return out


def columns(conn: sqlite3.Connection) -> list[str]:
    return [d[0] for d in conn.execute(status_sql("verdicts", "0")).description]


def stored_rows(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[dict]:
    where, params = filters.where()
    return [as_dict(r) for r in conn.execute(status_sql("verdicts", where, PHRASES), params)]


def judged_rows(conn: sqlite3.Connection, judged: list[Verdict], as_of: date,
                filters: Filters = Filters()) -> list[dict]:
    """The view's rows for verdicts judged as of another date; targets set later are left out."""
    conn.execute("create temp table if not exists as_of_verdicts as select * from verdicts where 0")
    conn.execute("delete from as_of_verdicts")
    rows = VERDICTS.rows(judged)[VERDICTS.name]
    if rows:
        conn.executemany(f"insert into as_of_verdicts values ({', '.join('?' * len(rows[0]))})", rows)
    where, params = filters.where()
    where = " and ".join(w for w in (where, "t.source_date_last_day <= ?") if w)
    return [as_dict(r) for r in conn.execute(status_sql("temp.as_of_verdicts", where, PHRASES),
                                             [*params, as_of.isoformat()])]


def judge_all(corpus: Corpus, as_of: date) -> list[Verdict]:
    from xjtrack.store.build import verdicts

    return verdicts(corpus, as_of)


def promise_forms(conn: sqlite3.Connection, target_id: str) -> list[dict]:
    """The other forms of a target's plan row (the deciding one first), as stored: id, status, goal."""
    sql = ("select t.id, v.status, t.goal_text as target_text, t.id = p.promise as decides "
           "from targets t join verdicts v on v.target = t.id "
           "join (select coalesce(nullif(form_of, ''), id) as promise from targets where id = ?) p "
           "on coalesce(nullif(t.form_of, ''), t.id) = p.promise where t.id != ? order by decides desc, t.id")
    return [{"id": r[0], "status": r[1], "target_text": r[2], "decides": bool(r[3])}
            for r in conn.execute(sql, (target_id, target_id))]
