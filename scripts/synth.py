"""Write a synthetic corpus of N targets, for measuring xjtrack at the size of a national corpus.

Usage: python scripts/synth.py --targets N --out DIR

The shipped corpus is copied as many times as N needs, each copy with its own jurisdictions,
plans, documents and target ids (suffix -kNNN), and the last copy cut to make N exactly. Each copy
has its own copy of the archived sources, so every quote still verifies and every figure of a
document is one entry's; the indicator registry is shared, as it would be across provinces. Each copy's targets, claims and statements go in one file and its
observations in another (about 500 targets a file); jurisdictions, plans and what documents
claim of whole plans go in targets.yaml, as in the shipped corpus, where they are registries, for the
first 100 copies, and in data/registry-kNNN.yaml for each further 100 (the build refuses a file over
8 MiB, and the registries of 10^6 targets come to about 13 MB). The output is deterministic.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xjtrack.curated.files import data_files  # noqa: E402
from xjtrack.curated.yamlstrict import load  # noqa: E402

REGISTRY_COPIES = 100  # copies whose places, documents and plans share one file (each under 8 MiB)


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
    """Copy k: its jurisdictions, documents, plans, targets file and observations file, and its target count."""
    tag = f"-k{k:03d}"
    places = {j["id"]: j["id"] + tag for j in top["jurisdictions"]}
    plans = {p["id"]: p["id"] + tag for p in top["plans"]}
    documents = {s["id"]: s["id"] + tag for s in top["sources"]}
    kept = {t["id"] for t in sections.get("targets", [])[:limit]}
    retag = {**{a: a for t in sections.get("targets", []) for a in t.get("aliases", [])}, **{i: i for i in kept}}
    retag = {i: f"{plans[i.split('.', 1)[0]]}.{i.split('.', 1)[1]}" for i in retag}
    for place, new in places.items():  # an id ending in its place (…-south-xinjiang) names the copy's place
        retag.update({i: t[:-len(place)] + new for i, t in retag.items() if t.endswith("-" + place)})
    names = {"jurisdiction": places, "parent": places, "plan": plans, "source": documents,
             "reports_on": documents, "version_of": documents, "target": retag, "form_of": retag}

    def moved(value, key=""):
        if isinstance(value, dict):
            return {k: moved(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [moved(v, key) for v in value]
        if key == "aliases" or (key == "id" and value in retag):
            return retag.get(value, value)
        if key == "id":
            return places.get(value) or plans.get(value) or documents.get(value, value)
        if key == "file" and isinstance(value, str) and value.startswith("sources/"):
            return value[:-4] + tag + ".txt"
        return names[key].get(value, value) if key in names and isinstance(value, str) else value

    sources = {s["id"]: s["jurisdiction"] for s in top["sources"]}
    targets = [moved(t) for t in sections.get("targets", []) if t["id"] in kept]
    words = {name: [moved(e) for e in sections.get(name, []) if e["target"] in kept]
             for name in ("claims", "statements", "adjustments")}
    observations = [moved({**o, "jurisdiction": o.get("jurisdiction") or sources[o["source"]]})
                    for o in sections.get("observations", [])]
    return ({"jurisdictions": moved(top["jurisdictions"]), "sources": moved(top["sources"]),
             "plans": moved(top["plans"]), "plan_claims": moved(sections.get("plan_claims", []))},
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
    (args.out / "sources").mkdir()
    (args.out / "data" / "indicators.yaml").write_text(dump({"indicators": sections["indicators"]}),
                                                        encoding="utf-8")
    places, documents, plans, claims, made, k = [], [], [], [], 0, 0
    while made < args.targets:
        registry, targets, observations, n = copy(top, sections, k, args.targets - made)
        places += registry["jurisdictions"]
        documents += registry["sources"]
        plans += registry["plans"]
        claims += registry["plan_claims"]
        for source in top["sources"]:
            text = ROOT / source["file"]
            shutil.copyfile(text, args.out / "sources" / f"{text.stem}-k{k:03d}.txt")
        (args.out / "data" / f"targets-k{k:03d}.yaml").write_text(dump(targets), encoding="utf-8")
        (args.out / "data" / f"observations-k{k:03d}.yaml").write_text(dump(observations), encoding="utf-8")
        made += n
        k += 1
        if k % REGISTRY_COPIES == 0 or made >= args.targets:
            name = "targets.yaml" if k <= REGISTRY_COPIES else f"data/registry-k{k - 1:03d}.yaml"
            (args.out / name).write_text(dump({"jurisdictions": places, "sources": documents, "plans": plans,
                                               "plan_claims": claims}), encoding="utf-8")
            places, documents, plans, claims = [], [], [], []
    print(f"Wrote {made} targets in {k} copies to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
