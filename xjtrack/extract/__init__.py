"""Drafting curated records from an archived document: `xjtrack extract SOURCE`.

The package reads a work report or plan as Chinese planning documents are written (a review of
the past year or five years, then the targets), finds every figure with its unit and qualifiers,
reads what it measures and over which period, matches it to the indicator registry, compares it
with what the curated data already holds, and writes a draft data file that `xjtrack validate`
accepts once it is moved into data/. Every module is pure; only xjtrack.cli.extract touches files.
"""
