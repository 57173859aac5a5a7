"""An update's cost follows the change, not the files it reads: the rows of entries left as they
were are not rewritten (they keep their rowid), only the targets the change can move are judged
again, a file only touched loads none of the update's machinery, and a lookup looks at the files
once. Each update still holds what a full build holds."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from tests.test_incremental import canonical, edit
from xjtrack.cli import app
from xjtrack.store.project import Project

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
TABLES = {"targets": "id", "observations": "id", "verdicts": "target", "verdict_history": "target || ' ' || as_of"}


def run(targets, *args):
    return runner.invoke(app, [*args, "--targets", str(targets)])


def rowids(db: Path) -> dict[str, dict[str, int]]:
    """Each table's rows by key, with the rowid SQLite gave them: a row rewritten gets a new one."""
    with sqlite3.connect(db) as conn:
        return {table: dict(conn.execute(f"select {key}, rowid from {table}")) for table, key in TABLES.items()}


def rewritten(before: dict, after: dict) -> dict[str, set[str]]:
    return {table: {k for k, rowid in after[table].items() if before[table].get(k) != rowid} for table in TABLES}


def same_as_full_build(targets: Path) -> None:
    full = targets.parent / "full.db"
    assert run(targets, "build", "--full", "--db", str(full)).exit_code == 0
    assert canonical(targets.parent / "db" / "xjtrack.db") == canonical(full)


def test_an_edited_target_is_the_only_row_rewritten_and_judged(shipped_copy):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    before = rowids(db)
    file = shipped_copy.parent / "data" / "xj-2024.yaml"
    ident = []
    edit(file, lambda d: (ident.append(d["targets"][0]["id"]), d["targets"][0].__setitem__("binding", "binding")))
    done = Project.locate(shipped_copy, None).update()
    assert done is not None and (done.targets, done.observations, done.judged) == (1, 0, 1)
    moved = rewritten(before, rowids(db))
    assert moved["targets"] == moved["verdicts"] == set(ident) and moved["observations"] == set()
    assert {k.split(" ")[0] for k in moved["verdict_history"]} <= set(ident)
    same_as_full_build(shipped_copy)


def test_a_figure_withdrawn_judges_again_only_the_targets_of_its_series(shipped_copy):
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    before = rowids(db)
    gone = []
    edit(shipped_copy.parent / "data" / "observations" / "xj-13fyp-outline.yaml",
         lambda d: gone.append(d["observations"].pop()))  # the last: no other entry moves up
    with sqlite3.connect(db) as conn:  # the targets judged from its series: on it, or on one it stands in for
        ident, indicator, place = conn.execute(
            "select id, indicator, jurisdiction from observations where file = 'data/observations/xj-13fyp-outline.yaml' "
            "order by position desc limit 1").fetchone()
        on_it = {r[0] for r in conn.execute(
            "select id from targets where jurisdiction = ? and (indicator = ? or indicator in (select indicator_id "
            "from indicator_proxies where indicator = ?) or indicator in (select replaces from indicators where replaces != '' and "
            "id = ?))", (place, indicator, indicator, indicator))}
    done = Project.locate(shipped_copy, None).update()
    assert done is not None and (done.targets, done.observations, done.judged) == (0, 0, len(on_it))
    after = rowids(db)
    moved = rewritten(before, after)
    assert indicator == gone[0]["indicator"] and ident in before["observations"] and ident not in after["observations"]
    assert moved["targets"] == moved["observations"] == set()
    assert moved["verdicts"] == on_it  # a target of another series keeps its verdict's row
    same_as_full_build(shipped_copy)


