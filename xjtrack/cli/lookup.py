"""show, indicator, indicators and compare: looking at one target, one series, or the registry.

Each reads only what it shows from the database (one target and its series), so it costs the
same at any corpus size.
"""

from __future__ import annotations

from typing import Annotated

import typer

from xjtrack.cli.app import command
from xjtrack.cli.options import (
    AsOfOpt,
    DbOpt,
    ExcelOpt,
    JurisdictionOpt,
    RowsFormat,
    ShowFormat,
    TargetsOpt,
    as_of,
    choose,
    colour,
    table_width,
)
from xjtrack.errors import UsageError, XjtrackError
from xjtrack.output.terminal import say, write

NARROW = 100  # below this width the indicators table leaves out its topic column (JSON and CSV keep it)


def one_target(project, target_id: str, when):
    """A target, its verdict as of when, its timeline, and the part of the corpus it needs.

    The timeline gives the verdict as each document that bears on the target arrived: the one
    that set it, and those with a figure on its series (or a stand-in's), a statement or a claim
    about it (at a national corpus's size, not thousands of unrelated reports). Between them a
    verdict changes only as a period ends; the verdict itself is given as of the judging date.
    Both are read from the stored verdict history (store.history), which holds every verdict the
    target has had; only a day before the target was set is judged here."""
    from xjtrack.core.evaluate import Index
    from xjtrack.core.lineage import judge
    from xjtrack.errors import did_you_mean
    from xjtrack.store import history
    from xjtrack.store.lookup import meta as build_facts
    from xjtrack.store.read import read_for_target, resolve_target, stored_verdict, target_ids

    project.fresh(say)
    with project.reading() as conn:
        given, target_id = target_id, resolve_target(conn, target_id)
        if target_id != given:
            say(f"{given} is an old id of {target_id}: showing {target_id}")
        corpus, target = read_for_target(conn, target_id)
        if target is None:
            close = [i for i in target_ids(conn) if i.split(".")[0] == target_id.split(".")[0]]
            raise XjtrackError(f"no target {target_id!r}{did_you_mean(target_id, close)}")
        meta = build_facts(conn)
        stored = stored_verdict(conn, target_id) if when is None else history.verdict_at(conn, target_id, when)
        held = history.statuses(conn, target_id)  # the verdicts over time, each with its days
    from datetime import date

    when = when or date.fromisoformat(meta["as_of"])
    verdict = stored or judge(target, Index(corpus), when)  # before the target was set: judged now
    timeline = history.timeline(target, (o.source for o in corpus.observations.values()), corpus.sources, held,
                                when, lambda day: judge(target, Index(corpus), day).status)
    return corpus, target, verdict, timeline


@command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. xj-13fyp.gdp-growth.")],
    as_of_text: AsOfOpt = None,
    format: Annotated[ShowFormat, typer.Option("--format", help="text or json.")] = ShowFormat.text,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one target: its quotes, the figures that judge it, claims, the verdict and its timeline."""
    from xjtrack.output import render
    from xjtrack.output import show as view
    from xjtrack.store.project import Project

    when = as_of(as_of_text)
    corpus, target, verdict, timeline = one_target(Project.locate(targets, db), target_id, when)
    info = view.details(target, verdict, corpus, timeline)
    project = Project.locate(targets, db)
    with project.reading() as conn:
        from xjtrack.store.status import promise_forms

        # the other forms' verdicts are the stored ones: as of another date, only their ids are given
        info["forms"] = [f if when is None else {**f, "status": None} for f in promise_forms(conn, target.id)]
    if format is ShowFormat.json:
        write(render.as_json(info))
    else:
        write(view.text(info, table_width(), colour()))


def _indicator_id(conn, given: str) -> str:
    from xjtrack.errors import did_you_mean
    from xjtrack.store.lookup import indicator_names

    known = indicator_names(conn)
    if given in known:
        return given
    for ident, (name, aliases) in known.items():  # a Chinese name or alias finds its indicator
        if given == name or f'"{given}"' in aliases:
            return ident
    raise UsageError(f"no indicator {given!r}{did_you_mean(given, known)}; xjtrack indicators lists them")


def _one_indicator(targets, db, given: str, jurisdiction):
    """The project, the indicator's id, and the jurisdictions the user chose (checked against
    their ids: a national corpus has thousands, not read as records for one series)."""
    from xjtrack.store.lookup import jurisdiction_ids
    from xjtrack.store.project import Project

    project = Project.locate(targets, db)
    project.fresh(say)
    with project.reading() as conn:
        ident = _indicator_id(conn, given)
        known = jurisdiction_ids(conn)
    return project, ident, choose("jurisdiction", jurisdiction, known)


def _targets_on(project, ident: str, chosen: tuple):
    """Every target on the indicator (in the chosen places), with its verdict, and their plans."""
    from xjtrack.cli.verdicts import judged

    plans, rows, _, _ = judged(project, None, jurisdiction=list(chosen) or None, indicator=[ident])
    return plans, rows


@command()
def indicator(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator id (gdp) or a name the documents use (地区生产总值).")],
    jurisdiction: JurisdictionOpt = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="table, json or csv.")] = RowsFormat.table,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Show one series: every figure by period with its vintages, and every plan's target on it."""
    from xjtrack.output import series as view
    from xjtrack.store.lookup import indicator_record, observations_on

    project, ident, chosen = _one_indicator(targets, db, indicator_id, jurisdiction)
    with project.reading() as conn:
        entry = indicator_record(conn, ident)
        observations = observations_on(conn, ident, tuple(chosen))
    plans, rows = _targets_on(project, ident, chosen)
    info = view.series_details(entry, observations, rows, plans)
    if format is RowsFormat.json:
        from xjtrack.output import render

        write(render.as_json(info))
    elif format is RowsFormat.csv:
        from xjtrack.output import render

        write("\n".join(render.csv_lines(*view.series_rows(info), excel)) + "\n")
    else:
        write(view.series_text(info, table_width(), colour()))


