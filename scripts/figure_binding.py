"""How tightly the curated figures are bound to their quotes, and what a swapped value meets.

Usage: python scripts/figure_binding.py [--targets PATH] [--json] [--survivors]

Reads the curated data as `xjtrack validate` does and prints, for observations and targets:
how many figures there are, how many stand in a quote that holds several numbers, and how many
of those pass the binding check (xjtrack/curated/binding.py). Then, for every figure written in
Arabic digits, it swaps the value's number for each other number of its quotes, one at a time,
and counts how many of these swapped values validate would refuse, by what the other number is
in the quote: a year or date, an ordinal or list number, a number in another unit, a figure in
the same unit, or a bare table cell (the figures the check tells apart least well). With
--survivors, it lists each swapped value the check lets through, with its quote.
"""

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def audit(targets: Path) -> dict:
    from xjtrack.core.quantity import format_number
    from xjtrack.curated import figures, registry
    from xjtrack.curated.binding import _unit_fits, bind, figure_group, figures_in, one_each
    from xjtrack.curated.checks import Checker
    from xjtrack.curated.files import data_files
    from xjtrack.curated.loader import read_files
    from xjtrack.curated.quotes import numbers_in

    checked: list[tuple] = []

    class Recording(Checker):
        def figure(self, item, sub, quantity, found, as_written="", want=None, source=""):
            super().figure(item, sub, quantity, found, as_written, want, source)
            if want is not None and all(found):
                checked.append((sub[0], want, tuple(f.span for f in found), source, found, item))

    reader = read_files(targets, data_files(targets))
    checker = Recording(reader, targets.parent)
    for step in (registry.jurisdictions, registry.sources, registry.plans, registry.indicators,
                 figures.observations, figures.targets):
        step(checker)
    problems = [p for p in reader.problems if p.code.startswith("figure-")]
    out: dict = {"problems": len(problems), "survivors": []}
    swaps: Counter = Counter()
    for kind, label in (("value", "observations"), ("target", "targets")):
        mine = [(w, s) for k, w, s, *_ in checked if k == kind]
        several = [(w, s) for w, s in mine if any(len(numbers_in(t)) >= 2 for t in s)]
        out[label] = {"figures": len(mine), "several_numbers": len(several),
                      "bound": sum(bind(w, s, checker._names)[0] is None for w, s in several)}
    for kind, want, spans, source, found, item in checked:
        q = want.quantity
        if want.as_written or q.numeral or q.high is not None:
            continue
        read = [f for text in spans for f in figures_in(text)]
        for number in sorted(set().union(*(numbers_in(t) for t in spans)) - {abs(q.value)}):
            there = [f for f in read if abs(f.low - number) < 1e-9 and f.high is None]
            if not there:
                continue
            if all(f.role != "figure" for f in there):
                what = "a year or date" if there[0].role in ("year", "date") else "an ordinal or list number"
            elif not any(_unit_fits(f, q.unit) for f in there):
                what = "a number in another unit"
            elif all(f.unit is None and not f.magnitude for f in there):
                what = "a bare table cell"
            else:
                what = "a figure in the same unit"
            swapped = replace(want, quantity=replace(q, value=number, text=format_number(number)))
            swaps[what, "tried"] += 1
            why, places, scope = bind(swapped, spans, checker._names)
            refused = why is not None
            group = figure_group(scope, source, want.indicator, kind)
            if not refused and group is not None:  # one figure is one entry's: the others keep theirs
                others = [place for claim, *_, place in checker.claims.get(group, []) if claim is not item]
                refused = None in one_each([*others, frozenset(found[i].start + at for i, at in places)])
            swaps[what, "refused"] += refused
            if not refused:
                shown = " / ".join(" ".join(t.split()) for t in spans)
                out["survivors"].append(f"{want.indicator} {want.measure} {want.period}: {q.text} -> "
                                        f"{format_number(number)} ({what}) | {shown}")
    out["swaps"] = {what: {"tried": swaps[what, "tried"], "refused": swaps[what, "refused"]}
                    for what in sorted({w for w, _ in swaps})}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=Path, default=ROOT / "targets.yaml")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--survivors", action="store_true", help="list the swaps the check lets through")
    args = parser.parse_args()
    found = audit(args.targets)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for label in ("observations", "targets"):
        row = found[label]
        print(f"{label}: {row['figures']} numeric figures; {row['several_numbers']} quoted where a "
              f"quote holds several numbers; {row['bound']} of these bound to their figure")
    print("a value swapped for another number of its quote, by what that number is there:")
    for what, row in found["swaps"].items():
        print(f"  {what}: {row['refused']} of {row['tried']} refused")
    if args.survivors:
        print("\n".join(found["survivors"]))
    sys.exit(1 if found["problems"] else 0)


if __name__ == "__main__":
    main()
