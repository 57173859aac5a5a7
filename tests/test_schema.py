"""The JSON Schema for editors: generated from the models, committed, and true of the shipped data."""

import copy
import re

import pytest

from tests.conftest import ROOT
from xjtrack.curated.models import SECTIONS
from xjtrack.curated.schema import DRAFT, PATH, serialise, targets_schema
from xjtrack.curated.yamlstrict import load

FILES = ["targets.yaml", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yaml"))]


def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = targets_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def shipped(name: str):
    doc, problems = load(name, (ROOT / name).read_text(encoding="utf-8"))
    assert problems == []
    return doc.data  # every scalar a string, as xjtrack reads it


def test_the_committed_schema_is_current():
    assert PATH.read_text(encoding="utf-8") == serialise(targets_schema()), \
        "schema/targets.schema.json is stale: run python -m xjtrack.curated.schema"


def test_lists_left_out_are_shown_as_empty_by_default():
    defs = targets_schema()["$defs"]
    shown = sorted(f"{model}.{name}" for model, d in defs.items()
                   for name, p in d.get("properties", {}).items() if p.get("default") == [])
    assert {"IndicatorIn.aliases", "ObservationIn.flags", "TargetIn.flags", "TargetIn.claims",
            "StatementIn.items"} <= set(shown)


def test_the_schema_is_a_closed_object_of_lists():
    schema = targets_schema()
    assert schema["$schema"] == DRAFT and schema["title"] and schema["description"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert not schema.get("required")
    refs = {k: v["items"]["$ref"] for k, v in schema["properties"].items()}
    assert refs == {name: f"#/$defs/{model.__name__}" for name, model in SECTIONS.items()}
    assert all(d["additionalProperties"] is False for d in schema["$defs"].values() if d["type"] == "object")


@pytest.mark.parametrize("name", FILES)
def test_every_shipped_file_names_the_schema(name):
    first = (ROOT / name).read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert found, f"{name}: the first line should be # yaml-language-server: $schema=<path>"
    assert ((ROOT / name).parent / found[1]).resolve() == PATH


@pytest.mark.parametrize("name", FILES)
def test_every_shipped_file_fits_the_schema(name):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(shipped(name))]
    assert errors == []


def a_target() -> dict:
    return copy.deepcopy(shipped("data/xj-13fyp-main.yaml")["targets"][0])


def test_an_unknown_key_does_not_fit():
    check = validator()
    target = a_target()
    assert list(check.iter_errors({"targets": [target]})) == []
    target["qoute"] = "nope"
    [error] = check.iter_errors({"targets": [target]})
    assert error.validator == "additionalProperties" and "qoute" in error.message
    assert list(error.absolute_path) == ["targets", 0]
    [error] = check.iter_errors({"target": [a_target()]})
    assert error.validator == "additionalProperties" and "'target'" in error.message


@pytest.mark.parametrize("year, fits", [("2015", True), (2015, True), ("15", False), ("2015年", False),
                                        (1900, False)])
def test_a_baseline_year_is_four_digits_written_either_way(year, fits):
    target = a_target()
    target["baseline"] = {"year": year, "value": "9324.8亿元", "derivation": "implied"}
    assert validator().is_valid({"targets": [target]}) is fits
