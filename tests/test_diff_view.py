"""`aligner diff`: each quote, its renderings as word diffs or a phrase table, and its flags."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from reviewer_fixtures import SAMPLES, SEED, seed_report_with_two_sided_flag

from aligner import align, read_source
from aligner.cli import cli
from aligner.comparisons import compare_quotes
from aligner.model import load_embedder
from aligner.render.diff import render_diff, visible_width

ANSI = re.compile(r"\x1b\[[0-9;]*m")
KOREAN_SAMPLE = SAMPLES / "ko_state_dept_briefing_misquote_omission.txt"
MALFORMED_SAMPLE = SAMPLES / "en_mt_pentagon_malformed_missing.txt"


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def unwrapped(view: str) -> str:
    """The view with its line wrapping undone, so a phrase split over lines is found."""
    return " ".join(view.split())


def unmarked(view: str) -> str:
    """The unwrapped view without flag-evidence marks (>>…<<), for checking
    that a text is shown whether or not a flag points into it."""
    return unwrapped(view).replace(">>", "").replace("<<", "")


def test_seed_quote_3_shows_riff_raff_against_human_waste():
    view = run("diff", str(SEED), "--quote", "3", "--color", "never")
    flat = unwrapped(view)
    assert "[녹취: 김성 대사]" in flat and "Kim Seong" in flat
    assert "All material contained in draft resolution" in flat
    assert re.search(r"\[-(>>)?Riff-Raff(<<)?-\]", flat)  # marked as flag evidence once misquote flags it
    assert re.search(r"\{\+[^}]*human waste[^}]*\+\}", flat), flat
    assert "q1" not in flat and "q2" not in flat, "--quote 3 showed other quotes"
    assert not ANSI.search(view)


def test_every_quote_of_the_seed_is_shown_with_each_rendering():
    report = align(read_source(str(SEED)))
    view = run("diff", str(SEED), "--color", "never")
    for quote in report.quotes:
        assert re.search(rf"^{quote.id}  ", view, re.MULTILINE)
        header = view.split(f"\n{quote.id}  ", 1)[1].split("\n\n", 1)[0]
        assert header.count(":\n") == len(quote.renderings)  # one "after 0.91:" line per rendering


def test_colour_always_uses_red_and_green_instead_of_brackets():
    view = run("diff", str(SEED), "-q", "q3", "--color", "always")
    # flag evidence inside the red run adds its own bold/underline codes
    assert re.search(r"\x1b\[31m(?:\x1b\[1;4m)?Riff-Raff(?:\x1b\[22;24m)?\x1b\[39m", view)
    # inside the green run, flag evidence may add its own bold/underline codes
    assert re.search(r"\x1b\[32m(?:(?!\x1b\[39m).)*human waste(?:(?!\x1b\[39m).)*\x1b\[39m", view, re.S)
    assert "[-" not in ANSI.sub("", view).split("legend", 1)[1].split("\n", 1)[1]


def test_colour_always_wins_over_no_color():
    view = run("diff", str(SEED), "-q", "3", "--color", "always", env={"NO_COLOR": "1"})
    assert ANSI.search(view)


def _diff_on_a_terminal(extra_env: dict) -> str:
    """Run `aligner diff` with its standard output on a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | extra_env
    try:
        done = subprocess.run([sys.executable, "-m", "aligner", "diff", str(SEED), "-q", "3"],
                              stdout=follower, stderr=subprocess.PIPE, env=env, timeout=300)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    assert done.returncode == 0, done.stderr
    return b"".join(chunks).decode("utf-8")


def test_colour_auto_colours_a_terminal_unless_no_color_is_set():
    assert ANSI.search(_diff_on_a_terminal({}))
    plain = _diff_on_a_terminal({"NO_COLOR": "1"})
    assert not ANSI.search(plain) and re.search(r"\[-(>>)?Riff-Raff(<<)?-\]", unwrapped(plain))


