"""`xjtrack show`: everything about one target, as one structure that both the text and the
JSON are written from, so the JSON holds everything the text shows."""

from __future__ import annotations

from xjtrack.core.records import Corpus, Observation, Target, Verdict
from xjtrack.core.wording import english
from xjtrack.output.i18n import STATUS_WORDS, named
from xjtrack.output.render import bar
from xjtrack.output.textable import paint, wrap
from xjtrack.safe import one_line

STYLE = {"met": "bold green", "partial": "yellow", "missed": "bold red", "on_track": "green",
         "behind": "red", "awaiting_final": "dim yellow", "pending": "dim", "unassessable": "blue", "reported_done": "cyan",
    "reported_partly_done": "cyan", "reported_under_way": "cyan", "reported_not_done": "magenta"}


def _quote(q) -> dict:
    return {"text": q.text, "source": q.source, "line": q.line}


def _observation(o: Observation, corpus: Corpus) -> dict:
    source = corpus.sources.get(o.source)
    return {"id": o.id, "indicator": o.indicator, "jurisdiction": o.jurisdiction, "measure": o.measure,
            "period": str(o.period), "value": o.value.text, "source": o.source,
            "source_kind": source.kind if source else None, "secondary": o.secondary,
            "version_of": (source.version_of or None) if source else None,
            "source_date": str(o.source_date), "estimate": o.estimate, "unusable": o.unusable or None,
            "notes": o.notes or None, "flags": list(o.flags), "quotes": [_quote(q) for q in o.quotes]}


def details(target: Target, verdict: Verdict, corpus: Corpus, timeline: list[tuple]) -> dict:
    """Everything show prints about one target."""
    plan = corpus.plans[target.plan]
    indicator = corpus.indicators.get(target.indicator)
    name_zh = target.name_zh or (indicator.name_zh if indicator else "")
    name_en = target.name_en or (indicator.name_en if indicator else "")
    used = set(verdict.figure.observations if verdict.figure else ())
    based = set(verdict.baseline.observations if verdict.baseline else ())
    seen = verdict.as_of  # only what documents delivered by then say: figures, claims
    series = sorted((o for o in corpus.observations.values() if o.indicator == target.indicator
                     and o.jurisdiction == target.jurisdiction and o.source_date.last_day() <= seen),
                    key=lambda o: (o.measure, o.period.start, o.period.end, o.source_date.last_day()))
    return {
        "id": target.id,
        "name_zh": named(name_zh, name_en, target.measure, "zh"),
        "name_en": named(name_zh, name_en, target.measure, "en"),
        "plan": {"id": plan.id, "name_en": plan.name_en, "name_zh": plan.name_zh, "period": str(plan.period)},
        "jurisdiction": target.jurisdiction,
        "indicator": None if indicator is None else {
            "id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
            "unit": indicator.unit, "kind": indicator.kind, "prices": indicator.prices},
        "target": target.goal.text, "measure": target.measure, "due": str(target.due),
        "binding": target.binding, "direction": target.direction,
        "quotes": [_quote(q) for q in target.quotes], "section": target.section_name or target.section or None,
        "notes": target.notes or None, "flags": list(verdict.flags),
        "stated_baseline": None if target.baseline is None else {
            "year": target.baseline.year, "value": target.baseline.value.text,
            "derivation": target.baseline.derivation},
        "verdict": {"status": verdict.status, "reason": english(verdict.reason), "progress": verdict.progress,
                    "as_of": verdict.as_of.isoformat(), "disputed": verdict.disputed,
                    "claimed": verdict.claimed or None},
        "figure": None if verdict.figure is None else {
            "text": verdict.figure.text, "period": str(verdict.figure.period),
            "measure": verdict.figure.measure, "indicator": verdict.figure.indicator,
            "derivation": english(verdict.figure.how) or None, "observations": list(verdict.figure.observations)},
        "baseline": None if verdict.baseline is None else {
            "text": verdict.baseline.text, "period": str(verdict.baseline.period),
            "derivation": english(verdict.baseline.how) or None,
            "observations": list(verdict.baseline.observations)},
        "decided_by": _decided_by(verdict, corpus),
        "observations": [{**_observation(o, corpus), "role": "decides" if o.id in used else
                          "baseline" if o.id in based else "series"} for o in series],
        "used_elsewhere": [_observation(corpus.observations[i], corpus) for i in sorted(used | based)
                           if corpus.observations[i].indicator != target.indicator],
        "claims": [{"claim": c.claim, "words": c.text, "quote": _quote(c.quote),
                    "source_date": str(c.source_date)} for c in target.claims
                   if c.source_date.last_day() <= seen],
        "timeline": [{"date": d, "source": s, "status": st} for d, s, st in timeline],
        "lineage": _lineage(target),
        "original_verdict": None if not verdict.original_goal else {
            "goal": verdict.original_goal, "status": verdict.original_status},
    }


def _lineage(target: Target) -> list[dict]:
    """The target's versions, the original first, each with its quotes; empty if it never changed."""
    from xjtrack.core.lineage import lineage

    if not target.versions:
        return []
    return [{"says": v.says, "goal": v.goal, "source": v.source, "source_date": v.source_date,
             "quotes": [_quote(q) for q in v.quotes], "notes": v.notes or None} for v in lineage(target)]


