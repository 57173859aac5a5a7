"""A JSON Schema for targets.yaml and data/*.yaml, generated from the models, for editors.

Run `python -m xjtrack.schema` to rewrite schema/targets.schema.json; a test keeps it in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from xjtrack.models import ClaimIn, OutcomeIn, PlanIn, SourceIn, TargetIn

PATH = Path(__file__).resolve().parent.parent / "schema" / "targets.schema.json"


class TargetsFile(BaseModel):
    """One curated file: any of these sections, each a list."""

    model_config = ConfigDict(extra="forbid", title="xjtrack targets file")
    sources: list[SourceIn] = []
    plans: list[PlanIn] = []
    targets: list[TargetIn] = []
    outcomes: list[OutcomeIn] = []
    claims: list[ClaimIn] = []


def targets_schema() -> dict:
    schema = TargetsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = ("xjtrack's curated data: sources and plans (targets.yaml), targets with "
                             "their outcomes and claims (data/*.yaml). Format: CURATING.md.")
    # xjtrack reads every YAML scalar as text, so a year may arrive as "2015" as well as 2015
    year = schema["$defs"]["BaselineIn"]["properties"]["year"]
    schema["$defs"]["BaselineIn"]["properties"]["year"] = {
        "anyOf": [{k: v for k, v in year.items() if k != "title"},
                  {"type": "string", "pattern": r"^\d{4}$"}],
        "title": year.get("title", "Year"),
    }
    return schema


def serialise(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    PATH.write_text(serialise(targets_schema()), encoding="utf-8")
    print(f"Wrote {PATH}")
