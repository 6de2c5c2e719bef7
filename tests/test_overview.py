"""The batch overview: ``aligner align DIR --out-dir OUT --format html`` also
writes ``OUT/index.html``, one row per transcript with the figures of its
report's summary (the JSON Lines summary has the same), sortable in the
browser, each row linking to its report."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, SEED
from test_html_browser import ALERT_TRAP, CHROMIUM, Dom, _csp_hash, chromium

from aligner import align, read_source
from aligner.cli import cli
from aligner.errors import EXIT_OUTPUT
from aligner.review import DEFAULT_NAME, Review, save_review

NAMES = ("en_mt_pentagon_malformed_missing", "ko_iaea_board_number_mismatch", "ko_pentagon_presser_clipped_addition")
COLUMNS = ("quotes", "error", "warning", "info", "unresolved_speakers", "decided")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture()
def folder(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / f"{name}.txt", inputs / f"{name}.txt")
    shutil.copy(SEED, inputs / "seed.txt")
    # one decision on the seed, so that a row has a decided flag
    seed = align(read_source(str(inputs / "seed.txt")))
    review = Review(str(inputs / DEFAULT_NAME))
    review.decide(seed, next(f for f in seed.flags if f.kind == "misquote"), "accepted")
    save_review(review)
    return inputs


def rows_of(dom: Dom) -> list[dict]:
    rows = []
    for row in dom.find("tr"):
        if not row["attrs"].get("data-transcript"):
            continue
        rows.append(row)
    return rows


def figures(dom: Dom) -> dict[str, dict[str, int]]:
    """transcript file name → figures, read from the table cells in order."""
    cells = [e for e in dom.elements if e["tag"] in ("td", "th") and e["attrs"].get("data-key")
             and "scope" not in e["attrs"] or e["attrs"].get("scope") == "row" and e["attrs"].get("data-key")]
    out: dict[str, dict[str, int]] = {}
    current = None
    for cell in cells:
        key = cell["attrs"]["data-key"]
        if key == "transcript":
            current = cell["text"].strip().rsplit("/", 1)[-1]
            out[current] = {}
        elif current is not None:
            out[current][key] = int(cell["text"])
    return out


def test_index_has_one_row_per_transcript_with_the_summary_figures(folder, tmp_path):
    out = tmp_path / "out"
    result = invoke("align", "--format", "html", "--out-dir", out, folder)
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text("utf-8")
    dom = Dom(page)
    table = figures(dom)
    assert sorted(table) == sorted([f"{n}.txt" for n in NAMES] + ["seed.txt"])
    for row in rows_of(dom):
        link = next(e for e in dom.find("a") if e["text"].endswith(row["attrs"]["data-transcript"]))
        assert (out / link["attrs"]["href"]).is_file()
    # the JSON Lines reports carry the same figures in their summaries
    lines = invoke("align", "--format", "jsonl", folder).stdout.splitlines()
    for line in lines:
        report = json.loads(line)
        summary = report["summary"]
        expected = {"quotes": summary["quotes"], **summary["flags"], "unresolved_speakers": summary["unresolved_speakers"],
                    "decided": summary["decided"]}
        assert table[report["source"]["path"].rsplit("/", 1)[-1]] == expected
    assert table["seed.txt"]["decided"] == 1
    assert any(row["unresolved_speakers"] for row in table.values()), "the samples should hold an unresolved speaker"
    assert "1 decided flag hidden" in result.stderr


def test_a_resumed_batch_keeps_the_figures_and_new_decisions_redo_the_report(folder, tmp_path):
    out = tmp_path / "out"
    assert invoke("align", "--format", "html", "--out-dir", out, folder).exit_code == 0
    first = figures(Dom((out / "index.html").read_text("utf-8")))
    again = invoke("align", "--format", "html", "--out-dir", out, folder)
    assert "4 files (0 aligned, 4 already done, 0 failed)" in again.stderr
    assert figures(Dom((out / "index.html").read_text("utf-8"))) == first
    (folder / DEFAULT_NAME).unlink()  # the decision withdrawn: the reports redo, the seed's error is back
    third = invoke("align", "--format", "html", "--out-dir", out, folder)
    # the review file is the folder's: every report of the folder is redone
    assert "4 files (4 aligned, 0 failed)" in third.stderr
    table = figures(Dom((out / "index.html").read_text("utf-8")))
    assert table["seed.txt"]["decided"] == 0 and table["seed.txt"]["error"] == first["seed.txt"]["error"] + 1


def test_a_failed_transcript_has_a_row_without_a_link(folder, tmp_path):
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("align", "--format", "html", "--out-dir", out, folder)
    assert result.exit_code == 6
    dom = Dom((out / "index.html").read_text("utf-8"))
    failed = [r for r in rows_of(dom) if "failed" in r["attrs"].get("class", "").split()]
    assert [r["attrs"]["data-transcript"] for r in failed] == ["empty.txt"]
    assert "empty" in failed[0]["text"] and not [a for a in dom.find("a") if "empty" in a["text"]]


def test_a_transcript_named_index_is_refused_before_anything_runs(folder, tmp_path):
    shutil.copy(SEED, folder / "index.txt")
    out = tmp_path / "out"
    result = invoke("align", "--format", "html", "--out-dir", out, folder)
    assert result.exit_code == EXIT_OUTPUT
    assert "overview" in result.stderr and not out.exists()


SORT = r"""
(function () {
  var root = document.documentElement;
  function order() {
    return Array.prototype.map.call(document.querySelectorAll("#overview tbody tr"), function (row) {
      return row.getAttribute("data-transcript");
    }).join(" ");
  }
  var header = document.querySelector('#overview th[data-key="error"]');
  header.click();
  root.setAttribute("data-first", order());
  root.setAttribute("data-first-sort", header.getAttribute("aria-sort"));
  header.click();
  root.setAttribute("data-second", order());
  root.setAttribute("data-second-sort", header.getAttribute("aria-sort"));
  document.querySelector('#overview th[data-key="transcript"]').click();
  root.setAttribute("data-by-name", order());
  root.setAttribute("data-harness-done", "yes");
})();
"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_overview_sorts_in_chromium(folder, tmp_path):
    out = tmp_path / "out"
    assert invoke("align", "--format", "html", "--out-dir", out, folder).exit_code == 0
    page = (out / "index.html").read_text("utf-8")
    table = figures(Dom(page))
    page, replaced = re.subn(r"script-src ", f"script-src {_csp_hash(ALERT_TRAP)} {_csp_hash(SORT)} ", page, count=1)
    assert replaced == 1
    page = page.replace("<head>\n", f"<head>\n<script>{ALERT_TRAP}</script>\n", 1)
    head, tail = page.rsplit("</body>", 1)
    harnessed = out / "harnessed.html"
    harnessed.write_text(f"{head}<script>{SORT}</script>\n</body>{tail}", encoding="utf-8")
    root = Dom(chromium(harnessed.as_uri(), tmp_path / "profile", "--dump-dom")).root()["attrs"]
    assert root.get("data-harness-done") == "yes"
    by_errors = sorted(table, key=lambda name: (-table[name]["error"], name))
    assert root["data-first"].split() == by_errors and root["data-first-sort"] == "descending"
    reverse = sorted(table, key=lambda name: (table[name]["error"], name))
    assert [table[n]["error"] for n in root["data-second"].split()] == [table[n]["error"] for n in reverse]
    assert root["data-second-sort"] == "ascending"
    # back to names: text columns sort A-Z first
    assert root["data-by-name"].split() == sorted(table)
