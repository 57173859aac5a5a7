"""Measure `xjtrack extract`: on the archived documents, and held out on documents it never saw.

Usage: python scripts/bench_extract.py [--held-out] [--role tuning|measuring|blind] [--show ID]

Without --held-out (memory): for each archived work report and the 13th FYP outline, that
document's curated records are set aside (its observations, and every target quoted from it),
extraction runs on its text with the rest of the corpus as "already curated" and the whole
registry, and the draft's entries are compared with the records set aside. This measures the
documents the rules were written against: memory, not reading.

With --held-out (reading): every document is left out in turn, and the indicator registry is cut
to what the other documents use: an indicator stays only when another document records a figure
of it, and an alias only when another such document writes it. The documents are the archived
ones and the benchmark documents in bench/ (written for the project in the forms users bring:
news articles, excerpts, bulletins, traditional characters, inline pinyin, PDF text, XPCC pages),
each with a hand-made answer file (bench/<name>.yaml). A figure whose indicator the cut registry
lacks is expected as a proposed indicator, named as the registry (or the answer file) names it.

An entry is right only when its indicator, measure, period, jurisdiction and value (the same
quantity: 1.6万亿元 is 16000亿元; for the benchmark documents, the same comparator too) are all
right. Recall is the share of expected records some drafted entry gets right; precision the share
of drafted entries that are right. The benchmark documents are split once, before any tuning,
into a tuning set (role: tuning, the rules may be written against them) and a measuring set
(role: measuring, never tuned on); the tables report each form and each role apart. A third set
(role: blind) was written by someone who had never read extract's rules, from the forms' real style
alone; its answers widen no other document's registry, so adding it leaves every other number as
it was.

--show ID lists, for that document, the records missed and the entries that match none.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xjtrack.core.normalise import reading_text  # noqa: E402
from xjtrack.core.periods import DocDate, Period  # noqa: E402
from xjtrack.core.quantity import Quantity, parse_quantity  # noqa: E402
from xjtrack.core.records import Corpus, Source  # noqa: E402
from xjtrack.curated.quotes import squeeze  # noqa: E402
from xjtrack.extract.compare import same_quantity  # noqa: E402
from xjtrack.extract.draft import draft, render  # noqa: E402
from xjtrack.extract.match import Registry  # noqa: E402
from xjtrack.store.project import Project  # noqa: E402

REPORTS = ("xj-gwr-2021", "xj-gwr-2024", "urumqi-gwr-2021", "urumqi-gwr-2024")
OUTLINES = ("xj-13fyp-outline",)  # measured beside the reports, without goals
GOALS = {"observations": 0.90, "targets": 0.85, "precision": 0.80, "seconds": 5.0}
HELD_OUT_GOALS = {"observations": 0.80, "targets": 0.80, "precision": 0.90}
BENCH = ROOT / "bench"


@dataclass(frozen=True)
class Expected:
    """One record a document gives: an indicator id, or new:NAME for one the registry lacks."""

    indicator: str
    measure: str
    period: str
    value: Quantity
    jurisdiction: str


@dataclass(frozen=True)
class Document:
    id: str
    form: str  # report, outline, news, excerpt, bulletin, traditional, pinyin, pdf, xpcc
    role: str  # archived, tuning, measuring or blind
    source: Source
    text: str
    observations: tuple[Expected, ...]
    targets: tuple[Expected, ...]
    compare_comparator: bool = True


def _expected(rows: list, jurisdiction: str) -> tuple[Expected, ...]:
    return tuple(Expected(r[0], r[1], str(Period.parse(r[2])), parse_quantity(r[3]), r[4] if len(r) > 4 else jurisdiction)
                 for r in rows or ())


def bench_documents() -> list[Document]:
    found = []
    for path in sorted(BENCH.glob("*.yaml")):
        answer = yaml.safe_load(path.read_text(encoding="utf-8"))
        s = answer["source"]
        source = Source(id=s["id"], title_zh=s["title_zh"], title_en=s["id"], issuer="", jurisdiction=s["jurisdiction"],
                        kind=s["kind"], date=DocDate.parse(s["date"]), file=f"bench/{path.stem}.txt")
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        found.append(Document(s["id"], answer["form"], answer["role"], source, text,
                              _expected(answer.get("observations"), s["jurisdiction"]),
                              _expected(answer.get("targets"), s["jurisdiction"])))
    return found


def archived_documents(corpus: Corpus) -> list[Document]:
    found = []
    for source in (*REPORTS, *OUTLINES):
        observations = tuple(Expected(o.indicator, o.measure, str(o.period), o.value, o.jurisdiction)
                             for o in corpus.observations.values() if o.source == source)
        targets = tuple(Expected(t.indicator, t.measure, str(t.due), t.goal, t.jurisdiction)
                        for t in corpus.targets.values()
                        if any(q.source == source for q in t.quotes) and t.indicator and t.goal.value is not None)
        found.append(Document(source, "outline" if source in OUTLINES else "report", "archived",
                              corpus.sources[source], corpus.texts[source], observations, targets, False))
    return found


def set_aside(corpus: Corpus, source: str) -> Corpus:
    """The corpus without the document's curated records."""
    return replace(corpus, observations={k: o for k, o in corpus.observations.items() if o.source != source},
                   targets={k: t for k, t in corpus.targets.items() if all(q.source != source for q in t.quotes)})


