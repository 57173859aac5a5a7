"""What `xjtrack chart` draws, read from the database: an indicator's every series and every plan's
targets on it, or one target's series, goal and path; in English or Chinese."""

from __future__ import annotations

import re
from collections import Counter

from xjtrack.core.quantity import IncomparableUnits, Unit, parse_unit
from xjtrack.core.series import vintage_order
from xjtrack.errors import UsageError
from xjtrack.output.chart import Goal, Line, Panel, Picture, Span, axis_label
from xjtrack.output.i18n import MEASURE_WORDS, STATUS_WORDS

# Measures drawn on one axis share a unit: a level and a yearly average; a year's growth and an
# average growth. Every other measure has an axis of its own.
PANELS = {"level": "level", "annual_average": "level", "yoy_growth": "growth", "avg_annual_growth": "growth",
          "total": "total", "change": "change", "cumulative_growth": "cumulative_growth",
          "reduction": "reduction", "multiple": "multiple"}
ORDER = ("level", "growth", "total", "change", "cumulative_growth", "reduction", "multiple")
WORDS = {
    "en": {"level": "level", "growth": "growth rate (a year's, or the average over a period)",
           "total": "total over the period", "change": "change over the period",
           "cumulative_growth": "growth over the period", "reduction": "reduction over the period",
           "multiple": "multiple of the starting level", "reported": "reported", "year": "year",
           "path": "straight path to the goal", "source": "Source", "chart": "Chart: xjtrack",
           "every": "every plan's targets and every reported figure", "target": "target",
           "floor": "≥ ", "ceiling": "≤ ", "about": "≈ ", "exact": "", "sep": "; ", "colon": ": ", "comma": ", "},
    "zh": {"level": "水平", "growth": "增速（当年或期内年均）", "total": "期内累计", "change": "期内变化",
           "cumulative_growth": "期内累计增长", "reduction": "期内下降", "multiple": "为基期的倍数",
           "reported": "实际", "year": "年份", "path": "达标直线路径", "source": "资料来源",
           "chart": "制图：xjtrack", "every": "各规划目标与实际数据", "target": "目标",
           "floor": "≥", "ceiling": "≤", "about": "≈", "exact": "", "sep": "；", "colon": "：", "comma": "，"},
}


def _short(name: str) -> str:
    """A plan's name without its parenthesised gloss, for a legend."""
    return re.sub(r"\s*[(（][^()（）]*[)）]", "", name).strip() or name


def _name(record, lang: str, field: str = "name") -> str:
    return getattr(record, f"{field}_zh" if lang == "zh" else f"{field}_en")


def _unit(panel: str, indicator_unit: str, quantities=()) -> Unit:
    """The axis's unit: the indicator's, unless most of what the axis shows is written in
    another family (foreign trade in 亿美元 where the registry says 亿元)."""
    own = parse_unit(indicator_unit)
    if panel in ("level", "total"):
        families = Counter(q.unit.family for q in quantities if q.value is not None)
        top = families.most_common(1)[0][0] if families else own.family
        if families[top] > families[own.family]:
            return next(q.unit for q in quantities if q.unit.family == top and q.value is not None)
        return own
    if panel == "change":
        return parse_unit("个百分点") if own.family == "ratio" else own
    return parse_unit("倍") if panel == "multiple" else parse_unit("%")


def _unit_label(unit: Unit, lang: str) -> str:
    return (unit.text or "数值") if lang == "zh" else axis_label(unit)


def _bound(target) -> str:
    comparator = target.goal.comparator
    if comparator == "~":
        return "about"
    if comparator in (">=", "<="):
        return "floor" if comparator == ">=" else "ceiling"
    return "floor" if target.direction == "up" else "ceiling"


def goal_text(target, unit: Unit, bound: str, lang: str) -> str:
    """The goal as the plan writes it (Chinese) or as a bound, a number and an English unit."""
    if lang == "zh":
        return target.goal.text
    value = target.goal.value_in(unit)
    high = f"–{target.goal.unit.convert(target.goal.high, unit):g}" if target.goal.high is not None else ""
    return f"{WORDS['en'][bound]}{value:g}{high} {axis_label(unit)}"


