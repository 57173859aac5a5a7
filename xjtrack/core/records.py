"""The corpus as plain values: every record xjtrack holds, defined once.

The database's tables, its inserts and its read-back are all derived from these dataclasses
(xjtrack.store.schema), so a field added here is a column everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.phrases import Reason
from xjtrack.core.quantity import Quantity


@dataclass(frozen=True, kw_only=True)
class Jurisdiction:
    id: str
    name_zh: str
    name_en: str
    parent: str = ""  # the level of government above, for the comparison across levels
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
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
    publisher: str = ""  # for news and analysis: who published it (they have no issuer)
    reports_on: str = ""  # for news and analysis: the source id, or the title, of the document it reports
    version_of: str = ""  # the source id of the document this is another version of (delivered vs posted)

    @property
    def secondary(self) -> bool:
        from xjtrack.core.vocab import SECONDARY

        return self.kind in SECONDARY


@dataclass(frozen=True, kw_only=True)
class Quote:
    source: str
    text: str
    line: int = 0  # where the quote starts in the archived text, once located


@dataclass(frozen=True, kw_only=True)
class PlanClaim:
    """What a document says about a whole plan (“十三五”规划圆满收官), set beside the computed counts."""

    claim: str  # met or not_met
    text: str  # the document's words
    source: str
    source_date: DocDate
    quote: Quote
    notes: str = ""
    file: str = ""  # the data file it is curated in
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class Plan:
    id: str
    name_zh: str
    name_en: str
    jurisdiction: str
    period: Period
    source: str
    notes: str = ""
    position: int = 0  # the order targets.yaml lists the plans in
    claims: tuple[PlanClaim, ...] = ()

    def seen_at(self, as_of: date) -> Plan:
        """The plan with only the claims of documents delivered on or before as_of."""
        claims = tuple(c for c in self.claims if c.source_date.last_day() <= as_of)
        return self if claims == self.claims else replace(self, claims=claims)


@dataclass(frozen=True, kw_only=True)
class Proxy:
    """Another indicator whose figures may (or may not) judge this one's targets."""

    indicator: str
    comparable: bool
    flag: str = ""  # scope_changed or definition_changed
    note: str = ""
    bound: str = ""  # floor: its figures never exceed this indicator's; ceiling: never fall below


