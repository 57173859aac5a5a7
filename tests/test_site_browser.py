"""The site in a real browser (Debian's chromium, headless): the target page shows its verdict,
and the search page finds the railway target for 铁路. Screenshots are saved beside the test's
temporary site, to look at."""

import re
import subprocess
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from xjtrack.cli import app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: "
                                "apt-get install chromium fonts-noto-cjk to run the browser test")


@pytest.fixture(scope="module")
def served(tmp_path_factory, shipped_db):
    from xjtrack.output.site.write import preview_server

    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(app, ["site", "-o", str(out), "--targets", str(ROOT / "targets.yaml"),
                                      "--db", str(shipped_db)])
    assert result.exit_code == 0, result.output
    server = preview_server(out, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", out.parent
    server.shutdown()
    server.server_close()


def chromium(*args: str, home: Path) -> str:
    done = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={home / 'profile'}",
                           "--virtual-time-budget=5000", *args],
                          capture_output=True, text=True, timeout=120, env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_target_page_shows_its_verdict_in_a_browser(served):
    url, folder = served
    dom = chromium("--dump-dom", url + "t/xj-13fyp.railway-km.html", home=folder)
    assert '<span class="badge s-missed">missed</span>' in dom and "7398公里" in dom


def test_search_for_tielu_finds_the_railway_target(served):
    url, folder = served
    dom = chromium("--dump-dom", url + "search/?q=%E9%93%81%E8%B7%AF", home=folder)
    assert 'href="../t/xj-13fyp.railway-km.html"' in dom
    # the documents' lines come from search-text.js, which the script loads on the first search
    assert 'href="../doc/xj-13fyp-outline/#L822"' in dom and re.search(r">\d+ results</p>", dom)
    zh = chromium("--dump-dom", url + "zh/search/?q=%E9%93%81%E8%B7%AF", home=folder)
    assert 'href="../../t/xj-13fyp.railway-km.html#zh"' in zh and "条结果" in zh
    assert 'href="../doc/xj-13fyp-outline/#L822"' in zh and re.search(r">\d+ 条结果</p>", zh)


@pytest.mark.parametrize("name, page", [("home", ""), ("plan", "plan/xj-13fyp/"),
                                        ("target", "t/xj-13fyp.railway-km.html"), ("indicator", "indicator/gdp/"),
                                        ("target-zh", "t/xj-13fyp.railway-km.html#zh"), ("search", "search/?q=铁路")])
def test_screenshots(served, name, page):
    url, folder = served
    shot = folder / f"{name}.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,1600", url + page, home=folder)
    assert shot.is_file() and shot.stat().st_size > 10_000  # kept in the test's temporary folder


def test_an_address_of_the_earlier_site_leads_to_the_target_page(tmp_path, shipped_db):
    """Sites written by xjtrack 0.3.0 gave a target the address t/ID/ (zh/t/ID/ in Chinese); the
    site's 404.html, which static hosts serve for any missing address, sends it to t/ID.html."""
    from xjtrack.output.site.write import preview_server

    out = tmp_path / "site"
    server = preview_server(out, 0)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = CliRunner().invoke(app, ["site", "-o", str(out), "--base-url", url, "--targets",
                                      str(ROOT / "targets.yaml"), "--db", str(shipped_db)])
    assert result.exit_code == 0, result.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        dom = chromium("--dump-dom", url + "t/xj-13fyp.railway-km/", home=tmp_path)
        assert '<span class="badge s-missed">missed</span>' in dom
        zh = chromium("--dump-dom", url + "zh/t/xj-13fyp.railway-km/index.html", home=tmp_path)
        assert '<span class="badge s-missed">missed</span>' in zh
        lost = chromium("--dump-dom", url + "t/no-such-target.html", home=tmp_path)
        assert "There is no page at this address" in lost and "badge" not in lost
        away = chromium("--dump-dom", url + "/example.org/t/xj-13fyp.railway-km/", home=tmp_path)
        assert "There is no page at this address" in away  # a path with an empty part is not followed
    finally:
        server.shutdown()
        server.server_close()