def _goal(target, status: str, unit: Unit, plans: dict, lang: str, left: list | None = None) -> Goal | None:
    if target.goal.value is None:
        return None
    try:
        value = target.goal.value_in(unit)
        high = target.goal.unit.convert(target.goal.high, unit) if target.goal.high is not None else None
    except IncomparableUnits:
        if left is not None:
            left.append(f"{target.id} ({target.goal.text}: {target.goal.unit.text or 'no unit'} is not {unit.text})")
        return None
    bound = _bound(target)
    start = target.due.end if target.measure == "level" and target.due.years == 1 else target.span.start
    w = WORDS[lang]
    measure = MEASURE_WORDS[lang].get(target.measure, "")
    label = (f"{_short(_name(plans[target.plan], lang))}{w['colon']}{goal_text(target, unit, bound, lang)}"
             f"{' ' + measure if measure and lang == 'en' else measure} ({target.due}, {STATUS_WORDS[lang][status]})")
    return Goal(label=label, start=start, end=target.due.end, value=value, status=status, bound=bound, high=high)


def _figures(observations, panel: str, unit: Unit, place: str, several: bool, lang: str,
             left: list | None = None):
    """The panel's figures in one jurisdiction: yearly ones as lines, those over periods as spans."""
    w = WORDS[lang]
    latest: dict[tuple, object] = {}
    for o in sorted((o for o in observations if PANELS.get(o.measure) == panel and not o.unusable),
                    key=vintage_order):
        latest[(o.measure, o.period.start, o.period.end)] = o
    lines, spans = [], []
    prefix = f"{place}{w['colon']}" if several else ""
    for measure in sorted({m for m, _, _ in latest}):
        words = MEASURE_WORDS[lang].get(measure, "") or w["level"]
        points, here = [], [(k, o) for k, o in latest.items() if k[0] == measure]
        for (_, start, end), o in sorted(here, key=lambda x: x[0][1:]):
            try:
                value = o.value.value_in(unit)
            except IncomparableUnits:
                if left is not None:
                    left.append(f"{o.jurisdiction} {o.measure} {o.period} {o.value.text} ({o.source}): "
                                f"{o.value.unit.text or 'no unit'} is not {unit.text}")
                continue
            if start == end:
                points.append((end, value))
            else:
                spans.append(Span(label=f"{prefix}{w['reported']} {words}, {start}-{end}" if lang == "en"
                                  else f"{prefix}{w['reported']}{words}（{start}-{end}年）",
                                  start=start, end=end, value=value))
        if points:
            lines.append(Line(label=f"{prefix}{w['reported']} {words}" if lang == "en"
                              else f"{prefix}{w['reported']}{words}", points=tuple(points)))
    return lines, spans


def source_line(sources: list, lang: str) -> str:
    w = WORDS[lang]
    listed = w["sep"].join(f"{_name(s, lang, 'title')} ({s.date})" if lang == "en"
                           else f"{_name(s, lang, 'title')}（{s.date}）" for s in sources)
    return f"{w['source']}{w['colon']}{listed}. {w['chart']}" if lang == "en" else \
        f"{w['source']}{w['colon']}{listed}。{w['chart']}"


def _context(conn):
    from xjtrack.store.read import records
    from xjtrack.store.schema import JURISDICTIONS, PLANS, SOURCES

    return ({p.id: p for p in records(conn, PLANS)}, {j.id: j for j in records(conn, JURISDICTIONS)},
            {s.id: s for s in records(conn, SOURCES)})


def _sorted_sources(sources: dict, used: set) -> list:
    return sorted((sources[s] for s in used if s in sources), key=lambda s: (str(s.date), s.id))


