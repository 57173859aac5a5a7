"""xjtrack indicators: its counts agree with the curated records they count, in every format."""

import csv
import io
import json

from typer.testing import CliRunner

from xjtrack.cli import app
from xjtrack.store.project import Project

runner = CliRunner()


def run(mini, *args):
    return runner.invoke(app, ["indicators", *args, "--targets", str(mini)])


def test_each_indicators_counts_are_its_records(mini):
    result = run(mini, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    corpus = Project.locate(mini, None).load()
    assert set(rows) == set(corpus.indicators)
    for ident, row in rows.items():
        targets = [t for t in corpus.targets.values() if t.indicator == ident]
        observations = [o for o in corpus.observations.values() if o.indicator == ident]
        assert row["targets"] == len(targets), ident
        assert row["plans"] == len({t.plan for t in targets}), ident
        assert row["observations"] == len(observations), ident
        assert row["jurisdictions"] == len({o.jurisdiction for o in observations}), ident
        assert row["name_zh"] == corpus.indicators[ident].name_zh


def test_by_source_counts_each_documents_figures(mini):
    result = run(mini, "--by-source", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r["source"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    corpus = Project.locate(mini, None).load()
    reporting = {o.source for o in corpus.observations.values()}
    assert set(rows) == reporting
    for source, row in rows.items():
        observations = [o for o in corpus.observations.values() if o.source == source]
        assert int(row["observations"]) == len(observations), source
        assert int(row["indicators"]) == len({o.indicator for o in observations}), source


def test_the_table_says_how_many_indicators_several_plans_target(mini):
    result = run(mini)
    assert result.exit_code == 0, result.output
    corpus = Project.locate(mini, None).load()
    plans = {}
    for t in corpus.targets.values():
        if t.indicator:
            plans.setdefault(t.indicator, set()).add(t.plan)
    several = sum(1 for p in plans.values() if len(p) >= 2)
    assert several == 1  # the fixture's railway length is in both plans
    assert f"{len(corpus.indicators)} indicators; {several} targeted by two or more plans." in result.stderr
    railway = next(line for line in result.stdout.splitlines() if line.startswith("railway-km "))
    assert railway.split()[-4:] == ["2", "2", "3", "1"]  # targets, plans, figures, places
