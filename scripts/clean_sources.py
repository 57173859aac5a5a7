"""Copy the five source documents into sources/, removing text that is not part of them.

Usage: python scripts/clean_sources.py SEEDS_DIR

The cuts are listed in CUTS below and recorded, with checksums of the input and
output, in sources/MANIFEST.md. Everything else is copied byte for byte. The manifest's rows
for other texts (those `xjtrack add-source` archived) are kept as they are.
"""

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xjtrack.ingest.manifest import ADDED_BY, COLUMNS, FIRST_EXTRACTOR, Row  # noqa: E402

# (seed file, archived name, [(first line, last line or None for end, what it is)])
CUTS = [
    ("003_de031afa12feb304.txt", "xj-13fyp-outline.txt", []),
    ("000_5c60039be59c2a0b.txt", "xj-gwr-2021.txt", []),
    (
        "001_1716037083a91232.txt",
        "xj-gwr-2024.txt",
        [(905, 905, "a scraper's notice (本文内容来自网络，由EESIA搜集整理…)")],
    ),
    (
        "002_78aa3a24179fccbc.txt",
        "urumqi-gwr-2021.txt",
        [
            (1, 7, "the web page's header: site navigation, page title twice, site name"),
            (328, None, "the web page's footer: view counter, a third party's phone number, "
                        "address and licence numbers"),
        ],
    ),
    ("004_c029eef56a02c8f7.txt", "urumqi-gwr-2024.txt", []),
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(seeds: Path, out: Path) -> None:
    rows = []
    for seed, name, cuts in CUTS:
        raw = (seeds / seed).read_bytes()
        lines = raw.decode("utf-8").splitlines(keepends=True)
        drop = set()
        for first, last, _ in cuts:
            drop.update(range(first, (last or len(lines)) + 1))
        kept = "".join(line for n, line in enumerate(lines, 1) if n not in drop)
        (out / name).write_text(kept, encoding="utf-8")
        removed = tuple(f"lines {a}-{b or len(lines)}: {what}" if b != a else f"line {a}: {what}"
                        for a, b, what in cuts)
        rows.append(table_line(Row(name, seed, sha256(raw), sha256(kept.encode()), FIRST_EXTRACTOR, removed).cells()))
    manifest = out / "MANIFEST.md"
    ours = {name for _, name, _ in CUTS}
    others = [line for line in (manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else [])
              if line.startswith("| ") and len(line.split("|")) == len(COLUMNS) + 2
              and _archived(line) not in ours and _archived(line) not in COLUMNS
              and not line.startswith("| ---")]
    manifest.write_text(
        "# Archived source texts\n\n"
        "Written by `python scripts/clean_sources.py SEEDS_DIR`. Each file is the document as\n"
        "received (UTF-8 plain text) less the lines named below, which are not part of the\n"
        "document. Nothing else is changed: PDF line breaks and spaces inside numbers stay.\n"
        "Line numbers refer to the file as received.\n\n" + ADDED_BY
        + "\n".join([table_line(COLUMNS), table_line(["---"] * len(COLUMNS)), *rows, *others]) + "\n",
        encoding="utf-8",
    )


def _archived(line: str) -> str:
    """The archived file a manifest row names, as written without its code marks."""
    return line.split("|")[1].strip().strip("`")


def table_line(cells) -> str:
    return "| " + " | ".join(cells) + " |"

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "sources")
