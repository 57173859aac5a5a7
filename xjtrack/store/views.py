"""The SQL views: what `status` prints, written once as SQL so that sqlite3 and datasette users
get the same rows as the CLI. `status --as-of` runs the same query over the verdicts holding
then (store.history)."""

from __future__ import annotations

# The target_status view's columns, each its name and the SQL that gives it, in the view's order.
# The report reads some of them by name (store.status.REPORT_COLUMNS), from the same SQL.
STATUS_COLUMNS = (
    ("id", "t.id"), ("plan", "t.plan"), ("jurisdiction", "t.jurisdiction"), ("indicator", "t.indicator"),
    ("indicator_zh", "coalesce(nullif(t.name_zh, ''), i.name_zh, '')"),
    ("indicator_en", "coalesce(nullif(t.name_en, ''), i.name_en, '')"),
    ("measure", "t.measure"), ("comparator", "nullif(t.goal_comparator, '')"), ("target_text", "t.goal_text"),
    ("target_value", "t.goal"), ("target_high", "t.goal_high"), ("unit", "nullif(t.goal_unit, '')"),
    ("due", "t.due"), ("binding", "t.binding"), ("direction", "t.direction"),
    ("outcome_text", "v.figure_text"), ("outcome_value", "v.actual"),
    ("outcome_unit", "case when v.actual is not null then t.goal_unit else v.figure_unit end"),
    ("outcome_period", "v.figure_period"), ("derivation", "nullif(v.figure_how, '')"),
    ("baseline_text", "v.baseline_text"), ("baseline_period", "v.baseline_period"),
    ("progress", "v.progress"), ("status", "v.status"), ("reason", "v.reason"), ("reason_codes", "v.reason_codes"),
    ("silent", "v.silent"), ("claimed", "nullif(v.claimed, '')"), ("disputed", "v.disputed"), ("flags", "v.flags"),
    ("target_quote", "tq.text"), ("target_source", "tq.source"), ("target_line", "tq.line"),
    ("outcome_quote", "oq.text"), ("outcome_source", "oq.source"), ("outcome_line", "oq.line"),
    ("as_of", "v.as_of"), ("promise", "coalesce(nullif(t.form_of, ''), t.id)"),
)
STATUS_COLUMNS_SQL = "".join(f"\n  {sql} as {name}," for name, sql in STATUS_COLUMNS).rstrip(",")

# The view's rows: a target, its verdict, plan and indicator (STATUS_ROWS_SQL), then the first
# quotes, which add no row (a query that reads no quote column joins only the first part).
STATUS_ROWS_SQL = """
from targets t
join {verdicts} v on v.target = t.id
join plans p on p.id = t.plan
left join indicators i on i.id = t.indicator"""
STATUS_FROM_SQL = STATUS_ROWS_SQL + """
left join target_quotes tq on tq.target_id = t.id and tq.n = 1
left join observation_quotes oq
  on oq.observation_id = json_extract(v.figure_observations, '$[0]') and oq.n = 1"""

ORDER_SQL = "order by p.position, t.file, t.position"


def status_sql(verdicts: str = "verdicts", where: str = "", extra: str = "") -> str:
    """The target_status query over a verdicts table, filtered by where (SQL with ? params), with
    any extra columns (v.reason_phrases, for the reason in other languages)."""
    return (f"select {STATUS_COLUMNS_SQL}{extra}{STATUS_FROM_SQL.format(verdicts=verdicts)}"
            f"{' where ' + where if where else ''} {ORDER_SQL}")


SERIES_VIEW = """
select o.indicator, i.name_zh, i.name_en, o.jurisdiction, o.measure, o.period, o.period_start,
  o.period_end, o.value, o.value_text, o.value_unit, o.source, o.source_date, o.estimate,
  o.id = (select o2.id from observations o2
          where o2.indicator = o.indicator and o2.jurisdiction = o.jurisdiction
            and o2.measure = o.measure and o2.period = o.period and o2.unusable = ''
          order by o2.source_date_last_day desc, o2.file desc, o2.position desc limit 1) as latest,
  o.unusable, o.id as observation_id
from observations o join indicators i on i.id = o.indicator
order by o.indicator, o.jurisdiction, o.measure, o.period_start, o.period_end, o.source_date_last_day, o.file, o.position
"""

# A promise's other forms are the targets whose form_of names it (the same plan, checked at
# load), found by the targets_by_form index: one look-up per promise, at any corpus size.
PROMISES_VIEW = """
select s.id, s.status, s.plan, s.binding, s.indicator_zh, s.indicator_en, s.target_text, s.outcome_text,
  s.progress, s.target_value is not null as numeric,
  s.disputed or exists(select 1 from targets f join verdicts v on v.target = f.id
                       where f.form_of = s.id and v.disputed) as disputed,
  (select json_group_array(f.id) from targets f where f.form_of = s.id) as forms,
  exists(select 1 from targets f join verdicts v on v.target = f.id
         where f.form_of = s.id and v.status != s.status) as forms_disagree,
  s.jurisdiction, s.indicator, s.measure, s.due
from target_status s where s.promise = s.id
"""

LINES_VIEW = "select rowid, source_id, line, text from source_lines"

# Where each view's columns take their descriptions (datasette/metadata.json): target_status's are
# StatusRow's (store.status); the others' come from the tables named here, in order, or are their own.
VIEW_DOCS = {
    "promises": (("target_status",), {
        "numeric": "The target states a number",
        "disputed": "A document's own claim disagrees with the numbers, on any form",
        "forms": "Its other forms (JSON list of target ids)", "forms_disagree": "Its forms are judged differently"}),
    "series": (("observations", "indicators"), {
        "latest": "The vintage that counts", "observation_id": "Observation id"}),
    "lines": (("source_lines",), {"rowid": "Row"}),
}

VIEWS = {"target_status": status_sql(), "promises": PROMISES_VIEW, "series": SERIES_VIEW, "lines": LINES_VIEW}
