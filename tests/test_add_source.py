"""add-source: a PDF, a web page or a text file archived with its manifest row and source entry,
or refused, with nothing written, when its text cannot be trusted."""

import hashlib
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjtrack import __version__
from xjtrack.cli import app

runner = CliRunner()
pytest.importorskip("pypdf")

NOTE = ("    notes: Proposed by xjtrack add-source from the document, for a curator to confirm "
        "(jurisdiction, kind, date, title_zh, title_en, issuer).\n")
PDF_PAGES = [
    ["政府工作报告", "——2021年2月1日在新疆维吾尔自治区第十三届人民代表", "大会第四次会议上",
     "自治区主席 雪克来提·扎克尔", "各位代表：", "全区地区生产总值达到13797.",
     "58亿元，五年年均增长6.1%。铁路营业里程达到7398"],
    ["公里，五年新增1530公里。", "城镇化率提高到 56.5%。"],
]
PDF_TEXT = ("政府工作报告\n——2021年2月1日在新疆维吾尔自治区第十三届人民代表\n大会第四次会议上\n"
            "自治区主席 雪克来提·扎克尔\n各位代表：\n全区地区生产总值达到13797.\n"
            "58亿元，五年年均增长6.1%。铁路营业里程达到7398\n公里，五年新增1530公里。\n城镇化率提高到 56.5%。\n")
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>乌鲁木齐市2021年政府工作报告_乌鲁木齐市人民政府</title>
<style>body { font-family: sans-serif; }</style><script>var views = 5414;</script></head>
<body>
<header class="site-header"><div class="logo">乌鲁木齐市人民政府</div>
<nav><a href="/">首页</a> <a href="/plan">十四五规划</a></nav></header>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 政府工作报告</div>
<h2>乌鲁木齐市2021年政府工作报告</h2>
<div class="content">
<h1>乌鲁木齐市2021年政府工作报告</h1>
<p>——2021年1月12日在乌鲁木齐市第十六届人民代表大会第五次会议上</p>
<p>市长&nbsp;张 三</p>
<p>各位代表：</p>
<p>全市地区生产总值达到3337.<br>32亿元，年均增长6.5%。</p>
<table><tr><td>城镇居民人均可支配收入（元）</td><td>45888</td><td>7左右</td></tr></table>
<p>新建改建道路 <b>1003</b> 公里&amp;桥梁<span class="share">分享到</span>。</p>
</div>
<aside>相关阅读：2020年政府工作报告</aside>
<div class="info">2021-10-18 点击数：5414</div>
<p>咨询电话 13910949198</p>
<p>北京市平谷区某某园区</p>
<p>京ICP备16017448号</p>
<footer>京公网安备 11011302003178号 技术支持</footer>
</body></html>
"""
PAGE_TEXT = ("乌鲁木齐市2021年政府工作报告\n——2021年1月12日在乌鲁木齐市第十六届人民代表大会第五次会议上\n"
             "市长 张 三\n各位代表：\n全市地区生产总值达到3337.\n32亿元，年均增长6.5%。\n"
             "城镇居民人均可支配收入（元） 45888 7左右\n新建改建道路 1003 公里&桥梁。\n")
MANIFEST_HEAD = ("| archived file | received as | sha256 received | sha256 archived | extractor | removed |\n"
                 "| --- | --- | --- | --- | --- | --- |\n")


def reportlab_pdf(path: Path, pages: list[list[str] | None], header: str = "新疆维吾尔自治区人民政府办公厅") -> bytes:
    """A PDF with Chinese text in a CID font, a running header and a page number on every page."""
    reportlab = pytest.importorskip("reportlab")
    assert reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1)
    for number, lines in enumerate(pages, 1):
        page.setFont("STSong-Light", 9)
        page.drawString(72, 800, header)
        page.setFont("STSong-Light", 14)
        if lines is None:  # a scanned page: an image, no text
            from PIL import Image

            page.drawInlineImage(Image.new("L", (8, 8), 128), 72, 400, 400, 300)
        for row, line in enumerate(lines or ()):
            page.drawString(72, 740 - 24 * row, line)
        page.setFont("STSong-Light", 9)
        page.drawCentredString(298, 40, f"— {number} —")
        page.showPage()
    page.save()
    return path.read_bytes()


def hand_made_pdf(path: Path, codes: str, to_unicode: dict[int, str] | None) -> bytes:
    """A one-page PDF written byte by byte: a Type0 font with Identity-H encoding, its glyphs
    mapped to characters by a ToUnicode CMap, or (to_unicode None) not mapped at all. Without
    codes to show, the page draws a grey rectangle and no text."""
    content = (f"BT /F1 24 Tf 72 700 Td <{codes}> Tj ET" if codes else "0.5 g 72 600 400 150 re f").encode()
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R]"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               font + (b" /ToUnicode 7 0 R >>" if to_unicode else b" >>"),
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>"]
    if to_unicode:
        pairs = "".join(f"<{code:04x}> <{ord(char):04x}>\n" for code, char in to_unicode.items())
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
                "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
                f"{len(to_unicode)} beginbfchar\n{pairs}endbfchar endcmap CMapName currentdict /CMap "
                "defineresource pop end end").encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return bytes(out)


def add(mini, *args):
    return runner.invoke(app, ["add-source", *map(str, args), "--targets", str(mini)])


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_pdf_is_archived_without_page_furniture_with_its_row_and_its_entry(mini, tmp_path):
    data = reportlab_pdf(tmp_path / "xj-2021.pdf", PDF_PAGES)
    before = mini.read_text(encoding="utf-8")
    result = add(mini, tmp_path / "xj-2021.pdf")
    assert result.exit_code == 0, result.output
    root = mini.parent
    assert (root / "sources" / "xj-2021.txt").read_text(encoding="utf-8") == PDF_TEXT
    entry = ("  - id: xj-2021\n    title_zh: 新疆维吾尔自治区2021年政府工作报告\n"
             "    title_en: Xinjiang Government Work Report 2021\n"
             "    issuer: 新疆维吾尔自治区人民政府（自治区主席，新疆维吾尔自治区第十三届人民代表大会第四次会议）\n"
             "    jurisdiction: xinjiang\n    kind: work_report\n    date: \"2021-02-01\"\n"
             "    file: sources/xj-2021.txt\n" + NOTE)
    at = before.index("\nplans:")  # the mini corpus's sources: are not parted by blank lines
    assert mini.read_text(encoding="utf-8") == before[:at - 1] + "\n" + entry + before[at:]
    assert result.stdout == entry
    manifest = (root / "sources" / "MANIFEST.md").read_text(encoding="utf-8")
    assert manifest.endswith(MANIFEST_HEAD + f"| `xj-2021.txt` | `xj-2021.pdf` | `{sha(data)}` | "
                             f"`{sha(PDF_TEXT.encode())}` | xjtrack {__version__}, pypdf "
                             f"{__import__('pypdf').__version__} | page numbers (on 2 of 2 pages); a running "
                             "header (on 2 of 2 pages) |\n")
    assert "Proposed from the document" in result.stderr and "date 2021-02-01" in result.stderr


def test_numbers_broken_across_a_line_or_a_page_are_found_whole_and_validate_passes(mini, tmp_path):
    from xjtrack.curated.quotes import SourceText

    reportlab_pdf(tmp_path / "xj-2021.pdf", PDF_PAGES)
    assert add(mini, tmp_path / "xj-2021.pdf").exit_code == 0
    text = SourceText((mini.parent / "sources" / "xj-2021.txt").read_text(encoding="utf-8"))
    assert text.locate("全区地区生产总值达到13797.58亿元").line == 6
    assert text.locate("铁路营业里程达到7398公里").line == 7
    assert text.locate("7398公里，五年新增1530公里") is not None
    result = runner.invoke(app, ["validate", "--targets", str(mini)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("OK: 4 sources")


def test_a_web_page_loses_its_navigation_header_and_footer(mini, tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    result = add(mini, tmp_path / "page.html", "--id", "urumqi-gwr-2021")
    assert result.exit_code == 0, result.output
    root = mini.parent
    assert (root / "sources" / "urumqi-gwr-2021.txt").read_text(encoding="utf-8") == PAGE_TEXT
    assert result.stdout == ("  - id: urumqi-gwr-2021\n    title_zh: 乌鲁木齐市2021年政府工作报告\n"
                             "    title_en: Urumqi Government Work Report 2021\n"
                             "    issuer: 乌鲁木齐市人民政府（市长，乌鲁木齐市第十六届人民代表大会第五次会议）\n"
                             "    jurisdiction: urumqi\n    kind: work_report\n    date: \"2021-01-12\"\n"
                             "    file: sources/urumqi-gwr-2021.txt\n" + NOTE)
    assert result.stdout in mini.read_text(encoding="utf-8")
    manifest = (root / "sources" / "MANIFEST.md").read_text(encoding="utf-8")
    assert manifest.endswith(
        MANIFEST_HEAD + f"| `urumqi-gwr-2021.txt` | `page.html` | `{sha(PAGE.encode())}` | `{sha(PAGE_TEXT.encode())}` | "
        f"xjtrack {__version__}, html.parser (Python {platform.python_version()}) | the page's own elements: "
        "aside, footer, header, 2 elements whose class or id names site chrome; the page title repeated; "
        "the page's last 4 lines, its footer: a view counter, contact numbers, an ICP licence number, "
        "1 other line |\n")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0


HEADER_ONLY = "政府工作报告\n——2024年1月在自治区第十四届人民代表大会第二次会议上\n正文。\n"


def test_the_comments_and_layout_of_targets_yaml_are_kept_byte_for_byte(mini, tmp_path):
    original = mini.read_text(encoding="utf-8")
    commented = ("# The mini corpus.  Comments everywhere:\n" + original
                 .replace("sources:\n", "sources:   # the documents\n")
                 .replace("  - id: report\n", "\n  # the report, delivered in 2021\n  - id: report\n")
                 .replace("    file: sources/later.txt\n", "    file: sources/later.txt  # keep\n"
                          "    # last entry's comment\n\n# about the plans\n")
                 + "# the end\n")
    mini.write_text(commented, encoding="utf-8")
    (tmp_path / "later-2024.txt").write_text(HEADER_ONLY, encoding="utf-8")
    result = add(mini, tmp_path / "later-2024.txt", "--jurisdiction", "xinjiang")
    assert result.exit_code == 0, result.output
    at = commented.index("    # last entry's comment\n") + len("    # last entry's comment\n")
    assert mini.read_text(encoding="utf-8") == commented[:at] + result.stdout + commented[at:]
    assert result.stdout.startswith("  - id: later-2024\n    title_zh: 新疆维吾尔自治区2024年政府工作报告\n")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0


def test_an_entry_in_a_section_parted_by_blank_lines_is_parted_too(mini, tmp_path):
    original = mini.read_text(encoding="utf-8")
    parted = original.replace("\n  - id: report\n", "\n\n  - id: report\n").replace(
        "\n  - id: later\n", "\n\n  - id: later\n")
    mini.write_text(parted, encoding="utf-8")
    (tmp_path / "later-2024.txt").write_text(HEADER_ONLY, encoding="utf-8")
    result = add(mini, tmp_path / "later-2024.txt", "--jurisdiction", "xinjiang")
    assert result.exit_code == 0, result.output
    at = parted.index("\nplans:")
    assert mini.read_text(encoding="utf-8") == parted[:at - 1] + "\n\n" + result.stdout + parted[at:]


def test_an_id_from_the_file_name_a_title_that_needs_quoting_and_a_date_to_the_month(mini, tmp_path):
    (tmp_path / "Report_2024.txt").write_text(HEADER_ONLY, encoding="utf-8")
    result = add(mini, tmp_path / "Report_2024.txt", "--jurisdiction", "xinjiang", "--title-en", "Report: 2024")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("  - id: report-2024\n    title_zh: 新疆维吾尔自治区2024年政府工作报告\n"
                             "    title_en: \"Report: 2024\"\n"
                             "    issuer: 新疆维吾尔自治区人民政府（自治区第十四届人民代表大会第二次会议）\n"
                             "    jurisdiction: xinjiang\n    kind: work_report\n    date: \"2024-01\"\n"
                             "    file: sources/report-2024.txt\n    notes: Proposed by xjtrack add-source from "
                             "the document, for a curator to confirm (kind, date, title_zh, issuer).\n")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0


def refused(mini, path: Path, *options, code: int = 1) -> str:
    """Run add-source expecting a refusal: the exit code, one error line, and nothing written."""
    before = snapshot(mini.parent)
    result = add(mini, path, *options)
    assert result.exit_code == code, result.output
    assert result.stdout == "" and "Traceback" not in result.output and "Internal error" not in result.stderr
    assert snapshot(mini.parent) == before
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0].removeprefix("Error: ")


def test_a_pdf_without_a_text_layer_is_refused_and_nothing_is_written(mini, tmp_path):
    hand_made_pdf(tmp_path / "scan.pdf", "", None)
    assert refused(mini, tmp_path / "scan.pdf") == (
        "scan.pdf cannot be archived: it has no text layer (a scan?); run OCR on it first (e.g. ocrmypdf) "
        "and check the text by hand")


def test_a_pdf_with_one_scanned_page_is_refused_rather_than_archived_incomplete(mini, tmp_path):
    reportlab_pdf(tmp_path / "part.pdf", [PDF_PAGES[0], None, PDF_PAGES[1]], header="")
    assert refused(mini, tmp_path / "part.pdf") == (
        "part.pdf cannot be archived: page 2 of 3 is an image without a text layer (scanned?), so the text "
        "would be incomplete; run OCR on the whole file first")


def test_a_font_without_a_character_map_is_refused_and_with_one_it_reads(mini, tmp_path):
    hand_made_pdf(tmp_path / "unmapped.pdf", "0c2e0d4f", None)
    assert refused(mini, tmp_path / "unmapped.pdf") == (
        "unmapped.pdf cannot be archived: page 1 uses the font SimSun, which carries no map from its glyphs "
        "to characters; find another copy of the document, or run OCR on it")
    hand_made_pdf(tmp_path / "mapped.pdf", "0c2e0d4f", {0x0C2E: "新", 0x0D4F: "疆"})
    result = add(mini, tmp_path / "mapped.pdf", "--jurisdiction", "xinjiang", "--kind", "plan", "--title-zh", "新疆",
                 "--title-en", "Xinjiang", "--issuer", "人民政府", "--date", "2016")
    assert result.exit_code == 0, result.output
    assert (mini.parent / "sources" / "mapped.txt").read_text(encoding="utf-8") == "新疆\n"
    assert "notes:" not in result.stdout  # nothing was proposed


@pytest.mark.parametrize("name, text, message", [
    ("cid.txt", "政府工作报告\n地区生产总值(cid:3118)(cid:3407)亿元\n",
     "cid.txt cannot be archived: glyphs the extractor could not map to characters, such as (cid:123) (first on "
     "line 2); the document's fonts carry no character map; find another copy of it, or run OCR on it"),
    ("latin1.txt", "政府工作报告\n" + "新疆维吾尔自治区地区生产总值".encode().decode("latin-1") + "\n",
     "latin1.txt cannot be archived: mojibake: UTF-8 text read as Latin-1 ('æ\\u0096°ç\\u0096\\u0086ç»´å\\u0090¾"
     "å°\\u0094è\\u0087ªæ²»å\\u008cºå\\u009c°å\\u008cºç\\u0094\\u009fäº§æ\\u0080»å\\u0080¼') (first on line 2); "
     "find the original file, or reverse the mis-decoding and check the result by hand"),
    ("cp1252.txt", "地区生产总值增长".encode().decode("cp1252") + "\n",
     "cp1252.txt cannot be archived: mojibake: UTF-8 text read as Latin-1 ('åœ°åŒºç”Ÿäº§æ€»å€¼å¢žé•¿') (first on "
     "line 1); find the original file, or reverse the mis-decoding and check the result by hand"),
    ("english.txt", "Government work report\n",
     "english.txt cannot be archived: its text holds no Chinese characters; xjtrack archives Chinese "
     "government documents: is it the right file, or is its text garbled?"),
    ("gbk.txt", "\n".join(["政府工作报告全区".encode().decode("gbk")] * 3) + "\n",
     "gbk.txt cannot be archived: mojibake: UTF-8 text read as GBK (3 of 3 runs of Chinese text) (first on "
     "line 1); find the original file, or reverse the mis-decoding and check the result by hand"),
    ("replaced.txt", "政府工作报告\n增长\ufffd%\n",
     "replaced.txt cannot be archived: replacement characters (\ufffd): the text lost characters when it was "
     "decoded (first on line 2); find an undamaged copy of the document"),
    ("escape.txt", "政府工作报告\n\x1b[2J增长\n",
     "escape.txt cannot be archived: a control or bidirectional-formatting character (U+001B) (first on line 2); "
     "remove it from the file, or find a clean copy"),
    ("gb18030.txt", "政府工作报告".encode("gb18030"),
     "gb18030.txt is not UTF-8 text (byte 0: invalid continuation byte); convert it to UTF-8 first, e.g. iconv -f "
     "GB18030 -t UTF-8, and check the result"),
])
def test_garbled_text_is_refused_and_nothing_is_written(mini, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert refused(mini, path, "--jurisdiction", "xinjiang") == message


def test_a_cp1252_mojibake_inside_chinese_text_is_refused(mini, tmp_path):
    (tmp_path / "mixed.txt").write_text("政府工作报告\n" + "地区生产总值增长".encode().decode("cp1252") + "\n",
                                        encoding="utf-8")
    assert refused(mini, tmp_path / "mixed.txt").startswith(
        "mixed.txt cannot be archived: mojibake: UTF-8 text read as Latin-1 ('åœ°åŒºç”Ÿäº§æ€»å€¼å¢žé•¿') (first on line 2)")


def test_an_id_in_use_a_path_taken_and_an_unsupported_type_are_refused(mini, tmp_path):
    (tmp_path / "report.txt").write_text(HEADER_ONLY, encoding="utf-8")
    assert refused(mini, tmp_path / "report.txt") == (
        "the source id 'report' is already used (targets.yaml:23); choose another with --id")
    (mini.parent / "sources" / "taken.txt").write_text("x\n", encoding="utf-8")
    assert refused(mini, tmp_path / "report.txt", "--id", "taken") == (
        f"{mini.parent / 'sources' / 'taken.txt'} already exists; add-source never overwrites an archived text: "
        "choose another id with --id, or move the file away")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    assert refused(mini, tmp_path / "report.docx") == (
        f"{tmp_path / 'report.docx'}: add-source reads plain text (.txt), web pages (.html, .htm) and PDF (.pdf); "
        "convert the document to one of them first")
    (tmp_path / "fake.pdf").write_text(HEADER_ONLY, encoding="utf-8")
    assert refused(mini, tmp_path / "fake.pdf") == (
        f"{tmp_path / 'fake.pdf'} is named .pdf but is not a PDF (it does not start with %PDF-)")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert refused(mini, tmp_path / "page.txt").endswith("holds a web page; rename it .html, so that the "
                                                         "page's navigation, header and footer are left out")


def test_what_cannot_be_proposed_or_is_badly_given_is_a_usage_error(mini, tmp_path):
    (tmp_path / "plain.txt").write_text("新疆的一些文字。\n", encoding="utf-8")
    assert refused(mini, tmp_path / "plain.txt", code=2) == (
        "cannot add plain.txt without: the jurisdiction (no meeting or title names exactly one of national, xinjiang, "
        "urumqi, and the text names none of them most; give it with --jurisdiction); the kind (its title says none "
        "of 政府工作报告, 规划 or 统计公报, it is not a speech to a people's congress, and no 来源, byline or posting "
        "time marks it as news; give it with --kind plan, work_report, bulletin, news or analysis); the date (its "
        "header gives no date and its title no year; give it with --date (e.g. 2021-02-01, 2021-02 or 2021)); the "
        "title zh (it follows from the kind and the jurisdiction; give it with --title-zh); the title en (it follows "
        "from the kind and the jurisdiction; give it with --title-en). Give them on the command line, or run "
        "add-source on a terminal to be asked")
    assert refused(mini, tmp_path / "plain.txt", "--jurisdiction", "xinjiang", "--kind", "plan", code=2) == (
        "cannot add plain.txt without: the date (its header gives no date and its title no year; give it with "
        "--date (e.g. 2021-02-01, 2021-02 or 2021)); the title zh (no line of it reads as a title; give it with "
        "--title-zh); the title en (it follows from the kind and the jurisdiction; give it with --title-en). Give "
        "them on the command line, or run add-source on a terminal to be asked")
    assert refused(mini, tmp_path / "plain.txt", "--jurisdiction", "xinjaing", code=2) == (
        "no jurisdiction 'xinjaing'; did you mean 'xinjiang'?; jurisdictions: national, xinjiang, urumqi")
    assert refused(mini, tmp_path / "plain.txt", "--id", "Bad_Id", code=2).startswith("--id 'Bad_Id' is not an id")
    assert refused(mini, tmp_path / "plain.txt", "--date", "2021-13", "--jurisdiction", "xinjiang",
                   code=2) == "--date: '2021-13' is not a date: it has no month 13"
    (tmp_path / "乌鲁木齐2025.txt").write_text(HEADER_ONLY, encoding="utf-8")
    assert refused(mini, tmp_path / "乌鲁木齐2025.txt", code=2) == (
        "cannot propose a source id from the file name '乌鲁木齐2025.txt'; give one with --id (lower-case letters, "
        "digits and -, e.g. urumqi-gwr-2025)")


def test_without_the_ingest_extra_a_pdf_names_the_extra_and_text_still_works(mini, tmp_path, monkeypatch):
    reportlab_pdf(tmp_path / "xj-2021.pdf", PDF_PAGES)
    monkeypatch.setitem(sys.modules, "pypdf", None)
    assert refused(mini, tmp_path / "xj-2021.pdf") == "reading a PDF needs the ingest extra: pip install 'xjtrack[ingest]'"
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert add(mini, tmp_path / "page.html").exit_code == 0


def test_a_failure_while_writing_leaves_all_three_files_as_they_were(mini, tmp_path, monkeypatch):
    import os

    reportlab_pdf(tmp_path / "xj-2021.pdf", PDF_PAGES)
    assert add(mini, tmp_path / "xj-2021.pdf").exit_code == 0  # a manifest exists now, to be put back
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    real_replace = os.replace

    def full_disk(src, dst):
        if Path(dst).name == "targets.yaml":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    assert refused(mini, tmp_path / "page.html") == (
        f"cannot write {mini}: No space left on device; nothing was written")


def test_the_command_line_starts_without_the_pdf_reader():
    code = "import sys, xjtrack.cli; print(sorted(m for m in ('pypdf', 'xjtrack.ingest') if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout == "[]\n"


REPOSITORY = Path(__file__).resolve().parent.parent
PLACES = [("xinjiang", "新疆维吾尔自治区", "Xinjiang"), ("urumqi", "乌鲁木齐市", "Urumqi"), ("national", "全国", "China")]


@pytest.mark.parametrize("source, expected", [
    ("xj-13fyp-outline", {"jurisdiction": "xinjiang", "kind": "plan", "date": "2016-05",
                          "title_zh": "新疆维吾尔自治区国民经济和社会发展第十三个五年规划纲要",
                          "title_en": "Outline of the 13th Five-Year Plan for the Economic and Social Development of "
                                      "Xinjiang", "issuer": "新疆维吾尔自治区人民政府"}),
    ("xj-gwr-2021", {"jurisdiction": "xinjiang", "kind": "work_report", "date": "2021-02-01",
                     "title_zh": "新疆维吾尔自治区2021年政府工作报告", "title_en": "Xinjiang Government Work Report 2021",
                     "issuer": "新疆维吾尔自治区人民政府（自治区主席，新疆维吾尔自治区第十三届人民代表大会第四次会议）"}),
    ("xj-gwr-2024", {"jurisdiction": "xinjiang", "kind": "work_report", "date": "2024-01-30",
                     "title_zh": "新疆维吾尔自治区2024年政府工作报告", "title_en": "Xinjiang Government Work Report 2024",
                     "issuer": "新疆维吾尔自治区人民政府（自治区主席，新疆维吾尔自治区第十四届人民代表大会第二次会议）"}),
    ("urumqi-gwr-2021", {"jurisdiction": "urumqi", "kind": "work_report", "date": "2021-01-12",
                         "title_zh": "乌鲁木齐市2021年政府工作报告", "title_en": "Urumqi Government Work Report 2021",
                         "issuer": "乌鲁木齐市人民政府（市长，乌鲁木齐市第十六届人民代表大会第五次会议）"}),
])
def test_the_corpus_documents_headers_propose_their_entries(source, expected):
    from xjtrack.ingest.header import Place, propose

    text = (REPOSITORY / "sources" / f"{source}.txt").read_text(encoding="utf-8")
    proposal = propose(text, {}, [Place(*place) for place in PLACES])
    assert proposal.fields == expected and proposal.missing == []
    assert proposal.proposed == ["jurisdiction", "kind", "date", "title_zh", "title_en", "issuer"]


def test_a_document_without_a_header_proposes_only_what_its_text_settles():
    from xjtrack.ingest.header import Place, propose

    text = (REPOSITORY / "sources" / "urumqi-gwr-2024.txt").read_text(encoding="utf-8")
    proposal = propose(text, {}, [Place(*place) for place in PLACES])
    assert proposal.fields["jurisdiction"] == "urumqi"  # 全市 throughout, never 全区, though 自治区 often
    assert proposal.why["jurisdiction"].startswith("the place the text names most as its own place (")
    assert proposal.why["jurisdiction"].endswith(": urumqi 17, xinjiang 3")
    assert [m.field for m in proposal.missing] == ["kind", "date", "title_zh", "title_en"]


FIRST_LAYOUT = """# Archived source texts

