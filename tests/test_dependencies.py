"""Every dependency xjtrack declares is imported by xjtrack: none is installed for nothing."""

import ast
import functools
import re
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT


def declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra, requirements in project["optional-dependencies"].items():
        if extra not in ("test", "bench"):  # tools for the tests and scripts, not for xjtrack
            wanted += requirements
    return [re.match(r"[A-Za-z0-9_.-]+", r).group().lower().replace("_", "-") for r in wanted
            if not r.startswith("xjtrack[")]


def imported() -> set[str]:
    found = set()
    for path in (ROOT / "xjtrack").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


# a program xjtrack writes for rather than imports: datasette serves the database with the
# metadata and plugins that `python -m xjtrack.store.describe` writes
RUN_NOT_IMPORTED = {"datasette"}


@functools.cache
def installed() -> dict[str, set[str]]:
    """Each installed distribution's modules, as pip installed them."""
    modules: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(distribution.lower().replace("_", "-"), set()).add(module)
    return modules


def test_every_declared_dependency_is_imported():
    modules = installed()
    names = imported()
    # an extra that is not installed here (matplotlib without [charts]) is imported by its own name
    unused = [d for d in declared()
              if d not in RUN_NOT_IMPORTED and not (modules.get(d) or {d.replace("-", "_")}) & names]
    assert unused == [], f"declared in pyproject.toml but imported nowhere in xjtrack/: {unused}"


def test_the_check_knows_each_distributions_modules():
    modules = installed()
    assert "yaml" in modules["pyyaml"] and "typer" in modules["typer"]
    assert set(declared()) >= {"typer", "rich", "pyyaml", "dateparser", "pydantic"}
