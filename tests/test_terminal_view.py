"""Terminal output that fits: width from --width, COLUMNS or the terminal,
wide characters counted as two columns, colour on a terminal (NO_COLOR and
--color respected), the settings line only with -v, -q for the summary only,
and ``path:line:column`` locations an editor can jump to."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, SEED

from aligner.cli import cli
from aligner.language import display_width
from aligner.render.terminal import strip_colour, terminal_width, visible_width, wrap

SEED_ARG = str(SEED.relative_to(ROOT))
KOREAN = str((SAMPLES / "ko_state_dept_briefing_misquote_omission.txt").relative_to(ROOT))


def invoke(*args, env=None):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)


def widest(text: str) -> int:
    return max(visible_width(line) for line in text.splitlines())


def test_wide_characters_take_two_columns_and_colour_codes_none():
    assert display_width("한국어 abc") == 10
    assert display_width("ＡＢ") == 4  # full-width Latin
    assert visible_width("\x1b[31m대변인\x1b[39m") == 6


def test_wrap_breaks_at_spaces_by_visible_width_and_splits_only_overlong_words():
    text = "칼라일 대변인은 이번 발사에 여러 안보리 결의가 금지하는 탄도미사일 기술이 사용됐다고 지적했습니다"
    lines = wrap(text, "  ", width=30)
    assert all(visible_width(line) <= 30 for line in lines)
    assert " ".join(line.strip() for line in lines) == text
    url = "https://example.org/" + "a" * 70
    lines = wrap(f"see {url}", "", width=40)
    assert all(visible_width(line) <= 40 for line in lines) and "".join(part.strip() for part in lines[1:]) == url


def test_width_comes_from_the_option_then_columns_then_a_default(monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    assert terminal_width(120) == 120
    assert terminal_width(None) == 90
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(None) == 100
    assert terminal_width(10) == 40  # never narrower than 40


@pytest.mark.parametrize("command", ["align", "diff"])
@pytest.mark.parametrize("width", [80, 120])
def test_reports_fit_the_width_asked_for(command, width):
    for path in (SEED_ARG, KOREAN):
        assert widest(invoke(command, "--width", str(width), path).output) <= width
        assert widest(invoke(command, path, env={"COLUMNS": str(width)}).output) <= width


def test_korean_lines_are_wrapped_not_cut():
    out = invoke("align", "--width", "80", KOREAN).output
    flat = " ".join(out.split())
    assert "칼라일 대변인은 이번 발사에 여러 안보리 결의가 금지하는 탄도미사일 기술이 사용됐다고 지적했습니다." in flat


def test_settings_line_only_with_verbose():
    plain = invoke("align", SEED_ARG).output
    assert "settings=" not in plain
    assert "settings=" in invoke("align", "-v", SEED_ARG).output  # the settings digest
    assert "settings=" in invoke("diff", "-v", SEED_ARG).output
    assert "settings=" not in invoke("diff", SEED_ARG).output


def test_quiet_prints_only_the_summary_of_one_file():
    out = invoke("align", "-q", SEED_ARG).output.splitlines()
    assert out[0].startswith(SEED_ARG)
    assert out[1].strip().startswith("3 quotes, 3 linked; flags: 1 error")
    assert len(out) == 2


def test_colour_in_align_follows_the_color_option_and_no_color():
    coloured = invoke("align", "--color", "always", SEED_ARG).output
    assert "\x1b[1;31m" in coloured  # errors in bold red
    assert strip_colour(coloured) == invoke("align", "--color", "never", SEED_ARG).output
    assert "\x1b[" not in invoke("align", SEED_ARG).output  # auto: not a terminal
    assert "\x1b[" not in invoke("align", "--color", "auto", SEED_ARG, env={"NO_COLOR": "1"}).output
    assert "\x1b[" in invoke("align", "--color", "always", SEED_ARG, env={"NO_COLOR": "1"}).output


def test_flags_and_quotes_carry_compiler_style_locations():
    out = invoke("align", SEED_ARG).output
    text = SEED.read_text(encoding="utf-8")
    line_number = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("[녹취: 김성 대사]"))
    assert f"{SEED_ARG}:{line_number}:1" in out  # q3's marker
    flagged = [line for line in out.splitlines() if line.startswith(f"{SEED_ARG}:") and ": error: " in line]
    assert flagged, out
    location = flagged[0].split(": error: ")[0]
    _path, line, column = location.rsplit(":", 2)
    misquote = next(line for line in flagged if "misquote" in line)
    assert misquote.startswith(location)
    # the location points at the text to edit: 'human waste' in the narration, not the quote's 'Riff-Raff'
    source_line = text.splitlines()[int(line) - 1]
    assert source_line[int(column) - 1:].startswith("human waste")


TMUX = shutil.which("tmux")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.parametrize("columns", [80, 120])
def test_in_a_real_terminal_lines_fit_and_errors_are_coloured(tmp_path, columns):
    """aligner in a tmux pane of ``columns`` columns: nothing wraps past the
    edge, and the terminal gets colour without being asked."""
    aligner = Path(sys.executable).with_name("aligner")
    if not aligner.exists():
        pytest.skip("the aligner entry point is not installed")
    session = f"aligner-test-{os.getpid()}-{columns}"
    done = tmp_path / "done"
    run = f"env -u COLUMNS -u NO_COLOR HF_HUB_OFFLINE=1 {aligner} align"
    command = f"cd {ROOT} && {run} -q {SEED_ARG}; {run} {KOREAN}; touch {done}; sleep 30"
    subprocess.run([TMUX, "new-session", "-d", "-s", session, "-x", str(columns), "-y", "60", command], check=True)
    try:
        deadline = time.time() + 120
        while not done.exists() and time.time() < deadline:
            time.sleep(0.2)
        assert done.exists(), "aligner did not finish in the terminal"
        capture = [TMUX, "capture-pane", "-p", "-S", "-500", "-t", session]
        plain = subprocess.run(capture, capture_output=True, text=True).stdout
        escaped = subprocess.run(capture + ["-e"], capture_output=True, text=True).stdout
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)
    lines = plain.splitlines()
    assert lines[0].startswith(SEED_ARG) and "3 quotes, 3 linked" in lines[1]
    assert "settings=" not in plain
    assert "\x1b[" in escaped  # coloured on a terminal (the -q summary's path is bold)
    assert widest(plain) <= columns
    assert any(line.startswith("q1  [녹취: 칼라일 대변인]") for line in lines)