@command()
def indicators(
    by_source: Annotated[bool, typer.Option("--by-source", help="Count the figures each document reports instead.")] = False,
    by_topic: Annotated[bool, typer.Option("--by-topic", help="Count the indicators and targets of each topic instead.")] = False,
    format: Annotated[RowsFormat, typer.Option("--format", help="table, json or csv.")] = RowsFormat.table,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """List the indicators, with their topic and how many targets, plans and figures each has;
    the count of each topic after them."""
    from xjtrack.output import render
    from xjtrack.output.series import topic_rows
    from xjtrack.store import lookup
    from xjtrack.store.project import Project

    if by_source and by_topic:
        raise UsageError("--by-source and --by-topic: choose one")
    project = Project.locate(targets, db)
    project.fresh(say)
    with project.reading() as conn:
        topics = topic_rows(lookup.topic_counts(conn))
        if by_topic:
            columns, rows = topics
        else:
            columns, rows = (lookup.source_counts if by_source else lookup.indicator_counts)(conn)
    if format is RowsFormat.json:
        write("\n".join(render.json_lines(columns, rows)))
    elif format is RowsFormat.csv:
        write("\n".join(render.csv_lines(columns, rows, excel)) + "\n")
    else:
        from xjtrack.output.series import rows_text

        width = table_width()
        shown, kept = columns, rows
        if not by_source and not by_topic and width is not None and width < NARROW:
            keep = [i for i, c in enumerate(columns) if c != "topic"]  # the line below counts the topics
            shown, kept = [columns[i] for i in keep], [tuple(r[i] for i in keep) for r in rows]
        write(rows_text(shown, kept, width, colour(), {"observations": "figures", "jurisdictions": "places"}))
        if not by_source and not by_topic:
            several = sum(1 for r in rows if r[columns.index("plans")] >= 2)
            counted = ", ".join(f"{t} {n}" for t, _, _, n, _, _ in topics[1] if n)
            say(f"{len(rows)} indicators; {several} targeted by two or more plans. By topic: {counted} "
                "(xjtrack indicators --by-topic; xjtrack status --topic TOPIC).")


@command()
def compare(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator id, e.g. gdp.")],
    jurisdiction: JurisdictionOpt = None,
    format: Annotated[RowsFormat, typer.Option("--format", help="table, json or csv.")] = RowsFormat.table,
    excel: ExcelOpt = False,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Compare one indicator's targets across jurisdictions and across consecutive plans."""
    from xjtrack.core.across import across_levels, plan_after_plan
    from xjtrack.output import series as view
    from xjtrack.store.read import records
    from xjtrack.store.schema import JURISDICTIONS

    project, ident, chosen = _one_indicator(targets, db, indicator_id, jurisdiction)
    with project.reading() as conn:
        places = {j.id: j for j in records(conn, JURISDICTIONS)}
    plans, rows = _targets_on(project, ident, chosen)
    levels, succession = across_levels(rows, places), plan_after_plan(rows, plans)
    if format is RowsFormat.table:
        write(view.compare_text(ident, levels, succession, table_width(), colour()))
        return
    from xjtrack.output import render

    if format is RowsFormat.json:
        write(render.as_json(view.compare_data(levels, succession)))
    else:
        write("\n".join(render.csv_lines(*view.compare_rows(levels), excel)) + "\n")


