"""One indicator's series and its targets, the registry's counts, and the comparisons across
levels and plans: as data (for JSON and CSV) and as text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from xjtrack.core.across import Level, Succession
from xjtrack.core.records import Indicator, Observation
from xjtrack.core.series import vintage_order
from xjtrack.output import cells
from xjtrack.output.i18n import STATUS_WORDS
from xjtrack.output.textable import Column, draw, paint
from xjtrack.safe import one_line


def topic_rows(counted: list[tuple]) -> tuple[list[str], list[tuple]]:
    """Every topic of the fixed list, in its order, with its names and counts (0 where none)."""
    from xjtrack.core.vocab import TOPIC_NAMES

    found = {r[0]: r[1:] for r in counted}
    columns = ["topic", "name_zh", "name_en", "indicators", "targets", "plans"]
    return columns, [(t.value, zh, en, *found.get(t.value, (0, 0, 0))) for t, (zh, en) in TOPIC_NAMES.items()]


def series_details(indicator: Indicator, observations: list[Observation], rows: list[dict],
                   plans: dict) -> dict:
    """Every observation by jurisdiction, measure and period with its vintages; every target."""
    groups: dict[tuple, list[Observation]] = {}
    for o in observations:
        groups.setdefault((o.jurisdiction, o.measure, o.period.start, o.period.end), []).append(o)
    figures = []
    for (jurisdiction, measure, _, _), group in sorted(groups.items()):
        group.sort(key=vintage_order)
        usable = [o for o in group if not o.unusable]
        values = {(o.value.value, o.value.unit.text) for o in usable}
        figures.append({
            "jurisdiction": jurisdiction, "measure": measure, "period": str(group[0].period),
            "latest": usable[-1].value.text if usable else None, "revised": len(values) > 1,
            "vintages": [{"value": o.value.text, "source": o.source, "source_date": str(o.source_date),
                          "estimate": o.estimate, "unusable": o.unusable or None,
                          "quote": o.quotes[0].text, "line": o.quotes[0].line, "id": o.id}
                         for o in group]})
    return {
        "indicator": {"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
                      "aliases": list(indicator.aliases), "unit": indicator.unit, "kind": indicator.kind,
                      "direction": indicator.direction, "prices": indicator.prices,
                      "growth": indicator.growth or None, "replaces": indicator.replaces or None,
                      "notes": indicator.notes or None},
        "figures": figures,
        "targets": [{"id": r["id"], "plan": r["plan"], "plan_name": plans[r["plan"]].name_en,
                     "jurisdiction": r["jurisdiction"], "measure": r["measure"], "target": r["target_text"],
                     "due": r["due"], "outcome": r["outcome_text"], "outcome_period": r["outcome_period"],
                     "status": r["status"], "reason": r["reason"]} for r in rows],
    }


SERIES_COLUMNS = ["kind", "jurisdiction", "measure", "period", "value", "source", "source_date",
                  "estimate", "target_id", "plan", "due", "status"]


def series_rows(info: dict) -> tuple[list[str], Iterable[tuple]]:
    """The series as one CSV table: a row per vintage of each figure, then a row per target."""
    def rows():
        for f in info["figures"]:
            for v in f["vintages"]:
                yield ("observation", f["jurisdiction"], f["measure"], f["period"], v["value"], v["source"],
                       v["source_date"], v["estimate"], None, None, None, None)
        for t in info["targets"]:
            yield ("target", t["jurisdiction"], t["measure"], t["due"], t["target"], None, None, None,
                   t["id"], t["plan"], t["due"], t["status"])
    return SERIES_COLUMNS, rows()


def series_text(info: dict, width: int | None, colour: bool) -> str:
    i = info["indicator"]
    lines = [paint(one_line(f"{i['id']}  {i['name_zh']}  {i['name_en']}"), "bold", colour),
             one_line(f"unit {i['unit'] or 'none'} · {i['kind']} · {i['direction']} is better · "
                      f"prices {i['prices']}" + (f" (growth {i['growth']})" if i["growth"] else "")
                      + (f" · replaces {i['replaces']}" if i["replaces"] else "")), ""]
    table = []
    for f in info["figures"]:
        history = " → ".join(f"{v['value']} ({v['source']}{', estimate' if v['estimate'] else ''}"
                             f"{', unusable' if v['unusable'] else ''})" for v in f["vintages"])
        table.append([(f["jurisdiction"], ""), (f"{f['period']} {f['measure'].replace('_', ' ')}", ""),
                      (one_line(history) + ("  ⚑ revised" if f["revised"] else ""), "yellow" if f["revised"] else "")])
    lines += ["Figures reported", *draw([Column("where", 9), Column("period", 24), Column("value (vintages)", 0)],
                                        table, width, colour), ""]
    table = [[(t["id"], ""), (one_line(f"{t['target']} (due {t['due']})"), ""),
              (one_line(f"{t['outcome'] or '—'}" + (f" ({t['outcome_period']})" if t["outcome"] else "")), ""),
              (STATUS_WORDS["en"][t["status"]], "")] for t in info["targets"]]
    lines += ["Targets on it", *draw([Column("target", 0), Column("goal", 18), Column("outcome", 18),
                                       Column("status", 12)], table, width, colour)]
    return "\n".join(lines)


def rows_text(columns: list[str], rows: list[tuple], width: int | None, colour: bool,
              headers: dict[str, str] | None = None) -> str:
    """Rows as a table at the width; headers: shorter words for some columns' names."""
    return "\n".join(rows_lines(columns, rows, (), width, colour, headers))


