"""One target's trajectory as a picture (matplotlib, the optional `charts` extra)."""

from __future__ import annotations

import warnings
from pathlib import Path

from xjtrack.core.domain import Target
from xjtrack.core.judge import Assessment
from xjtrack.core.quantity import BASE_UNITS, MAGNITUDES, IncomparableUnits, Unit
from xjtrack.errors import XjtrackError
from xjtrack.output.files import check_destination, replacing

SUFFIXES = (".svg", ".png")


MAGNITUDE_WORDS = {"": "", "千": "thousand ", "万": "10 thousand ", "十万": "100 thousand ",
                   "百万": "million ", "千万": "10 million ", "亿": "100 million ",
                   "十亿": "billion ", "百亿": "10 billion ", "千亿": "100 billion ", "万亿": "trillion "}


def axis_label(unit: Unit) -> str:
    """The unit in ASCII (fonts for Chinese are often missing), e.g. 亿元 -> 100 million CNY."""
    if unit.family in ("ratio", "points", "number"):
        return {"%": "%", "‰": "‰"}.get(unit.text, "percentage points" if unit.family == "points" else "value")
    for base in sorted(BASE_UNITS, key=len, reverse=True):
        prefix = unit.text[: -len(base)]
        if unit.text.endswith(base) and prefix in MAGNITUDES:
            return f"{MAGNITUDE_WORDS.get(prefix, prefix)}{BASE_UNITS[base][0]}"
    return unit.family


def points(target: Target) -> list[tuple[int, float, str]]:
    """(year, value in the target's unit, source) for every reported value that converts."""
    found = []
    for outcome in target.outcomes:
        if outcome.not_comparable:
            continue
        try:
            found.append((outcome.period.end, outcome.value.value_in(target.target.unit), outcome.source))
        except IncomparableUnits:
            continue
    return sorted(found)


def render_chart(target: Target, assessment: Assessment, path: Path) -> None:
    """Draw baseline, reported values, target and the straight path; save as .svg or .png."""
    if path.suffix.lower() not in SUFFIXES:
        raise XjtrackError(f"cannot draw {path.name}: write to a .svg or .png file")
    check_destination(path)
    if target.target is None or target.target.value is None:
        raise XjtrackError(f"{target.id} has no number to chart ({target.target_text})")
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise XjtrackError("charts need matplotlib: pip install 'xjtrack[charts]'") from None

    goal, due = target.target.value, target.due.end
    with matplotlib.rc_context({"svg.hashsalt": "xjtrack", "font.size": 9}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs in the unit label
        figure = Figure(figsize=(6.4, 3.6))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if target.baseline is not None:
            start = target.baseline.value.value_in(target.target.unit)
            axes.plot([target.baseline.year, due], [start, goal], linestyle="--", color="grey",
                      label="required path")
            axes.scatter([target.baseline.year], [start], color="black", zorder=3, label="baseline")
        axes.axhline(goal, color="tab:blue", linewidth=0.8)
        axes.scatter([due], [goal], marker="*", s=120, color="tab:blue", zorder=3,
                     label=f"target ({target.target.comparator} {goal:g})")
        reported = points(target)
        if reported:
            axes.plot([p[0] for p in reported], [p[1] for p in reported], marker="o",
                      color="tab:red", zorder=4, label="reported")
        axes.set_title(f"{target.id}: {target.indicator_en} [{assessment.status}]", fontsize=9)
        axes.set_ylabel(axis_label(target.target.unit))
        axes.set_xlabel("year")
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="best", fontsize=8)
        figure.tight_layout()
        metadata = {"Date": None} if path.suffix.lower() == ".svg" else {"Software": None}
        with replacing(path) as temp:
            figure.savefig(temp, format=path.suffix.lower()[1:], metadata=metadata)
