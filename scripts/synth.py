"""Write a synthetic corpus of N targets, for measuring xjtrack at the size of a national corpus.

Usage: python scripts/synth.py --targets N --out DIR

The shipped corpus is copied as many times as N needs, each copy with its own jurisdictions,
plans and target ids (suffix -kNNN), and the last copy cut to make N exactly. Every copy reuses
the archived sources, so every quote still verifies; the indicator registry is shared, as it
would be across provinces. Each copy's targets, claims and statements go in one file and its
observations in another (about 500 targets a file); jurisdictions, plans and what documents
claim of whole plans go in targets.yaml, as in the shipped corpus, where they are registries. The output is deterministic.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xjtrack.curated.yamlstrict import load  # noqa: E402
from xjtrack.store.project import data_files  # noqa: E402


def read(path: Path) -> dict:
    doc, problems = load(path.name, path.read_text(encoding="utf-8"))
    if problems:
        sys.exit(f"{path}: {problems[0]}")
    return doc.data or {}


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=1000)


def corpus() -> tuple[dict, dict[str, list]]:
    """The shipped corpus: targets.yaml, and every section of the data files together."""
    files = data_files(ROOT / "targets.yaml")
    top = read(files[0])
    sections: dict[str, list] = {}
    for path in files[1:]:
        for name, entries in read(path).items():
            sections.setdefault(name, []).extend(entries or [])
    return top, sections


def copy(top: dict, sections: dict, k: int, limit: int | None) -> tuple[dict, dict, dict, int]:
    """Copy k: its jurisdictions, plans, targets file and observations file, and its target count."""
    tag = f"-k{k:03d}"
    places = {j["id"]: j["id"] + tag for j in top["jurisdictions"]}
    plans = {p["id"]: p["id"] + tag for p in top["plans"]}
    sources = {s["id"]: s["jurisdiction"] for s in top["sources"]}
    jurisdictions = [{**j, "id": places[j["id"]], **({"parent": places[j["parent"]]} if j.get("parent") else {})}
                     for j in top["jurisdictions"]]
    plan_entries = [{**p, "id": plans[p["id"]], "jurisdiction": places[p["jurisdiction"]]} for p in top["plans"]]
    targets, kept = [], set()
    for t in sections.get("targets", []):
        if limit is not None and len(targets) >= limit:
            break
        plan, slug = t["id"].split(".", 1)
        new = {**t, "id": f"{plans[plan]}.{slug}", "plan": plans[t["plan"]]}
        if t.get("jurisdiction"):
            new["jurisdiction"] = places[t["jurisdiction"]]
        targets.append(new)
        kept.add(t["id"])
    rename = {old: f"{plans[old.split('.', 1)[0]]}.{old.split('.', 1)[1]}" for old in kept}
    words = {name: [{**e, "target": rename[e["target"]]} for e in sections.get(name, []) if e["target"] in kept]
             for name in ("claims", "statements")}
    claims = [{**c, "plan": plans[c["plan"]]} for c in sections.get("plan_claims", [])]
    observations = [{**o, "jurisdiction": places[o.get("jurisdiction") or sources[o["source"]]]}
                    for o in sections.get("observations", [])]
    return ({"jurisdictions": jurisdictions, "plans": plan_entries, "plan_claims": claims},
            {"targets": targets, **{k: v for k, v in words.items() if v}},
            {"observations": observations}, len(targets))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    top, sections = corpus()
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "sources", args.out / "sources")
    (args.out / "data" / "indicators.yaml").write_text(dump({"indicators": sections["indicators"]}),
                                                        encoding="utf-8")
    places, plans, claims, made, k = list(top["jurisdictions"]), [], [], 0, 0
    while made < args.targets:
        registry, targets, observations, n = copy(top, sections, k, args.targets - made)
        places += registry["jurisdictions"]
        plans += registry["plans"]
        claims += registry["plan_claims"]
        (args.out / "data" / f"targets-k{k:03d}.yaml").write_text(dump(targets), encoding="utf-8")
        (args.out / "data" / f"observations-k{k:03d}.yaml").write_text(dump(observations), encoding="utf-8")
        made += n
        k += 1
    (args.out / "targets.yaml").write_text(dump({"jurisdictions": places, "sources": top["sources"],
                                                 "plans": plans, "plan_claims": claims}),
                                            encoding="utf-8")
    print(f"Wrote {made} targets in {k} copies to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