Written by `python scripts/clean_sources.py SEEDS_DIR`. Each file is the document as
received (UTF-8 plain text) less the lines named below.

| archived file | received as | sha256 received | sha256 archived | removed |
| --- | --- | --- | --- | --- |
| xj-gwr-2021.txt | 000_5c60039be59c2a0b.txt | `eb8cd68f965f0101` | `eb8cd68f965f0101` | nothing |
| xj-gwr-2024.txt | 001_1716037083a91232.txt | `e18cc82ea08d5359` | `f4de5873d5dfbca2` | line 905: a scraper's notice |
"""


def test_a_manifest_in_the_first_layout_gains_the_extractor_column_and_keeps_its_rows(mini, tmp_path):
    first = FIRST_LAYOUT
    (mini.parent / "sources" / "MANIFEST.md").write_text(first, encoding="utf-8")
    (tmp_path / "later-2024.txt").write_text(HEADER_ONLY, encoding="utf-8")
    assert add(mini, tmp_path / "later-2024.txt", "--jurisdiction", "xinjiang").exit_code == 0
    intro, table = first.split("| archived file |")
    rows = table.splitlines()[2:]
    expected = (intro + "Rows whose extractor is xjtrack were written by `xjtrack add-source FILE`: the text as "
                "that\nextractor read it from the file received, less what the row names.\n\n" + MANIFEST_HEAD
                + "".join(" | ".join([*row.split(" | ")[:4], "`scripts/clean_sources.py`", *row.split(" | ")[4:]])
                          + "\n" for row in rows)
                + f"| `later-2024.txt` | `later-2024.txt` | `{sha(HEADER_ONLY.encode())}` | `{sha(HEADER_ONLY.encode())}` "
                f"| xjtrack {__version__}, plain text | nothing |\n")
    assert (mini.parent / "sources" / "MANIFEST.md").read_text(encoding="utf-8") == expected


def test_a_web_page_in_the_charset_it_declares_reads_as_the_same_text(mini, tmp_path):
    (tmp_path / "gbk.html").write_bytes(PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030"))
    assert add(mini, tmp_path / "gbk.html").exit_code == 0
    assert (mini.parent / "sources" / "gbk.txt").read_text(encoding="utf-8") == PAGE_TEXT
    (tmp_path / "undeclared.html").write_bytes(PAGE.replace('<meta charset="utf-8">', "").encode("gb18030"))
    assert refused(mini, tmp_path / "undeclared.html").startswith(
        "undeclared.html is not UTF-8, and declares no charset (byte ")


def test_clean_sources_run_twice_writes_the_same_manifest_and_keeps_add_source_rows(tmp_path, monkeypatch):
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "clean_sources.py"
    spec = importlib.util.spec_from_file_location("clean_sources", script)
    clean = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(clean)
    seeds, out = tmp_path / "seeds", tmp_path / "sources"
    seeds.mkdir()
    out.mkdir()
    (seeds / "000_seed.txt").write_text("站点导航\n政府工作报告\n正文。\n", encoding="utf-8")
    monkeypatch.setattr(clean, "CUTS", [("000_seed.txt", "report.txt", [(1, 1, "the site's navigation")])])
    added = "| `later.txt` | `later.html` | `ab` | `cd` | xjtrack 0.2, html.parser | lines 1-2: chrome |"
    (out / "MANIFEST.md").write_text("| archived file |\n" + added + "\n", encoding="utf-8")
    clean.main(seeds, out)
    first = (out / "MANIFEST.md").read_text(encoding="utf-8")
    clean.main(seeds, out)
    assert (out / "MANIFEST.md").read_text(encoding="utf-8") == first
    rows = [line for line in first.splitlines() if line.startswith("| `")]
    received, kept = sha("站点导航\n政府工作报告\n正文。\n".encode()), sha("政府工作报告\n正文。\n".encode())
    assert rows == [f"| `report.txt` | `000_seed.txt` | `{received}` | `{kept}` | `scripts/clean_sources.py` | "
                    "line 1: the site's navigation |", added]
    assert (out / "report.txt").read_text(encoding="utf-8") == "政府工作报告\n正文。\n"


SCRAPE = ("首页 > 政府报告\n2024年政府工作报告\n\n2024年政府工作报告\n" + HEADER_ONLY + "\n"
          "2024-02-01 点击数 5414\n咨询电话 010-12345678\n京ICP备16017448号\n")


def test_a_web_page_saved_as_text_loses_the_sites_lines_and_the_manifest_says_which(mini, tmp_path):
    (tmp_path / "scrape-2024.txt").write_text(SCRAPE, encoding="utf-8")
    assert add(mini, tmp_path / "scrape-2024.txt", "--jurisdiction", "xinjiang").exit_code == 0
    assert (mini.parent / "sources" / "scrape-2024.txt").read_text(encoding="utf-8") == \
        "2024年政府工作报告\n" + HEADER_ONLY
    row = (mini.parent / "sources" / "MANIFEST.md").read_text(encoding="utf-8").splitlines()[-1]
    assert row.endswith("| a breadcrumb line; the page title repeated; the page's last 3 lines, its footer: "
                        "a view counter, contact numbers, an ICP licence number |")


def test_a_text_whose_last_lines_name_a_hotline_keeps_them(mini, tmp_path):
    text = HEADER_ONLY + "举报电话：12345。\n"
    (tmp_path / "hotline-2024.txt").write_text(text, encoding="utf-8")
    assert add(mini, tmp_path / "hotline-2024.txt", "--jurisdiction", "xinjiang").exit_code == 0
    assert (mini.parent / "sources" / "hotline-2024.txt").read_text(encoding="utf-8") == text


def drawn_pdf(path: Path, rows: list[tuple[str, str]], right_at: int = 320) -> bytes:
    """A one-page PDF drawn line by line across the page: each row's left text at x 60, its right
    text at right_at, as some generators write two columns (and every table)."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("STSong-Light", 12)
    for row, (left, right) in enumerate(rows):
        page.drawString(60, 740 - 20 * row, left)
        if right:
            page.drawString(right_at, 740 - 20 * row, right)
    page.showPage()
    page.save()
    return path.read_bytes()


