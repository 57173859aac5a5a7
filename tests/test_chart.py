"""xjtrack chart: valid SVG and PNG, deterministic, and clear refusals. Skipped without matplotlib."""

import xml.etree.ElementTree as ElementTree

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from tests.test_judge import LATER_DATE, outcome, target
from xjtrack.cli import app
from xjtrack.core.judge import evaluate
from xjtrack.core.quantity import parse_unit
from xjtrack.errors import XjtrackError
from xjtrack.output.chart import axis_label, render_chart

pytest.importorskip("matplotlib")

PNG = b"\x89PNG\r\n\x1a\n"
runner = CliRunner(env={"XJTRACK_LANG": "en"})


def railway():
    return target("9627公里", baseline=(2015, "6154公里"), outcomes=[outcome("7398公里")])


def test_svg_is_valid_and_deterministic(tmp_path):
    t = railway()
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    render_chart(t, evaluate(t, LATER_DATE.last_day()), first)
    render_chart(t, evaluate(t, LATER_DATE.last_day()), second)
    assert ElementTree.parse(first).getroot().tag.endswith("svg")
    assert first.read_bytes() == second.read_bytes()


def test_png_for_a_running_plan(tmp_path):
    t = target("9500公里以上", due="2025", baseline=(2020, "7398公里"),
               outcomes=[outcome("8800公里", "2023", LATER_DATE), outcome("1800亿千瓦时", "2023", LATER_DATE)])
    path = tmp_path / "r.png"
    render_chart(t, evaluate(t, LATER_DATE.last_day()), path)  # the incomparable outcome is skipped
    assert path.read_bytes().startswith(PNG) and path.stat().st_size > 5000


@pytest.mark.parametrize("t, name, words", [
    (target("贫困县全部摘帽", "qualitative"), "q.svg", "has no number to chart"),
    (target("控制在国家下达指标内", "reduction", "2016-2020"), "n.svg", "has no number to chart"),
    (target("9627公里"), "x.pdf", "write to a .svg or .png file"),
    (target("9627公里"), "no/such/folder/x.svg", "does not exist"),
])
def test_refusals(tmp_path, t, name, words):
    with pytest.raises(XjtrackError, match=words):
        render_chart(t, evaluate(t, LATER_DATE.last_day()), tmp_path / name)


@pytest.mark.parametrize("unit, label", [("亿元", "100 million CNY"), ("公里", "km"), ("万吨", "10 thousand t"),
                                         ("%", "%"), ("个百分点", "percentage points"), ("", "value")])
def test_axis_labels_are_ascii(unit, label):
    assert axis_label(parse_unit(unit)) == label


@pytest.mark.parametrize("target_id", ["xj-13fyp.railway-km", "xj-14fyp.railway-km", "urumqi-14fyp.gdp-growth"])
@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_the_command_on_the_shipped_data(tmp_path, target_id, suffix):
    out = tmp_path / f"chart.{suffix}"
    result = runner.invoke(app, ["chart", target_id, "-o", str(out), "--targets", str(ROOT / "targets.yaml"),
                                 "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(PNG) if suffix == "png" else ElementTree.fromstring(data).tag.endswith("svg")
