"""Drafting curated records from an archived document: `xjtrack extract SOURCE`.

The package reads a work report, plan, bulletin or news page as such documents are written:
parts under headings (a review of the past year or five years, then the targets) and, where no
heading stands, each sentence by its own cues (document.py, cues.py). Traditional characters and
inline pinyin are read through xjtrack.core.normalise, quotes kept in the document's own script.
It finds every figure with its unit and qualifiers (figures.py), reads what it measures and over
which period (measures.py, periods.py), matches it to the indicator registry with qualifiers
agreeing (match.py), proposes an indicator or a plan where none exists (proposals.py), compares
it with the curated data (compare.py), marks figures that break their series, and writes a draft
data file that `xjtrack validate` accepts once moved into data/ (draft.py, yamltext.py). Every
module is pure; only xjtrack.cli.extract touches files.
"""
