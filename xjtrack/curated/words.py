"""What later documents say in words: statements about targets, and claims about whole plans."""

from __future__ import annotations

from dataclasses import replace

from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import PlanClaim, Statement
from xjtrack.curated.checks import Checker


def statements(c: Checker) -> None:
    for item in c.reader.items["statements"]:
        m = item.model
        target = c.ref(item, ("target",), "target", m.target, c.corpus.targets, "data/*.yaml")
        source = c.source_ref(item, ("source",), m.source)
        quotes, _ = c.quotes(item, m.source, m.quote)
        reads_as = c.parse(item, ("reads_as",), parse_quantity, m.reads_as) if m.reads_as else None
        if target is None or source is None:
            continue
        if source.date.last_day() < target.source_date.last_day():
            c.problem(item, ("source",), "bad-source", f"{m.source} was delivered before the plan that "
                      f"sets {target.id}: a statement about a target comes from a later document")
        unknown = [i for i in m.items if i not in target.items]
        if unknown:
            c.problem(item, ("items",), "unknown-item", f"{', '.join(unknown)} not among the items of "
                      f"{target.id} ({', '.join(target.items) or 'it lists none'})")
        if reads_as is not None:
            if target.goal.value is None:
                c.problem(item, ("reads_as",), "bad-value", "reads_as: gives the number words imply, for a "
                          "numeric target only")
            elif reads_as.unit.family != target.goal.unit.family:
                c.problem(item, ("reads_as",), "unit-measure", f"{m.reads_as!r} is not in the unit family "
                          f"of {target.goal.text!r}")
            if not m.notes:
                c.problem(item, ("reads_as",), "missing-key", "say in notes: how the words were read as "
                          f"{m.reads_as}")
        if m.says == "mentioned" and not m.notes:
            c.problem(item, ("says",), "missing-key", "say in notes: why the mention gives no verdict")
        built = Statement(says=m.says.value, source=m.source, source_date=source.date, quotes=quotes,
                          milestone=m.milestone or "", items=tuple(m.items),
                          reads_as=reads_as, notes=m.notes, file=item.doc.file,
                          position=c.next_position(item.doc.file))
        c.corpus.targets[target.id] = replace(target, statements=(*target.statements, built))


def plan_claims(c: Checker) -> None:
    for item in c.reader.items["plan_claims"]:
        m = item.model
        plan = c.ref(item, ("plan",), "plan", m.plan, c.corpus.plans, "targets.yaml")
        source = c.source_ref(item, ("source",), m.source)
        quote, _ = c.quote(item, ("quote",), m.source, m.quote)
        if plan is None or source is None:
            continue
        built = PlanClaim(claim=m.claim.value, text=m.text, source=m.source, source_date=source.date,
                          quote=quote, notes=m.notes, file=item.doc.file,
                          position=c.next_position(item.doc.file))
        c.corpus.plans[plan.id] = replace(plan, claims=(*plan.claims, built))
