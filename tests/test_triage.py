"""Triage: the text, Markdown and HTML reports open with what to fix first —
errors, then warnings, grouped by quote, with a count per kind."""
from __future__ import annotations

from dataclasses import replace

import pytest
from test_html_browser import Dom

from aligner.render import triage
from aligner.render.html import render_html
from aligner.render.markdown import render_markdown
from aligner.render.text import render_text
from aligner.report import Flag, FlagSpan


@pytest.fixture(scope="module")
def report(seed_report):
    """The seed's report with two more flags of our own, so that one severity
    has two kinds and one quote has two flags of a severity."""
    text = seed_report.text
    q1 = seed_report.quotes[0]
    start = text.index("Bozkir", q1.marker.end)
    extra = (
        Flag(id="f90", kind="omission", severity="warning", message="Invented omission on q1.", quote="q1",
             spans=(FlagSpan(start, start + 6, "Bozkir", "narration"),)),
        Flag(id="f91", kind="number_mismatch", severity="error", message="Invented number mismatch on q1.",
             quote="q1", spans=()),
    )
    return replace(seed_report, flags=seed_report.flags + extra)


def test_errors_then_warnings_grouped_by_quote_with_counts_per_kind(report):
    groups = triage(report)
    assert [g.severity for g in groups] == ["error", "warning"]
    errors, warnings = groups
    assert dict(errors.kinds) == {"misquote": 1, "number_mismatch": 1}
    assert errors.count == 2
    # q1 before q3, the document's flags last
    assert [q for q, _ in errors.by_quote] == ["q1", "q3"]
    assert [q for q, _ in warnings.by_quote] == ["q1", "q3", None]
    assert all(f.severity != "info" for g in groups for _q, fs in g.by_quote for f in fs)
    assert sum(len(fs) for g in groups for _q, fs in g.by_quote) == sum(
        f.severity in ("error", "warning") for f in report.flags)


def test_text_report_opens_with_fix_first(report):
    text = render_text(report, width=200)
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("fix first: "))
    assert lines[start] == ("fix first: 2 errors (misquote 1, number_mismatch 1); "
                            "3 warnings (meaning_shift 1, name_variant 1, omission 1)")
    first_quote = next(n for n, line in enumerate(lines) if line.startswith("q1  "))
    assert start < first_quote
    entries = [line for line in lines[start + 1:first_quote] if line.strip()]
    kinds = [line.split(": ")[2].split(" [")[0] for line in entries]
    assert kinds == ["number_mismatch", "misquote", "omission", "meaning_shift", "name_variant"]
    # a flag without evidence points at its quote's marker
    marker_line, marker_column = report.locate(report.quotes[0].marker.start)
    assert entries[0].startswith(f"{report.source.path}:{marker_line}:{marker_column}: error: number_mismatch [q1]")


def test_no_triage_when_only_info_flags(report):
    quiet = replace(report, flags=tuple(f for f in report.flags if f.severity == "info"))
    assert triage(quiet) == ()
    assert "fix first" not in render_text(quiet)
    assert "## Fix first" not in render_markdown(quiet)


def test_markdown_opens_with_fix_first(report):
    md = render_markdown(report)
    assert md.index("## Fix first") < md.index("## Quotes")
    section = md.split("## Fix first", 1)[1].split("## Quotes", 1)[0]
    assert "**2 errors** (misquote 1, number_mismatch 1); **3 warnings**" in section
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert [i.split("**")[1] for i in items] == ["number_mismatch", "misquote", "omission", "meaning_shift",
                                                 "name_variant"]
    assert f"`{report.source.path}:" in items[1]


def test_html_opens_the_side_panel_with_fix_first(report):
    page = render_html(report)
    dom = Dom(page)
    assert page.index('id="triage"') < page.index('id="flag-list"')
    headings = [h["text"] for h in dom.find("h3") if "sev-" in h["attrs"].get("class", "")]
    assert headings[0].startswith("✖ 2 errors") and "number_mismatch 1" in headings[0]
    assert headings[1].startswith("▲ 3 warnings")
    links = [a["attrs"]["data-flag"] for a in dom.find("a", cls="triage-item")]
    assert links == ["f91", next(f.id for f in report.flags if f.kind == "misquote"), "f90",
                     next(f.id for f in report.flags if f.kind == "meaning_shift"),
                     next(f.id for f in report.flags if f.kind == "name_variant")]
    for flag_id in links:
        assert dom.find("li", id=f"flag-{flag_id}"), "a triage entry links to a flag that is not listed"
