"""Hostile text: escape sequences, BEL, C1, bidi overrides and NUL in
transcripts and file names never reach a terminal as themselves."""
from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_USAGE, AlignerError, InputError, UsageError
from aligner.textutil import display_path, visible

from .conftest import TRANSCRIPT

HOSTILE = "\x1b]0;owned\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\x1b[31mred\x1b[m\x9b2J\u202eevil"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "h.txt"
    text = TRANSCRIPT.replace("Peace cannot", f"Peace {HOSTILE} cannot").replace("Minister speaks",
                                                                              f"Minister {HOSTILE} speaks")
    path.write_text(text, "utf-8")
    return path


def test_text_report_shows_control_characters_escaped(hostile):
    result = invoke("align", hostile)
    assert result.exit_code == 0, result.stderr
    assert not RAW_CONTROL.search(result.stdout)
    assert "\\x1b]0;owned\\x07" in result.stdout and "\\u202e" in result.stdout


@pytest.mark.parametrize("color", ["never", "always"])
def test_diff_passes_only_its_own_colours(hostile, color):
    result = invoke("diff", "--color", color, hostile)
    assert result.exit_code == 0, result.stderr
    out = OUR_SGR.sub("", result.stdout) if color == "always" else result.stdout
    assert not RAW_CONTROL.search(out)
    assert "\\x1b]0;owned" in result.stdout
    if color == "always":
        assert "\x1b[" in result.stdout  # the view's own colours are still there
        assert "\x1b[31mred" not in result.stdout  # but not the transcript's


def test_pair_text_view_escapes(tmp_path):
    korean = tmp_path / "k.txt"
    korean.write_text(f"장관은 {HOSTILE} 평화가 중요하다고 말했습니다. 그는 진실이 필요하다고 강조했습니다. "
                      "정부는 내년에도 대화를 계속하겠다고 밝혔습니다. 전문가들은 신중한 접근을 주문했습니다.\n", "utf-8")
    english = tmp_path / "e.txt"
    english.write_text(f"The minister {HOSTILE} said peace matters. He stressed that truth is needed.\n", "utf-8")
    result = invoke("pair", korean, english)
    assert result.exit_code == 0, result.stderr
    assert not RAW_CONTROL.search(result.stdout)


def test_error_line_escapes_the_file_name(tmp_path):
    name = tmp_path / "x\x1b]0;owned\x07.txt"
    result = invoke("align", name)
    assert result.exit_code == EXIT_INPUT
    assert not RAW_CONTROL.search(result.stderr)
    assert "x\\x1b]0;owned\\x07.txt" in result.stderr


def test_markdown_run_line_survives_backticks_and_html(tmp_path, transcript):
    glossary = tmp_path / "g`` <img src=x onerror=alert(1)>.tsv"
    glossary.write_text("", "utf-8")
    result = invoke("align", "-f", "md", "--glossary", glossary, transcript)
    assert result.exit_code == 0, result.stderr
    run_line = result.stdout.splitlines()[2]
    fence = re.match(r"`+", run_line).group()
    assert run_line.endswith(fence) and len(fence) == 3
    inner = run_line[len(fence):-len(fence)]
    assert fence not in inner  # nothing inside can close the code span
    assert "<img" not in result.stdout.replace(run_line, "")


def test_markdown_file_name_with_markup_is_escaped(tmp_path):
    path = tmp_path / "a`<b>|c.txt"
    path.write_text(TRANSCRIPT, "utf-8")
    result = invoke("align", "-f", "md", path)
    assert result.exit_code == 0, result.stderr
    heading = result.stdout.splitlines()[0]
    assert "\\`" in heading and "\\<b\\>" in heading and "\\|" in heading


def test_library_refuses_nul_as_the_cli_does(embedder):
    from aligner import align

    with pytest.raises(InputError, match="NUL"):
        align(TRANSCRIPT.replace("Peace", "Pea\x00ce"), embedder=embedder)
    result = CliRunner().invoke(cli, ["align", "-"], input=TRANSCRIPT.replace("Peace", "Pea\x00ce").encode())
    assert result.exit_code == EXIT_INPUT and "NUL" in result.stderr


@pytest.mark.parametrize("call", [
    lambda align, S: align(42),
    lambda align, S: align(b"bytes are not text"),
    lambda align, S: align("\ud800 lone surrogate " + TRANSCRIPT),
    lambda align, S: align(TRANSCRIPT, settings="fast"),
    lambda align, S: align(TRANSCRIPT, settings=S(model=None)),
    lambda align, S: align(TRANSCRIPT, settings=S(model="")),
    lambda align, S: align(TRANSCRIPT, settings=S(glossary=5)),
    lambda align, S: align(TRANSCRIPT, settings=S(glossary="/nonexistent/g.tsv")),
    lambda align, S: align(TRANSCRIPT, settings=S(glossary="a\x00b")),
    lambda align, S: align(TRANSCRIPT, settings=S(flags="yes")),
    lambda align, S: align(TRANSCRIPT, embedder="model"),
    lambda align, S: align(""),
])
def test_library_bad_arguments_are_aligner_errors(call):
    from aligner import Settings, align

    with pytest.raises(AlignerError) as caught:
        call(align, Settings)
    assert isinstance(caught.value, (InputError, UsageError))
    assert "\n" not in str(caught.value)


def test_pair_width_has_an_upper_bound(transcript):
    result = invoke("pair", "--width", str(10**9), transcript, transcript)
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60))
def test_visible_leaves_no_control_character(text):
    shown = visible(text)
    assert not RAW_CONTROL.search(shown)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in shown)
    shown.encode("utf-8")  # always printable as UTF-8
    assert shown.count("\n") == text.count("\n")


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"\x00" not in b and b"/" not in b))
def test_display_path_of_any_byte_name(name):
    shown = display_path(name)
    shown.encode("utf-8")
    assert not RAW_CONTROL.search(shown)
    assert display_path(os.fsdecode(name)) == shown


@pytest.mark.parametrize("command", [
    ["align"], ["diff"], ["evaluate"], ["pair", "{name}"], ["pair-eval"], ["align", "--glossary", "{name}", "{ok}"],
    ["pair-eval", "--audit", "{name}", "--corpus", "{dir}"], ["align", "--out-dir", "{ok}", "{ok}"],
])
def test_every_command_escapes_a_hostile_file_name_in_its_error(tmp_path, transcript, command):
    name = str(tmp_path / "x\x1b]0;owned\x07\u202e.txt")
    args = [a.format(name=name, ok=transcript, dir=tmp_path) for a in command]
    if "{name}" not in " ".join(command) or command[0] == "pair":
        args.append(name)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (2, 3, 5), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not RAW_CONTROL.search(result.stderr), result.stderr
    assert "\\x1b" in result.stderr or "\\u202e" in result.stderr or result.exit_code == 2
