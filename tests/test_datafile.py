"""Entries appended to a curated data file as text: every other byte kept, or refused."""

import pytest

from xjtrack.errors import XjtrackError
from xjtrack.ingest.datafile import append_entries

OBSERVATION = {"indicator": "gdp", "measure": "level", "period": "2024", "value": "1.5万亿元", "source": "r",
               "quote": "达到1.5万亿元", "notes": ""}
TARGET = {"id": "p.gdp", "plan": "p", "indicator": "gdp", "measure": "level", "target": "2万亿元", "due": "2025",
          "binding": "expected", "quote": ["到2025年达到", "2万亿元"],
          "claims": [{"claim": "met", "text": "完成", "source": "r", "quote": "完成"}]}


def test_an_entry_goes_at_the_end_of_its_section_before_the_next_and_its_comments():
    original = ("# head comment\ntargets:\n  # the first\n  - id: p.a   # trailing\n    plan: p\n\n"
                "  - id: p.b\n    plan: p\n\n# about the claims below\nclaims:\n  - target: p.a\n")
    added = append_entries(original, "targets", [TARGET], "p.yaml")
    before, after = added.split("# about the claims below")
    assert before.startswith(original.split("# about the claims below")[0].rstrip("\n"))
    assert "\n\n  - id: p.gdp\n    plan: p\n" in before  # parted by a blank line, as the others are
    assert "    quote:\n      - 到2025年达到\n      - 2万亿元\n" in before.replace('"', "")
    assert "    claims:\n      - claim: met\n        text: " in before
    assert after == "\nclaims:\n  - target: p.a\n"


def test_a_new_file_an_empty_flow_list_and_a_missing_section():
    made = append_entries(None, "observations", [OBSERVATION], "n.yaml", "Observations of r.\nSecond line.")
    assert made.startswith("# Observations of r.\n# Second line.\nobservations:\n  - indicator: gdp\n")
    assert 'period: "2024"' in made and "notes" not in made
    assert append_entries("observations: []\n", "observations", [OBSERVATION], "e.yaml").startswith(
        "observations:\n  - indicator: gdp\n")
    grown = append_entries("# kept\nstatements:\n  - target: p.a\n", "observations", [OBSERVATION], "s.yaml")
    assert grown.startswith("# kept\nstatements:\n  - target: p.a\n\nobservations:\n  - indicator: gdp\n")


@pytest.mark.parametrize("original, message", [
    ("observations: [{indicator: gdp}]\n", "flow style"),
    ("observations:\n- indicator: gdp\n  source: r\nother: [\n", "cannot be read as YAML"),
])
def test_a_file_it_cannot_write_into_safely_is_refused(original, message):
    with pytest.raises(XjtrackError, match=message):
        append_entries(original, "observations", [OBSERVATION], "x.yaml")


def test_values_that_yaml_would_change_are_quoted():
    odd = {**OBSERVATION, "notes": "no", "quote": "yes: 12:30 #1"}
    text = append_entries(None, "observations", [odd], "o.yaml")
    from xjtrack.curated.yamlstrict import load

    doc, problems = load("o.yaml", text)
    assert not problems and doc.data["observations"][0]["notes"] == "no"
    assert doc.data["observations"][0]["quote"] == "yes: 12:30 #1"
