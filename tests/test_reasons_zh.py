"""A reason is data: phrases (a code and its values) rendered by one template per language.

Every language has a template for every code; values (quotes, ids, notes) are inserted as
written and never read back; and on the shipped data the English and Chinese reasons are
byte-identical to the golden file tests/fixtures/reasons-golden.json, judged as of the default
date (from the database, as stored) and as of two earlier dates (judged again).
"""

import json
import os
import re
import sqlite3
import string
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app
from xjtrack.core.evaluate import Index, evaluate
from xjtrack.core.periods import Period
from xjtrack.core.phrases import SILENT, Amount, Code, codes, from_json, is_silent, phrase, to_json
from xjtrack.core.wording import LANGUAGES, TEMPLATES, WORDS, english, render
from xjtrack.store.read import read_corpus

runner = CliRunner()
GOLDEN = ROOT / "tests" / "fixtures" / "reasons-golden.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest rewrites the golden file
EARLIER = (date(2020, 12, 31), date(2023, 12, 31))  # before the 2021 reports; before the 2024 ones


def test_every_language_has_a_template_for_every_code():
    assert set(TEMPLATES) == set(Code)
    for code, by_language in TEMPLATES.items():
        assert set(by_language) == set(LANGUAGES), code
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in by_language.items()}
        assert fields["en"] == fields["zh"], code  # the same values, in each language's order


def test_every_language_has_the_same_words():
    for table in WORDS["en"]:
        assert set(WORDS["en"][table]) == set(WORDS["zh"][table]), table


@pytest.mark.parametrize("reason, en, zh", [
    ((phrase(Code.final, actual=Amount(6.1, "%"), period=Period(2016, 2020), goal="7%左右"),
      phrase(Code.met_from, edge=Amount(6.5, "%")), phrase(Code.share_of_target, share=0.8714, verdict="partial")),
     "6.1% (2016-2020) against 7%左右 (met from 6.5%): 87% of the target, so partial",
     "6.1%（2016-2020），目标7%左右（6.5%起视为完成）：达到目标的87%，部分完成"),
    ((phrase(Code.interim, actual=Amount(6.8, "%"), period=Period(2023, 2023)),
      phrase(Code.growth_ratio, ratio=1.133, goal="6%以上", on=0.95)),
     "interim 6.8% (2023) is 113% of the 6%以上 required (growth-rate ratio rule: on track from 95%)",
     "中期值6.8%（2023）为目标6%以上的113%（增速比率规则：达到95%为按进度）"),
    ((phrase(Code.silent),), "no later document in the corpus mentions it", "语料库中没有后续文件提及"),
])
def test_phrases_in_each_language(reason, en, zh):
    assert (render(reason, "en"), render(reason, "zh")) == (en, zh)


def test_values_are_inserted_as_written_and_never_read():
    """A quote or note that looks like a template or a phrase of the wording stays as it is."""
    cite = phrase(Code.cite, quote="{goal} against the target, so missed", source="x-2021", line=3)
    reason = (phrase(Code.mentioned, source="x-2021", cite=(cite,)), phrase(Code.curator_note, text="{0} met"))
    assert render(reason, "zh") == "x-2021提及“{goal} against the target, so missed”（x-2021，第3行），但无法据此得出结论: {0} met"
    assert english(reason).endswith("with no verdict that can be drawn: {0} met")
    assert codes(reason) == ("mentioned", "cite", "curator_note")
    assert from_json(to_json(reason)) == reason and not is_silent(reason)


def _golden_rows(db) -> dict:
    """Every shipped target's reason in both languages, and its figures' derivations."""
    conn = sqlite3.connect(db)
    out = {}
    query = ("select v.target, v.as_of, v.reason, v.reason_phrases, v.figure_how, v.baseline_how, "
             "v.figure_text is not null, v.baseline_text is not null from verdicts v")
    for tid, as_of, reason, phrases, fig, base, has_fig, has_base in conn.execute(query):
        assert english(from_json(phrases)) == reason
        out.setdefault(as_of, {})[tid] = {"en": reason, "zh": render(from_json(phrases), "zh"),
                                          "figure_how": fig if has_fig else None,
                                          "baseline_how": base if has_base else None}
    corpus = read_corpus(conn)
    for when in EARLIER:
        index = Index(corpus)
        rows = out.setdefault(when.isoformat(), {})
        for t in corpus.targets.values():
            if t.source_date.last_day() <= when:
                v = evaluate(t, index, when)
                rows[t.id] = {"en": english(v.reason), "zh": render(v.reason, "zh"),
                              "figure_how": english(v.figure.how) if v.figure else None,
                              "baseline_how": english(v.baseline.how) if v.baseline else None}
    return out


