"""The HTML report in a real headless Chromium (Debian's ``chromium`` package).

Chromium loads the report from disk with a small harness script appended; the
harness hovers a quote, clicks a flag and unticks a severity filter, the way a
reviewer would, and records what the page did as attributes on ``<html>``.
``--dump-dom`` then hands back the live DOM, which the tests read with
:mod:`html.parser`.  A second run saves a screenshot of the same state.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reviewer_fixtures import SAMPLES, seed_report_with_two_sided_flag

from aligner import align, read_source, source_from_text
from aligner.render.html import render_html

SAMPLE_WITH_STRUCTURAL_FLAGS = SAMPLES / "en_mt_pentagon_malformed_missing.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Where the last screenshot goes, for a human to look at (tests also keep one in tmp).
SCREENSHOT_DIR = os.environ.get("ALIGNER_SCREENSHOT_DIR")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium); the HTML browser test needs it"
)

HARNESS = r"""
(function () {
  var root = document.documentElement;
  var flagId = root.getAttribute("data-harness-flag");
  var hoverQuote = root.getAttribute("data-harness-hover");
  if (hoverQuote) {
    var piece = document.querySelector('#transcript .p.rendering[data-quote="' + hoverQuote + '"]');
    if (piece) { piece.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); }
  }
  if (flagId) {
    var item = document.querySelector('.flag[data-flag="' + flagId + '"]');
    if (item) { item.click(); }
    var first = document.querySelector("#transcript .flagged");
    if (first) {
      var box = first.getBoundingClientRect();
      var pane = first.closest(".transcript-pane").getBoundingClientRect();
      var inView = box.top >= Math.max(0, pane.top) && box.bottom <= Math.min(window.innerHeight, pane.bottom);
      root.setAttribute("data-harness-first-in-view", inView ? "yes" : "no");
    }
  }
  var hide = root.getAttribute("data-harness-hide");
  if (hide) {
    var box = document.querySelector('input[name="severity"][value="' + hide + '"]');
    if (box) { box.checked = false; box.dispatchEvent(new Event("change", {bubbles: true})); }
  }
  root.setAttribute("data-harness-done", "yes");
})();
"""

# Runs before anything else on the page: any alert() (from the report or from
# injected markup) leaves a trace instead of a dialog.
ALERT_TRAP = r"""
window.alert = window.confirm = window.prompt = function () {
  document.documentElement.setAttribute("data-alerted", "yes");
};
"""


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def with_harness(page: str, *, flag: str | None = None, hover: str | None = None, hide: str | None = None) -> str:
    """The page with the alert trap in <head> and the harness after the report's
    script; their hashes join the page's own Content-Security-Policy."""
    attributes = "".join(
        f' data-harness-{name}="{value}"' for name, value in (("flag", flag), ("hover", hover), ("hide", hide)) if value
    )
    page = page.replace("<html lang=\"en\">", f"<html lang=\"en\"{attributes}>", 1)
    page, replaced = re.subn(r"script-src ", f"script-src {_csp_hash(ALERT_TRAP)} {_csp_hash(HARNESS)} ", page, count=1)
    assert replaced == 1, "the report no longer declares script-src"
    page = page.replace("<head>\n", f"<head>\n<script>{ALERT_TRAP}</script>\n", 1)
    head, tail = page.rsplit("</body>", 1)
    return f"{head}<script>{HARNESS}</script>\n</body>{tail}"