def cut_registry(corpus: Corpus, documents: list[Document], held: str) -> dict:
    """The indicators the other documents record figures of, with only the aliases they write."""
    texts = {d.id: squeeze(reading_text(d.text).text) for d in documents}
    blind = any(d.id == held and d.role == "blind" for d in documents)
    users: dict[str, set[str]] = {}
    for d in documents:
        if d.id != held and (blind or d.role != "blind"):
            for e in (*d.observations, *d.targets):
                users.setdefault(e.indicator, set()).add(d.id)
    kept = {}
    for ident, indicator in corpus.indicators.items():
        if ident not in users:
            continue
        aliases = tuple(a for a in indicator.aliases if any(squeeze(a) in texts[u] for u in users[ident]))
        kept[ident] = replace(indicator, aliases=aliases)
    return kept


def _names(expected: Expected, corpus: Corpus) -> set[str]:
    if expected.indicator.startswith("new:"):
        return {expected.indicator[4:]}
    indicator = corpus.indicators.get(expected.indicator)
    return {indicator.name_zh, *indicator.aliases} if indicator else set()


def matches(entry, expected: Expected, registry: dict, corpus: Corpus, comparator: bool) -> bool:
    c = entry.candidate
    if entry.proposed:  # a drafted indicator: right when the one expected is not in the registry and names agree
        if expected.indicator in registry or c.indicator.name_zh not in _names(expected, corpus):
            return False
    elif c.indicator.id != expected.indicator:
        return False
    value = parse_quantity(c.reading.value)
    return (c.jurisdiction, str(c.measure), str(c.period)) == (expected.jurisdiction, expected.measure, expected.period) \
        and same_quantity(value, expected.value) and (not comparator or value.comparator == expected.value.comparator)


def score(entries, expected, same) -> tuple[list, list]:
    missed = [r for r in expected if not any(same(e, r) for e in entries)]
    wrong = [e for e in entries if not any(same(e, r) for r in expected)]
    return missed, wrong


@dataclass
class Tally:
    obs: int = 0
    obs_found: int = 0
    tgt: int = 0
    tgt_found: int = 0
    entries: int = 0
    right: int = 0

    def add(self, other: Tally) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def row(self, name: str) -> str:
        def share(a, b):
            return f"{a / b:>5.0%} ({a}/{b})" if b else "    - (0/0)"
        return f"| {name} | {share(self.obs_found, self.obs)} | {share(self.tgt_found, self.tgt)} | " \
               f"{share(self.right, self.entries)} |"


def measure(d: Document, corpus: Corpus, documents: list[Document], held_out: bool, show: bool) -> tuple[Tally, float]:
    rest = set_aside(corpus, d.id) if d.role == "archived" else corpus
    indicators = cut_registry(corpus, documents, d.id) if held_out else rest.indicators
    rest = replace(rest, indicators=indicators, sources={**rest.sources, d.id: d.source})
    started = time.perf_counter()
    result = draft(d.text, d.source, rest, Registry(indicators))
    render(result)
    seconds = time.perf_counter() - started

    def same(entry, expected):
        return matches(entry, expected, indicators, corpus, d.compare_comparator and held_out)

    observations, targets = result.of("observation"), result.of("target")
    missed_o, wrong_o = score(observations, d.observations, same)
    missed_t, wrong_t = score(targets, d.targets, same)
    tally = Tally(len(d.observations), len(d.observations) - len(missed_o), len(d.targets),
                  len(d.targets) - len(missed_t), len(observations) + len(targets),
                  len(observations) + len(targets) - len(wrong_o) - len(wrong_t))
    if show:
        for r in (*missed_o, *missed_t):
            print(f"    missed {r.indicator} {r.jurisdiction} {r.measure} {r.period} {r.value.text}")
        for e in (*wrong_o, *wrong_t):
            c = e.candidate
            name = f"new:{c.indicator.name_zh}" if e.proposed else c.indicator.id
            print(f"    wrong {e.kind} {name} {c.jurisdiction} {c.measure} {c.period} {c.reading.value}: {c.quote}")
    return tally, seconds


def main() -> None:
    held_out = "--held-out" in sys.argv
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else ""
    role = sys.argv[sys.argv.index("--role") + 1] if "--role" in sys.argv else ""
    corpus = Project.locate(ROOT / "targets.yaml", None).load()
    documents = archived_documents(corpus) + (bench_documents() if held_out else [])
    print("| document | form | role | figures recall | targets recall | entries right | time |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    by_form: dict[tuple[str, str], Tally] = {}
    passed = True
    for d in documents:
        if role and d.role not in (role, "archived"):
            continue
        tally, seconds = measure(d, corpus, documents, held_out, d.id == show)
        print(tally.row(f"{d.id} | {d.form} | {d.role}")[:-1] + f" {seconds:.2f}s |")
        by_form.setdefault((d.role, d.form), Tally()).add(tally)
        if not held_out and d.form == "report":
            recall_o = tally.obs_found / tally.obs
            recall_t = tally.tgt_found / tally.tgt
            passed &= recall_o >= GOALS["observations"] and recall_t >= GOALS["targets"] and \
                tally.right / tally.entries >= GOALS["precision"] and seconds < GOALS["seconds"]
    print()
    print("| role, form | figures recall | targets recall | entries right |")
    print("| --- | --- | --- | --- |")
    totals: dict[str, Tally] = {}
    for (r, form), tally in sorted(by_form.items()):
        print(tally.row(f"{r}, {form}"))
        totals.setdefault(r, Tally()).add(tally)
    for r, tally in sorted(totals.items()):
        print(tally.row(f"**{r}, all**"))
    if held_out and "measuring" in totals:
        t = totals["measuring"]
        passed = t.obs_found / t.obs >= HELD_OUT_GOALS["observations"] and \
            t.tgt_found / t.tgt >= HELD_OUT_GOALS["targets"] and t.right / t.entries >= HELD_OUT_GOALS["precision"]
    print("all goals met" if passed else "some goals not met")


if __name__ == "__main__":
    main()
