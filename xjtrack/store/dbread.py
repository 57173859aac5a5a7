"""Reading the corpus back from the database: what status and show run on, without YAML."""

from __future__ import annotations

import json
from pathlib import Path

from xjtrack.core.domain import Baseline, Claim, Corpus, Outcome, Plan, Quote, Source, Target
from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import parse_quantity
from xjtrack.store.database import connect_readonly


def read_corpus(db_path: Path) -> Corpus:
    corpus = Corpus()
    with connect_readonly(db_path) as conn:
        for r in conn.execute("select * from sources"):
            corpus.sources[r["id"]] = Source(
                r["id"], r["title_zh"], r["title_en"], r["issuer"], r["jurisdiction"], r["kind"],
                DocDate.parse(r["date"]), r["file"], r["notes"])
        for r in conn.execute("select * from plans"):
            corpus.plans[r["id"]] = Plan(r["id"], r["name_zh"], r["name_en"], r["jurisdiction"],
                                         Period.parse(r["period"]), r["source"], r["notes"])
        quotes: dict[str, list[Quote]] = {}
        for r in conn.execute("select * from target_quotes order by target_id, n"):
            quotes.setdefault(r["target_id"], []).append(Quote(r["source"], r["quote"], r["line"]))
        outcomes: dict[str, list[Outcome]] = {}
        for r in conn.execute("select * from outcomes order by id"):
            outcomes.setdefault(r["target_id"], []).append(Outcome(
                r["target_id"], parse_quantity(r["value_text"]), Period.parse(r["period"]),
                r["source"], DocDate.parse(r["source_date"]),
                Quote(r["source"], r["quote"], r["quote_line"]), r["notes"],
                tuple(json.loads(r["flags"])), r["not_comparable"], r["id"]))
        claims: dict[str, list[Claim]] = {}
        for r in conn.execute("select * from claims order by id"):
            claims.setdefault(r["target_id"], []).append(Claim(
                r["target_id"], r["claim"], r["text"], r["source"],
                DocDate.parse(r["source_date"]), Quote(r["source"], r["quote"], r["quote_line"])))
        for r in conn.execute("select * from targets order by position"):
            baseline = None
            if r["baseline_text"] is not None:
                baseline = Baseline(r["baseline_year"], parse_quantity(r["baseline_text"]),
                                    r["baseline_derivation"] or "")
            quantity = None if r["metric"] == "qualitative" else parse_quantity(r["target_text"])
            corpus.targets[r["id"]] = Target(
                r["id"], r["plan"], r["jurisdiction"], r["indicator"], r["indicator_en"],
                r["metric"], quantity, r["target_text"], r["direction"], Period.parse(r["due"]),
                r["binding"], tuple(quotes.get(r["id"], ())),
                corpus.sources[r["source"]].date,
                baseline, r["section"], r["notes"], tuple(json.loads(r["flags"])),
                tuple(outcomes.get(r["id"], ())), tuple(claims.get(r["id"], ())), r["position"])
    return corpus