def chromium(url: str, profile: Path, *extra: str) -> str:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000",
        f"--user-data-dir={profile}", *extra, url,
    ]
    # The timeout only keeps a wedged browser from hanging the suite; nothing is asserted about time.
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Dom(HTMLParser):
    """The elements of a dumped DOM: tag, attributes and own text."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag: str | None = None, **conditions) -> list[dict]:
        """Elements of ``tag`` whose attributes hold each condition: a class
        name (``cls``), a whitespace-separated word (``name__has``) or a value."""
        found = []
        for element in self.elements:
            attrs = element["attrs"]
            if tag and element["tag"] != tag:
                continue
            ok = True
            for key, wanted in conditions.items():
                if key == "cls":
                    ok &= all(c in attrs.get("class", "").split() for c in wanted.split())
                elif key.endswith("__has"):
                    ok &= wanted in attrs.get(key[:-5].replace("_", "-"), "").split()
                else:
                    ok &= attrs.get(key.replace("_", "-")) == wanted
            if ok:
                found.append(element)
        return found

    def root(self) -> dict:
        return self.find("html")[0]


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    report, flag = seed_report_with_two_sided_flag()
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    hover = next(q.id for q in report.quotes if q.quote and q.renderings)
    page.write_text(with_harness(render_html(report), flag=flag.id, hover=hover), encoding="utf-8")
    dom = Dom(chromium(page.as_uri(), folder / "profile", "--dump-dom"))
    return report, flag, dom, page, folder


def test_the_page_lists_every_quote_and_flag(seed_page):
    report, _flag, dom, _page, _folder = seed_page
    assert dom.root()["attrs"].get("data-harness-done") == "yes", "the report's page did not finish loading"
    cards = dom.find("li", cls="quote-card")
    assert [c["attrs"]["data-quote"] for c in cards] == [q.id for q in report.quotes]
    for quote, card in zip(report.quotes, cards):
        assert quote.marker.text in card["text"]
        markers = dom.find("span", cls="marker", data_quote__has=quote.id)
        assert "".join(m["text"] for m in markers) == quote.marker.text
        links = dom.find("a", href=f"#marker-{quote.id}")
        assert links and dom.find(id=f"marker-{quote.id}"), "the quote card does not link to its marker"
    items = dom.find("li", cls="flag")
    assert [i["attrs"]["data-flag"] for i in items] == [f.id for f in report.flags]
    assert report.run.short() in dom.find(id="run")[0]["text"]


def test_the_transcript_shows_the_source_text_exactly(seed_page):
    report, _flag, dom, *_ = seed_page
    transcript = dom.find("div", id="transcript")[0]
    assert transcript["text"] == report.text


def test_hovering_a_rendering_lights_its_quote_marker_and_renderings(seed_page):
    report, _flag, dom, *_ = seed_page
    quote = next(q for q in report.quotes if q.quote and q.renderings)  # the one the harness hovered
    lit = dom.find(cls="lit")
    lit_roles = {role for e in lit if quote.id in e["attrs"].get("data-quote", "").split()
                 for role in e["attrs"].get("data-role", "").split()}
    assert {"marker", "quote", "rendering"} <= lit_roles
    others = [e for e in lit if quote.id not in e["attrs"].get("data-quote", "").split()]
    assert others == [], "hovering one quote lit another quote's text"


def test_clicking_a_flag_highlights_its_spans_on_both_sides(seed_page):
    report, flag, dom, *_ = seed_page
    flagged = dom.find("span", cls="flagged")
    sides = {}
    for span in flag.spans:
        covering = [e for e in flagged if flag.id in e["attrs"].get("data-flags", "").split()]
        assert span.text in "".join(e["text"] for e in covering)
        sides[span.side] = True
    assert set(sides) >= {"quote", "narration"}
    assert all(flag.id in e["attrs"]["data-flags"].split() for e in flagged), "other text was highlighted"
    assert dom.find("li", cls="flag current")[0]["attrs"]["data-flag"] == flag.id
    assert dom.root()["attrs"].get("data-harness-first-in-view") == "yes", "the flag's evidence was not scrolled into view"


def test_severity_filters_hide_flags(tmp_path):
    report = align(read_source(str(SAMPLE_WITH_STRUCTURAL_FLAGS)))
    severities = {f.severity for f in report.flags}
    assert len(severities) >= 2, "the sample should carry flags of two severities"
    hidden = sorted(severities)[0]
    page = tmp_path / "report.html"
    page.write_text(with_harness(render_html(report), hide=hidden), encoding="utf-8")
    dom = Dom(chromium(page.as_uri(), tmp_path / "profile", "--dump-dom"))
    boxes = dom.find("input", name="severity")
    assert sorted(b["attrs"]["value"] for b in boxes) == ["error", "info", "warning"]
    for item in dom.find("li", cls="flag"):
        assert ("hidden" in item["attrs"]) == (item["attrs"]["data-severity"] == hidden)


def test_screenshot_of_a_clicked_flag(seed_page):
    _report, flag, _dom, page, folder = seed_page
    shot = Path(SCREENSHOT_DIR) / "seed-report.png" if SCREENSHOT_DIR else folder / "seed-report.png"
    chromium(page.as_uri(), folder / "profile-shot", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 1000)


HOSTILE = (
    "Headline <b>bold</b>\n"
    "The minister said <script>alert(1)</script> at the meeting.\n"
    "[녹취: \"><img src=x onerror=alert(1)> 장관] “We will <script>alert(1)</script> respond \"><img src=x onerror=alert(1)>.”\n"
    "The minister said they would respond \"><img src=x onerror=alert(1)> firmly <script>alert(1)</script>.\n"
)


def test_hostile_transcript_text_stays_text_in_the_raw_html():
    page = render_html(align(source_from_text(HOSTILE, path="<script>alert(1)</script>.txt")))
    body = page.split("<body>", 1)[1]
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b>bold" not in page
    assert body.count("<script>") == 1, "only the report's own script may appear"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body


def test_hostile_transcript_runs_nothing_in_the_browser(tmp_path):
    report = align(source_from_text(HOSTILE, path="hostile.txt"))
    page = tmp_path / "hostile.html"
    page.write_text(with_harness(render_html(report)), encoding="utf-8")
    dom = Dom(chromium(page.as_uri(), tmp_path / "profile", "--dump-dom"))
    assert dom.root()["attrs"].get("data-harness-done") == "yes"
    assert "data-alerted" not in dom.root()["attrs"], "an alert ran"
    assert dom.find("img") == [] and dom.find("b") == []
    scripts = [e for e in dom.find("script") if e["attrs"].get("type") != "application/json"]
    assert len(scripts) == 3, "a script element came from the transcript"  # trap, report, harness
    assert [e["attrs"].get("id") for e in dom.find("script", type="application/json")] == ["review-data"]
    transcript = dom.find("div", id="transcript")[0]
    assert transcript["text"] == report.text
    assert "<script>alert(1)</script>" in transcript["text"]
