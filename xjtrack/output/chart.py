"""A series with its targets as a picture (matplotlib, the optional `charts` extra).

The picture is drawn from a Picture: plain data about what to show, built from the database by
the CLI, so that what is drawn can be tested without drawing it.
"""

from __future__ import annotations

import io
import re
import textwrap
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from xjtrack.core.quantity import BASE_UNITS, MAGNITUDES, Unit
from xjtrack.errors import XjtrackError
from xjtrack.files import check_destination, replacing

SUFFIXES = (".svg", ".png")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
MAGNITUDE_WORDS = {"": "", "千": "thousand ", "万": "10 thousand ", "十万": "100 thousand ",
                   "百万": "million ", "千万": "10 million ", "亿": "100 million ",
                   "十亿": "billion ", "百亿": "10 billion ", "千亿": "100 billion ", "万亿": "trillion "}


def axis_label(unit: Unit) -> str:
    """The unit in ASCII (fonts for Chinese are often missing), e.g. 亿元 -> 100 million CNY."""
    if unit.family in ("ratio", "points", "number", "multiple"):
        return {"%": "%", "‰": "‰", "倍": "times"}.get(
            unit.text, "percentage points" if unit.family == "points" else "value")
    for base in sorted(BASE_UNITS, key=len, reverse=True):
        prefix = unit.text[: -len(base)]
        if unit.text.endswith(base) and prefix in MAGNITUDES:
            return f"{MAGNITUDE_WORDS.get(prefix, prefix)}{BASE_UNITS[base][0]}"
    return unit.family


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[int, float], ...]  # (year, value)


@dataclass(frozen=True)
class Goal:
    label: str
    start: int  # the first year the target covers (== end for a level)
    end: int
    value: float
    status: str


@dataclass(frozen=True)
class Picture:
    title: str
    unit: Unit
    lines: tuple[Line, ...] = ()
    goals: tuple[Goal, ...] = ()
    path: tuple[tuple[int, float], ...] = ()  # the straight path from the baseline to a goal
    sources: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Size:
    width: float = 7.0
    height: float = 4.0
    dpi: int = 100


def years_shown(picture: Picture) -> tuple[int, int]:
    years = [y for line in picture.lines for y, _ in line.points]
    years += [y for g in picture.goals for y in (g.start, g.end)] + [y for y, _ in picture.path]
    if not years:
        raise XjtrackError(f"nothing to draw for {picture.title}: no figure and no numeric target")
    return min(years) - 1, max(years) + 1


def draw_series(picture: Picture, path: Path, size: Size = Size()) -> None:
    """Draw the lines, the goals and the path; save as .svg or .png, atomically."""
    if path.suffix.lower() not in SUFFIXES:
        raise XjtrackError(f"cannot draw {path.name}: write to a .svg or .png file")
    check_destination(path)
    first, last = years_shown(picture)
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise XjtrackError("charts need matplotlib: pip install 'xjtrack[charts]'") from None
    with matplotlib.rc_context({"svg.hashsalt": "xjtrack", "svg.fonttype": "none", "font.size": 9}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs in labels taken from the data
        figure = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if picture.path:
            axes.plot([p[0] for p in picture.path], [p[1] for p in picture.path], linestyle="--",
                      color="grey", label="required path")
        for n, line in enumerate(picture.lines):
            axes.plot([p[0] for p in line.points], [p[1] for p in line.points], marker="o",
                      color=f"C{n % 10}", zorder=4, label=line.label)
        for n, goal in enumerate(picture.goals):
            colour = f"C{(n + len(picture.lines)) % 10}"
            if goal.start < goal.end:
                axes.hlines(goal.value, goal.start - 0.5, goal.end + 0.5, colors=colour, linewidth=1.5)
            axes.scatter([goal.end], [goal.value], marker="*", s=110, color=colour, zorder=5,
                         label=f"{goal.label} [{goal.status}]")
        axes.set_xlim(first, last)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_title("\n".join(textwrap.wrap(picture.title, 70)), fontsize=9)
        axes.set_ylabel(axis_label(picture.unit))
        axes.set_xlabel("year")
        axes.legend(loc="best", fontsize=7)
        if picture.sources:
            figure.text(0.01, 0.01, "Source: " + ", ".join(picture.sources) + " (via xjtrack)",
                        fontsize=6, color="grey")
        figure.tight_layout(rect=(0, 0.03, 1, 1))
        svg = path.suffix.lower() == ".svg"
        out = io.BytesIO()
        figure.savefig(out, format="svg" if svg else "png", metadata={"Date": None} if svg else {"Software": None})
    data = out.getvalue()
    if svg:  # matplotlib repeats every label as an XML comment; the picture needs none of them
        data = _COMMENT.sub(b"", data)
    with replacing(path) as temp:
        temp.write_bytes(data)
