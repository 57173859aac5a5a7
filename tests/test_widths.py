"""Every table command fits the terminal's width and never splits a figure from its unit, at 80,
120 and 200 columns; a reader who leaves early (| head) gets no traceback."""

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.output.textable import Column, cells, layout, pieces

COMMANDS = {
    "status": ["status", "-r"],
    "indicator": ["indicator", "gdp"],
    "indicators": ["indicators"],
    "indicators --by-source": ["indicators", "--by-source"],
    "compare": ["compare", "gdp"],
    "query": ["query", "select id, status, target_text, outcome_text, reason from target_status"],
    "search": ["search", "铁路"],
}


def run(db, args, width=None):
    env = {"NO_COLOR": "1", "TERM": "dumb", "XJTRACK_LANG": "en", "COLUMNS": str(width or "")}
    result = CliRunner(env=env).invoke(app, [*args, "--targets", str(ROOT / "targets.yaml"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def figures(text: str) -> set[str]:
    """Every figure written with a unit or qualifier (9627公里, 4100万亩以上, [135.65]万户)."""
    return {p for word in text.split() for p in pieces(word)
            if re.search(r"\d", p) and re.search(r"[^\d.,\-−\[\]()（）:]", p)}


@pytest.fixture(scope="module")
def whole(shipped_db):
    """Each command's output unwrapped (a pipe with no width): the figures it holds."""
    return {name: run(shipped_db, args) for name, args in COMMANDS.items()}


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_fits_and_keeps_every_figure_whole(shipped_db, whole, name, width):
    out = run(shipped_db, COMMANDS[name], width)
    lines = out.splitlines()
    assert lines, name
    too_wide = [line for line in lines if cells(line) > width]
    assert not too_wide, (name, too_wide[:3])
    kept = set(" ".join(lines).split()) | {p for line in lines for word in line.split() for p in pieces(word)}
    expected = figures(whole[name])
    assert expected or name == "indicators --by-source", name
    split = sorted(f for f in expected if f not in kept)
    assert not split, (name, split[:5])  # a figure cut across lines would be missing whole


@pytest.mark.parametrize("width", [80, 200])
def test_a_wide_terminal_widens_the_goal_column_too(shipped_db, width):
    out = run(shipped_db, ["status", "--plan", "xj-13fyp"], width)
    header = next(line for line in out.splitlines() if line.startswith("target"))
    goal_width = header.index("outcome") - header.index("goal")
    assert goal_width >= (14 if width == 80 else 20)


def test_layout_uses_the_width_and_never_cuts_a_figure():
    rows = [[("a-very-long-target-name with words to wrap", ""), ("4100万亩以上", ""), ("met", "")]]
    columns = [Column("target", 0), Column("goal", 6), Column("status", 6)]
    for width in (30, 80, 200):
        widths = layout(columns, rows, width)
        assert widths[1] >= cells("4100万亩以上")
        assert sum(widths) + 4 <= max(width, 4 + cells("4100万亩以上") + 8)
    assert layout(columns, rows, 200) == [cells(rows[0][0][0]), cells("4100万亩以上"), cells("status")]


@pytest.mark.parametrize("args", [["query", "select * from source_lines"],
                                  ["query", "select * from source_lines", "--format", "json"],
                                  ["query", "select * from source_lines", "--format", "csv"],
                                  ["status"], ["search", "铁路"]])
def test_a_closed_pipe_ends_quietly(shipped_db, args):
    command = [sys.executable, "-m", "xjtrack", *args, "--targets", str(ROOT / "targets.yaml"),
               "--db", str(shipped_db)]
    shell = " ".join(f"'{a}'" for a in command) + " | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr
    assert len(done.stdout.splitlines()) == 1