TWO_COLUMNS = [("一、2023年工作回顾", "二、2024年主要工作"), ("全区地区生产总值增长", "今年地区生产总值增长"),
               ("6.8%，城镇新增就业", "6.5%左右，城镇新增就"), ("48.5万人。", "业46万人以上。")]


def test_a_page_in_two_columns_is_read_down_the_left_column_then_the_right(tmp_path):
    pytest.importorskip("pypdf")
    from xjtrack.ingest.pdf import extract_pdf

    extracted = extract_pdf(drawn_pdf(tmp_path / "two.pdf", TWO_COLUMNS), "two.pdf")
    assert extracted.text == "\n".join([*(left for left, _ in TWO_COLUMNS), *(right for _, right in TWO_COLUMNS)]) + "\n"
    assert extracted.removed == ("two columns read as the left column, then the right (page 1)",)


@pytest.mark.parametrize("rows", [
    # a table of two text columns: its left cells are short and long, not filled to the gutter
    [("油气开发", "重点建设西北石油局油气勘探开发项目"), ("石油炼化工程项目", "克拉玛依石化超稠油加工技术改造"),
     ("非常规油气", "哈密巴里坤太姥页岩油项目建设"), ("煤层气综合利用示范工程", "阜康煤层气综合利用示范工程")],
    # a table of figures: names on the left, numbers on the right
    [("地区生产总值(亿元)", "9324.8 13078 7左右"), ("工业增加值(亿元)", "2690 3952 8左右"),
     ("全社会固定资产投资(亿元)", "10729 18908 12"), ("一般公共预算收入(亿元)", "1331 1824 6.5以上")],
])
def test_a_table_across_the_page_keeps_its_rows(tmp_path, rows):
    pytest.importorskip("pypdf")
    from xjtrack.ingest.pdf import extract_pdf

    extracted = extract_pdf(drawn_pdf(tmp_path / "table.pdf", rows, right_at=250), "table.pdf")
    assert extracted.text.replace(" ", "") == "".join(f"{left}\n{right}\n" for left, right in rows).replace(" ", "")
    assert extracted.removed == ()  # pypdf's own order: each row's cells together


