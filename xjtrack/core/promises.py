"""Promises: what a plan promised, counted once however many forms the plan states it in.

A plan row may be stated in several forms: 专栏2 gives 城镇化率 as a 2020 level (58%) and as a
five-year change ([10]个百分点), and GDP as a 2020 level and an average growth rate. Each form is a
target with its own verdict; together they are one promise. The curated data links them: every
other form carries `form_of:` naming the target that decides, the form the plan states as its
target (the one the others are computed from). Every count, share, pie and summary table counts
promises; where the forms' verdicts differ the promise shows them all and is flagged.

The functions take status rows (the target_status view's rows, as dicts): they need `id`,
`promise`, `plan`, `status`, `binding`, `disputed`, `target_value` and `silent`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def numeric(row: Mapping) -> bool:
    """The one meaning of "numeric": the target states a number (控制在国家下达指标内, a
    qualitative goal and a project do not). The SQL view `promises` says the same
    (`target_value is not null`)."""
    return row["target_value"] is not None


def never_reported(row: Mapping) -> bool:
    """No later document mentions the target in any way: no figure and no word (the view's `silent`)."""
    return bool(row["silent"])


@dataclass(frozen=True, kw_only=True)
class Promise:
    """One plan row: the deciding form's row and the rows of its other forms."""

    row: Mapping
    forms: tuple[Mapping, ...] = ()

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def status(self) -> str:
        return self.row["status"]

    @property
    def disputed(self) -> bool:
        """A document's own verdict disagrees with a computed one, on any of its forms."""
        if not self.forms:  # most promises are stated in one form
            return bool(self.row["disputed"])
        return any(bool(r["disputed"]) for r in (self.row, *self.forms))

    @property
    def disagree(self) -> bool:
        """Its forms are judged differently (urbanisation missed as a level, partial as a change)."""
        if not self.forms:
            return False
        status = self.row["status"]
        return any(f["status"] != status for f in self.forms)


def promises(rows: Iterable[Mapping]) -> list[Promise]:
    """The rows grouped into promises, in the order of their deciding rows.

    A form whose deciding target is not among the rows (left out by a filter) stands for its
    promise on its own."""
    rows = list(rows)
    present = {r["id"] for r in rows}
    forms: dict[str, list[Mapping]] = {}
    for r in rows:
        if r["promise"] != r["id"] and r["promise"] in present:
            forms.setdefault(r["promise"], []).append(r)
    return [Promise(row=r, forms=tuple(forms.get(r["id"], ())))
            for r in rows if r["promise"] == r["id"] or r["promise"] not in present]


@dataclass(frozen=True, kw_only=True)
class Counts:
    """A set of promises counted: how many, how many numeric, by status, disputed, never reported."""

    promises: int
    numeric: int
    statuses: Mapping[str, int]
    disputed: int  # promises with a disputed form
    disagree: int  # promises whose forms are judged differently
    never_reported: int
    binding: int
    binding_met: int

    @classmethod
    def of(cls, group: Iterable[Promise]) -> Counts:
        group = list(group)
        binding = [p for p in group if p.row["binding"] == "binding"]
        return cls(promises=len(group), numeric=sum(numeric(p.row) for p in group),
                   statuses=Counter(p.status for p in group),
                   disputed=sum(p.disputed for p in group),
                   disagree=sum(p.disagree for p in group),
                   never_reported=sum(never_reported(p.row) for p in group),
                   binding=len(binding), binding_met=sum(p.status == "met" for p in binding))


def total(parts: Iterable[Counts]) -> Counts:
    """Counts of sets of promises added up: for counting plan by plan (no promise spans plans)."""
    parts = list(parts)
    statuses: Counter = Counter()
    for c in parts:
        statuses.update(c.statuses)
    return Counts(promises=sum(c.promises for c in parts), numeric=sum(c.numeric for c in parts),
                  statuses=statuses, disputed=sum(c.disputed for c in parts),
                  disagree=sum(c.disagree for c in parts), never_reported=sum(c.never_reported for c in parts),
                  binding=sum(c.binding for c in parts), binding_met=sum(c.binding_met for c in parts))


def plan_counts(rows: Iterable[Mapping]) -> dict[str, Counts]:
    """Every plan's promises counted, in the order the plans first appear, and "" for all of them."""
    found = promises(rows)
    plans: dict[str, list[Promise]] = {}
    for p in found:
        plans.setdefault(p.row["plan"], []).append(p)
    return {**{plan: Counts.of(group) for plan, group in plans.items()}, "": Counts.of(found)}
