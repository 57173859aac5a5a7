"""The terminal table: widths by display cells, wrapping, colour only when asked."""

import pytest

from xjtrack.output.textable import Column, cells, draw, wrap


@pytest.mark.parametrize("text, width", [("abc", 3), ("铁路", 4), ("9627公里", 8), ("（", 2), ("%", 1)])
def test_cells_count_wide_characters_twice(text, width):
    assert cells(text) == width


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("Railway length in operation", 14, ["Railway length", "in operation"]),
        ("地区生产总值年均增长", 8, ["地区生产", "总值年均", "增长"]),
        ("gdp-growth Gross regional product", 12, ["gdp-growth", "Gross", "regional", "product"]),
        ("superlongwordwithoutspaces", 10, ["superlongw", "ordwithout", "spaces"]),
        ("", 10, [""]),
    ],
)
def test_wrap(text, width, lines):
    assert wrap(text, width) == lines
    assert all(cells(line) <= width for line in lines)


def test_draw_aligns_columns_and_colours_only_when_asked():
    columns = [Column("target", 0), Column("goal", 10), Column("status", 8)]
    rows = [[("railway-km 铁路营业里程 Railway length", ""), ("9627公里", ""), ("missed", "bold red")]]
    plain = draw(columns, rows, 50, colour=False)
    assert plain[0].startswith("target") and set(plain[1]) == {"─"} and len(plain[1]) == 50
    assert all(cells(line) <= 50 for line in plain)
    assert "\x1b[" not in "".join(plain)
    assert plain[2].rstrip().endswith("missed") and "9627公里" in plain[2]
    coloured = draw(columns, rows, 50, colour=True)
    assert "\x1b[1;31mmissed\x1b[0m" in coloured[2]
