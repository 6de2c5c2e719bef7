"""The HTML report as a review tool, in headless Chromium: j/k walk the flags,
a/w decide, the decisions download as a review file that ``aligner align``
then honours; the fix-first list selects its flag."""
from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from test_html_browser import ALERT_TRAP, CHROMIUM, Dom, _csp_hash, chromium

from aligner.render.html import render_html
from aligner.review import Decision, Review, apply_review, fingerprint, load_review

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

KEYS = r"""
(function () {
  var root = document.documentElement;
  function press(key) {
    document.dispatchEvent(new KeyboardEvent("keydown", {key: key, bubbles: true}));
  }
  var record = [];
  (root.getAttribute("data-keys") || "").split(" ").forEach(function (key) {
    if (!key) { return; }
    press(key);
    var current = document.querySelector(".flag.current");
    record.push(current ? current.getAttribute("data-flag") : "-");
  });
  root.setAttribute("data-visited", record.join(" "));
  var link = document.getElementById("review-download");
  root.setAttribute("data-download", link.getAttribute("href"));
  root.setAttribute("data-download-name", link.getAttribute("download"));
  var pick = root.getAttribute("data-pick");
  if (pick) {
    document.querySelector('.triage-item[data-flag="' + pick + '"]').click();
    var chosen = document.querySelector(".flag.current");
    root.setAttribute("data-picked", chosen ? chosen.getAttribute("data-flag") : "-");
  }
  root.setAttribute("data-harness-done", "yes");
})();
"""


def with_keys(page: str, keys: str, pick: str | None = None) -> str:
    extra = f' data-pick="{pick}"' if pick else ""
    page = page.replace('<html lang="en">', f'<html lang="en" data-keys="{keys}"{extra}>', 1)
    page, replaced = re.subn(r"script-src ", f"script-src {_csp_hash(ALERT_TRAP)} {_csp_hash(KEYS)} ", page, count=1)
    assert replaced == 1
    page = page.replace("<head>\n", f"<head>\n<script>{ALERT_TRAP}</script>\n", 1)
    head, tail = page.rsplit("</body>", 1)
    return f"{head}<script>{KEYS}</script>\n</body>{tail}"


def run_page(tmp_path, page: str) -> Dom:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return Dom(chromium(path.as_uri(), tmp_path / "profile", "--dump-dom"))


def test_keyboard_review_downloads_a_file_that_align_honours(tmp_path, seed_report):
    # an earlier decision, from a session whose notes hold markup: it must come back untouched
    earlier = Review(str(tmp_path / "aligner-review.json"))
    typography = next(f for f in seed_report.flags if f.kind == "typography")
    hostile = "</script><script>alert(1)</script>"
    fp = fingerprint(seed_report, typography)
    earlier.decisions[fp] = Decision(fp, "fixed", "typography", message=hostile)
    report = apply_review(seed_report, earlier)
    listed = [f.id for f in report.flags]
    dom = run_page(tmp_path, with_keys(render_html(report), "j a j w j k u k"))
    root = dom.root()["attrs"]
    assert root.get("data-harness-done") == "yes" and "data-alerted" not in root
    # j from nothing selects the first flag; k goes back; u undoes the current flag's decision
    assert root["data-visited"].split() == [listed[0], listed[0], listed[1], listed[1], listed[2], listed[1],
                                            listed[1], listed[0]]
    items = {i["attrs"]["data-flag"]: i for i in dom.find("li", cls="flag")}
    assert items[listed[0]]["attrs"].get("data-decision") == "accepted"
    assert "data-decision" not in items[listed[1]]["attrs"]
    assert items[listed[0]]["text"].count("accepted") == 1  # the badge
    assert root["data-download-name"] == "aligner-review.json"
    href = root["data-download"]
    assert href.startswith("data:application/json;charset=utf-8,")
    downloaded = json.loads(unquote(href.split(",", 1)[1]))
    assert downloaded["schema"] == "aligner.review/1"
    decisions = {d["fingerprint"]: d for d in downloaded["decisions"]}
    first = next(f for f in report.flags if f.id == listed[0])
    assert decisions[fingerprint(report, first)]["decision"] == "accepted"
    assert decisions[fingerprint(report, first)]["kind"] == first.kind
    assert decisions[fingerprint(seed_report, typography)]["message"] == hostile  # kept from the file
    assert len(decisions) == 2
    # the downloaded file is a review file aligner reads: the accepted flag is hidden next time
    saved = tmp_path / "downloaded.json"
    saved.write_text(unquote(href.split(",", 1)[1]), encoding="utf-8")
    again = apply_review(seed_report, load_review(str(saved)))
    assert first.id not in {f.id for f in again.flags} and again.review.hidden == 1


def test_the_fix_first_list_selects_its_flag(tmp_path, seed_report):
    misquote = next(f for f in seed_report.flags if f.kind == "misquote")
    dom = run_page(tmp_path, with_keys(render_html(seed_report), "", pick=misquote.id))
    assert dom.root()["attrs"].get("data-picked") == misquote.id
    flagged = dom.find("span", cls="flagged")
    assert flagged and all(misquote.id in e["attrs"]["data-flags"].split() for e in flagged)
