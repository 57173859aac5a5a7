"""xjtrack chart: valid SVG and PNG, deterministic, sane axes, and clear refusals."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.quantity import parse_unit
from xjtrack.errors import XjtrackError
from xjtrack.output.chart import Goal, Line, Panel, Picture, axis_label, draw_series, years_shown

PNG = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()
RAILWAY = Picture(title="Railway length: target 9627 km (missed)", panels=(Panel(
    label="level", unit_label="km", lines=(Line(label="reported level", points=((2020, 7398.0),)),),
    goals=(Goal(label="13th FYP: ≥ 9627 km", start=2020, end=2020, value=9627, status="missed", bound="floor"),),
    path=((2015, 6154.0), (2020, 9627.0)), path_label="path"),), source="Source: Xinjiang Government Work Report 2021")


@pytest.mark.parametrize("unit, label", [("亿元", "100 million CNY"), ("公里", "km"), ("万吨", "10 thousand t"),
                                         ("%", "%"), ("个百分点", "percentage points"), ("", "value"), ("倍", "times")])
def test_axis_labels_are_ascii(unit, label):
    assert axis_label(parse_unit(unit)) == label


def test_a_single_point_has_a_sane_x_axis():
    one = Picture(title="t", panels=(Panel(label="growth", unit_label="%", goals=(
        Goal(label="p 7%", start=2021, end=2021, value=7, status="pending"),)),))
    assert years_shown(one) == (2020, 2022)
    with pytest.raises(XjtrackError, match="nothing to draw"):
        years_shown(Picture(title="t", panels=()))


def test_svg_is_valid_deterministic_and_has_its_source_line(tmp_path):
    pytest.importorskip("matplotlib")
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    draw_series(RAILWAY, first)
    draw_series(RAILWAY, second)
    root = ElementTree.parse(first).getroot()
    assert root.tag.endswith("svg") and first.read_bytes() == second.read_bytes()
    assert "Source: Xinjiang Government Work Report 2021" in first.read_text()


def test_png_with_size_and_dpi(tmp_path):
    pytest.importorskip("matplotlib")
    from xjtrack.output.chart import Size

    path = tmp_path / "r.png"
    draw_series(RAILWAY, path, Size(4, 3, 50))
    data = path.read_bytes()
    assert data.startswith(PNG)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 200 and height >= 150  # an axis is at least as tall as asked


def test_hostile_text_stays_text_in_the_svg(tmp_path):
    pytest.importorskip("matplotlib")
    evil = Picture(title='<script>alert(1)</script>" onload="x', panels=(Panel(
        label="x", unit_label="%", lines=(Line(label="<img src=x onerror=y>", points=((2020, 1.0),)),)),),
        source="<script>")
    path = tmp_path / "e.svg"
    draw_series(evil, path)
    elements = list(ElementTree.parse(path).getroot().iter())
    assert not [e for e in elements if e.tag.split("}")[-1] in ("script", "foreignObject")]
    assert not [a for e in elements for a in e.attrib if a.lower().startswith("on")]
    assert any("<script>alert(1)</script>" in (e.text or "") for e in elements)  # shown, as text


@pytest.mark.parametrize("name, words", [("x.pdf", "write to a .svg or .png file"),
                                         ("no/such/folder/x.svg", "does not exist")])
def test_refusals(tmp_path, name, words):
    with pytest.raises(XjtrackError, match=words):
        draw_series(RAILWAY, tmp_path / name)


@pytest.mark.parametrize("ident", ["xj-13fyp.railway-km", "xj-14fyp.railway-km", "urumqi-14fyp.gdp-growth", "gdp",
                                   "forest-coverage"])
@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_the_command_on_the_shipped_data(tmp_path, shipped_db, ident, suffix):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"chart.{suffix}"
    result = runner.invoke(app, ["chart", ident, "-o", str(out), "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(shipped_db)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(PNG) if suffix == "png" else ElementTree.fromstring(data).tag.endswith("svg")


def test_an_unknown_id_is_a_usage_error(tmp_path, shipped_db):
    result = runner.invoke(app, ["chart", "nope", "-o", str(tmp_path / "c.svg"), "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 2 and "no target or indicator 'nope'" in result.stderr


def _font():
    pytest.importorskip("matplotlib")
    from xjtrack.output.chart import cjk_font

    return cjk_font()


def shipped(db, *args):
    return runner.invoke(app, ["chart", *args, "--targets", str(ROOT / "targets.yaml"), "--db", str(db)])


def test_gaps_stay_gaps():
    from xjtrack.output.chart import _runs

    assert _runs(((2018, 3.0), (2015, 1.0), (2016, 2.0), (2020, 4.0))) == [
        [(2015, 1.0), (2016, 2.0)], [(2018, 3.0)], [(2020, 4.0)]]


def test_chinese_text_renders_with_a_cjk_font_and_the_svg_holds_the_names(tmp_path, shipped_db):
    if _font() is None:
        pytest.skip("no CJK font on this system: apt-get install fonts-noto-cjk")
    out = tmp_path / "r.svg"
    result = shipped(shipped_db, "xj-13fyp.railway-km", "--lang", "zh", "-o", str(out))
    assert result.exit_code == 0, result.output  # a missing glyph would be an error, not a box
    text = " ".join(e.text or "" for e in ElementTree.parse(out).getroot().iter())
    for name in ("铁路营运里程", "新疆“十三五”规划纲要", "2021年新疆维吾尔自治区政府工作报告", "未完成", "实际水平"):
        assert name in text, name
    assert "xj-13fyp" not in text and "missed" not in text  # names and words, not ids


def test_english_titles_legends_and_source_line_use_names(tmp_path, shipped_db):
    _font()
    out = tmp_path / "r.svg"
    result = shipped(shipped_db, "xj-13fyp.railway-km", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(e.text or "" for e in ElementTree.parse(out).getroot().iter())
    for name in ("Xinjiang 13th Five-Year Plan: Railway length in operation, target ≥ 9627 km (2020): missed",
                 "Xinjiang Government Work Report 2021 (2021-02-01)", "straight path to the goal", "reported level"):
        assert name in " ".join(text.split()), name
    titled = shipped(shipped_db, "xj-13fyp.railway-km", "-o", str(out), "--title", "Rails fell short")
    assert titled.exit_code == 0 and "Rails fell short" in out.read_text(encoding="utf-8")


def test_a_missing_font_is_refused_with_the_package_to_install(tmp_path, monkeypatch, shipped_db):
    _font()
    from xjtrack.output import chart

    monkeypatch.setattr(chart, "cjk_font", lambda: None)
    result = shipped(shipped_db, "gdp", "--lang", "zh", "-o", str(tmp_path / "g.png"))
    assert result.exit_code == 1 and "fonts-noto-cjk" in result.stderr
    assert not (tmp_path / "g.png").exists()


def test_chart_indicator_draws_every_plans_targets_and_every_figure(tmp_path, shipped_db):
    import sqlite3

    from xjtrack.cli.tools import picture_of
    from xjtrack.store.project import Project

    db = shipped_db
    project = Project.locate(ROOT / "targets.yaml", db)
    picture = picture_of(project, "gdp", None, None, "en", None)
    conn = sqlite3.connect(db)
    numeric = conn.execute("select count(*) from targets where indicator = 'gdp' and goal is not null").fetchone()[0]
    goals = [g for p in picture.panels for g in p.goals]
    assert len(goals) == numeric and numeric >= 10
    plans = {r[0] for r in conn.execute(
        "select p.name_en from plans p join targets t on t.plan = p.id where t.indicator = 'gdp'")}
    assert all(any(g.label.startswith(re.sub(r" \(.*", "", name)) for g in goals) for name in plans)
    # every figure on the series the targets are set on: yearly ones as points, the others as spans
    places = [r[0] for r in conn.execute("select distinct jurisdiction from targets where indicator = 'gdp'")]
    periods = {(m, s, e) for m, s, e in conn.execute(
        f"select measure, period_start, period_end from series where indicator = 'gdp' and unusable = '' "
        f"and jurisdiction in ({', '.join('?' * len(places))})", places)}
    drawn = {p.label: p for p in picture.panels}
    spans = {(s.start, s.end) for p in picture.panels for s in p.spans}
    points = {y for p in picture.panels for line in p.lines for y, _ in line.points}
    for measure, start, end in periods:
        assert ((start, end) in spans) if start != end else (end in points), (measure, start, end)
    assert {"level", "growth rate (a year's, or the average over a period)"} <= set(drawn)
    # five-year goals span their years; bounds are drawn as bounds
    growth = next(g for g in goals if "13th Five-Year Plan: ≈ 7 % average annual growth" in g.label)
    assert (growth.start, growth.end, growth.bound) == (2016, 2020, "about")
    level = next(g for g in goals if "13th Five-Year Plan: ≥ 13078" in g.label)
    assert (level.start, level.end, level.bound) == (2020, 2020, "floor")


@pytest.mark.parametrize("fmt, start", [("svg", b"<?xml"), ("png", PNG)])
def test_dash_writes_the_picture_to_stdout(tmp_path, fmt, start, shipped_db):
    _font()
    result = runner.invoke(app, ["chart", "xj-13fyp.railway-km", "-o", "-", "--format", fmt, "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(start)
    assert not list(tmp_path.glob("*.svg")) and not list(tmp_path.glob("*.png"))


def test_what_the_axis_cannot_show_is_said_not_dropped(tmp_path, shipped_db):
    _font()
    result = shipped(shipped_db, "foreign-trade", "-o", str(tmp_path / "t.svg"))
    assert result.exit_code == 0, result.output
    assert "Not drawn: xj-12fyp.foreign-trade (400亿美元: 亿美元 is not 亿元)" in result.stderr


def test_a_font_without_the_glyphs_is_an_error_not_empty_boxes(monkeypatch):
    _font()
    from xjtrack.output import chart

    monkeypatch.setattr(chart, "cjk_font", lambda: "DejaVu Sans")  # has no Chinese glyphs
    chinese = Picture(title="铁路营运里程", panels=RAILWAY.panels)
    with pytest.raises(XjtrackError, match="fonts-noto-cjk"):
        chart.render(chinese, "png")


def test_a_chinese_picture_renders_without_a_missing_glyph_warning():
    if _font() is None:
        pytest.skip("no CJK font on this system: apt-get install fonts-noto-cjk")
    import warnings

    from xjtrack.output.chart import render

    chinese = Picture(title="铁路营运里程：目标9627公里", panels=RAILWAY.panels, source="资料来源：2021年政府工作报告")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would raise here, or in render itself
        data = render(chinese, "svg")
    assert "铁路营运里程：目标9627公里" in data.decode("utf-8")
