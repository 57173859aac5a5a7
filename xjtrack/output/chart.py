"""A series with its targets as a picture (matplotlib, the optional `charts` extra).

The picture is drawn from a Picture: plain data about what to show (built by chartdata.py), so
that what is drawn can be tested without drawing it. What the drawing promises:
- a yearly series is a line only between neighbouring years: a year with no figure is a gap;
- a figure over several years (a five-year average, a total, a change) is a span across its years;
- a goal is drawn as what it says: a floor (以上) as ▲ with "≥", a ceiling (以内) as ▼ with "≤", a
  range as a bar from its low to its high end, an exact or approximate goal as ★; a five-year
  goal across its years;
- Chinese text is drawn with a CJK font found on the system, or refused with the package to install.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from xjtrack.core.quantity import BASE_UNITS, MAGNITUDES, Unit
from xjtrack.errors import XjtrackError
from xjtrack.files import check_destination, replacing
from xjtrack.output.textable import wrap  # by display width: a Chinese character takes two cells

FORMATS = ("svg", "png")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
MAGNITUDE_WORDS = {"": "", "千": "thousand ", "万": "10 thousand ", "十万": "100 thousand ",
                   "百万": "million ", "千万": "10 million ", "亿": "100 million ",
                   "十亿": "billion ", "百亿": "10 billion ", "千亿": "100 billion ", "万亿": "trillion "}
# Fonts that hold Chinese glyphs, by the name matplotlib knows them by; the first found is used.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Serif CJK SC",
             "Noto Serif CJK JP", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "SimHei", "Microsoft YaHei",
             "PingFang SC", "Heiti SC", "Hiragino Sans GB")
CJK_FILES = re.compile(r"(NotoSansCJK|NotoSerifCJK|SourceHanSans|wqy-|DroidSansFallback|uming)", re.I)
FONT_HELP = ("install a CJK font: Noto Sans CJK (Debian and Ubuntu: apt-get install fonts-noto-cjk; "
             "Fedora: dnf install google-noto-sans-cjk-fonts; macOS and Windows have one), or draw in "
             "English with --lang en")
STATUS_COLOURS = {"met": "#1a7f37", "partial": "#bf8700", "missed": "#cf222e", "on_track": "#1a7f37",
                  "behind": "#cf222e", "pending": "#6e7781", "unassessable": "#0969da"}
MARKERS = {"floor": "^", "ceiling": "v", "about": "*", "exact": "*"}


def axis_label(unit: Unit) -> str:
    """The unit in English words, e.g. 亿元 -> 100 million CNY."""
    if unit.family in ("ratio", "points", "number", "multiple"):
        return {"%": "%", "‰": "‰", "倍": "times"}.get(
            unit.text, "percentage points" if unit.family == "points" else "value")
    for base in sorted(BASE_UNITS, key=len, reverse=True):
        prefix = unit.text[: -len(base)]
        if unit.text.endswith(base) and prefix in MAGNITUDES:
            return f"{MAGNITUDE_WORDS.get(prefix, prefix)}{BASE_UNITS[base][0]}"
    return unit.family


@dataclass(frozen=True, kw_only=True)
class Line:
    """Yearly figures: joined only between neighbouring years."""

    label: str
    points: tuple[tuple[int, float], ...]  # (year, value)


@dataclass(frozen=True, kw_only=True)
class Span:
    """A figure over several years (a five-year average growth, a total, a change)."""

    label: str
    start: int
    end: int
    value: float


@dataclass(frozen=True, kw_only=True)
class Goal:
    label: str
    start: int  # the first year the target covers (== end for a level in one year)
    end: int
    value: float
    status: str
    bound: str = "exact"  # floor (≥), ceiling (≤), about (≈) or exact
    high: float | None = None  # a range's high end


@dataclass(frozen=True, kw_only=True)
class Panel:
    """One axis: the figures and goals of measures that share a unit."""

    label: str
    unit_label: str
    lines: tuple[Line, ...] = ()
    spans: tuple[Span, ...] = ()
    goals: tuple[Goal, ...] = ()
    path: tuple[tuple[int, float], ...] = ()  # the straight path from the baseline to a goal
    path_label: str = ""


@dataclass(frozen=True, kw_only=True)
class Picture:
    title: str
    panels: tuple[Panel, ...]
    source: str = ""  # the source line: document titles and dates
    year_label: str = "year"
    left_out: tuple[str, ...] = ()  # figures and goals in a unit the axis cannot show, said on stderr


@dataclass(frozen=True)
class Size:
    width: float = 10.0
    height: float = 4.0
    dpi: int = 100


def years_shown(picture: Picture) -> tuple[int, int]:
    years = [y for p in picture.panels for line in p.lines for y, _ in line.points]
    years += [y for p in picture.panels for s in (*p.spans, *p.goals) for y in (s.start, s.end)]
    years += [y for p in picture.panels for y, _ in p.path]
    if not years:
        raise XjtrackError(f"nothing to draw for {picture.title}: no figure and no numeric target")
    return min(years) - 1, max(years) + 1


def texts(picture: Picture) -> list[str]:
    """Every piece of text the picture shows."""
    out = [picture.title, picture.source, picture.year_label]
    for p in picture.panels:
        out += [p.label, p.unit_label, p.path_label, *(x.label for x in (*p.lines, *p.spans, *p.goals))]
    return out


def cjk_font() -> str | None:
    """The name of a font with Chinese glyphs that matplotlib can use, or None."""
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((n for n in CJK_FONTS if n in names), None)

    found = known()
    if found is None:  # installed after matplotlib built its font cache
        for path in font_manager.findSystemFonts():
            if CJK_FILES.search(Path(path).name):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = known()
    return found


def _runs(points: tuple[tuple[int, float], ...]) -> list[list[tuple[int, float]]]:
    """Points split where a year is missing: each run is joined, the gap between runs is not."""
    runs: list[list[tuple[int, float]]] = []
    for year, value in sorted(points):
        if runs and year == runs[-1][-1][0] + 1:
            runs[-1].append((year, value))
        else:
            runs.append([(year, value)])
    return runs


def _draw_panel(axes, panel: Panel, first: int, last: int) -> None:
    if panel.path:
        axes.plot([p[0] for p in panel.path], [p[1] for p in panel.path], linestyle="--",
                  color="grey", label=panel.path_label)
    for n, line in enumerate(panel.lines):
        for k, run in enumerate(_runs(line.points)):
            axes.plot([p[0] for p in run], [p[1] for p in run], marker="o", markersize=4,
                      color=f"C{n % 10}", zorder=4, label=line.label if k == 0 else None)
    for n, span in enumerate(panel.spans):
        axes.hlines(span.value, span.start - 0.45, span.end + 0.45, colors=f"C{(n + len(panel.lines)) % 10}",
                    linewidth=4, alpha=0.55, zorder=3, label=span.label)
    for goal in panel.goals:
        colour = STATUS_COLOURS.get(goal.status, "#8250df")
        middle = (goal.start + goal.end) / 2
        if goal.start < goal.end:
            axes.hlines(goal.value, goal.start - 0.45, goal.end + 0.45, colors=colour, linewidth=1.5,
                        linestyles="dashed", zorder=5)
        if goal.high is not None:
            axes.vlines(middle, goal.value, goal.high, colors=colour, linewidth=3, zorder=5)
        axes.scatter([middle], [goal.value], marker=MARKERS.get(goal.bound, "*"),
                     s=110 if goal.bound in ("about", "exact") else 70, color=colour, zorder=6,
                     edgecolors="white", linewidths=0.5, label=goal.label)
    axes.set_xlim(first, last)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(panel.label, fontsize=8, loc="left")
    axes.set_ylabel(panel.unit_label)
    axes.grid(axis="y", color="#d0d7de", linewidth=0.5)
    handles, labels = axes.get_legend_handles_labels()
    if handles:  # beside the axes, so that it hides no figure
        axes.legend(handles, ["\n".join(wrap(label, 48)) for label in labels], loc="upper left",
                    bbox_to_anchor=(1.01, 1.0), fontsize=6.5, frameon=False)


def panel_height(panel: Panel, size: Size) -> float:
    """Inches for one axis: the asked height, or more where its legend needs it."""
    labels = [x.label for x in (*panel.lines, *panel.spans, *panel.goals)] + ([panel.path_label] if panel.path else [])
    lines = sum(len(wrap(label, 48)) or 1 for label in labels)
    return max(size.height * 0.75, 0.12 * lines + 0.06 * len(labels) + 0.6)


def render(picture: Picture, fmt: str = "svg", size: Size = Size()) -> bytes:
    """The picture as SVG (text kept as text) or PNG bytes; the same picture gives the same bytes."""
    if fmt not in FORMATS:
        raise XjtrackError(f"cannot draw {fmt!r}: write a .svg or .png file")
    first, last = years_shown(picture)
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise XjtrackError("charts need matplotlib: pip install 'xjtrack[charts]'") from None
    fonts = ["DejaVu Sans"]
    if any(_CJK.search(t) for t in texts(picture)):
        font = cjk_font()
        if font is None:
            raise XjtrackError(f"this chart has Chinese text and no font on this system can draw it: {FONT_HELP}")
        fonts = [font, "DejaVu Sans"]
    settings = {"svg.hashsalt": "xjtrack", "svg.fonttype": "none", "font.size": 8, "font.family": fonts}
    heights = [panel_height(p, size) for p in picture.panels]
    wrapped = wrap(picture.source, int(size.width * 19)) if picture.source else []
    head, foot = 0.45, 0.15 + 0.1 * len(wrapped)
    total = sum(heights) + head + foot + 0.45  # the x axis's label under the last panel
    with matplotlib.rc_context(settings), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = Figure(figsize=(size.width, total), dpi=size.dpi)
        FigureCanvasAgg(figure)
        grid = figure.add_gridspec(len(heights), 1, height_ratios=heights)
        for n, panel in enumerate(picture.panels):
            axes = figure.add_subplot(grid[n])
            _draw_panel(axes, panel, first, last)
            if n == len(heights) - 1:
                axes.set_xlabel(picture.year_label)
        figure.suptitle("\n".join(wrap(picture.title, int(size.width * 11))), fontsize=9)
        if wrapped:
            figure.text(0.01, 0.01, "\n".join(wrapped), fontsize=5.5, color="#57606a", va="bottom")
        figure.tight_layout(rect=(0, foot / total, 1, 1 - 0.1 / total))
        out = io.BytesIO()
        figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else {"Software": None})
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if missing:
        raise XjtrackError(f"the chart's font lacks some characters ({missing[0]}): {FONT_HELP}")
    data = out.getvalue()
    if fmt == "svg":  # matplotlib repeats every label as an XML comment; the picture needs none of them
        data = _COMMENT.sub(b"", data)
    return data


def format_of(path: Path | None, given: str | None) -> str:
    """The picture's format: --format, else the file's suffix, else SVG (for stdout)."""
    if given:
        return given
    if path is None:
        return "svg"
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise XjtrackError(f"cannot draw {path.name}: write to a .svg or .png file (or give --format)")
    return suffix


def draw_series(picture: Picture, path: Path, size: Size = Size(), fmt: str | None = None) -> None:
    """Draw the picture into a .svg or .png file, atomically."""
    fmt = format_of(path, fmt)
    check_destination(path)
    data = render(picture, fmt, size)
    with replacing(path) as temp:
        temp.write_bytes(data)
