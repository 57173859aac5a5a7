"""Verdict rows as tables and text: the status table, JSON, CSV and markdown. Never prints.

Every value is written one way in every format (cells.py): numbers as numbers, booleans as
true/false, flags as a list in JSON and joined with ';' in CSV and tables.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence

from xjtrack.core.phrases import UNHEARD
from xjtrack.core.promises import Counts, promises
from xjtrack.core.vocab import Status
from xjtrack.core.wording import render
from xjtrack.output import cells
from xjtrack.output.i18n import STATUS_WORDS, WORDS, indicator, plan_name
from xjtrack.safe import json_text, md_cell, one_line

STYLE = {
    "met": "bold green", "partial": "yellow", "missed": "bold red", "on_track": "green",
    "behind": "red", "awaiting_final": "dim yellow", "pending": "dim", "unassessable": "blue", "reported_done": "cyan",
    "reported_partly_done": "cyan", "reported_under_way": "cyan", "reported_not_done": "magenta",
}


def tally(counted: Counts, lang: str = "en") -> str:
    """Promises by status, then the disputed and those whose forms disagree."""
    w = WORDS[lang]
    parts = [f"{counted.statuses[s]} {STATUS_WORDS[lang][s]}" for s in Status if counted.statuses.get(s)]
    if counted.disputed:
        parts.append(f"{counted.disputed} {w['disputed']}")
    if counted.disagree:
        parts.append(f"{counted.disagree} {w['forms_disagree']}")
    return " · ".join(parts) or "—"


def counts(rows: list[dict], lang: str = "en") -> str:
    return tally(Counts.of(promises(rows)), lang)


def silent(rows: list[dict]) -> int:
    """Promises no later document mentions in any way."""
    return Counts.of(promises(rows)).never_reported


def unheard(rows: list[dict]) -> int:
    """Targets no later document speaks of: silent, not reported on yet, or given only for other periods."""
    return sum(1 for r in rows if any(code in UNHEARD for code in r["reason_codes"]))


def reason(row: dict, lang: str = "en") -> str:
    """A status row's reason in lang: rendered from its phrases, or in English, where the row was
    read without them, the stored reason (which the build renders from the same phrases)."""
    if lang == "en" and "reason_phrases" not in row:
        return row["reason"]
    return render(row["reason_phrases"], lang)


def plan_claims(plan, rows: list[dict], lang: str = "en") -> list[str]:
    """What documents say of the whole plan, each beside the counts computed for it."""
    w = WORDS[lang]
    lines = []
    for claim in plan.claims:
        if rows:
            by_numbers = f"{w['by_numbers']}: {counts(rows, lang)}; {silent(rows)} {w['never_reported']}"
        else:
            by_numbers = w["no_targets_of_plan"]
        lines.append(f"{w['says'].format(source=claim.source)} “{claim.quote.text}” ({claim.claim}). {by_numbers}.")
    return lines


def coverage(rows: list[dict], lang: str = "en") -> str:
    """How many promises, how many of them numeric, and how many targets state them."""
    return covered(Counts.of(promises(rows)), len(rows), lang)


def covered(counted: Counts, targets: int, lang: str = "en") -> str:
    """coverage() of promises already counted, stated by this many targets."""
    w = WORDS[lang]
    forms = "" if counted.promises == targets else w["in_targets"].format(n=targets)
    return f"{counted.promises} {w['targets']} ({counted.numeric} {w['numeric']}{forms})"


def overall(rows: list[dict], when, lang: str = "en", width: int | None = None) -> str:
    """The closing summary of the status table: every plan's promises counted, and the legend."""
    return overall_of(Counts.of(promises(rows)), len(rows), when, lang, width)


def overall_of(counted: Counts, targets: int, when, lang: str = "en", width: int | None = None) -> str:
    """overall() of promises already counted (plan by plan, as the table was written)."""
    from xjtrack.output.textable import wrap

    w = WORDS[lang]
    text = (f"{w['as_of']} {when.isoformat()}: {covered(counted, targets, lang)}: {tally(counted, lang)}. "
            f"{w['legend']}")
    return "\n".join(wrap(text, width) if width else [text])


