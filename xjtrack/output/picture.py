"""The status table as an SVG picture (for the README), drawn by rich from the text table.

rich writes every character of the text as escaped SVG text: nothing in the data can become
markup, a script or an event handler. The result is checked for them all the same.
"""

from __future__ import annotations

import os
import re

from xjtrack.errors import XjtrackError

_ACTIVE = re.compile(r"<script|\son[a-z]+\s*=|javascript:|<foreignObject|xlink:href=\"(?!#)", re.I)


def table_svg(text: str, width: int = 100) -> str:
    from rich.console import Console
    from rich.text import Text

    with open(os.devnull, "w") as sink:
        console = Console(record=True, width=width, file=sink, force_terminal=True, color_system="truecolor")
        console.print(Text.from_ansi(text), soft_wrap=True)
        svg = console.export_svg(title="xjtrack status")
    if _ACTIVE.search(svg):
        raise XjtrackError("refusing to write an SVG that holds active content")
    return svg
