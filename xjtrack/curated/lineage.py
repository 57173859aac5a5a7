"""Adjustments: later versions of a target (data/*.yaml, adjustments:), checked onto their target."""

from __future__ import annotations

from dataclasses import replace

from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Adjustment
from xjtrack.curated.binding import Wanted
from xjtrack.curated.checks import Checker


def adjustments(c: Checker) -> None:
    for item in c.reader.items["adjustments"]:
        m = item.model
        target = c.ref(item, ("target",), "target", m.target, c.corpus.targets, "data/*.yaml")
        source = c.source_ref(item, ("source",), m.source)
        goal = c.parse(item, ("value",), parse_quantity, m.value)
        quotes, spans = c.quotes(item, m.source, m.quote)
        if target is None or source is None or goal is None:
            continue
        if target.goal.value is None or goal.value is None:
            c.problem(item, ("value",), "bad-value", "an adjustment gives a numeric target a new number; a "
                      "target without one is changed by a statement or a note")
            continue
        if goal.unit.family != target.goal.unit.family:
            c.problem(item, ("value",), "unit-measure", f"{m.value!r} is not in the unit family of "
                      f"{target.id}'s {target.goal.text!r}: an adjustment keeps the target's measure")
            continue
        indicator = c.corpus.indicators.get(target.indicator)
        names = (indicator.name_zh, *indicator.aliases) if indicator else ()
        want = Wanted(goal, target.indicator, (*names, *((target.name_zh,) if target.name_zh else ())),
                      target.measure, target.due, m.as_written)
        c.figure(item, ("value",), goal, spans, m.as_written, want, m.source)
        if source.date.last_day() <= target.source_date.last_day():
            c.problem(item, ("source",), "bad-source", f"{m.source} is not later than the document that set "
                      f"{target.id} ({target.source}, {target.source_date}): an adjustment comes from a later one")
            continue
        built = Adjustment(says=m.says.value, goal=goal, source=m.source, source_date=source.date,
                           quotes=quotes, notes=m.notes, file=item.doc.file,
                           position=c.next_position(item.doc.file))
        versions = sorted((*target.versions, built), key=lambda v: (v.source_date.last_day(), v.file, v.position))
        c.corpus.targets[target.id] = replace(target, versions=tuple(versions))