BULLETIN = ("新疆维吾尔自治区2023年国民经济和社会发展统计公报\n新疆维吾尔自治区统计局\n国家统计局新疆调查总队\n"
            "2024年3月28日\n一、综合\n初步核算，全年全区地区生产总值19125.91亿元，比上年增长6.8%。\n")


def test_a_statistical_bulletin_is_proposed_as_one_with_its_bureau_and_year(mini, tmp_path):
    (tmp_path / "xj-bulletin-2023.txt").write_text(BULLETIN, encoding="utf-8")
    result = add(mini, tmp_path / "xj-bulletin-2023.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("  - id: xj-bulletin-2023\n    title_zh: 新疆维吾尔自治区2023年国民经济和社会发展统计公报\n"
                             "    title_en: Xinjiang Statistical Bulletin on Economic and Social Development 2023\n"
                             "    issuer: 新疆维吾尔自治区统计局\n    jurisdiction: xinjiang\n    kind: bulletin\n"
                             "    date: \"2024-03-28\"\n    file: sources/xj-bulletin-2023.txt\n    notes: Proposed by "
                             "xjtrack add-source from the document, for a curator to confirm (jurisdiction, "
                             "kind, date, title_zh, title_en, issuer).\n")
    assert runner.invoke(app, ["validate", "--targets", str(mini)]).exit_code == 0