def _decided_by(verdict: Verdict, corpus: Corpus) -> list[dict]:
    """The sources of the figures that decided the verdict, with their kind."""
    ids = verdict.figure.observations if verdict.figure else ()
    found = sorted({corpus.observations[i].source for i in ids if i in corpus.observations})
    return [{"source": s, "kind": corpus.sources[s].kind, "secondary": corpus.sources[s].secondary}
            for s in found if s in corpus.sources]


KIND_WORDS = {"plan": "a plan", "work_report": "a work report", "bulletin": "a statistical bulletin",
              "news": "news, a secondary source", "analysis": "analysis, a secondary source"}


def _where(q: dict) -> str:
    return f"{q['source']}, line {q['line']}"


def text(info: dict, width: int | None, colour: bool, lang: str = "en") -> str:
    """The details as text: labelled lines, wrapped (never cut) at width, or not at all."""
    words = STATUS_WORDS[lang]
    lines: list[str] = []

    def put(label: str, value: str, style: str = "") -> None:
        value = one_line(value)
        room = None if width is None else max(20, width - 12)
        parts = [value] if room is None else wrap(value, room)
        for n, part in enumerate(parts):
            lead = f"{label:<10}  " if n == 0 else " " * 12
            lines.append(paint(lead, "dim", colour) + paint(part, style, colour))

    lines.append(paint(one_line(f"{info['id']}  {info['name_zh']}  {info['name_en']}"), "bold", colour))
    plan = info["plan"]
    put("plan", f"{plan['name_en']} ({plan['id']}, {plan['period']})")
    better = "more is better" if info["direction"] == "up" else "less is better"
    put("target", f"{info['target']}  [{info['measure']}, due {info['due']}, {info['binding']}, {better}]")
    if info["indicator"]:
        i = info["indicator"]
        put("indicator", f"{i['id']} ({i['name_zh']}, {i['unit'] or 'no unit'}, {i['kind']}, prices {i['prices']})")
    for q in info["quotes"]:
        put("stated", f"“{q['text']}”  — {_where(q)}")
    if info["section"]:
        put("section", info["section"])
    for f in info.get("forms", ()):  # the same plan row stated in another form: one promise
        role = "decides this plan row" if f["decides"] else "another form of this plan row"
        judged = "" if f["status"] is None else f", {words[f['status']]}" + (
            " ≠" if f["status"] != info["verdict"]["status"] else "")
        put("form", f"{f['id']}: {f['target_text']}{judged} ({role})")
    v = info["verdict"]
    put("verdict", words[v["status"]] + (" (disputed)" if v["disputed"] else ""), STYLE[v["status"]])
    put("reason", v["reason"])
    if v["progress"] is not None:
        put("progress", bar(v["progress"], 20))
    if info["figure"]:
        f = info["figure"]
        put("figure", f"{f['text']} ({f['period']})" + (f"; {f['derivation']}" if f["derivation"] else ""))
    if info["decided_by"]:
        put("decided", "by " + "; ".join(f"{d['source']} ({KIND_WORDS.get(d['kind'], d['kind'])})"
                                         for d in info["decided_by"]))
    if info["baseline"]:
        b = info["baseline"]
        put("baseline", f"{b['text']} ({b['period']})" + (f"; {b['derivation']}" if b["derivation"] else ""))
    if info["flags"]:
        put("flags", ", ".join(info["flags"]))
    if info["notes"]:
        put("notes", info["notes"])
    for o in [*info["observations"], *info["used_elsewhere"]]:
        role = o.get("role", "decides")
        mark = {"decides": "decides", "baseline": "baseline"}.get(role, "reported")
        label = f"{o['period']} {o['measure'].replace('_', ' ')} {o['value']}"
        extra = (" (estimate)" if o["estimate"] else "") + (f" ({o['source_kind']}, secondary)" if o["secondary"] else "") \
            + (f" (a version of {o['version_of']})" if o["version_of"] else "")
        for q in o["quotes"]:
            put(mark, f"{label}{extra}  “{q['text']}”  — {_where(q)}")
        for key in ("unusable", "notes"):
            if o[key]:
                put("", f"{key}: {o[key]}")
    for c in info["claims"]:
        put("claim", f"{c['claim']}: {c['words']}  “{c['quote']['text']}”  — {_where(c['quote'])}")
    if not info["observations"] and info["indicator"]:
        put("", "no document in the corpus reports a figure for this indicator here", "yellow")
    if info["lineage"]:
        put("lineage", " → ".join(f"{v['goal']} ({v['says']}, {v['source']} {v['source_date']})"
                                  for v in info["lineage"]))
        for v in info["lineage"]:
            for q in v["quotes"]:
                put("", f"{v['says']} {v['goal']}: “{q['text']}”  — {_where(q)}")
    if info["original_verdict"]:
        o = info["original_verdict"]
        put("as set", f"{o['goal']}: {words.get(o['status'], o['status'])}")
    put("timeline", "   ".join(f"{p['date']} {p['source']}: {words[p['status']]}" for p in info["timeline"]))
    return "\n".join(lines)
