"""Every closed vocabulary, defined once: the models, the judging, the database and the CLI's
choice lists all use these."""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    """What a figure or a target measures about an indicator over its period."""

    level = "level"  # the value in (or at the end of) a year
    yoy_growth = "yoy_growth"  # growth over the year before, %
    avg_annual_growth = "avg_annual_growth"  # average annual growth over a period, %
    cumulative_growth = "cumulative_growth"  # growth over a whole period, % (+ a rise)
    reduction = "reduction"  # a fall over a period, % of the starting level (+ a fall)
    change = "change"  # the change of a level over a period, in its unit or 百分点
    total = "total"  # a flow summed over a period
    annual_average = "annual_average"  # a flow's average yearly amount over a period
    multiple = "multiple"  # the end level over the level before the period, 倍
    qualitative = "qualitative"  # a target with no number to judge (targets only)
    project = "project"  # a named project and the milestone the plan asks for (targets only)


WORDS_ONLY = (Measure.qualitative, Measure.project)  # targets judged from statements, not figures


GROWTH = (Measure.yoy_growth, Measure.avg_annual_growth)
RELATIVE = (Measure.yoy_growth, Measure.avg_annual_growth, Measure.cumulative_growth,
            Measure.reduction)  # measures in % of a level, which need comparable prices
OVER_A_PERIOD = (Measure.avg_annual_growth, Measure.cumulative_growth, Measure.reduction,
                 Measure.change, Measure.total, Measure.annual_average, Measure.multiple)


class Kind(StrEnum):
    stock = "stock"  # a level at a moment: railway length, number of firms
    flow = "flow"  # an amount per period: GDP, investment, new jobs
    rate = "rate"  # a ratio or share: urbanisation rate, coverage
    index = "index"  # a price index, reported as its rise: CPI


class Prices(StrEnum):
    nominal = "nominal"  # money in current prices
    real = "real"  # money at constant prices, or a ratio of them
    none = "none"  # not money


class Direction(StrEnum):
    up = "up"  # more is better
    down = "down"  # less is better


class Binding(StrEnum):
    binding = "binding"  # 约束性
    expected = "expected"  # 预期性
    unspecified = "unspecified"


class SourceKind(StrEnum):
    plan = "plan"
    work_report = "work_report"
    bulletin = "bulletin"  # a statistical bulletin (统计公报): one year's results, as the statistics bureau gives them
    news = "news"  # a news article reporting a document or its figures: a secondary source
    analysis = "analysis"  # a commentary or analysis of a document: a secondary source


SECONDARY = (SourceKind.news, SourceKind.analysis)  # sources that report on a document, never one themselves
GROWTH_PRICES = (Prices.real, Prices.nominal)  # how an indicator in nominal prices measures its growth


class Flag(StrEnum):
    """Data-quality flags a curator sets, each explained in the record's notes."""

    real_vs_nominal = "real_vs_nominal"
    definition_changed = "definition_changed"
    scope_changed = "scope_changed"
    source_typo = "source_typo"
    ambiguous = "ambiguous"
    indicative = "indicative"


class AutoFlag(StrEnum):
    """Flags xjtrack sets itself, from the data."""

    revised = "revised"  # a figure used was revised between documents
    derived = "derived"  # the deciding figure is computed from reported ones
    proxy = "proxy"  # judged from a related indicator
    read_from_words = "read_from_words"  # a figure the document's words imply (所有行政村: 100%)
    single_year = "single_year"  # one year's growth stands in for a period's average growth
    adjusted = "adjusted"  # judged against a later version of the target (core.lineage)
    lowered_after_miss = "lowered_after_miss"  # an adjustment lowered the target while it was missed or behind


class Status(StrEnum):
    met = "met"
    partial = "partial"
    missed = "missed"
    on_track = "on_track"
    behind = "behind"
    awaiting_final = "awaiting_final"  # past due, no final figure yet: the last interim verdict is kept
    reported_done = "reported_done"  # the document's word, not a measured result
    reported_partly_done = "reported_partly_done"
    reported_under_way = "reported_under_way"
    reported_not_done = "reported_not_done"
    pending = "pending"
    unassessable = "unassessable"


