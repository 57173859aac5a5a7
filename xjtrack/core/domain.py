"""The corpus as plain values: what the judging, the database and the reports work on."""

from __future__ import annotations

from dataclasses import dataclass, field

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.quantity import Quantity

METRICS = (
    "level", "avg_annual_growth", "yoy_growth", "cumulative", "share", "change", "reduction",
    "qualitative",
)
GROWTH_METRICS = ("avg_annual_growth", "yoy_growth")
JURISDICTIONS = ("xinjiang", "urumqi", "xpcc")
BINDING = ("binding", "expected", "unspecified")
FLAGS = (
    "revised_baseline", "real_vs_nominal", "definition_changed", "scope_changed", "source_typo",
    "ambiguous", "indicative",
)
STATUSES = ("met", "partial", "missed", "on_track", "behind", "pending", "unassessable")


@dataclass(frozen=True)
class Source:
    id: str
    title_zh: str
    title_en: str
    issuer: str
    jurisdiction: str
    kind: str
    date: DocDate
    file: str
    notes: str = ""


@dataclass(frozen=True)
class Plan:
    id: str
    name_zh: str
    name_en: str
    jurisdiction: str
    period: Period
    source: str
    notes: str = ""


@dataclass(frozen=True)
class Quote:
    source: str
    text: str
    line: int = 0  # where the quote starts in the archived text, once located


@dataclass(frozen=True)
class Outcome:
    target: str
    value: Quantity
    period: Period
    source: str
    source_date: DocDate
    quote: Quote
    notes: str = ""
    flags: tuple[str, ...] = ()
    not_comparable: str = ""
    position: int = 0  # order in the curated files, to break ties between equal dates


@dataclass(frozen=True)
class Claim:
    target: str
    claim: str  # "met" or "not_met"
    text: str
    source: str
    source_date: DocDate
    quote: Quote


@dataclass(frozen=True)
class Baseline:
    year: int
    value: Quantity
    derivation: str = ""  # empty when the document states the value


@dataclass(frozen=True)
class Target:
    id: str
    plan: str
    jurisdiction: str
    indicator: str
    indicator_en: str
    metric: str
    target: Quantity | None  # None for qualitative targets
    target_text: str
    direction: str  # "up" or "down", resolved
    due: Period
    binding: str
    quotes: tuple[Quote, ...]
    source_date: DocDate  # when the plan that sets it was delivered
    baseline: Baseline | None = None
    section: str = ""
    notes: str = ""
    flags: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    claims: tuple[Claim, ...] = ()
    position: int = 0


@dataclass
class Corpus:
    sources: dict[str, Source] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)  # file read -> sha256 of its bytes
    texts: dict[str, str] = field(default_factory=dict)  # source id -> its archived text, as read

    def default_as_of(self):
        """Judge as of the newest document: the latest day its recorded date can stand for."""
        return max(s.date.last_day() for s in self.sources.values())
