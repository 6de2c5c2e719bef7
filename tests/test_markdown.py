"""`aligner align --format md`: a quote table and the flags by severity."""
from __future__ import annotations

import re

from click.testing import CliRunner
from reviewer_fixtures import SAMPLES, SEED, seed_report_with_two_sided_flag

from aligner import align, read_source, source_from_text
from aligner.cli import cli
from aligner.render.markdown import escape, render_markdown

CELL_BORDER = re.compile(r"(?<!\\)\|")


def table_rows(markdown: str) -> list[list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in CELL_BORDER.split(row)[1:-1]] for row in rows]


def test_seed_table_has_one_row_per_quote_with_speaker_quote_and_renderings():
    report = align(read_source(str(SEED)))
    markdown = render_markdown(report)
    header, *rows = table_rows(markdown)
    assert header == ["#", "Line", "Speaker", "Marker", "Quote", "Renderings"]
    assert len(rows) == len(report.quotes)
    for quote, row in zip(report.quotes, rows):
        assert len(row) == 6
        assert row[0] == quote.id
        assert row[1] == "%d:%d" % report.locate(quote.marker.start)
        assert row[2].startswith(quote.speaker.name)
        assert row[4] == escape(quote.quote.text)
        assert row[5].count("<br>") == len(quote.renderings) - 1
    assert f"`{report.run.short()}`" in markdown


def test_pipes_newlines_and_markup_cannot_break_a_cell():
    assert escape("a | b\nc") == r"a \| b<br>c"
    assert escape("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert escape("[x](javascript:alert(1))") == r"[x\](javascript:alert(1))"
    assert escape("[녹취: 김성 대사]") == "[녹취: 김성 대사]"  # markers stay readable
    text = ("Headline\n"
            "The minister said they would | respond firmly to the provocation.\n"
            "[녹취: 장관 | 대변인] “We will respond | firmly <b>now</b>.”\n"
            "The minister said they would respond | firmly.\n")
    report = align(source_from_text(text))
    _header, *rows = table_rows(render_markdown(report))
    assert rows and all(len(row) == 6 for row in rows)
    assert r"respond \| firmly" in rows[0][4]
    assert "<b>" not in render_markdown(report)


def test_flags_are_grouped_by_severity_worst_first():
    report = align(read_source(str(SAMPLES / "en_mt_pentagon_malformed_missing.txt")))
    markdown = render_markdown(report)
    errors = markdown.index("### Errors (")
    warnings = markdown.index("### Warnings (")
    assert errors < warnings
    for flag in report.flags:
        position = markdown.index(f"- **{flag.kind}** ({flag.quote or 'document'}) `")
        heading = {"error": errors, "warning": warnings}.get(flag.severity)
        if heading is not None:
            assert position > heading
        if flag.severity == "error":
            assert position < warnings


def test_flag_items_carry_message_evidence_and_suggestion():
    report, flag = seed_report_with_two_sided_flag()
    markdown = render_markdown(report)
    location = report.where(report.flag_offset(flag))
    item = markdown.split(f"- **{flag.kind}** ({flag.quote}) `{location}`: ", 1)[1].split("\n- ", 1)[0]
    assert item.startswith(escape(flag.message))
    for span in flag.spans:
        line, column = report.locate(span.start)
        assert f"  - {span.side} {line}:{column}: “{escape(span.text)}”" in item


def test_cli_writes_markdown_to_a_file(tmp_path):
    target = tmp_path / "report.md"
    result = CliRunner().invoke(cli, ["align", str(SEED), "--format", "md", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# aligner report: ")
    assert "## Quotes" in text and "## Flags" in text
