"""The corpus as plain values: every record xjtrack holds, defined once.

The database's tables, its inserts and its read-back are all derived from these dataclasses
(xjtrack.store.schema), so a field added here is a column everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from xjtrack.core.periods import DocDate, Period
from xjtrack.core.phrases import Reason
from xjtrack.core.quantity import Quantity
from xjtrack.core.vocab import (
    GROWTH_PRICES,
    Binding,
    Claimed,
    Kind,
    Measure,
    Prices,
    Says,
    SourceKind,
    Status,
    Topic,
    one_of,
    such_as,
)

# What each stored column holds, for datasette/metadata.json (xjtrack.store.describe). A record's
# DOCS, right after its fields, describes its columns by name: a field's own column, and the
# columns a field makes (goal_text, due_start, figure_unit …). Fields several records share are
# described once here; a record's DOCS says what is its own. Vocabularies are written from their
# enums, never by hand.
SHARED = {
    "id": "Identifier", "name_zh": "Name in Chinese", "name_en": "Name in English", "notes": "Curator's notes",
    "file": "The curated data file it comes from", "position": "Order in the curated files",
    "flags": "Data-quality flags (JSON list)", "text": "Text", "plan": "Plan id",
    "jurisdiction": "Jurisdiction id", "indicator": "Indicator id", "source": "Source id",
    "source_date": "When the document was delivered", "source_date_precision": "year, month or day",
    "source_date_last_day": "Last day of that date", "period": "Year or period", "period_start": "First year",
    "period_end": "Last year", "direction": "up: more is better; down: less",
    "measure": such_as(Measure.level, Measure.yoy_growth, Measure.avg_annual_growth, Measure.change,
                       Measure.total),
    "binding": one_of(Binding), "claim": one_of(Claimed), "says": one_of(Says),
    "topic": f"One topic of a fixed list: {such_as(Topic.economy, Topic.transport, Topic.education)}",
    "quote_source": "Source of its quote", "quote_text": "Its quote", "quote_line": "Line of its quote",
    "quotes": "Where it stands (JSON)", "goal": "The target's number", "goal_text": "The target as written",
    "goal_high": "High end of a range", "goal_unit": "Its unit", "goal_comparator": "≥ <= ~ =",
    "goal_cumulative": "Written in [ ]", "goal_numeral": "The number as written in Chinese",
    "due": "Due year or period", "baseline_value": "That baseline's number",
    "milestone": "The plan's verb, or the milestone reported", "items": "Items of a list target (JSON list)",
    "as_of": "The date it was judged at", "status": "The verdict",
    "reason": "The verdict's one-line reason, in English",
    "reason_codes": "The codes of the reason's phrases (JSON list; the README lists them)",
    "progress": "Share of the required change achieved", "baseline_period": "Its period",
    "baseline_text": "The baseline as written", "claimed": "The document's own claim",
    "disputed": "The claim disagrees with the numbers",
    "silent": "No later document mentions the target in any way",
}


def docs(record) -> dict[str, str]:
    """The descriptions of a record's columns: the shared ones, and its own DOCS over them."""
    return {**SHARED, **getattr(record, "DOCS", {})}


@dataclass(frozen=True, kw_only=True, slots=True)
class Jurisdiction:
    id: str
    name_zh: str
    name_en: str
    parent: str = ""  # the level of government above, for the comparison across levels
    notes: str = ""
    DOCS = {"parent": "The level of government above"}


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"title_zh": "Title in Chinese", "title_en": "Title in English", "issuer": "Who issued it",
            "kind": one_of(SourceKind), "date": "Date, as precise as known",
            "date_precision": "year, month or day", "date_last_day": "The last day the date stands for",
            "publisher": "Who published it (news and analysis)",
            "reports_on": "The source id or title it reports on (news, analysis)",
            "version_of": "The source this is another version of"}

    @property
    def secondary(self) -> bool:
        from xjtrack.core.vocab import SECONDARY

        return self.kind in SECONDARY


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    source: str
    text: str
    line: int = 0  # where the quote starts in the archived text, once located
    DOCS = {"line": "Line in the archived text"}


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
class Proxy:
    """Another indicator whose figures may (or may not) judge this one's targets."""

    indicator: str
    comparable: bool
    flag: str = ""  # scope_changed or definition_changed
    note: str = ""
    bound: str = ""  # floor: its figures never exceed this indicator's; ceiling: never fall below
    DOCS = {"comparable": "May it stand in (1) or not (0)", "flag": "Flag it sets", "note": "Why",
            "bound": "floor or ceiling: what a stand-in can prove"}


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"unit": "The unit its levels are written in", "kind": one_of(Kind), "prices": one_of(Prices),
            "growth": f"How its growth is measured ({one_of(GROWTH_PRICES)})",
            "aliases": "Other names (JSON list)", "also_in": "Other unit families (JSON list)",
            "replaces": "Indicator it succeeds"}

    def growth_from_levels(self) -> bool:
        """Whether a growth rate may be computed from two of its levels: the same prices."""
        return self.prices != "nominal" or self.growth == "nominal"


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"value": "The figure, as a number", "value_text": "The figure as written",
            "value_high": "High end of a range", "value_unit": "Its unit",
            "value_comparator": "≥ <= ~ = from its qualifier", "value_cumulative": "Written in [ ]",
            "value_numeral": "The number as written in Chinese", "estimate": "Marked 预计 by the document",
            "unusable": "Why it cannot judge anything",
            "secondary": "From news or analysis: an original document's figure wins",
            "version": "From another version of a document: the official text wins"}

    @property
    def key(self) -> tuple[str, str, str, Period]:
        """What two vintages of the same figure share."""
        return self.indicator, self.jurisdiction, self.measure, self.period


