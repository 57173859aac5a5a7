"""Draw a fixed random sample of sentences with a number from each work report, for a hand check.

Usage: python scripts/sample_figures.py [--seed N] [--size N] [--db PATH]

For each of the four work reports, picks SIZE sentences (default 20) that contain a figure,
with a fixed seed (default 8) so that the same sample is drawn every time, and prints, for each,
the observations and targets whose quotes stand in that sentence. A curator then reads each
sentence and says whether every figure in it is recorded, correctly.
"""

import argparse
import random
import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ["xj-gwr-2021", "xj-gwr-2024", "urumqi-gwr-2021", "urumqi-gwr-2024"]
FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万亿两][个项万亿倍%]")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> list[str]:
    """The text's sentences, whitespace removed (PDF lines break inside sentences)."""
    return [s for s in re.split(r"(?<=[。；！？])", squeeze(text)) if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--db", type=Path, default=ROOT / "db" / "xjtrack.db")
    args = parser.parse_args()
    if not args.db.is_file():
        sys.exit(f"no database at {args.db}: run xjtrack build first")
    conn = sqlite3.connect(args.db)
    for source in REPORTS:
        file = conn.execute("select file from sources where id = ?", (source,)).fetchone()[0]
        text = (ROOT / file).read_text(encoding="utf-8")
        pool = [s for s in sentences(text) if FIGURE.search(s)]
        sample = random.Random(f"{args.seed}/{source}").sample(pool, min(args.size, len(pool)))
        observed = conn.execute(
            "select q.text, o.indicator, o.jurisdiction, o.measure, o.period, o.value_text from observations o "
            "join observation_quotes q on q.observation_id = o.id where o.source = ?", (source,)).fetchall()
        targeted = conn.execute(
            "select q.text, t.id, t.goal_text from targets t join target_quotes q on q.target_id = t.id "
            "where q.source = ?", (source,)).fetchall()
        print(f"## {source}: {len(sample)} of {len(pool)} sentences with a figure (seed {args.seed})\n")
        for n, sentence in enumerate(sample, 1):
            print(f"{n}. {sentence}")
            for quote, *fields in observed:
                if squeeze(quote) in sentence:
                    print(f"   - observation: {' · '.join(fields)}")
            for quote, tid, goal in targeted:
                if squeeze(quote) in sentence:
                    print(f"   - target: {tid} {goal}")
            print()


if __name__ == "__main__":
    main()
