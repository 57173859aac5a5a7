"""The layers as the README draws them: each module imports only its own layer and those below,
no modules import each other in a circle, and SQL is the store's. Read from the source, every
import counted (those inside functions too), except those only a type checker reads."""

import ast
import functools
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "xjtrack"
# highest first; a top-level module (errors.py, files.py …) is the ground floor
LAYERS = {"cli": 6, "output": 5, "store": 4, "extract": 3, "ingest": 3, "curated": 2, "core": 1}
ENTRY = {"xjtrack.__main__": 6}  # `python -m xjtrack` runs the command line

# The command line and the output only format what the store hands them (stored_rows,
# read_for_target, xjtrack.store.lookup's ids and counts …): SQL above the store fails the test.
SQL = re.compile(r"\s*(select\s.*\bfrom\s|with\s+(recursive\s+)?\w+(\s*\([^)]*\))?\s+as\s*\(|insert\s+into\s|"
                 r"update\s+\S+\s+set\s|delete\s+from\s|create\s+(table|view|index|virtual)\s|drop\s+(table|view)\s|"
                 r"pragma\s+\w|attach\s)", re.I | re.S)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    if module in ENTRY:
        return ENTRY[module]
    parts = module.split(".")
    return LAYERS.get(parts[1], 0) if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else 0


def _type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(path: Path, modules: set[str]) -> set[str]:
    """The xjtrack modules a file imports ("from xjtrack.curated import figures" is the module
    xjtrack.curated.figures; a name that is not a module is its package's)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _type_checking(node)
            for body in node.body for n in ast.walk(body)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("xjtrack")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("xjtrack"):
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                found.add(inner if inner in modules else node.module)
    return {m for m in found if m in modules}


@functools.cache
def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {m: imports(p, modules) - {m} for m, p in paths.items()}


def upward(edges: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, targets in edges.items() for b in targets
            if layer(b) > layer(a) and not b.startswith(a + ".")}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def runs_sql(path: Path) -> bool:
    """Whether a module calls execute (or executemany, executescript) or holds an SQL statement."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "execute", "executemany", "executescript"):
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
            return True
    return False


def test_no_import_runs_up_a_layer():
    assert sorted(upward(graph())) == []


def test_the_layers_are_the_ones_the_readme_draws():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Code layout, by layer"):]
    folders = [f for f in re.findall(r"^\| `xjtrack/(\w+)/` \|", table, flags=re.M)]
    assert folders == sorted(LAYERS, key=lambda f: (-LAYERS[f], f)), "the README's table, top floor first"
    on_disk = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert on_disk == set(LAYERS)
    for folder in LAYERS:  # every module is named in its folder's row, and no module that is not there
        row = re.search(rf"^\| `xjtrack/{folder}/` \|(.*)$", table, flags=re.M).group(1)
        named = set(re.findall(r"`(\w+)`", row)) - {"load_corpus", "reason", "check_place"}
        modules = {p.stem for p in (PACKAGE / folder).glob("*.py")} - {"__init__"}
        packages = {p.name for p in (PACKAGE / folder).iterdir() if (p / "__init__.py").exists()}
        assert named == modules | packages, folder
    for module in PACKAGE.glob("*.py"):
        if module.stem not in ("__init__", "__main__"):
            assert f"`xjtrack/{module.name}`" in table, f"{module.name}: the ground floor's row names it"


def test_sql_is_run_by_the_store_only():
    above = {module_name(p) for p in PACKAGE.rglob("*.py")
             if layer(module_name(p)) > LAYERS["store"] and runs_sql(p)}
    assert sorted(above) == [], "SQL above the store: move it into a store function"


def test_the_checks_can_fail():
    """An upward arrow, a circle and SQL are each seen when they are there."""
    edges = {"xjtrack.core.a": {"xjtrack.output.b"}, "xjtrack.output.b": {"xjtrack.core.a"}}
    assert upward(edges) == {("xjtrack.core.a", "xjtrack.output.b")}
    assert cycles(edges) == [["xjtrack.core.a", "xjtrack.output.b"]]
    assert runs_sql(PACKAGE / "store" / "read.py") and not runs_sql(PACKAGE / "core" / "quantity.py")
    for text, sql in (("select id from targets", True), ("with t(x) as (select 1) select x from t", True),
                      ("with the new entries the data would have", False), ("select a plan", False)):
        assert bool(SQL.match(text)) is sql, text


def test_every_import_of_xjtrack_names_a_module_that_is_there():
    """A module moved to another floor leaves no import of its old name behind."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    gone = []
    for module, path in paths.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            gone += [f"{module} imports {n}" for n in names if n.startswith("xjtrack") and n not in paths]
    assert gone == []


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(graph()) == []