def bar(progress: float | None, width: int = 6) -> str:
    if progress is None:
        return ""
    filled = round(min(max(progress, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled) + f" {progress:>4.0%}"


def by_plan(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["plan"], []).append(row)
    return groups


def as_json(rows) -> str:
    """Rows (or one structure) as JSON; a status row's reason is given as its words and codes."""
    if isinstance(rows, list):
        rows = [{k: v for k, v in r.items() if k != "reason_phrases"} if isinstance(r, dict) else r
                for r in rows]
    return json_text(json.dumps(cells.for_json(rows), ensure_ascii=False, indent=2))


def json_lines(columns: list[str], rows: Iterable[tuple]) -> Iterable[str]:
    """A JSON array written row by row, so a large result needs no more memory than a small one."""
    record = cells.json_row(columns)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    yield "["
    for n, row in enumerate(rows):
        yield ("  " if n == 0 else ", ") + json_text(dumps(record(row)))
    yield "]"


def status_json(columns: list[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """as_json() of status rows, given as values in the view's columns (as stored, or as
    status_rows makes them), written row by row: the same text, a row in memory at a time."""
    from xjtrack.store.status import BOOLEANS, LISTS

    names = [_ENCODE(c) for c in columns]  # as json.dumps(ensure_ascii=False) writes them
    booleans, lists = set(BOOLEANS), set(LISTS)
    kinds = [(f'    {n}: ', 1 if c in booleans else 2 if c in lists else 0)
             for n, c in zip(names, columns, strict=True)]
    last = None
    for row in rows:
        if last is None:
            yield "["
        else:
            yield last + ","
        parts = []
        for (key, kind), value in zip(kinds, row, strict=True):
            if kind == 0:
                parts.append(key + _json_scalar(value))
            elif kind == 1:
                parts.append(key + ("true" if value else "false"))
            else:
                parts.append(key + _json_list(json.loads(value) if isinstance(value, str) else value))
        last = json_text("  {\n" + ",\n".join(parts) + "\n  }")
    yield "[]" if last is None else last + "\n]"


_ENCODE = json.encoder.encode_basestring


def _json_scalar(value) -> str:
    """A value as json.dumps(indent=2) writes it inside an object inside the array."""
    kind = value.__class__
    if kind is str:
        return _ENCODE(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float and math.isfinite(value):
        return repr(cells.json_value("", value))
    return json.dumps(cells.for_json(value), ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _json_list(value) -> str:
    if value == []:
        return "[]"
    if isinstance(value, list) and all(v.__class__ is str for v in value):
        return "[\n" + ",\n".join("      " + _ENCODE(v) for v in value) + "\n    ]"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def csv_lines(columns: list[str], rows: Iterable[tuple], excel: bool = False, batch: int = 200) -> Iterable[str]:
    """CSV written as it is read, a batch of rows at a time (each item is one or more records,
    without the last newline); the header even when there are no rows."""
    import csv
    import io
    from itertools import islice

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cells.csv_value(c, c, excel) for c in columns])
    yield ("\ufeff" if excel else "") + out.getvalue().rstrip("\n")
    values = cells.csv_row(columns)
    rows = iter(rows)
    while chunk := list(islice(rows, batch)):
        out.seek(0)
        out.truncate()
        writer.writerows(map(values, chunk))
        yield out.getvalue()[:-1]


def as_csv(rows: list[dict], columns: list[str], excel: bool = False) -> str:
    return "\n".join(csv_lines(columns, ([r[c] for c in columns] for r in rows), excel)) + "\n"


def records_markdown(columns: list[str], rows: Iterable[tuple]) -> Iterable[str]:
    yield "| " + " | ".join(md_cell(c) for c in columns) + " |"
    yield "|" + " --- |" * len(columns)
    values = cells.text_row(columns)
    for r in rows:
        yield "| " + " | ".join(map(md_cell, values(r))) + " |"


def outcome_cell(row: dict) -> str:
    if row["outcome_text"] is None:
        return "—"
    return f"{row['outcome_text']} ({row['outcome_period']})"


def status_cell(row: dict, lang: str = "en", disagree: bool = False) -> str:
    return STATUS_WORDS[lang][row["status"]] + (" ⚑" if row["disputed"] else "") + (" ≠" if disagree else "")


def promise_rows(group: list[dict], found: list | None = None) -> list[tuple[dict, bool, bool]]:
    """(row, is another form, its promise's forms disagree), each promise's forms under it;
    found: the group's promises, if counted already."""
    out = []
    for p in promises(group) if found is None else found:
        out.append((p.row, False, p.disagree))
        out += [(f, True, False) for f in p.forms]
    return out


def plan_table_md(group: list[dict], lang: str, order: list | None = None, reasons: bool = True) -> list[str]:
    """A plan's table, a row per promise and its other forms under it (↳); order: promises to show."""
    w = WORDS[lang]
    lines = [f"| {w['target']} | {w['indicator']} | {w['goal']} | {w['outcome']} | {w['progress']} | "
             f"{w['status']} |" + (f" {w['reason']} |" if reasons else ""),
             "| --- | --- | --- | --- | ---: | --- |" + (" --- |" if reasons else "")]
    shown = promise_rows(group) if order is None else [
        x for p in order for x in [(p.row, False, p.disagree), *((f, True, False) for f in p.forms)]]
    append = lines.append
    for r, form, disagree in shown:  # a line per row: the cells written out here, not a call each
        progress = r["progress"]
        outcome = "—" if r["outcome_text"] is None else md_cell(f"{r['outcome_text']} ({r['outcome_period']})")
        line = (f"| {'↳ ' if form else ''}{md_cell(r['id'], code=True)} | {md_cell(indicator(r, lang))} | "
                f"{md_cell(r['target_text'])} | {outcome} | {'' if progress is None else f'{progress:.0%}'} | "
                f"{status_cell(r, lang, disagree)} |")
        append(f"{line} {md_cell(reason(r, lang))} |" if reasons else line)
    return lines


def as_markdown(rows: list[dict], plans: dict, lang: str = "en", level: str = "###") -> str:
    return "\n".join(markdown_lines(rows, plans, lang, level))


def markdown_lines(rows: Iterable[dict], plans: dict, lang: str = "en", level: str = "###") -> Iterator[str]:
    """as_markdown()'s lines, written a plan at a time (rows come grouped by plan, as the view orders them)."""
    for plan_id, group in plan_groups(rows):
        plan = plans[plan_id]
        yield from [f"{level} {md_cell(plan_name(plan, lang))} ({plan.period})", "",
                    f"{coverage(group, lang)}: {counts(group, lang)}", "", *plan_table_md(group, lang), ""]


def plan_groups(rows: Iterable[dict]) -> Iterator[tuple[str, list[dict]]]:
    """Each plan's rows, a plan at a time: by_plan() for rows that come grouped, holding one plan."""
    from itertools import groupby

    seen = set()
    for plan_id, group in groupby(rows, key=lambda r: r["plan"]):
        if plan_id in seen:  # the view orders rows by plan: a plan met twice is a bug, not data
            raise ValueError(f"status rows of plan {plan_id} are not together")
        seen.add(plan_id)
        yield plan_id, list(group)


def but_last_blank(lines: Iterable[str]) -> Iterator[str]:
    """The lines but a blank last one: "\n".join(lines) written a line at a time, each ended by a newline."""
    held = None
    for line in lines:
        if held is not None:
            yield held
        held = line
    if held:
        yield held


def status_text(rows: list[dict], plans: dict, reasons: bool, lang: str = "en", width: int | None = 100,
                colour: bool = False, also: tuple = ()) -> str:
    """Every plan's title, summary line and table (a row per promise, its other forms under it), as
    text (ANSI colour if asked).

    also: plans with no target among the rows whose claims are shown all the same.
    """
    return "\n".join(status_lines(rows, plans, reasons, lang, width, colour, also))


LAYOUT_ROWS = 1000  # a plan's table is laid out from its first rows, at most these; the rest take their widths


def status_lines(rows: Iterable[dict], plans: dict, reasons: bool, lang: str = "en", width: int | None = 100,
                 colour: bool = False, also: tuple = (), counted: list | None = None,
                 note=lambda message: None) -> Iterator[str]:
    """status_text()'s lines, written a plan at a time; counted, if given, gets each plan's
    (promises counted, targets) as it is written, and note a message when a long table is laid
    out from its first rows."""
    from xjtrack.output.textable import Column, draw, paint, wrap

    w = WORDS[lang]
    columns = [Column(w["target"], 0), Column(w["goal"], 11), Column(w["outcome"], 13),
               Column(w["progress"], 11), Column(w["status"], 12)]
    for plan_id, group in plan_groups(rows):
        plan = plans[plan_id]
        found = promises(group)
        tallied = Counts.of(found)
        if counted is not None:
            counted.append((tallied, len(group)))
        title = one_line(f"{plan_name(plan, lang)} ({plan_id} · {plan.period})")
        yield from [paint(line, "bold", colour) for line in (wrap(title, width) if width else [title])]
        summary = f"{covered(tallied, len(group), lang)}: {tally(tallied, lang)}"
        yield from (wrap(summary, width) if width else [summary])
        yield from [paint(part, "yellow", colour) for line in plan_claims(plan, group, lang)
                    for part in (wrap(one_line(line), width) if width else [one_line(line)])]
        table = []
        for r, form, disagree in promise_rows(group, found):
            alone = "" if form or r["promise"] == r["id"] else f" ({w['form_of']} {r['promise']})"
            name = one_line(f"{'↳ ' if form else ''}{r['id'].split('.', 1)[1]} {indicator(r, lang)}{alone}")
            table.append([(name, "dim" if form else ""),
                          (one_line(r["target_text"]), ""), (one_line(outcome_cell(r)), ""),
                          (bar(r["progress"]), ""), (status_cell(r, lang, disagree), STYLE[r["status"]])])
            if reasons:
                table.append([(one_line(reason(r, lang)), "dim"), ("", ""), ("", ""), ("", ""), ("", "")])
        if len(table) > LAYOUT_ROWS:
            note(f"{plan_id}: its table is {len(table)} lines long; its columns are as wide as its first "
                 f"{LAYOUT_ROWS} need, and a wider cell " + ("wraps" if width else "overflows its column"))
        yield from draw(columns, table, width, colour, LAYOUT_ROWS)
        yield ""
    for plan in also:
        yield from [paint(one_line(f"{plan_name(plan, lang)} ({plan.id} · {plan.period})"), "bold", colour),
                    *(paint(part, "yellow", colour) for line in plan_claims(plan, [], lang)
                      for part in (wrap(one_line(line), width) if width else [one_line(line)])), ""]


def hits_text(hits, width: int | None, colour: bool = False) -> list[str]:
    """Search hits as lines: where (source:line), then the text around the match, wrapped to the
    width under itself, the match in bold."""
    from xjtrack.output.textable import cells, pad, paint, wrap

    where = [f"{h.source}:{h.line}" for h in hits]
    room = max(map(cells, where), default=0)
    out = []
    for place, hit in zip(where, hits, strict=True):
        snippet, spans = hit.context()
        text = one_line(snippet)
        found = sorted({one_line(snippet[a:b]) for a, b in spans if b > a}, key=len, reverse=True)
        lines = wrap(text, max(20, width - room - 2)) if width else [text]
        for n, line in enumerate(lines):
            for term in found:
                line = line.replace(term, paint(term, "bold", colour)) if colour else line
            head = paint(pad(place, room), "cyan", colour) if n == 0 else " " * room
            out.append(f"{head}  {line}")
    return out