def rows_lines(columns: list[str], first: list[tuple], rest: Iterable[tuple], width: int | None, colour: bool,
               headers: dict[str, str] | None = None) -> Iterator[str]:
    """rows_text() of the first rows and then the rest, written as they come: the columns are
    measured on the first rows (a wider cell after them wraps, or overflows without a width)."""
    from xjtrack.output.textable import body, head, measure

    values = cells.text_row(columns)

    def shown(rows):
        return ([(one_line(text), "") for text in values(row)] for row in rows)

    named = [Column((headers or {}).get(c, c), 0) for c in columns]
    measured = list(shown(first))
    widths = measure(named, measured, width)
    yield from head(named, widths, width, colour)
    yield from body(measured, widths, width, colour)
    yield from body(shown(rest), widths, width, colour)


def compare_data(levels: list[Level], succession: list[Succession]) -> dict:
    return {
        "across_levels": [{"measure": lv.measure, "due": lv.due,
                           "targets": [s.__dict__ for s in lv.sides],
                           "lower_level_asks_more": [{"lower": a, "upper": b} for a, b in lv.more_ambitious]}
                          for lv in levels],
        "plan_after_plan": [s.__dict__ for s in succession],
    }


COMPARE_COLUMNS = ["measure", "due", "jurisdiction", "target_id", "target", "outcome", "status",
                   "asks_more_than"]


def compare_rows(levels: list[Level]) -> tuple[list[str], Iterable[tuple]]:
    def rows():
        for lv in levels:
            marks = dict(lv.more_ambitious)
            for s in lv.sides:
                yield (lv.measure, lv.due, s.jurisdiction, s.target_id, s.target_text, s.outcome_text,
                       s.status, marks.get(s.jurisdiction))
    return COMPARE_COLUMNS, rows()


def compare_text(indicator: str, levels: list[Level], succession: list[Succession], width: int | None,
                 colour: bool) -> str:
    lines = [paint(f"{indicator}: the same year's targets across jurisdictions", "bold", colour)]
    table = []
    for lv in levels:
        marks = dict(lv.more_ambitious)
        for n, s in enumerate(lv.sides):
            label = f"{lv.due} {lv.measure.replace('_', ' ')}" if n == 0 else ""
            mark = f"  ⚑ asks more than {marks[s.jurisdiction]}" if s.jurisdiction in marks else ""
            table.append([(label, ""), (s.jurisdiction, ""),
                          (one_line(f"{s.target_text} → {s.outcome_text or '—'}") + mark, "yellow" if mark else ""),
                          (STATUS_WORDS["en"][s.status], "")])
    lines += draw([Column("due", 26), Column("where", 9), Column("target → outcome", 0), Column("status", 12)],
                  table, width, colour)
    lines += ["", paint("Plan after plan: each plan's target beside what the plan before achieved", "bold", colour)]
    table = [[(s.jurisdiction, ""), (s.plan, ""), (one_line(f"{s.measure.replace('_', ' ')} {s.target_text}"), ""),
              (one_line(f"{s.previous_plan}: {s.previous_target} → {s.previous_outcome or '—'}")
               if s.previous_plan else "—", "")] for s in succession]
    lines += draw([Column("where", 9), Column("plan", 13), Column("target", 0), Column("the plan before", 30)],
                  table, width, colour)
    return "\n".join(lines)

