"""xjtrack chart: valid SVG and PNG, deterministic, sane axes, and clear refusals."""

import xml.etree.ElementTree as ElementTree

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.quantity import parse_unit
from xjtrack.errors import XjtrackError
from xjtrack.output.chart import Goal, Line, Picture, axis_label, draw_series, years_shown

PNG = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()
RAILWAY = Picture("xj-13fyp.railway-km: 9627公里 (missed)", parse_unit("公里"),
                  (Line("reported level", ((2020, 7398.0),)),), (Goal("xj-13fyp 9627公里", 2020, 2020, 9627, "missed"),),
                  ((2015, 6154.0), (2020, 9627.0)), ("xj-gwr-2021",))


@pytest.mark.parametrize("unit, label", [("亿元", "100 million CNY"), ("公里", "km"), ("万吨", "10 thousand t"),
                                         ("%", "%"), ("个百分点", "percentage points"), ("", "value"), ("倍", "times")])
def test_axis_labels_are_ascii(unit, label):
    assert axis_label(parse_unit(unit)) == label


def test_a_single_point_has_a_sane_x_axis():
    one = Picture("t", parse_unit("%"), (), (Goal("p 7%", 2021, 2021, 7, "pending"),))
    assert years_shown(one) == (2020, 2022)
    with pytest.raises(XjtrackError, match="nothing to draw"):
        years_shown(Picture("t", parse_unit("%")))


def test_svg_is_valid_deterministic_and_has_its_source_line(tmp_path):
    pytest.importorskip("matplotlib")
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    draw_series(RAILWAY, first)
    draw_series(RAILWAY, second)
    root = ElementTree.parse(first).getroot()
    assert root.tag.endswith("svg") and first.read_bytes() == second.read_bytes()
    assert "Source" in first.read_text() or "xj-gwr-2021" in first.read_text()


def test_png_with_size_and_dpi(tmp_path):
    pytest.importorskip("matplotlib")
    from xjtrack.output.chart import Size

    path = tmp_path / "r.png"
    draw_series(RAILWAY, path, Size(4, 3, 50))
    data = path.read_bytes()
    assert data.startswith(PNG)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (200, 150)


def test_hostile_text_stays_text_in_the_svg(tmp_path):
    pytest.importorskip("matplotlib")
    evil = Picture('<script>alert(1)</script>" onload="x', parse_unit("%"),
                   (Line("<img src=x onerror=y>", ((2020, 1.0),)),), (), (), ("<script>",))
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
def test_the_command_on_the_shipped_data(tmp_path, ident, suffix):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"chart.{suffix}"
    result = runner.invoke(app, ["chart", ident, "-o", str(out), "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(PNG) if suffix == "png" else ElementTree.fromstring(data).tag.endswith("svg")


def test_an_unknown_id_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["chart", "nope", "-o", str(tmp_path / "c.svg"), "--targets",
                                 str(ROOT / "targets.yaml"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "no target or indicator 'nope'" in result.stderr