def test_colour_auto_is_plain_in_a_pipe_and_in_a_file(tmp_path):
    assert not ANSI.search(run("diff", str(SEED), "-q", "3"))
    target = tmp_path / "view.txt"
    run("diff", str(SEED), "-q", "3", "-o", str(target))
    assert re.search(r"\[-(>>)?Riff-Raff(<<)?-\]", unwrapped(target.read_text(encoding="utf-8")))


def test_flag_evidence_is_marked_inside_the_diff_and_the_flag_listed_under_its_quote():
    report, flag = seed_report_with_two_sided_flag()
    wanted = {flag.quote}
    plain = render_diff(report, compare_quotes(report, quote_ids=wanted))
    flat = unwrapped(plain)
    assert "[->>Riff-Raff<<-]" in flat
    # the typography flag's evidence (as’human waste’) may enclose the misquote's
    assert re.search(r"\{\+[^}]*>>[^<}]*human waste[^>}]*<<[^}]*\+\}", flat)
    assert "quote: " in flat and ">>Riff-Raff<< defectors" in flat  # also in the quote line
    assert f"✖ error {flag.kind}: {flag.message}" in flat
    coloured = render_diff(report, compare_quotes(report, quote_ids=wanted), color=True)
    assert "\x1b[31m\x1b[1;4mRiff-Raff\x1b[22;24m\x1b[39m" in coloured
    assert "\x1b[1;31m✖ error\x1b[m" in coloured


def test_real_structural_flags_mark_the_damaged_marker():
    view = run("diff", str(MALFORMED_SAMPLE), "--color", "never")
    report = align(read_source(str(MALFORMED_SAMPLE)))
    kinds = {f.kind for f in report.flags}
    assert {"malformed_marker", "missing_quote"} <= kinds, "the sample's structural flags are gone"
    damaged = next(q for q in report.quotes if not q.marker.well_formed)
    assert f"{damaged.id}  >>{damaged.marker.text.strip()}<<" in view
    assert "▲ warning malformed_marker" in view
    assert "✖ error missing_quote" in view
    assert "quote: (none)" in view


def test_korean_renderings_of_an_english_quote_are_not_word_diffed():
    report = align(read_source(str(KOREAN_SAMPLE)))
    comparisons = compare_quotes(report)  # no embedder: no phrase alignment
    for comparison in comparisons:
        assert comparison.word_diffs == ()
        assert comparison.cross_renderings == comparison.quote.renderings
    view = render_diff(report, comparisons)
    assert "phrases: (not aligned)" in view
    for quote in report.quotes:
        for rendering in quote.renderings:
            assert " ".join(rendering.text.split()) in unmarked(view)


def test_korean_phrase_table_lists_sure_pairs_unpaired_phrases_and_unsourced_clauses():
    report = align(read_source(str(KOREAN_SAMPLE)))
    comparisons = compare_quotes(report, load_embedder())
    view = unmarked(render_diff(report, comparisons))
    assert "phrases (quote → narration; a pair only where the model is sure of it):" in view
    for comparison in comparisons:
        assert comparison.phrases is not None
        quoted = [r.quote for r in comparison.table if r.quote is not None]
        assert quoted == [p.quote for p in comparison.phrases.pairs]  # every quote phrase has a row
        for row in comparison.table:
            if row.status == "paired":
                assert " ".join(row.narration.text.split()) in view and f"paired {row.score:.2f}" in view
            elif row.status == "unpaired":
                assert f"unpaired {' '.join(row.quote.text.split())}" in view
            else:
                assert f"no source {{+{' '.join(row.narration.text.split())}+}}" in view


def test_lines_fit_the_terminal_width():
    view = run("diff", str(KOREAN_SAMPLE), "--color", "never")
    body = view.splitlines()[3:]  # after the heading, the run signature (kept whole) and the legend
    assert max(visible_width(line) for line in body) <= 100


def test_an_unknown_quote_is_a_usage_error():
    result = CliRunner().invoke(cli, ["diff", str(SEED), "-q", "9"])
    assert result.exit_code == 2
    assert "q9 not in this transcript" in result.output


def test_a_missing_file_is_an_input_error():
    result = CliRunner().invoke(cli, ["diff", "no/such/file.txt"])
    assert result.exit_code == 3
    assert "no such file" in result.output
