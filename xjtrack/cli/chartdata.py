"""What `xjtrack chart` draws, read from the database: a target's series, or a whole indicator's."""

from __future__ import annotations

from collections import Counter

from xjtrack.core.quantity import IncomparableUnits, parse_unit
from xjtrack.core.series import vintage_order
from xjtrack.errors import UsageError
from xjtrack.output.chart import Goal, Line, Picture


def _latest_by_year(observations, measure: str, unit) -> tuple[tuple[int, float], ...]:
    best: dict[int, object] = {}
    for o in sorted((o for o in observations if o.measure == measure and not o.unusable), key=vintage_order):
        if o.period.years == 1 or measure != "level":
            best[o.period.end] = o
    points = []
    for year, o in sorted(best.items()):
        try:
            points.append((year, o.value.value_in(unit)))
        except IncomparableUnits:
            continue
    return tuple(points)


def _goal(target, status: str, unit) -> Goal | None:
    if target.goal.value is None:
        return None
    try:
        value = target.goal.value_in(unit)
    except IncomparableUnits:
        return None
    start = target.due.end if target.measure == "level" and target.due.years == 1 else target.span.start
    return Goal(f"{target.plan} {target.goal.text}", start, target.due.end, value, status)


def _for_target(project, conn, target_id: str, when) -> Picture:
    from xjtrack.cli.lookup import one_target

    corpus, target, verdict, _ = one_target(project, target_id, when)
    unit = target.goal.unit
    own = [o for o in corpus.observations.values()
           if o.indicator == target.indicator and o.jurisdiction == target.jurisdiction]
    measure = target.measure if target.measure != "avg_annual_growth" else "yoy_growth"
    lines = [Line(f"reported {measure.replace('_', ' ')}", _latest_by_year(own, measure, unit))]
    if target.measure == "avg_annual_growth":
        lines.append(Line("reported average", _latest_by_year(own, "avg_annual_growth", unit)))
    if target.measure == "annual_average":  # a yearly average of a flow: each year's amount beside it
        lines.append(Line("reported yearly amount", _latest_by_year(own, "level", unit)))
    goal = _goal(target, verdict.status, unit)
    path = ()
    if verdict.baseline is not None and goal is not None and target.measure == "level":
        base = parse_unit(verdict.baseline.unit).convert(verdict.baseline.value, unit)
        path = ((verdict.baseline.period.end, base), (target.due.end, goal.value))
    return Picture(f"{target.id}: {target.goal.text} ({verdict.status})", unit,
                   tuple(line for line in lines if line.points), (goal,) if goal else (), path,
                   tuple(sorted({o.source for o in own} | {target.source})))


def _for_indicator(conn, ident: str, jurisdiction: str | None) -> Picture:
    from xjtrack.store.read import records
    from xjtrack.store.schema import INDICATORS, OBSERVATIONS, TARGETS, VERDICTS

    found = records(conn, INDICATORS, "id = ?", (ident,))
    if not found:
        raise UsageError(f"no target or indicator {ident!r}; xjtrack indicators lists the indicators")
    indicator = found[0]
    where, params = "indicator = ?", [ident]
    if jurisdiction:
        where, params = where + " and jurisdiction = ?", [ident, jurisdiction]
    targets = records(conn, TARGETS, where + " order by file, position", tuple(params))
    observations = records(conn, OBSERVATIONS, where + " order by file, position", tuple(params))
    statuses = {v.target: v.status for v in records(conn, VERDICTS)} if targets else {}
    measure = Counter(t.measure for t in targets).most_common(1)[0][0] if targets else "level"
    own = parse_unit(indicator.unit)
    change = parse_unit("个百分点") if own.family == "ratio" else own
    unit = {"level": own, "total": own, "annual_average": own, "change": change,
            "multiple": parse_unit("倍")}.get(measure, parse_unit("%"))
    shown = "yoy_growth" if measure == "avg_annual_growth" else measure
    places = sorted({o.jurisdiction for o in observations} | {t.jurisdiction for t in targets})
    lines = tuple(Line(f"{place} {shown.replace('_', ' ')}",
                       _latest_by_year([o for o in observations if o.jurisdiction == place], shown, unit))
                  for place in places)
    goals = tuple(g for t in targets if t.measure == measure
                  for g in [_goal(t, statuses.get(t.id, "pending"), unit)] if g)
    return Picture(f"{indicator.id} ({indicator.name_en}): {measure.replace('_', ' ')}, every plan's targets",
                   unit, tuple(line for line in lines if line.points), goals, (),
                   tuple(sorted({o.source for o in observations})))


def series_for_chart(project, ident: str, jurisdiction: str | None, when) -> Picture:
    project.fresh()
    with project.reading() as conn:
        is_target = conn.execute("select 1 from targets where id = ?", (ident,)).fetchone()
        if not is_target:
            return _for_indicator(conn, ident, jurisdiction)
    return _for_target(project, None, ident, when)
