"""Measure `xjtrack extract` on the four archived work reports against their curated records.

Usage: python scripts/bench_extract.py [--show SOURCE]

For each work report (xj-gwr-2021, xj-gwr-2024, urumqi-gwr-2021, urumqi-gwr-2024) the curated data is
loaded (targets.yaml and data/, through xjtrack's own loader), and that report's curated records
are set aside: every observation whose source is the report (data/observations/<source>.yaml)
and every target whose quotes come from it (the data files of the plans it sets). Extraction
then runs on the report's archived text with the rest of the corpus as "already curated", so
every candidate it drafts is new, and the draft's entries are compared with the records set aside:

- a drafted observation matches a curated one when indicator, jurisdiction, measure and period
  are equal and the values are the same quantity (same unit family, same number and range top
  once converted into one unit: 1.6万亿元 is 16000亿元; the comparator, 以上 or 左右, is not compared);
- a drafted target matches a curated numeric target when indicator, measure and due are equal and
  the goal values are the same quantity (as above); qualitative and project targets, which have
  no number, are not counted.

Recall is the share of curated records that some drafted entry matches; precision the share of
drafted entries that match some curated record. Figures drafted only as comments (no registry
indicator, already curated, refused by validate's checks) are not entries and count in neither.
Time is the extraction alone (reading, matching, comparing, writing the YAML text), per report;
loading the corpus is timed once, apart. Goals: recall >= 90% (observations) and >= 85% (targets),
precision >= 80%, under 5 s per report.

The Five-Year Plan outline (xj-13fyp-outline) is measured the same way and printed after them,
with no goal: its figures stand in its two main-indicator tables and in every chapter's text.

--show SOURCE also lists, for that report, the curated records missed and the entries that match none.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xjtrack.core.quantity import parse_quantity  # noqa: E402
from xjtrack.core.records import Corpus  # noqa: E402
from xjtrack.extract.compare import same_quantity  # noqa: E402
from xjtrack.extract.draft import draft, render  # noqa: E402
from xjtrack.extract.match import Registry  # noqa: E402
from xjtrack.store.project import Project  # noqa: E402

REPORTS = ("xj-gwr-2021", "xj-gwr-2024", "urumqi-gwr-2021", "urumqi-gwr-2024")
OUTLINES = ("xj-13fyp-outline",)  # measured beside the reports, without goals
GOALS = {"observations": 0.90, "targets": 0.85, "precision": 0.80, "seconds": 5.0}


def set_aside(corpus: Corpus, source: str) -> tuple[Corpus, list, list]:
    """The corpus without the report's curated records, and those records."""
    observations = [o for o in corpus.observations.values() if o.source == source]
    targets = [t for t in corpus.targets.values() if any(q.source == source for q in t.quotes)]
    rest = replace(corpus, observations={k: o for k, o in corpus.observations.items() if o.source != source},
                   targets={k: t for k, t in corpus.targets.items() if t not in targets})
    return rest, observations, [t for t in targets if t.indicator and t.goal.value is not None]


def observation_matches(entry, curated) -> bool:
    c = entry.candidate
    return (curated.indicator, curated.jurisdiction, curated.measure, str(curated.period)) == \
        (c.indicator.id, c.jurisdiction, str(c.measure), str(c.period)) and \
        same_quantity(parse_quantity(c.reading.value), curated.value)


def target_matches(entry, curated) -> bool:
    c = entry.candidate
    return (curated.indicator, curated.measure, str(curated.due)) == (c.indicator.id, str(c.measure), str(c.period)) \
        and same_quantity(parse_quantity(c.reading.value), curated.goal)


def score(entries, curated, matches) -> tuple[float, float, list, list]:
    found = [r for r in curated if any(matches(e, r) for e in entries)]
    good = [e for e in entries if any(matches(e, r) for r in curated)]
    recall = len(found) / len(curated) if curated else 1.0
    precision = len(good) / len(entries) if entries else 1.0
    missed = [r for r in curated if r not in found]
    wrong = [e for e in entries if e not in good]
    return recall, precision, missed, wrong


def _show(missed_o, wrong_o, missed_t, wrong_t) -> None:
    for o in missed_o:
        print(f"    missed observation {o.id} {o.value.text}: {o.quotes[0].text}")
    for e in wrong_o:
        c = e.candidate
        print(f"    unmatched entry {c.indicator.id} {c.jurisdiction} {c.measure} {c.period} {c.reading.value}: {c.quote}")
    for t in missed_t:
        print(f"    missed target {t.id} {t.measure} {t.due} {t.goal.text}: {t.quotes[0].text}")
    for e in wrong_t:
        c = e.candidate
        print(f"    unmatched target {c.indicator.id} {c.measure} {c.period} {c.reading.value}: {c.quote}")


def main() -> None:
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else ""
    started = time.perf_counter()
    corpus = Project.locate(ROOT / "targets.yaml", None).load()
    print(f"corpus loaded in {time.perf_counter() - started:.2f} s")
    print(f"{'report':<16} {'obs recall':>14} {'obs precision':>14} {'tgt recall':>12} {'tgt precision':>14} {'time':>7}")
    passed = True
    for source in (*REPORTS, *OUTLINES):
        rest, observations, targets = set_aside(corpus, source)
        started = time.perf_counter()
        result = draft(corpus.texts[source], corpus.sources[source], rest, Registry(rest.indicators))
        render(result)
        seconds = time.perf_counter() - started
        o_recall, o_precision, missed_o, wrong_o = score(result.of("observation"), observations, observation_matches)
        t_recall, t_precision, missed_t, wrong_t = score(result.of("target"), targets, target_matches)
        print(f"{source:<16} {o_recall:>8.0%} ({len(observations) - len(missed_o)}/{len(observations)})"
              f" {o_precision:>6.0%} ({len(result.of('observation')) - len(wrong_o)}/{len(result.of('observation'))})"
              f" {t_recall:>5.0%} ({len(targets) - len(missed_t)}/{len(targets)})"
              f" {t_precision:>6.0%} ({len(result.of('target')) - len(wrong_t)}/{len(result.of('target'))})"
              f" {seconds:>6.2f}s" + ("  (no goal)" if source in OUTLINES else ""))
        passed &= source in OUTLINES or (o_recall >= GOALS["observations"] and t_recall >= GOALS["targets"] and seconds < GOALS["seconds"]
                   and min(o_precision, t_precision) >= GOALS["precision"])
        if source == show:
            _show(missed_o, wrong_o, missed_t, wrong_t)
    print("all goals met" if passed else "some goals not met")


if __name__ == "__main__":
    main()