def indicator_picture(conn, ident: str, jurisdiction: str | None, lang: str = "en",
                      title: str | None = None) -> Picture:
    """Every plan's targets on an indicator and every figure reported for it, an axis per unit."""
    from xjtrack.store.read import records
    from xjtrack.store.schema import INDICATORS, OBSERVATIONS, TARGETS, VERDICTS

    found = records(conn, INDICATORS, "id = ?", (ident,))
    if not found:
        raise UsageError(f"no target or indicator {ident!r}; xjtrack indicators lists the indicators")
    indicator = found[0]
    where, params = "indicator = ?", (ident,)
    if jurisdiction:
        where, params = where + " and jurisdiction = ?", (ident, jurisdiction)
    targets = records(conn, TARGETS, where + " order by file, position", params)
    observations = records(conn, OBSERVATIONS, where + " order by file, position", params)
    statuses = {v.target: v.status for v in records(conn, VERDICTS)} if targets else {}
    plans, places, sources = _context(conn)
    panels, left = [], []
    # the series the targets are set on; another jurisdiction's figures (the national total) only
    # where no target is set, or where it is asked for
    ids = sorted({t.jurisdiction for t in targets} or {o.jurisdiction for o in observations})
    observations = [o for o in observations if o.jurisdiction in ids]
    for panel in ORDER:
        shown = [o.value for o in observations if PANELS.get(o.measure) == panel and not o.unusable]
        unit = _unit(panel, indicator.unit, [*shown, *(t.goal for t in targets if PANELS.get(t.measure) == panel)])
        lines, spans = [], []
        for place in ids:
            name = _name(places[place], lang) if place in places else place
            more = _figures([o for o in observations if o.jurisdiction == place], panel, unit, name, len(ids) > 1,
                            lang, left)
            lines += more[0]
            spans += more[1]
        goals = [g for t in targets if PANELS.get(t.measure) == panel
                 for g in [_goal(t, statuses.get(t.id, "pending"), unit, plans, lang, left)] if g]
        if lines or spans or goals:
            panels.append(Panel(label=WORDS[lang][panel], unit_label=_unit_label(unit, lang), lines=tuple(lines),
                                spans=tuple(spans), goals=tuple(goals)))
    name = _name(indicator, lang)
    default = f"{name}{WORDS[lang]['colon']}{WORDS[lang]['every']}"
    used = {o.source for o in observations} | {t.source for t in targets}
    return Picture(title=title or default, panels=tuple(panels), source=source_line(_sorted_sources(sources, used), lang),
                   year_label=WORDS[lang]["year"], left_out=tuple(left))


def target_picture(conn, target, verdict, lang: str = "en", title: str | None = None) -> Picture:
    """One target: the figures of its series on its axis, its goal, and the straight path to it."""
    from xjtrack.store.read import records
    from xjtrack.store.schema import INDICATORS, OBSERVATIONS

    plans, places, sources = _context(conn)
    indicator = records(conn, INDICATORS, "id = ?", (target.indicator,))
    if target.goal.value is None or not indicator:
        raise UsageError(f"{target.id} states no number to draw; xjtrack show {target.id} gives its verdict")
    observations = records(conn, OBSERVATIONS, "indicator = ? and jurisdiction = ?",
                           (target.indicator, target.jurisdiction))
    panel = PANELS.get(target.measure, "level")
    unit = target.goal.unit
    left: list[str] = []
    lines, spans = _figures(observations, panel, unit, "", False, lang, left)
    goal = _goal(target, verdict.status, unit, plans, lang, left)
    path = ()
    if verdict.baseline is not None and goal is not None and target.measure == "level":
        base = parse_unit(verdict.baseline.unit).convert(verdict.baseline.value, unit)
        path = ((verdict.baseline.period.end, base), (target.due.end, goal.value))
    w = WORDS[lang]
    what = _name(indicator[0], lang)
    measure = MEASURE_WORDS[lang].get(target.measure, "")
    what = f"{what}, {measure}" if measure and lang == "en" else what + measure
    default = (f"{_short(_name(plans[target.plan], lang))}{w['colon']}{what}{w['comma']}{w['target']}"
               f"{' ' if lang == 'en' else ''}{goal_text(target, unit, _bound(target), lang)} ({target.due})"
               f"{w['colon']}{STATUS_WORDS[lang][verdict.status]}")
    used = {o.source for o in observations} | {target.source}
    return Picture(title=title or default,
                   panels=(Panel(label=WORDS[lang][panel], unit_label=_unit_label(unit, lang), lines=tuple(lines),
                                 spans=tuple(spans), goals=(goal,) if goal else (), path=path,
                                 path_label=w["path"] if path else ""),),
                   source=source_line(_sorted_sources(sources, used), lang), year_label=w["year"],
                   left_out=tuple(left))
