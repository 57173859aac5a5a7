"""A JSON Schema for targets.yaml and data/*.yaml, generated from the models, for editors.

Run `python -m xjtrack.curated.schema` to rewrite schema/targets.schema.json; a test keeps it in sync.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import ConfigDict, create_model

from xjtrack.curated.models import SECTIONS, Strict

PATH = Path(__file__).resolve().parents[2] / "schema" / "targets.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


# One curated file: any of the sections, each a list of its entries.
TargetsFile = create_model("TargetsFile", __config__=ConfigDict(extra="forbid", title="xjtrack targets file"),
                           **{name: (list[model], []) for name, model in SECTIONS.items()})


def targets_schema() -> dict:
    """The JSON Schema of one curated file, as the YAML language server and jsonschema read it."""
    schema = TargetsFile.model_json_schema()
    schema["$schema"] = DRAFT
    schema["description"] = ("xjtrack's curated data: sources and plans (targets.yaml), targets with "
                             "their outcomes and claims (data/*.yaml). Format: CURATING.md.")
    # xjtrack reads every YAML scalar as text, so baseline.year arrives as "2015"; accept both
    baseline = schema["$defs"]["BaselineIn"]["properties"]
    year = {k: v for k, v in baseline["year"].items() if k != "title"}
    baseline["year"] = {"anyOf": [year, {"type": "string", "pattern": r"^\d{4}$"}],
                        "title": baseline["year"].get("title", "Year")}
    _list_defaults(schema)
    return schema


def _list_defaults(schema: dict) -> None:
    """Show editors that a list left out is empty: pydantic omits a default_factory's value."""
    models, seen = list(Strict.__subclasses__()), set()
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        models += model.__subclasses__()
        properties = schema["$defs"].get(model.__name__, {}).get("properties", {})
        for name, field in model.model_fields.items():
            if field.default_factory is list and (field.alias or name) in properties:
                properties[field.alias or name]["default"] = []


def serialise(schema: dict) -> str:
    """The bytes of schema/targets.schema.json: sorted keys, so a regeneration diffs cleanly."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(path: Path = PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(serialise(targets_schema()), encoding="utf-8")
    print(f"Wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
