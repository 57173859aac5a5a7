"""The curated file format as strict pydantic models: unknown keys and wrong values are errors."""

from __future__ import annotations

from collections import namedtuple
from typing import Annotated, Literal, Optional, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from xjtrack.core.vocab import (
    Adjusts,
    Binding,
    Claimed,
    Direction,
    Flag,
    Kind,
    Measure,
    Prices,
    Says,
    SourceKind,
    Topic,
)

Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
TargetId = Field(pattern=r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$")
Text = Field(min_length=1)
Quotes = Union[str, list[str]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _quotes_not_empty(value):
    quotes = [value] if isinstance(value, str) else value
    if not quotes or any(not q.strip() for q in quotes):
        raise ValueError("every quote must hold the document's words")
    return value


class JurisdictionIn(Strict):
    id: str = Id
    name_zh: str = Text
    name_en: str = Text
    parent: str = ""
    notes: str = ""


class SourceIn(Strict):
    id: str = Id
    title_zh: str = Text
    title_en: str = ""  # needed for an official document; a news headline may stay untranslated
    issuer: str = ""  # an official document's issuer; news and analysis name their publisher instead
    publisher: str = ""
    reports_on: str = ""  # news and analysis: the source id, or the title, of the document reported on
    version_of: str = ""  # the source id of the document this is another version of
    jurisdiction: str = Text
    kind: SourceKind
    date: str
    file: str = Text
    notes: str = ""


class PlanIn(Strict):
    id: str = Id
    name_zh: str = Text
    name_en: str = Text
    jurisdiction: str = Text
    period: str
    source: str = Text
    notes: str = ""


class ProxyIn(Strict):
    indicator: str = Text
    comparable: Literal["true", "false"]
    flag: Optional[Literal["scope_changed", "definition_changed"]] = None
    bound: Optional[Literal["floor", "ceiling"]] = None
    note: str = Text


class IndicatorIn(Strict):
    id: str = Id
    name_zh: str = Text
    name_en: str = Text
    aliases: list[str] = Field(default_factory=list)
    unit: str = ""
    also_in: list[str] = Field(default_factory=list)
    kind: Kind
    direction: Direction
    prices: Prices
    topic: Topic  # what it is about (CURATING.md, Topics)
    growth: Optional[Literal["real", "nominal"]] = None
    replaces: str = ""
    proxies: list[ProxyIn] = Field(default_factory=list)
    notes: str = ""


class ObservationIn(Strict):
    indicator: str = Text
    jurisdiction: str = ""  # defaults to the source's
    measure: Measure
    period: str
    value: str = Text
    source: str = Text
    quote: Quotes
    estimate: Literal["true", "false"] = "false"
    as_written: str = ""  # how the quote writes the figure, where it differs from value:
    unusable: str = ""
    notes: str = ""
    flags: list[Flag] = Field(default_factory=list)

    _check_quotes = field_validator("quote")(classmethod(lambda cls, v: _quotes_not_empty(v)))


class BaselineIn(Strict):
    year: int = Field(ge=1949, le=2100)
    value: str = Text
    derivation: str = Text  # how the document implies it: only implied baselines are written here


class ClaimIn(Strict):
    target: Optional[str] = None  # given at the top level of a file, implied inside a target
    claim: Claimed
    text: str = Text
    source: str = Text
    quote: str = Text


class StatementIn(Strict):
    target: str = Text
    says: Says
    milestone: Optional[Literal["started", "completed", "connected", "in_operation"]] = None
    items: list[str] = Field(default_factory=list)
    reads_as: str = ""
    source: str = Text
    quote: Quotes
    notes: str = ""

    _check_quotes = field_validator("quote")(classmethod(lambda cls, v: _quotes_not_empty(v)))


class PlanClaimIn(Strict):
    plan: str = Text
    claim: Claimed
    text: str = Text
    source: str = Text
    quote: str = Text
    notes: str = ""


class TargetIn(Strict):
    id: str = TargetId
    plan: str = Text
    indicator: str = ""
    measure: Measure
    name_zh: str = ""
    name_en: str = ""
    jurisdiction: str = ""  # defaults to the plan's
    target: str = Text
    as_written: str = ""  # how the quote writes the figure, where it differs from target:
    direction: Optional[Direction] = None
    baseline: Optional[BaselineIn] = None
    due: str
    binding: Binding
    form_of: str = ""  # another form of the same plan row: the id of the target that decides it
    section: str = ""
    quote: Quotes
    source: Optional[str] = None
    notes: str = ""
    flags: list[Flag] = Field(default_factory=list)
    claims: list[ClaimIn] = Field(default_factory=list)
    milestone: str = ""  # for a project: the plan's verb, as written
    items: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)
    aliases: list[Annotated[str, TargetId]] = Field(default_factory=list)  # ids it had before: links keep working
    topic: Optional[Topic] = None  # defaults to its indicator's; required without one

    _check_quotes = field_validator("quote")(classmethod(lambda cls, v: _quotes_not_empty(v)))


class AdjustmentIn(Strict):
    target: str = Text  # the original target's id
    says: Adjusts
    value: str = Text  # the new goal, as the later document writes it
    as_written: str = ""
    source: str = Text
    quote: Quotes
    notes: str = ""

    _check_quotes = field_validator("quote")(classmethod(lambda cls, v: _quotes_not_empty(v)))


SECTIONS = {
    "jurisdictions": JurisdictionIn, "sources": SourceIn, "plans": PlanIn,
    "indicators": IndicatorIn, "observations": ObservationIn, "targets": TargetIn,
    "claims": ClaimIn, "statements": StatementIn, "plan_claims": PlanClaimIn, "adjustments": AdjustmentIn,
}
RETIRED = {
    "outcomes": "outcomes became observations: record each figure under observations: with its "
                "indicator and measure (CURATING.md, observations)",
}



_LIGHT: dict[type, tuple[type, tuple[int, ...]]] = {}


def _holds_model(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(a) for a in get_args(annotation))


def light(model: BaseModel):
    """The validated entry as a plain named tuple with the same attributes (nested entries too):
    the model's values without pydantic's own bookkeeping (a dict and a set an entry), so that
    a national corpus's entries fit in memory."""
    kind = type(model)
    if kind not in _LIGHT:
        names = tuple(kind.model_fields)
        _LIGHT[kind] = (namedtuple(kind.__name__, names),
                        tuple(i for i, f in enumerate(kind.model_fields.values()) if _holds_model(f.annotation)))
    cls, nested = _LIGHT[kind]
    given = model.__dict__
    values = [given[name] for name in cls._fields]
    for i in nested:
        value = values[i]
        if isinstance(value, BaseModel):
            values[i] = light(value)
        elif isinstance(value, list):
            values[i] = [light(v) for v in value]
    return cls._make(values)
