"""`xjtrack site`: every page parses and links where it says, the target page holds its verdict and
both quotes, hostile data stays inert, and the same data gives the same bytes."""

import hashlib
import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from tests.sitecheck import check_site, parse
from xjtrack.cli import app

runner = CliRunner()
ACTIVE = '<script>alert(1)</script> <img src=x onerror=y> "><svg onload=z> javascript:alert(2) </textarea>'


def site(targets: Path, out: Path, *more: str, db: Path | None = None):
    args = ["site", "-o", str(out), "--targets", str(targets), *more]
    if db is not None:
        args += ["--db", str(db)]
    return runner.invoke(app, args)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory, shipped_db) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    result = site(ROOT / "targets.yaml", out, "--base-url", "https://example.org/xjtrack/", db=shipped_db)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def shipped_pages(shipped_site):
    return check_site(shipped_site, "https://example.org/xjtrack/")


def test_every_page_of_the_shipped_site_parses_and_every_link_resolves(shipped_pages, shipped_site):
    assert len(shipped_pages) > 496  # a page per target (in both languages), and more
    for lang in ("", "zh/"):
        for name in ("index.html", "plans/index.html", "indicators/index.html", "places/index.html",
                     "documents/index.html", "method/index.html", "search/index.html",
                     "plan/xj-13fyp/index.html", "indicator/railway-km/index.html", "doc/xj-gwr-2021/index.html"):
            assert f"{lang}{name}" in shipped_pages, f"{lang}{name}"
    assert "t/xj-13fyp.railway-km.html" in shipped_pages and not (shipped_site / "zh" / "t").exists()
    assert not [p for p in (shipped_site / "t").iterdir() if not p.is_file()]  # a file each, no folder
    assert shipped_pages["index.html"].lang == "en" and shipped_pages["zh/index.html"].lang == "zh-Hans"


def test_the_target_page_holds_the_verdict_and_both_quotes_in_context(shipped_pages, shipped_site):
    html = (shipped_site / "t/xj-13fyp.railway-km.html").read_text(encoding="utf-8")
    text = "".join(shipped_pages["t/xj-13fyp.railway-km.html"].text)
    assert '<span class="badge s-missed">missed</span>' in html
    assert "36% of the required change" in text
    # the target's quote and the deciding figure's quote, each with its figure marked in its line
    assert '<mark class="figure">9627</mark>' in html and '<mark class="figure">7398</mark>' in html
    assert 'href="../doc/xj-13fyp-outline/#L822"' in html and 'href="../doc/xj-gwr-2021/#L29"' in html
    assert "<svg class=\"chart\"" in html and "<polyline" in html
    assert "https://example.org/xjtrack/t/xj-13fyp.railway-km.html" in text  # the cite line's address
    # the same page in Chinese: each phrase beside its English with its lang, the switch a link to #zh
    assert '<span lang="zh-Hans"><span class="badge s-missed">未完成</span></span>' in html
    assert '<span lang="en">Every figure on the series</span><span lang="zh-Hans">该序列的全部数据</span>' in html
    assert '<a class="lang en" lang="zh-Hans" hreflang="zh-Hans" href="#zh">' in html and '<i id="zh"></i>' in html
    assert 'href="../zh/plan/xj-13fyp/"' in html and 'href="../zh/doc/xj-gwr-2021/#L29"' in html
    assert "https://example.org/xjtrack/t/xj-13fyp.railway-km.html#zh" in text
    # the Chinese pages link a target's page in Chinese
    assert "../../../t/xj-13fyp.railway-km.html#zh" in shipped_pages["zh/plan/xj-13fyp/index.html"].links
    assert "../../../t/xj-13fyp.railway-km.html#zh" in shipped_pages["zh/doc/xj-13fyp-outline/index.html"].links
    assert "../../t/xj-13fyp.railway-km.html" in shipped_pages["doc/xj-13fyp-outline/index.html"].links


def test_the_style_shows_one_language_of_a_target_page():
    from importlib import resources

    css = (resources.files("xjtrack.output.site") / "static" / "site.css").read_text(encoding="utf-8")
    rule = next(line for line in css.splitlines() if line.startswith("#zh:"))
    selectors, _, declaration = rule.partition("{")
    assert declaration.strip() == "display: none; }"
    assert {s.strip() for s in selectors.split(",")} == {
        "#zh:not(:target) ~ [lang=zh-Hans]", "#zh:not(:target) ~ * [lang=zh-Hans]:not(.lang)", "#zh:not(:target) ~ * .lang.zh",
        "#zh:target ~ [lang=en]", "#zh:target ~ * [lang=en]:not(.lang)", "#zh:target ~ * .lang.en"}


