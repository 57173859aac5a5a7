"""What the commands choose from and count, read from the database: the build's facts, the ids a
filter may name, one series' figures, the registry's counts, and the report's notes and documents.

The command line and the output format these; the SQL is here.
"""

from __future__ import annotations

import sqlite3

from xjtrack.core.records import Indicator, Observation
from xjtrack.store.read import records
from xjtrack.store.schema import INDICATORS, OBSERVATIONS, PLANS


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The build's facts (as_of, the version, the inputs' digest …) by key."""
    return dict(conn.execute("select key, value from meta"))


def plan_ids(conn: sqlite3.Connection) -> list[str]:
    """The plans' ids in the order targets.yaml gives them."""
    return [r[0] for r in conn.execute("select id from plans order by position")]


def jurisdiction_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select id from jurisdictions")]


def indicator_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select id from indicators order by id")]


def plans_in_order(conn: sqlite3.Connection, ids: tuple[str, ...] | None = None) -> list:
    """The plans in the order targets.yaml gives them: all of them, or those ids name."""
    if ids is None:
        return records(conn, PLANS, "1 order by position")
    return records(conn, PLANS, f"id in ({', '.join('?' * len(ids))}) order by position", tuple(ids))


def indicator_names(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Every indicator's id with its Chinese name and its aliases (as the JSON text stored)."""
    return {r[0]: (r[1], r[2]) for r in conn.execute("select id, name_zh, aliases from indicators")}


def indicator_record(conn: sqlite3.Connection, ident: str) -> Indicator | None:
    found = records(conn, INDICATORS, "id = ?", (ident,))
    return found[0] if found else None


def observations_on(conn: sqlite3.Connection, ident: str, places: tuple[str, ...] = ()) -> list[Observation]:
    """The figures on one indicator (in the given places, or everywhere), in the data files' order."""
    where = "indicator = ?" + (f" and jurisdiction in ({', '.join('?' * len(places))})" if places else "")
    return records(conn, OBSERVATIONS, where + " order by file, position", (ident, *places))


INDICATOR_COUNTS_SQL = """
select i.id, i.topic, i.name_zh, i.name_en, i.unit, i.kind,
  (select count(distinct coalesce(nullif(t.form_of, ''), t.id)) from targets t where t.indicator = i.id) as targets,
  (select count(distinct t.plan) from targets t where t.indicator = i.id) as plans,
  (select count(*) from observations o where o.indicator = i.id) as observations,
  (select count(distinct o.jurisdiction) from observations o where o.indicator = i.id) as jurisdictions
from indicators i
order by plans desc, targets desc, observations desc, i.id
"""

TOPIC_COUNTS_SQL = """
select x.topic, (select count(*) from indicators i where i.topic = x.topic) as indicators,
  (select count(*) from targets t where t.topic = x.topic) as targets,
  (select count(distinct t.plan) from targets t where t.topic = x.topic) as plans
from (select topic from indicators union select topic from targets) x
"""

SOURCE_COUNTS_SQL = """
select s.id as source, s.title_en, s.date, count(o.id) as observations,
  count(distinct o.indicator) as indicators
from sources s left join observations o on o.source = s.id
group by s.id order by s.date_last_day, s.id
"""


def _table(conn: sqlite3.Connection, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = conn.execute(sql)
    return [d[0] for d in cursor.description], [tuple(r) for r in cursor]


def indicator_counts(conn: sqlite3.Connection) -> tuple[list[str], list[tuple]]:
    """Each indicator with its topic, names, unit and kind, and how many targets (a plan row with
    several forms counts once), plans, figures and places it has: the most targeted first."""
    return _table(conn, INDICATOR_COUNTS_SQL)


def source_counts(conn: sqlite3.Connection) -> tuple[list[str], list[tuple]]:
    """Each document (source, title_en, date) with how many figures and indicators it reports,
    in date order."""
    return _table(conn, SOURCE_COUNTS_SQL)


def topic_counts(conn: sqlite3.Connection) -> list[tuple]:
    """(topic, indicators, targets, plans) for each topic the data uses, in no set order."""
    return [tuple(r) for r in conn.execute(TOPIC_COUNTS_SQL)]


def target_notes(conn: sqlite3.Connection) -> dict[str, str]:
    """Every target's notes, by id."""
    return dict(conn.execute("select id, notes from targets"))


def source_total(conn: sqlite3.Connection) -> int:
    return conn.execute("select count(*) from sources").fetchone()[0]


def adjusted_verdicts(conn: sqlite3.Connection) -> list[tuple]:
    """The targets a later document adjusted: (target, original goal, its verdict, goal in force,
    the adjusting source, the verdict, flags), by target id."""
    return [tuple(r) for r in conn.execute(
        "select target, original_goal, original_status, goal_in_force, adjusted_by, "
        "status, flags from verdicts where original_goal != '' order by target")]
