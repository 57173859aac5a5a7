"""The synthetic corpus the scale benchmarks use is a valid corpus, and a corpus with more problems
than xjtrack lists stops with a summary, whichever check finds them."""

import subprocess
import sys

from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app


def test_the_synthetic_corpus_validates(tmp_path):
    out = tmp_path / "synth"
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "--targets", "600", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    result = CliRunner().invoke(app, ["validate", "--targets", str(out / "targets.yaml")])
    assert result.exit_code == 0, result.output
    assert "600 targets" in result.output and "2 copies" in made.stderr


def test_too_many_problems_found_by_the_cross_checks_end_in_a_summary(mini):
    data = mini.parent / "data" / "p13.yaml"
    extra = "".join(f"\n  - id: p13.gdp-growth-{n}\n    plan: p13\n    indicator: no-such-indicator\n"
                    f"    measure: level\n    target: \"7%\"\n    due: \"2020\"\n    binding: expected\n"
                    f"    quote: \"地区生产总值年均增长 7%左右\"\n" for n in range(1100))
    data.write_text(data.read_text(encoding="utf-8").replace("targets:\n", "targets:" + extra, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 1, result.output
    assert "Internal error" not in result.output
    assert "too-many-problems: checking stopped after 1000 problems" in result.output
