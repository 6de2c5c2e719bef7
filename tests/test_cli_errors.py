"""One error format for every command: usage errors, bad options, bad inputs
and unloadable models all end as one line ``aligner: error: …`` on stderr,
with the exit code of the README's table, never click's usage block or a
traceback."""
from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_MODEL, EXIT_USAGE

SEED_ARG = str(SEED.relative_to(ROOT))


def invoke(*args, input=None):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, list(args), input=input, prog_name="aligner")
    finally:
        os.chdir(cwd)


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aligner: error: "), lines[0]
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


# (arguments, exit code, words the line must hold)
CASES = [
    (("nosuch",), EXIT_USAGE, "No such command 'nosuch'"),
    (("align", "--no-such-option", SEED_ARG), EXIT_USAGE, "--no-such-option"),
    (("align",), EXIT_USAGE, "Missing argument"),
    (("align", "-f", "xml", SEED_ARG), EXIT_USAGE, "'xml' is not one of"),
    (("align", "no/such/file.txt"), EXIT_INPUT, "no/such/file.txt"),
    (("align", "--model", "no/such-model", SEED_ARG), EXIT_MODEL, "cannot load model 'no/such-model'"),
    (("diff", "--quote", "9", SEED_ARG), EXIT_USAGE, "q9 not in this transcript"),
    (("diff", "no/such/file.txt"), EXIT_INPUT, "no/such/file.txt"),
    (("diff", "--model", "no/such-model", SEED_ARG), EXIT_MODEL, "cannot load model 'no/such-model'"),
    (("diff", "--color", "sometimes", SEED_ARG), EXIT_USAGE, "'sometimes' is not one of"),
    (("evaluate", "no/such/folder"), EXIT_USAGE, "does not exist"),
    (("evaluate", "--model", "no/such-model", str(ROOT / "samples")), EXIT_MODEL, "cannot load model"),
    (("pair", "no/such/ko.txt", SEED_ARG), EXIT_INPUT, "no/such/ko.txt"),
    (("pair", SEED_ARG), EXIT_USAGE, "Missing argument"),
    (("pair", "--model", "no/such-model", "samples/pair/briefing_blinken.ko.txt", "samples/pair/briefing_blinken.en.txt"),
     EXIT_MODEL, "cannot load model"),
    (("pair-eval",), EXIT_INPUT, "nothing to score"),
    (("review", "-"), EXIT_USAGE, "not standard input"),
    (("example", "--bogus"), EXIT_USAGE, "No such option"),
    (("review", "no/such/file.txt"), EXIT_INPUT, "no/such/file.txt"),
    (("review", "--model", "no/such-model", SEED_ARG), EXIT_MODEL, "cannot load model 'no/such-model'"),
    (("pair-eval", "--docs", "0"), EXIT_USAGE, "--docs"),
    (("settings", "--format", "yaml"), EXIT_USAGE, "'yaml' is not one of"),
    (("render", "no/such/report.json"), EXIT_INPUT, "no/such/report.json"),
    (("render", SEED_ARG), EXIT_INPUT, "not valid JSON"),
    (("render", str(ROOT / "samples" / "ko_iaea_board_number_mismatch.gold.json")), EXIT_INPUT,
     "not an aligner.report/1 file"),
    (("render", "-f", "tmx", SEED_ARG), EXIT_USAGE, "'tmx' is not one of"),
    (("settings", "--settings", str(ROOT / "pyproject.toml")), EXIT_INPUT, "unknown section"),
]


@pytest.mark.parametrize("args, code, words", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_every_failure_is_one_line_with_its_exit_code(args, code, words):
    line = one_line(invoke(*args), code)
    assert words in line


def test_every_command_is_covered_by_an_error_case():
    covered = {args[0] for args, _code, _words in CASES}
    assert set(cli.commands) <= covered


def test_usage_errors_point_at_the_command_help():
    line = one_line(invoke("align", "--no-such-option", SEED_ARG), EXIT_USAGE)
    assert line.endswith("(see 'aligner align --help')")


def test_a_model_that_needs_sentence_transformers_says_which_model(monkeypatch):
    from aligner import model

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails as if not installed
    monkeypatch.setattr(model, "_loaded", {})
    line = one_line(invoke("align", "--model", "some/other-model", SEED_ARG), EXIT_MODEL)
    assert line.startswith("aligner: error: cannot load model 'some/other-model': sentence-transformers is not installed")


def test_help_and_version_still_exit_zero():
    assert invoke("--help").exit_code == 0
    assert invoke("align", "--help").exit_code == 0
    version = invoke("--version")
    assert version.exit_code == 0 and version.output.startswith("aligner, version ")


def test_out_of_memory_is_one_line_built_once_the_failed_work_is_freed(monkeypatch, tmp_path):
    import weakref

    from aligner import batch, pipeline

    class Work:  # stands for what the alignment held when memory ran out
        pass

    held: list[weakref.ref[Work]] = []

    def align(*_args, **_kwargs):
        work = Work()
        held.append(weakref.ref(work))
        raise MemoryError

    failure = batch._failure

    def failure_once_freed(path, exc):
        # built while the MemoryError's traceback still held the work, the line
        # could raise a second MemoryError (or spin CPython) under a real limit
        assert held and held[0]() is None, "the error line was built while the failed work was still held"
        return failure(path, exc)

    monkeypatch.setattr(pipeline, "align", align)
    monkeypatch.setattr(batch, "_failure", failure_once_freed)
    line = one_line(invoke("align", "-f", "json", "-o", str(tmp_path / "r.json"), SEED_ARG), EXIT_INPUT)
    assert f"{SEED_ARG}: out of memory" in line
    assert list(tmp_path.iterdir()) == []  # no report, no temporary file


def test_out_of_memory_outside_one_input_is_one_line_too(monkeypatch, tmp_path):
    from aligner import batch

    def align_batch(*_args, **_kwargs):
        raise MemoryError
        yield  # a generator, as the real one is

    monkeypatch.setattr(batch, "align_batch", align_batch)
    line = one_line(invoke("align", "-o", str(tmp_path / "r.txt"), SEED_ARG), EXIT_INPUT)
    assert "out of memory" in line
    assert list(tmp_path.iterdir()) == []
