"""The curated file format as strict pydantic models: unknown keys and wrong values are errors."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
TargetId = Field(pattern=r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$")
Jurisdiction = Literal["xinjiang", "urumqi", "xpcc"]
Flag = Literal[
    "revised_baseline", "real_vs_nominal", "definition_changed", "scope_changed",
    "source_typo", "ambiguous", "indicative",
]
Text = Field(min_length=1)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class SourceIn(Strict):
    id: str = Id
    title_zh: str = Text
    title_en: str = Text
    issuer: str = Text
    jurisdiction: Jurisdiction
    kind: Literal["plan", "work_report"]
    date: str
    file: str = Text
    notes: str = ""


class PlanIn(Strict):
    id: str = Id
    name_zh: str = Text
    name_en: str = Text
    jurisdiction: Jurisdiction
    period: str
    source: str = Text
    notes: str = ""


class BaselineIn(Strict):
    year: int = Field(ge=1949, le=2100)
    value: str = Text
    derivation: str = ""  # how a baseline the document implies but does not state was worked out


class OutcomeIn(Strict):
    target: Optional[str] = None  # given at the top level of a file, implied inside a target
    value: str = Text
    period: str
    source: str = Text
    quote: str = Text
    as_written: str = ""  # how the quote writes the figure, where it differs from value:
    notes: str = ""
    flags: list[Flag] = []
    not_comparable: str = ""


class ClaimIn(Strict):
    target: Optional[str] = None
    claim: Literal["met", "not_met"]
    text: str = Text
    source: str = Text
    quote: str = Text


class TargetIn(Strict):
    id: str = TargetId
    plan: str = Text
    indicator: str = Text
    indicator_en: str = Text
    metric: Literal[
        "level", "avg_annual_growth", "yoy_growth", "cumulative", "share", "change",
        "reduction", "qualitative",
    ]
    target: str = Text
    direction: Optional[Literal["up", "down"]] = None
    baseline: Optional[BaselineIn] = None
    due: str
    binding: Literal["binding", "expected", "unspecified"]
    section: str = ""
    quote: Union[str, list[str]]
    as_written: str = ""  # how the quote writes the figure, where it differs from target:
    source: Optional[str] = None
    notes: str = ""
    flags: list[Flag] = []
    outcomes: list[OutcomeIn] = []
    claims: list[ClaimIn] = []

    @field_validator("quote")
    @classmethod
    def _quotes_not_empty(cls, value):
        quotes = [value] if isinstance(value, str) else value
        if not quotes or any(not q.strip() for q in quotes):
            raise ValueError("every quote must hold the document's words")
        return value


SECTIONS = {
    "sources": SourceIn, "plans": PlanIn, "targets": TargetIn, "outcomes": OutcomeIn,
    "claims": ClaimIn,
}