@dataclass(frozen=True, kw_only=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    direction: str
    prices: str
    growth: str = ""  # for nominal prices: whether its growth rates are real or nominal
    aliases: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()  # other unit families the documents use
    replaces: str = ""  # the indicator this one succeeds after a change of definition
    proxies: tuple[Proxy, ...] = ()
    notes: str = ""
    topic: str = ""  # a Topic: what it is about, for browsing

    def growth_from_levels(self) -> bool:
        """Whether a growth rate may be computed from two of its levels: the same prices."""
        return self.prices != "nominal" or self.growth == "nominal"


@dataclass(frozen=True, kw_only=True)
class Observation:
    """One figure a document reports: an indicator in a jurisdiction over a period."""

    id: str  # jurisdiction/indicator/measure/period/source: one per document and figure
    indicator: str
    jurisdiction: str
    measure: str
    period: Period
    value: Quantity
    source: str
    source_date: DocDate  # the vintage: when the reporting document was delivered
    quotes: tuple[Quote, ...]
    estimate: bool = False  # the document marks it 预计
    unusable: str = ""  # why it cannot judge anything; shown, never used
    notes: str = ""
    flags: tuple[str, ...] = ()
    file: str = ""  # the data file it is curated in
    position: int = 0
    secondary: bool = False  # reported by news or analysis: an original document's figure wins over it
    version: bool = False  # reported by another version of a document (version_of): the official text wins

    @property
    def key(self) -> tuple[str, str, str, Period]:
        """What two vintages of the same figure share."""
        return self.indicator, self.jurisdiction, self.measure, self.period


def observation_id(indicator: str, jurisdiction: str, measure: str, period: Period, source: str) -> str:
    return f"{jurisdiction}/{indicator}/{measure}/{period}/{source}"


@dataclass(frozen=True, kw_only=True)
class Baseline:
    """A starting value the document implies without any document stating it."""

    year: int
    value: Quantity
    derivation: str


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A document's own verdict on a target (专栏1's 完成 / 未完成)."""

    claim: str  # met or not_met
    text: str
    source: str
    source_date: DocDate
    quote: Quote
    file: str = ""  # the data file it is curated in
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class Statement:
    """A later document's words about a target: done, partly done, under way, not done, or only mentioned."""

    says: str
    source: str
    source_date: DocDate
    quotes: tuple[Quote, ...]
    milestone: str = ""  # for a project: started, completed, connected, in_operation
    items: tuple[str, ...] = ()  # for a list target: the items it speaks of
    reads_as: Quantity | None = None  # for a numeric target: the value the words imply
    notes: str = ""
    file: str = ""  # the data file it is curated in
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class Adjustment:
    """A later document's new version of a target: a mid-term adjustment, or a restatement with a
    new number. In force from its document's date; the original stays on record."""

    says: str  # adjusted or restated
    goal: Quantity
    source: str
    source_date: DocDate
    quotes: tuple[Quote, ...]
    notes: str = ""
    file: str = ""  # the data file it is curated in
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class Target:
    id: str
    plan: str
    jurisdiction: str
    indicator: str  # "" for a qualitative target with no indicator
    measure: str
    goal: Quantity  # as the document writes it; for a qualitative target, its words (no value)
    name_zh: str  # what the target is about, where narrower than its indicator ("" otherwise)
    name_en: str
    direction: str  # "up" or "down", resolved
    due: Period
    base_year: int  # the year progress is measured from: the year before the plan or due period starts
    binding: str
    quotes: tuple[Quote, ...]
    source: str
    source_date: DocDate  # when the plan that sets it was delivered
    baseline: Baseline | None = None
    section: str = ""
    notes: str = ""
    flags: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    statements: tuple[Statement, ...] = ()
    milestone: str = ""  # for a project: the plan's verb, as written (建成, 开工, 推进 …)
    items: tuple[str, ...] = ()  # for a list target: the items the plan names
    attributes: tuple[str, ...] = ()  # for a project: "capacity: 120万千瓦" and the like, not judged
    form_of: str = ""  # another form of one plan row (a level also stated as a change): the deciding target
    file: str = ""
    position: int = 0
    aliases: tuple[str, ...] = ()  # the ids it had before (renamed or merged), which still find it
    topic: str = ""  # a Topic: its own, or its indicator's
    section_name: str = ""  # its section with the names of the source's headings (第五章 加快…)
    versions: tuple[Adjustment, ...] = ()  # later versions of the target, oldest first (core.lineage)

    @property
    def span(self) -> Period:
        """The period a growth, change or total target runs over: from the base year to the due year."""
        return Period(self.base_year + 1, self.due.end)


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A value a verdict rests on: reported by a document, or derived from reported ones."""

    indicator: str
    measure: str
    period: Period
    value: float  # in unit
    unit: str
    text: str  # as written, or as computed ("5.17个百分点")
    how: Reason = ()  # () when a document reports it; else how it was derived, as phrases
    observations: tuple[str, ...] = ()  # the ids of the observations it rests on
    flag: str = ""  # set when a related indicator stands in (scope_changed …)


@dataclass(frozen=True, kw_only=True)
class Verdict:
    target: str
    as_of: date
    status: str
    reason: Reason  # why, as phrases: the database holds its English rendering and its codes
    progress: float | None = None
    actual: float | None = None  # the deciding figure in the target's unit
    figure: Figure | None = None  # what decided
    baseline: Figure | None = None  # what progress was measured from
    claimed: str = ""  # the document's own claim (met, not_met), beside the computed verdict
    claim_text: str = ""
    disputed: bool = False
    flags: tuple[str, ...] = ()
    silent: bool = False  # no later document mentions the target in any way
    interim: str = ""  # for awaiting_final: the last interim verdict (on_track, behind …)
    goal_in_force: str = ""  # where a later version of the target is in force: its goal (core.lineage)
    adjusted_by: str = ""  # ... the source of that version
    original_goal: str = ""  # ... the goal as first set
    original_status: str = ""  # ... and the verdict the original goal would get


@dataclass
class Corpus:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    observations: dict[str, Observation] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    inputs: dict[str, dict] = field(default_factory=dict)  # file read -> sha256, size, mtime_ns
    texts: dict[str, str] = field(default_factory=dict)  # source id -> its archived text, as read

    def default_as_of(self) -> date:
        """Judge as of the newest document: the latest day its recorded date can stand for."""
        return max(s.date.last_day() for s in self.sources.values())

    def first_date(self) -> date:
        return min(s.date.last_day() for s in self.sources.values())
