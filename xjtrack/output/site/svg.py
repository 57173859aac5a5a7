"""The pictures of the site as plain geometry: the verdict bars and a target's series chart.

Only numbers are computed here; the templates write the SVG, escaping every label, so nothing in
the data can become markup. No plotting library is needed.
"""

from __future__ import annotations

from xjtrack.core.quantity import IncomparableUnits
from xjtrack.core.series import vintage_order
from xjtrack.core.vocab import Status

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 64, 16, 16, 36


def bars(counts_by_plan: list[tuple[str, str, dict]], total_width: int = 480) -> list[dict]:
    """One stacked bar per plan: (plan id, label, {status: n}) -> segments with x and width."""
    out = []
    for plan_id, label, tally in counts_by_plan:
        n = sum(tally.values())
        x, segments = 0.0, []
        for status in Status:
            count = tally.get(status.value, 0)
            if count:
                width = total_width * count / n
                segments.append({"status": status.value, "x": round(x, 2), "width": round(width, 2), "n": count})
                x += width
        out.append({"plan": plan_id, "label": label, "n": n, "segments": segments})
    return out


def _scale(lo: float, hi: float, a: float, b: float):
    span = (hi - lo) or 1.0
    return lambda v: round(a + (v - lo) * (b - a) / span, 2)


def target_chart(target, verdict, observations) -> dict | None:
    """The target's own series (latest vintage per year, in the target's unit), its goal and the
    straight path from the baseline; None when there is nothing to draw. Years with no figure
    break the line: a gap stays a gap."""
    unit = target.goal.unit
    measure = "yoy_growth" if target.measure == "avg_annual_growth" else target.measure
    if measure in ("qualitative", "project"):
        return None
    best: dict[int, object] = {}
    for o in sorted((o for o in observations if o.measure == measure and not o.unusable), key=vintage_order):
        if o.period.years == 1:
            best[o.period.end] = o
    points = []
    for year, o in sorted(best.items()):
        try:
            points.append((year, o.value.value_in(unit)))
        except IncomparableUnits:
            continue
    goal = None
    if target.goal.value is not None:
        try:
            goal = (target.due.end, target.goal.value_in(unit))
        except IncomparableUnits:
            goal = None
    path = []
    if verdict is not None and verdict.baseline is not None and goal is not None and target.measure == "level":
        try:
            from xjtrack.core.quantity import parse_unit

            base = parse_unit(verdict.baseline.unit).convert(verdict.baseline.value, unit)
            path = [(verdict.baseline.period.end, base), goal]
        except (IncomparableUnits, ValueError):
            path = []
    if not points and goal is None:
        return None
    years = [y for y, _ in points] + ([goal[0]] if goal else []) + [y for y, _ in path]
    values = [v for _, v in points] + ([goal[1]] if goal else []) + [v for _, v in path]
    lo, hi = min(values), max(values)
    lo, hi = (min(lo, 0.0), hi) if lo >= 0 and hi > 0 and lo < hi * 0.5 else (lo - abs(lo) * 0.05, hi + abs(hi) * 0.05)
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    fx = _scale(y0, y1, LEFT, WIDTH - RIGHT)
    fy = _scale(lo, hi, HEIGHT - BOTTOM, TOP)
    runs, run, last = [], [], None
    for year, value in points:
        if last is not None and year != last + 1:
            runs.append(run)
            run = []
        run.append((fx(year), fy(value)))
        last = year
    if run:
        runs.append(run)
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM,
        "lines": [" ".join(f"{x},{y}" for x, y in r) for r in runs if len(r) > 1],
        "points": [{"x": fx(y), "y": fy(v), "year": y, "value": _short(v)} for y, v in points],
        "goal": None if goal is None else {"x": fx(goal[0]), "y": fy(goal[1]), "value": _short(goal[1])},
        "path": " ".join(f"{fx(y)},{fy(v)}" for y, v in path),
        "ticks": [{"x": fx(y), "year": y} for y in _year_ticks(y0, y1)],
        "levels": [{"y": fy(v), "value": _short(v)} for v in (lo, hi)],
        "unit": unit.text,
    }


def _year_ticks(y0: int, y1: int) -> list[int]:
    step = max(1, (y1 - y0 + 7) // 8)
    return list(range(y0, y1 + 1, step))


def _short(value: float) -> str:
    text = f"{value:.6g}"
    return text if "e" not in text else f"{value:.3e}"