REPORTED = (Status.reported_done, Status.reported_partly_done, Status.reported_under_way,
            Status.reported_not_done)


class Says(StrEnum):
    """What a later document's words say about a target."""

    done = "done"
    partly_done = "partly_done"
    under_way = "under_way"
    not_done = "not_done"
    mentioned = "mentioned"  # spoken of, with no verdict that can be drawn


class Milestone(StrEnum):
    started = "started"
    completed = "completed"
    connected = "connected"
    in_operation = "in_operation"
    progress = "progress"  # the plan's verb promises no completion (推进, 加快)


# how far a project has come (progress promises no milestone, so it has no rank)
MILESTONE_RANK = {Milestone.started: 1, Milestone.completed: 2, Milestone.connected: 2, Milestone.in_operation: 3}

# The plan's verb, as written, and the milestone it promises (CURATING.md, Projects)
VERBS = {
    "开工": "started", "新开工": "started", "开工建设": "started", "启动": "started", "启动建设": "started",
    "建成": "completed", "完成": "completed", "全面完成": "completed", "竣工": "completed",
    "建成投运": "completed", "打造成": "completed", "基本建成": "completed",
    "投产": "in_operation", "投运": "in_operation", "投入运营": "in_operation", "建成投产": "in_operation",
    "运营": "in_operation", "建成运营": "in_operation",
    "贯通": "connected", "通车": "connected", "全线贯通": "connected", "建成通车": "connected",
    "推进": "progress", "加快": "progress", "加快推进": "progress", "积极推进": "progress",
    "全面推进": "progress", "推动": "progress", "建设": "progress", "加快建设": "progress",
    "重点建设": "progress", "实施": "progress", "新建": "progress", "改扩建": "progress",
    "新建改扩建": "progress", "推进建设": "progress",
}


class Topic(StrEnum):
    """What an indicator (and the targets on it) is about: a short fixed list for browsing."""

    economy = "economy"
    industry = "industry"
    agriculture = "agriculture"
    energy = "energy"
    transport = "transport"
    environment = "environment"
    education = "education"
    health = "health"
    employment_income = "employment-income"
    housing_urban = "housing-urban"
    social_security = "social-security"
    culture_tourism = "culture-tourism"
    opening_up = "opening-up"
    governance = "governance"
    science_technology = "science-technology"


TOPIC_NAMES = {  # each topic's name in Chinese and in English, in the order of the list
    Topic.economy: ("经济", "Economy"),
    Topic.industry: ("工业", "Industry"),
    Topic.agriculture: ("农业农村", "Agriculture"),
    Topic.energy: ("能源", "Energy"),
    Topic.transport: ("交通", "Transport"),
    Topic.environment: ("生态环境", "Environment"),
    Topic.education: ("教育", "Education"),
    Topic.health: ("卫生健康", "Health"),
    Topic.employment_income: ("就业和收入", "Employment and income"),
    Topic.housing_urban: ("住房和城乡建设", "Housing and urban"),
    Topic.social_security: ("社会保障", "Social security"),
    Topic.culture_tourism: ("文化和旅游", "Culture and tourism"),
    Topic.opening_up: ("对外开放", "Opening-up"),
    Topic.governance: ("治理", "Governance"),
    Topic.science_technology: ("科技", "Science and technology"),
}


class Adjusts(StrEnum):
    """How a later document changes a target."""

    adjusted = "adjusted"  # formally adjusted (a mid-term evaluation's adjustment plan)
    restated = "restated"  # restated with a new number (an annual report, the next plan's baseline)


class Claimed(StrEnum):
    met = "met"
    not_met = "not_met"


class Language(StrEnum):
    en = "en"
    zh = "zh"


def one_of(values) -> str:
    """A whole vocabulary (an enum, or a tuple of its members) as words: "a, b or c"."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def such_as(*members: StrEnum) -> str:
    """Some members of a vocabulary as examples: "a, b, c …"."""
    return f"{', '.join(str(m) for m in members)} …"