def observation_id(indicator: str, jurisdiction: str, measure: str, period: Period, source: str) -> str:
    return f"{jurisdiction}/{indicator}/{measure}/{period}/{source}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Baseline:
    """A starting value the document implies without any document stating it."""

    year: int
    value: Quantity
    derivation: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """A document's own verdict on a target (专栏1's 完成 / 未完成)."""

    claim: str  # met or not_met
    text: str
    source: str
    source_date: DocDate
    quote: Quote
    file: str = ""  # the data file it is curated in
    position: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"reads_as": "The number the words imply", "reads_as_text": "As written",
            "reads_as_high": "High end", "reads_as_unit": "Unit", "reads_as_comparator": "Qualifier",
            "reads_as_cumulative": "Written in [ ]", "reads_as_numeral": "In Chinese numerals"}


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"due_start": "First year", "due_end": "Last year",
            "base_year": "The year progress is measured from",
            "baseline_year": "Year of a baseline the document implies", "baseline_value_text": "As written",
            "baseline_value_high": "High end", "baseline_value_unit": "Unit",
            "baseline_value_comparator": "Qualifier", "baseline_value_cumulative": "Written in [ ]",
            "baseline_value_numeral": "In Chinese numerals",
            "baseline_derivation": "How the document implies it", "section": "Where in the document",
            "attributes": "Figures that describe a project (JSON list)",
            "form_of": "The target whose form of the plan row decides ('' if it decides)",
            "aliases": "The ids it had before (JSON list): links to them find it",
            "section_name": "The section with its headings' names (第五章 加快…)"}

    @property
    def span(self) -> Period:
        """The period a growth, change or total target runs over: from the base year to the due year."""
        return Period(self.base_year + 1, self.due.end)


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
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
    DOCS = {"target": "Target id",
            "reason_phrases": "The reason as phrases: each a code and its values (JSON)",
            "actual": "The deciding figure in the target's unit",
            "figure_indicator": "Indicator of the figure", "figure_measure": "Its measure",
            "figure_period": "Its period", "figure_period_start": "First year",
            "figure_period_end": "Last year", "figure_value": "The figure", "figure_unit": "Its unit",
            "figure_text": "As written or computed", "figure_how": "How it was derived ('' if reported)",
            "figure_how_codes": "The codes of its derivation (JSON list)",
            "figure_how_phrases": "Its derivation as phrases (JSON)",
            "figure_observations": "Observations it rests on (JSON)",
            "figure_flag": "Flag of a stand-in indicator", "baseline_indicator": "Indicator of the baseline",
            "baseline_measure": "Its measure", "baseline_period_start": "First year",
            "baseline_period_end": "Last year", "baseline_unit": "Its unit",
            "baseline_how": "How it was derived",
            "baseline_how_codes": "The codes of its derivation (JSON list)",
            "baseline_how_phrases": "Its derivation as phrases (JSON)",
            "baseline_observations": "Observations it rests on (JSON)", "baseline_flag": "Flag",
            "claim_text": "The claim's words",
            "interim": f"For awaiting_final: the last interim verdict ({such_as(Status.on_track, Status.behind)})",
            "goal_in_force": "The goal of the later version in force, if adjusted",
            "adjusted_by": "The source of that later version",
            "original_goal": "The goal as first set, if adjusted",
            "original_status": "The verdict on the goal as first set, if adjusted"}


@dataclass(frozen=True, kw_only=True)
class Holding(Verdict):
    """A verdict in a target's history: judged as of the first day it holds (as_of), it holds
    until the day before until, or still holds (None). `status --as-of` reads the one holding then."""

    until: date | None = None
    DOCS = {**Verdict.DOCS, "as_of": "The first day the verdict holds (it is judged as of then)",
            "until": "The first day it no longer holds (null: it still holds)"}

    def verdict(self, as_of: date) -> Verdict:
        """The verdict as judged as of a day it holds."""
        return Verdict(**{f: getattr(self, f) for f in VERDICT_FIELDS}, as_of=as_of)


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


VERDICT_FIELDS = tuple(f.name for f in fields(Verdict) if f.name != "as_of")