def test_shipped_reasons_are_byte_identical_in_both_languages(shipped_db):
    now = _golden_rows(shipped_db)
    if UPDATE:
        GOLDEN.write_text(json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(now) == set(golden)
    for when, rows in golden.items():
        assert set(now[when]) == set(rows), when
        changed = {t: (rows[t], now[when][t]) for t in rows if rows[t] != now[when][t]}
        assert not changed, f"{when}: {next(iter(changed.items()))} (UPDATE_GOLDEN=1 pytest rewrites it)"


def test_no_phrase_of_a_shipped_reason_is_left_in_english(shipped_db):
    """Chinese reasons hold English only where a curator wrote it (notes) or as ids."""
    conn = sqlite3.connect(shipped_db)
    left = {}
    for (phrases,) in conn.execute("select reason_phrases from verdicts"):
        reason = from_json(phrases)
        kept = [v for p in reason for _, v in p.values if isinstance(v, str)]
        text = render(reason, "zh")
        for value in sorted(kept, key=len, reverse=True):
            text = text.replace(value, "")
        for p in reason:  # nested notes: proxies' and statements' notes
            for _, v in p.values:
                for inner in v if isinstance(v, tuple) else ():
                    for _, w in getattr(inner, "values", ()):
                        text = text.replace(str(w), "") if isinstance(w, str) else text
        text = re.sub(r"[a-z0-9]+(?:-[a-z0-9]+)+", "", text)
        english_words = re.findall(r"[A-Za-z][A-Za-z' ]*[A-Za-z]", text)
        if english_words:
            left[english(reason)] = english_words
    assert not left, "\n".join(f"{k}\n  -> {v}" for k, v in list(left.items())[:10])


def test_silence_is_a_flag_not_a_sentence(shipped_db):
    conn = sqlite3.connect(shipped_db)
    rows = conn.execute("select silent, reason_codes, status from verdicts").fetchall()
    assert any(s for s, _, _ in rows)
    for silent, found, status in rows:
        assert bool(silent) == any(code in SILENT for code in json.loads(found))
        assert not silent or status == "pending"
    view = conn.execute("select count(*) from target_status where silent").fetchone()[0]
    assert view == sum(s for s, _, _ in rows)


def test_status_and_the_report_speak_chinese(shipped_db, tmp_path):
    args = ["--targets", str(ROOT / "targets.yaml"), "--db", str(shipped_db), "--lang", "zh"]
    shown = runner.invoke(app, ["status", "--plan", "xj-13fyp", "-r", *args]).stdout
    assert "语料库中没有后续文件提及" in shown and "no later document" not in shown
    report = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "-o", str(report), *args]).exit_code == 0
    text = (tmp_path / "docs" / "report" / "xj-13fyp.md").read_text(encoding="utf-8")  # reasons are there
    assert "，目标" in text and "of the required change" not in text
    data = json.loads(runner.invoke(app, ["status", "--format", "json", *args]).stdout)
    assert all(isinstance(r["reason_codes"], list) and isinstance(r["silent"], bool) for r in data)
    assert "reason_phrases" not in data[0]


def test_the_stored_reason_is_the_english_rendering_of_its_phrases(shipped_db):
    """English output reads the stored reason instead of rendering the phrases again (status, its
    markdown and the report, at 10^5 rows): that is only right while the two are the same text."""
    import sqlite3

    from xjtrack.output.render import reason
    from xjtrack.store.status import as_dict

    conn = sqlite3.connect(f"file:{shipped_db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        rows = [as_dict(r) for r in conn.execute(
            "select s.*, v.reason_phrases from target_status s join verdicts v on v.target = s.id")]
    finally:
        conn.close()
    assert len(rows) > 496
    for row in rows:
        without = {k: v for k, v in row.items() if k != "reason_phrases"}
        assert reason(without, "en") == reason(row, "en") == row["reason"], row["id"]
        assert reason(row, "zh") != row["reason"], row["id"]
