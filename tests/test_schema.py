"""The JSON Schema for editors: generated from the models, committed, and true of the shipped data."""

import pytest

from tests.conftest import ROOT
from xjtrack.schema import PATH, serialise, targets_schema
from xjtrack.yamlstrict import load

jsonschema = pytest.importorskip("jsonschema")
FILES = ["targets.yaml", *sorted(f"data/{p.name}" for p in (ROOT / "data").glob("*.yaml"))]


def test_the_committed_schema_is_current():
    assert PATH.read_text(encoding="utf-8") == serialise(targets_schema()), \
        "schema/targets.schema.json is stale: run python -m xjtrack.schema"


@pytest.mark.parametrize("name", FILES)
def test_every_shipped_file_fits_the_schema(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    doc, problems = load(name, text)
    assert problems == []
    jsonschema.validate(doc.data, targets_schema())


def test_an_unknown_key_does_not_fit():
    doc, _ = load("x.yaml", "targets:\n  - id: p.x\n    qoute: nope\n")
    with pytest.raises(jsonschema.ValidationError, match="qoute"):
        jsonschema.validate(doc.data, targets_schema())
