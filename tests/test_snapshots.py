"""Pinned output of the plain diff view and the Markdown report for two samples.

The snapshots pin current behaviour, so any change to segmentation,
renderings, flags or the views shows up here as a reviewable text diff.
After an intended change, regenerate them and review the result:

    ALIGNER_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from reviewer_fixtures import SAMPLES

from aligner import align, read_source
from aligner.comparisons import compare_quotes
from aligner.model import load_embedder
from aligner.render.diff import render_diff
from aligner.render.markdown import render_markdown

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("ALIGNER_UPDATE_SNAPSHOTS") == "1"
CASES = ("en_mt_state_dept_cyber_name_variant", "ko_state_dept_briefing_misquote_omission")


def _report(name: str):
    # A relative path keeps the machine's checkout location out of the snapshot.
    cwd = os.getcwd()
    os.chdir(SAMPLES.parent)
    try:
        return align(read_source(f"samples/{name}.txt"))
    finally:
        os.chdir(cwd)


def _check(actual: str, snapshot: Path) -> None:
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        return
    if not snapshot.exists():
        pytest.fail(f"no snapshot {snapshot.name}; create it with ALIGNER_UPDATE_SNAPSHOTS=1")
    expected = snapshot.read_text(encoding="utf-8")
    assert actual == expected, f"{snapshot.name} changed; if intended, regenerate with ALIGNER_UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize("name", CASES)
def test_plain_diff_view(name):
    report = _report(name)
    _check(render_diff(report, compare_quotes(report, load_embedder())), SNAPSHOTS / f"{name}.diff.txt")


@pytest.mark.parametrize("name", CASES)
def test_markdown_report(name):
    _check(render_markdown(_report(name)), SNAPSHOTS / f"{name}.md")


@pytest.mark.parametrize("width", (80, 120))
@pytest.mark.parametrize("name", CASES)
def test_text_report_at_terminal_width(name, width):
    from aligner.render.terminal import visible_width
    from aligner.render.text import render_text

    text = render_text(_report(name), width=width)
    assert max(visible_width(line) for line in text.splitlines()) <= width
    _check(text, SNAPSHOTS / f"{name}.text{width}.txt")


@pytest.mark.parametrize("width", (80, 120))
@pytest.mark.parametrize("name", CASES)
def test_diff_view_at_terminal_width(name, width):
    from aligner.render.terminal import visible_width

    report = _report(name)
    text = render_diff(report, compare_quotes(report, load_embedder()), width=width)
    assert max(visible_width(line) for line in text.splitlines()) <= width
    _check(text, SNAPSHOTS / f"{name}.diff{width}.txt")