def test_the_document_page_has_a_line_anchor_per_line_and_links_its_targets(shipped_pages):
    page = shipped_pages["doc/xj-13fyp-outline/index.html"]
    assert "L822" in page.ids
    assert "../../t/xj-13fyp.railway-km.html" in page.links


def test_the_plan_page_puts_the_claim_beside_the_counts_and_sorts_by_verdict(shipped_site):
    html = (shipped_site / "plan/xj-13fyp/index.html").read_text(encoding="utf-8")
    assert "十三五”规划圆满收官" in html
    order = [html.index(f'id="s-{s}"') for s in ("met", "partial", "missed", "pending") if f'id="s-{s}"' in html]
    assert order == sorted(order) and len(order) == 4
    assert '<select name="topic">' in html and '<option value="transport">Transport</option>' in html
    assert 'data-topic="transport"' in html and 'data-binding="binding"' in html


def test_the_method_page_renders_the_readme_and_curating_rules(shipped_pages):
    text = "".join(shipped_pages["method/index.html"].text)
    assert "deciding figure" in text and "Comparability" in text and "<table" not in text
    assert any(tag == "table" for tag, _ in shipped_pages["method/index.html"].tags)


def test_the_feed_lists_each_document_and_the_verdicts_it_moved(shipped_site):
    root = ElementTree.fromstring((shipped_site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 5
    moved = {e.find("a:id", ns).text: e.find("a:content", ns).text or "" for e in entries}
    assert "xj-13fyp.railway-km: pending → missed" in moved["https://example.org/xjtrack/doc/xj-gwr-2021/"]


def script_value(path: Path, name: str):
    return json.loads(path.read_text(encoding="utf-8").removeprefix(f"window.{name} = ").rstrip().rstrip(";"))


def test_the_search_index_finds_the_railway_target_by_chinese_substring(shipped_site):
    index = script_value(shipped_site / "search-index.js", "XJTRACK_INDEX")
    assert "xj-13fyp.railway-km" in [e[0] for e in index["t"] if "铁路" in "".join(e)]
    assert "gdp" in [e[0] for e in index["i"]]
    # the documents' lines are a second file, loaded on the first search, each title written once
    text = script_value(shipped_site / "search-text.js", "XJTRACK_TEXT")
    outline = next(d for d in text if d[0] == "xj-13fyp-outline")
    assert outline[1].startswith("新疆") and "Xinjiang" in outline[2]
    assert "铁路营运里程达到 9627 公里" in dict(outline[3])[822]
    assert len(text) == len({d[0] for d in text}) and all("doc/" not in json.dumps(d) for d in text)


def test_the_same_data_gives_the_same_bytes(tmp_path, mini):
    digests = []
    for name in ("a", "b"):
        assert site(mini, tmp_path / name).exit_code == 0
        digests.append({p.relative_to(tmp_path / name).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((tmp_path / name).rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]


def test_a_site_is_replaced_whole_but_another_folder_is_refused(tmp_path, mini):
    out = tmp_path / "out"
    assert site(mini, out).exit_code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert site(mini, out).exit_code == 0
    assert not (out / "stale.html").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    result = site(mini, mine)
    assert result.exit_code == 1 and "refusing to replace" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert site(mini, tmp_path / "no" / "such").exit_code == 1
    assert site(mini, out, "--base-url", "ftp://x").exit_code == 2


def hostile_corpus(mini: Path) -> Path:
    """The fixture corpus with every piece of free text a page shows made hostile."""
    edits = {
        "targets.yaml": [("    name_en: 13th plan", f"    name_en: {json.dumps(ACTIVE)}"),
                         ("    title_en: The report", f"    title_en: {json.dumps(ACTIVE)}"),
                         ("    name_en: Urumqi", f"    name_en: {json.dumps(ACTIVE)}\n    notes: {json.dumps(ACTIVE)}")],
        "data/indicators.yaml": [("    name_en: Railway length", f"    name_en: {json.dumps(ACTIVE)}")],
        "data/p13.yaml": [('    quote: "铁路营业里程达到 9627 公里"',
                           f'    quote: "铁路营业里程达到 9627 公里"\n    notes: {json.dumps(ACTIVE)}\n'
                           f'    section: {json.dumps(ACTIVE)}\n    flags: [ambiguous]')],
    }
    for name, pairs in edits.items():
        path = mini.parent / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    source = mini.parent / "sources" / "report.txt"
    source.write_text(source.read_text(encoding="utf-8") + ACTIVE + "\n", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "hostile" / "nulls.yaml", mini.parent / "data" / "nulls.yaml")
    return mini


def test_hostile_data_makes_inert_pages(tmp_path, mini):
    corpus = hostile_corpus(mini)
    out = tmp_path / "out"
    result = site(corpus, out)
    assert result.exit_code == 0, result.output
    pages = check_site(out)  # no handler, no active URL, no script but the site's own
    for name, page in pages.items():
        assert not [t for t, _ in page.tags if t in ("img", "textarea", "iframe", "object")], name
        assert [t for t, _ in page.tags if t == "svg"] == [t for t, a in page.tags if t == "svg" and "class" in a], name
    shown = "".join(pages["t/p13.railway-km.html"].text)
    assert ACTIVE in shown  # shown as the text it is
    feed = (out / "feed.xml").read_bytes()
    ElementTree.fromstring(feed)
    for name in ("search-index.js", "search-text.js"):
        index = (out / name).read_text(encoding="utf-8")
        assert "<" not in index and "</script" not in index.lower(), name
    assert ACTIVE in [line for d in script_value(out / "search-text.js", "XJTRACK_TEXT") for _, line in d[3]]


def test_a_page_parses_as_it_should(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<html lang="en"><p onclick="x"><b></p><script>alert(1)</script></html>', encoding="utf-8")
    problems = parse(bad).problems
    assert any("handler" in p for p in problems) and any("closes" in p for p in problems)
    assert any("inline script" in p for p in problems)


def test_a_tampered_id_is_refused_before_anything_is_written(tmp_path, mini):
    import sqlite3

    assert runner.invoke(app, ["build", "--targets", str(mini)]).exit_code == 0
    db = mini.parent / "db" / "xjtrack.db"
    with sqlite3.connect(db) as conn:
        conn.execute("pragma foreign_keys = off")
        for table, column in (("targets", "id"), ("verdicts", "target"), ("target_quotes", "target_id")):
            conn.execute(f"update {table} set {column} = '../../escape' where {column} = 'p13.railway-km'")
    result = site(mini, tmp_path / "out", db=db)
    assert result.exit_code == 1 and "cannot name a web page" in result.stderr, result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape").exists()


def test_templates_and_static_files_are_package_data():
    from importlib import resources

    folder = resources.files("xjtrack.output.site")
    assert (folder / "templates" / "plan.html").is_file() and (folder / "static" / "search.js").is_file()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"xjtrack.output.site" = ["templates/*", "static/*"]' in text


def test_the_checker_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<html lang="en"><a href="a/">a</a><a href="a/#L9">9</a></html>',
                                         encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<html lang="en"><p id="L1">1</p><a href="../b/">b</a></html>',
                                               encoding="utf-8")
    with pytest.raises(AssertionError) as found:
        check_site(tmp_path)
    assert "missing anchor 'a/#L9'" in str(found.value) and "broken link '../b/'" in str(found.value)


def test_datasette_links_each_target_to_its_site_page_when_the_address_is_set(shipped_db, monkeypatch):
    import asyncio

    datasette_app = pytest.importorskip("datasette.app")
    metadata = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))

    async def page() -> str:
        ds = datasette_app.Datasette([str(shipped_db)], metadata=metadata,
                                     plugins_dir=str(ROOT / "datasette" / "plugins"))
        await ds.invoke_startup()
        response = await ds.client.get(f"/{shipped_db.stem}/target_status?id=xj-13fyp.railway-km")
        assert response.status_code == 200
        return response.text

    assert 'href="https://example.org/site/t/xj-13fyp.railway-km.html"' not in asyncio.run(page())
    monkeypatch.setenv("XJTRACK_SITE_URL", "https://example.org/site/")
    assert '<a href="https://example.org/site/t/xj-13fyp.railway-km.html">xj-13fyp.railway-km</a>' in asyncio.run(page())


def test_the_site_needs_no_plotting_library():
    import subprocess
    import sys

    code = ("import sys, xjtrack.output.site.pages, xjtrack.output.site.write, xjtrack.store.siteview; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_site_is_not_written_into_the_curated_data_or_through_a_link_out(tmp_path, mini):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (mini.parent / "public").symlink_to(outside)
    result = site(mini, mini.parent / "public" / "site")
    assert result.exit_code == 1 and "symbolic link" in result.stderr, result.output
    assert list(outside.iterdir()) == []
    result = site(mini, mini.parent / "data" / "site")
    assert result.exit_code == 1 and not (mini.parent / "data" / "site").exists(), result.output


def test_an_old_target_id_leads_to_its_page(shipped_pages, shipped_site):
    import re

    html = (shipped_site / "t/xj-13fyp.work-safety-deaths-per-gdp.html").read_text(encoding="utf-8")
    [new] = re.findall(r'<meta http-equiv="refresh" content="0; url=([^/"]+)\.html">', html)
    assert new != "xj-13fyp.work-safety-deaths-per-gdp" and f'<a href="{new}.html">' in html
    assert f'<a href="{new}.html#zh">' in html and 'lang="zh-Hans"' in html  # and to its Chinese
    assert (shipped_site / "t" / f"{new}.html").is_file()


def test_the_site_counts_promises_as_the_promises_view_does(shipped_site, shipped_db):
    import re
    import sqlite3

    with sqlite3.connect(shipped_db) as conn:
        promises = conn.execute("select count(*) from promises").fetchone()[0]
        targets = conn.execute("select count(*) from targets").fetchone()[0]
        plan = conn.execute("select count(*) from promises where plan = 'xj-13fyp'").fetchone()[0]
    assert promises < targets
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<p>{promises} promises \({targets} targets\)", home)
    page = (shipped_site / "plan/xj-13fyp/index.html").read_text(encoding="utf-8")
    assert f"<p>{plan} promises (" in page


def test_a_quote_in_a_long_paragraph_is_shown_with_a_window_of_context():
    from xjtrack.output.site.text import WINDOW, in_context

    long = "甲" * 1000 + "铁路营运里程达7398公里" + "乙" * 1000
    lines = [(27, "前" * 500), (29, long), (31, "后" * 500)]
    before, here, after = in_context(lines, 29, "铁路营运里程达7398公里", "7398")
    assert before["segments"] == [("…" + "前" * WINDOW, "plain")] and not before["here"]
    assert after["segments"] == [("后" * WINDOW + "…", "plain")]
    assert here["here"] and here["segments"] == [("…" + "甲" * WINDOW, "plain"), ("铁路营运里程达", "quote"),
                                                  ("7398", "figure"), ("公里", "quote"), ("乙" * WINDOW + "…", "plain")]
    short = in_context([(1, "短句。铁路9627公里。")], 1, "铁路9627公里", "9627")
    assert short[0]["segments"] == [("短句。", "plain"), ("铁路", "quote"), ("9627", "figure"), ("公里", "quote"),
                                    ("。", "plain")]


def test_every_target_pages_timeline_is_the_one_show_gives(shipped_db, tmp_path):
    """The site's timelines and show's come from the one stored verdict history, over the same
    documents: for every shipped target they are the same moments with the same verdicts."""
    import shutil

    from xjtrack.cli.lookup import one_target
    from xjtrack.store import siteview
    from xjtrack.store.project import Project

    db = tmp_path / "x.db"
    shutil.copyfile(shipped_db, db)
    project = Project.locate(ROOT / "targets.yaml", db)
    with project.reading() as conn:
        data = siteview.read(conn, ROOT)
    assert len(data.timelines) == len(data.corpus.targets) > 496
    changing = 0
    for ident, moments in data.timelines.items():
        shown = [(d, s, str(st)) for d, s, st in one_target(project, ident, None)[3]]
        assert [(m.date, m.source, str(m.status)) for m in moments] == shown, ident
        changing += len({m.status for m in moments}) > 1
    assert changing > 20  # timelines whose verdict moved, not only one verdict each


def test_no_page_shows_a_python_object_for_a_word(shipped_site):
    """A word whose key is also a dict method's name (items, keys, values) is the word: the
    project list of 专栏 targets is labelled Items/分项, not "<built-in method items …>"."""
    html = (shipped_site / "t/xj-13fyp.coal-power-bases.html").read_text(encoding="utf-8")
    assert '<span lang="en">Items</span><span lang="zh-Hans">分项</span>' in html
    assert not [p for p in shipped_site.rglob("*.html") if " object at 0x" in p.read_text(encoding="utf-8")]


def test_pages_put_together_from_pieces_escape_data_as_the_templates_do():
    """The target pages and the long tables are joined from pieces, not templates: their one
    escape (assemble.esc) writes every kind of value as Jinja2's autoescape writes it."""
    from jinja2 import Environment
    from markupsafe import Markup

    from xjtrack.core.vocab import Status
    from xjtrack.output.site.assemble import context, document_text, esc
    from xjtrack.output.site.engine import where

    template = Environment(autoescape=True).from_string("{{ v }}")
    for value in (ACTIVE, "'\"&", "a<b>&c&amp;", "铁路 9627", "", 3, -2.5, 1e-7, True, None, Markup("<b>kept</b>"), list(Status)[0], ("<a>",)):
        assert esc(value) == template.render(v=value), value
    quote = {"source": "s", "line": 2, "text": ACTIVE, "lines": [], "date": "", "value": ACTIVE, "period": "2020"}
    block = context(quote, "../", where)
    text = document_text([(1, ACTIVE)], {1: ["t<1>"]}, "../../")
    for html in (block, text):
        assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert 't&lt;1&gt;.html">t&lt;1&gt;</a>' in text
