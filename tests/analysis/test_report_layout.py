"""The HTML report in a real browser (issue 17, point 13): rendered by headless Chromium at 1024
and 1400 px, no table may be wider than the page's content column and the page must not scroll
sideways. The measurement is a DOM one (getBoundingClientRect), made by a script added to a
copy of the report; the report itself has no scripts. A screenshot of each width is written
next to the copy (under pytest's tmp folder) for a person to look at."""

import json
import re
import shutil
import subprocess

import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=5000"]

MEASURE = """<script>
window.addEventListener('load', function () {
  var main = document.querySelector('main'), cs = getComputedStyle(main);
  var box = main.getBoundingClientRect();
  var right = box.right - parseFloat(cs.paddingRight), left = box.left + parseFloat(cs.paddingLeft);
  var tables = [];
  document.querySelectorAll('table').forEach(function (t) {
    var r = t.getBoundingClientRect();
    var head = t.querySelector('th');
    tables.push({left: r.left, right: r.right, width: r.width, first: head ? head.textContent : ''});
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-measure';
  pre.textContent = JSON.stringify({viewport: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth, content_left: left, content_right: right,
    tables: tables});
  document.body.appendChild(pre);
});
</script></body>"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def report_page(runs, tmp_path_factory):
    from analysis.__main__ import main
    folder = tmp_path_factory.mktemp("layout")
    out = folder / "report.html"
    assert main(["report", "--run", "baseline=" + runs.glob("base"), "--run",
                 "near-poor top-up=" + runs.glob("dibao"), "--run", "other seeds=" + runs.glob("other"),
                 "--out", str(out)]) == 0
    return out


def measure(page, width, folder):
    browser = chromium()
    if browser is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs Debian's chromium)")
    probe = folder / f"probe_{width}.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE), encoding="utf-8")
    profile = folder / f"profile_{width}"
    res = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                          f"--window-size={width},900", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=180)
    m = re.search(r'<pre id="layout-measure">([^<]*)</pre>', res.stdout)
    assert m, f"no measurement from chromium (exit {res.returncode}): {res.stderr[-2000:]}"
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}_shot",
                    f"--window-size={width},3000", f"--screenshot={folder / f'report_{width}.png'}",
                    page.as_uri()], capture_output=True, timeout=180)
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("width", [1024, 1400])
def test_no_table_is_wider_than_the_page(report_page, width, tmp_path):
    m = measure(report_page, width, tmp_path)
    assert m["viewport"] > 0.9 * width
    assert len(m["tables"]) >= 6            # summary, scenarios, timeline, values, targets, costs
    assert m["scroll"] <= m["viewport"], f"the page scrolls sideways at {width} px: {m}"
    too_wide = [t for t in m["tables"] if t["right"] > m["content_right"] + 0.5
                or t["left"] < m["content_left"] - 0.5]
    assert not too_wide, f"tables wider than the page at {width} px: {too_wide}"
