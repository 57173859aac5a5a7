"""What a draft proposes beside its entries: an indicator for a name the registry lacks, and a
plan for targets that no plan of the document covers.

A proposed indicator takes the document's words as its name_zh; its unit is the unit of its first
level figure (a rate's where the name says 率 or 比重); its kind follows from the name (增加值,
收入, 产量 … are flows; 率, 比重 rates; anything else a stock); its id is made from the English of
the words it knows (第一产业增加值 is primary-industry-va), else numbered. A proposed plan is the
year's plan (xj-2022) for targets of one year no later than the document's next year, else the
Five-Year Plan that holds the targets' period (xj-15fyp). Everything proposed is reviewed like
any entry: the id and the English name in particular.
"""

from __future__ import annotations

import re

from xjtrack.core.periods import Period, plan_years
from xjtrack.core.quantity import parse_quantity
from xjtrack.core.records import Indicator, Plan, Source
from xjtrack.core.vocab import Measure

GLOSSARY = (  # the words an id is made of, longest first where they overlap
    ("规模以上工业企业", "above-scale-industrial-enterprises"), ("第一产业", "primary-industry"),
    ("第二产业", "secondary-industry"), ("第三产业", "tertiary-industry"), ("制造业", "manufacturing"),
    ("高技术", "hi-tech"), ("规模以上", "above-scale"), ("工业", "industry"), ("服务业", "services"),
    ("建筑业", "construction"), ("增加值", "va"), ("利润总额", "profit"), ("利润", "profit"),
    ("营业收入", "revenue"), ("常住人口", "resident-population"), ("发电量", "power-generation"),
    ("货物周转量", "freight-turnover"), ("旅客", "passengers"), ("进口", "imports"), ("出口", "exports"),
    ("存款", "deposits"), ("贷款", "loans"), ("连队", "company"), ("农村", "rural"), ("城镇", "urban"),
    ("人均", "per-capita"), ("投资", "investment"), ("产量", "output"), ("面积", "area"), ("收入", "income"),
    ("支出", "spending"), ("总额", "total"), ("消费", "consumption"), ("增速", "growth"),
)
FLOW_WORDS = re.compile("增加值|总值|收入|支出|产量|总额|投资|销售|消费|就业|发电量|利润|周转量|进出口|出口|进口|"
                        "营业额|吞吐量|人次|游客")
RATE_WORDS = re.compile("率|比重|占比|比例")
PREFIXES = {"xinjiang": "xj"}
TOPICS = (  # the first whose words the name holds; else economy (CURATING.md, Topics)
    ("agriculture", "农|粮|棉|畜|果|牧|渔"), ("industry", "工业|制造|规模以上|企业"),
    ("energy", "电|能源|煤|油|天然气"), ("transport", "铁路|公路|航|运输|交通|货运|客运"),
    ("employment-income", "就业|收入|工资"), ("culture-tourism", "旅游|游客|文化"),
    ("opening-up", "进出口|外贸|出口|进口|外资"), ("education", "教育|学校|学生"),
    ("health", "医|卫生|健康"), ("social-security", "养老|保险|社保|低保"),
    ("housing-urban", "住房|城镇化|城市"), ("science-technology", "研发|专利|科技"),
    ("environment", "森林|空气|水质|排放|环境|绿"),
)
# words that can name a quantity end as quantities' names do (增加值, 收入, 产量, 比重, 人口 …); the
# others (具体要抓好以下, 推进阜康) are a sentence's words, left as a note
NAME_END = re.compile("(?:值|额|量|率|比重|占比|数|人口|收入|支出|面积|里程|投资|资金|规模|指数|价格|利润|增速|消费|"
                      "人次|就业|产能|装机|总值|储量|存款|贷款|税收|营收|营业收入)$")
NOT_A_NAME = re.compile("以下|(?<!规模)以上|抓好|落实|推进|推动|确保|促进|完成|实施|开展|加快|力争|其中")


def names_a_quantity(words: str) -> bool:
    """Whether the words a figure stands after can be proposed as an indicator's name."""
    return 2 <= len(words) <= 24 and bool(NAME_END.search(words)) and not NOT_A_NAME.search(words)


def _slug(words: str) -> str:
    parts, at = [], 0
    while at < len(words):
        for zh, en in GLOSSARY:
            if words.startswith(zh, at):
                parts.append(en)
                at += len(zh)
                break
        else:
            at += 1
    return "-".join(dict.fromkeys(parts))


def propose_indicator(words: str, values: list[tuple[Measure, str]], taken: set[str]) -> Indicator:
    """An indicator entry for words, from the figures read for it (measure, value as written)."""
    levels = [parse_quantity(v).unit.text for m, v in values if m == Measure.level]
    rate = bool(RATE_WORDS.search(words[-3:]))
    unit = "%" if rate else next((u for u in levels if u not in ("%", "‰")), levels[0] if levels else "")
    kind = "rate" if rate or unit in ("%", "‰") else "flow" if FLOW_WORDS.search(words) else "stock"
    slug = _slug(words) or "indicator"
    ident, n = f"new-{slug}", 2
    while ident in taken:
        ident, n = f"new-{slug}-{n}", n + 1
    taken.add(ident)
    english = slug.replace("-", " ") if _slug(words) else "to be named"
    prices = "nominal" if "元" in unit else "none"
    topic = next((t for t, found in TOPICS if re.search(found, words)), "economy")
    return Indicator(id=ident, name_zh=words, name_en=f"{english} (proposed; check)", unit=unit, kind=kind,
                     direction="up", prices=prices,
                     growth="real" if prices == "nominal" else "", topic=topic)


def plan_id_prefix(source: Source) -> str:
    return PREFIXES.get(source.jurisdiction, source.jurisdiction)


def propose_plan(source: Source, due: Period, taken: dict[str, Plan]) -> Plan:
    """The plan targets due in this period belong to: an existing one of that id (a placeholder
    may point at another document: the targets then name this one as their source), else a new one."""
    prefix = plan_id_prefix(source)
    annual = due.years == 1 and due.start <= source.date.year + 1 and source.kind != "plan"
    if annual:
        ident, period = f"{prefix}-{due.start}", due
        name_zh, name_en = f"{due.start}年度目标", f"annual targets for {due.start}"
    else:
        number = (due.start - 1966) // 5 + 3
        period = plan_years(number)
        if due.end > period.end:
            number, period = number + 1, plan_years(number + 1)
        ident = f"{prefix}-{number}fyp"
        name_zh, name_en = f"第{_numeral(number)}个五年规划", f"{number}th Five-Year Plan"
    if ident in taken:
        return taken[ident]
    return Plan(id=ident, name_zh=name_zh, name_en=f"{name_en} (proposed; check)",
                jurisdiction=source.jurisdiction, period=period, source=source.id)


def _numeral(number: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
