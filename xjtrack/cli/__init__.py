"""The command line: the only package that knows about argv, stdout, stderr and exit codes.

Exit codes: 0 ok; 1 bad data, a missing file or a refused query; 2 a usage error; 3 a bug.
"""

from __future__ import annotations

from xjtrack.cli import data, extract, lookup, review, site, sources, tools, verdicts  # noqa: F401, E402  (register the commands)
from xjtrack.cli.app import app, main  # noqa: F401
