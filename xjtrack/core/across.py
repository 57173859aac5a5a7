"""Views across plans and levels of government, for one indicator. Pure functions over rows.

- plan_after_plan: for an indicator targeted by consecutive plans, each plan's target beside
  what the previous plan achieved;
- across_levels: the same year's targets of a jurisdiction and the level above it, side by
  side, marking where the lower level asks for more (层层加码).
"""

from __future__ import annotations

from dataclasses import dataclass

from xjtrack.core.records import Jurisdiction, Plan


@dataclass(frozen=True)
class Succession:
    jurisdiction: str
    measure: str
    plan: str
    target_id: str
    target_text: str
    due: str
    status: str
    outcome_text: str | None
    previous_plan: str | None
    previous_target: str | None
    previous_outcome: str | None  # what the plan before achieved on the same measure
    previous_status: str | None


def _is_five_year(plan: Plan) -> bool:
    return plan.period.years > 1


def plan_after_plan(rows: list[dict], plans: dict[str, Plan]) -> list[Succession]:
    """Each multi-year plan's target beside the previous multi-year plan's, per jurisdiction and measure."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if _is_five_year(plans[r["plan"]]) and r["measure"] != "qualitative":
            groups.setdefault((r["jurisdiction"], r["measure"]), []).append(r)
    out = []
    for (jurisdiction, measure), group in sorted(groups.items()):
        group.sort(key=lambda r: (plans[r["plan"]].period.start, r["id"]))
        previous = None
        for r in group:
            if previous is not None and previous["plan"] == r["plan"]:
                previous = None  # two targets of one plan on the same measure: no succession
            out.append(Succession(jurisdiction, measure, r["plan"], r["id"], r["target_text"], r["due"],
                                  r["status"], r["outcome_text"],
                                  previous["plan"] if previous else None,
                                  previous["target_text"] if previous else None,
                                  previous["outcome_text"] if previous else None,
                                  previous["status"] if previous else None))
            previous = r
    return out


@dataclass(frozen=True)
class Side:
    jurisdiction: str
    target_id: str
    target_text: str
    target_value: float | None
    unit: str | None
    status: str
    outcome_text: str | None


@dataclass(frozen=True)
class Level:
    measure: str
    due: str
    sides: tuple[Side, ...]
    more_ambitious: tuple[tuple[str, str], ...]  # (lower, upper): the lower level asks for more


def _ambitious(lower: dict, upper: dict) -> bool:
    if lower["target_value"] is None or upper["target_value"] is None or lower["unit"] != upper["unit"]:
        return False
    up = {">=": True, "<=": False}.get(lower["comparator"] or "", None)
    if up is None:
        up = lower.get("direction", "up") != "down"
    return lower["target_value"] > upper["target_value"] if up else lower["target_value"] < upper["target_value"]


def across_levels(rows: list[dict], jurisdictions: dict[str, Jurisdiction]) -> list[Level]:
    """Targets for the same measure and due period in different jurisdictions, side by side."""
    groups: dict[tuple[str, str], dict[str, dict]] = {}
    for r in rows:
        if r["measure"] != "qualitative":
            groups.setdefault((r["measure"], r["due"]), {}).setdefault(r["jurisdiction"], r)
    out = []
    for (measure, due), by_place in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        sides = tuple(Side(j, r["id"], r["target_text"], r["target_value"], r["unit"], r["status"],
                           r["outcome_text"]) for j, r in sorted(by_place.items()))
        marks = []
        for place, r in sorted(by_place.items()):
            parent = jurisdictions[place].parent if place in jurisdictions else ""
            if parent in by_place and _ambitious(r, by_place[parent]):
                marks.append((place, parent))
        out.append(Level(measure, due, sides, tuple(marks)))
    return out