def test_a_file_only_touched_loads_none_of_the_updates_machinery(shipped_copy):
    assert run(shipped_copy, "build").exit_code == 0
    data = shipped_copy.parent / "data" / "xj-2021.yaml"
    past = time.time_ns() - 10 * 10**9
    import os

    os.utime(data, ns=(past, past))
    probe = ("import sys\nfrom xjtrack.cli.app import main\nsys.argv = ['xjtrack', 'build', '--targets', sys.argv[1]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith(('xjtrack.curated', 'xjtrack.store.incremental'))))")
    done = subprocess.run([sys.executable, "-c", probe, str(shipped_copy)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert "touched but unchanged" in done.stderr, done.stderr
    loaded = eval(done.stdout.strip().splitlines()[-1])
    assert [m for m in loaded if m != "xjtrack.curated.files" and m != "xjtrack.curated"] == [], loaded
    assert Project.locate(shipped_copy, None).touched() == {}


def test_a_lookup_in_two_steps_looks_at_the_files_once(shipped_copy, monkeypatch):
    assert run(shipped_copy, "build").exit_code == 0
    looks = []
    real = Project.look
    monkeypatch.setattr(Project, "look", lambda self: looks.append(1) or real(self))
    result = run(shipped_copy, "indicator", "gdp")
    assert result.exit_code == 0, result.output
    assert len(looks) == 1


def test_an_update_names_sections_and_applies_the_rules_as_a_full_build_does(shipped_copy):
    """The update checks the files it reads with every step the full build takes for them: the
    sections named from the source's headings, and the rules an entry can break."""
    db = shipped_copy.parent / "db" / "xjtrack.db"
    assert run(shipped_copy, "build").exit_code == 0
    file = shipped_copy.parent / "data" / "xj-13fyp-a.yaml"
    with sqlite3.connect(db) as conn:
        named = conn.execute("select count(*) from targets where file = 'data/xj-13fyp-a.yaml' "
                             "and section_name != ''").fetchone()[0]
    assert named > 0
    edit(file, lambda d: d["targets"][-1].__setitem__("binding", "binding"))
    assert Project.locate(shipped_copy, None).update() is not None
    same_as_full_build(shipped_copy)

    statements = shipped_copy.parent / "data" / "statements" / "xj-gwr-2021.yaml"
    edit(statements, lambda d: d["statements"][0].update(says="under_way", milestone="completed"))
    result = run(shipped_copy, "build")
    assert result.exit_code == 1 and "rule-milestone" in result.output, result.output


def test_an_old_id_another_file_keeps_is_refused_as_a_full_build_refuses_it(shipped_copy):
    assert run(shipped_copy, "build").exit_code == 0
    edit(shipped_copy.parent / "data" / "xj-13fyp-a.yaml",  # xj-13fyp-b.yaml's target keeps it
         lambda d: d["targets"][0].__setitem__("aliases", ["xj-13fyp.silk-road-think-tanks"]))
    result = run(shipped_copy, "build")
    assert result.exit_code == 1 and "already an alias of" in result.output, result.output
    assert run(shipped_copy, "build", "--full").output == result.output


def test_a_cell_another_files_entry_holds_is_refused_as_a_full_build_refuses_it(mini):
    """p13.yaml's urban-green target given the table's 2015 cell, which observations/plan.yaml's
    entry holds: the update checks the claims of that file's entries of the same source with the
    changed file's, in a full build's order, and says what a full build says."""
    assert run(mini, "build").exit_code == 0
    file = mini.parent / "data" / "p13.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace('target: "38.5%"', 'target: "34.3%"', 1),
                    encoding="utf-8")
    updated = run(mini, "build")
    assert updated.exit_code == 1 and "figure-cell-taken" in updated.output, updated.output
    assert "observations/plan.yaml:" in updated.output
    assert run(mini, "build", "--full").output == updated.output


def test_a_changed_observation_taking_a_targets_cell_is_refused_as_a_full_build_refuses_it(mini):
    """The other way round: the observation changed, and the full build, reading observations
    first, blames the unchanged target; so does the update."""
    assert run(mini, "build").exit_code == 0
    file = mini.parent / "data" / "observations" / "plan.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace('value: "34.3%"', 'value: "38.5%"', 1),
                    encoding="utf-8")
    updated = run(mini, "build")
    assert updated.exit_code == 1 and "figure-cell-taken" in updated.output, updated.output
    assert run(mini, "build", "--full").output == updated.output
