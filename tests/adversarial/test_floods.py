"""Floods of tiny sentences: memory bounded by a multiple of the input, and
identical low-value flags collapsed into one flag with a count."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aligner.flags.flood import FLOOD, collapse_floods
from aligner.report import Flag, FlagSpan
from aligner.sentences import _pieces, split_korean

from .conftest import env


def info(n: int, message: str = "A stray fragment stands on its own: '다.'.") -> Flag:
    return Flag(id="", kind="typography", severity="info", message=message, quote=None,
                spans=(FlagSpan(n * 3, n * 3 + 2, "다.", "narration"),))


def test_a_flood_of_identical_info_flags_becomes_one_with_a_count():
    flags = [info(n) for n in range(500)] + [info(0, "another")]
    out = collapse_floods(flags)
    assert len(out) == 2
    assert "500 times" in out[0].message and out[0].spans == flags[0].spans
    assert out[1].message == "another"


def test_few_identical_flags_and_warnings_are_kept_one_by_one():
    few = [info(n) for n in range(FLOOD)]
    assert collapse_floods(few) == few
    warnings = [Flag(id="", kind="omission", severity="warning", message="same", quote=None, spans=())] * 50
    assert collapse_floods(warnings) == warnings


def test_long_korean_line_is_split_like_short_ones():
    line = "정부는 오늘 새 정책을 발표했습니다. 장관은 내일 기자회견을 엽니다. " * 400
    spans = split_korean(line)
    assert len(spans) == 800
    assert all(line[a:b].endswith("다.") for a, b in spans)
    pieces = _pieces(line, 8000)
    assert "".join(p for _, p in pieces) == line and max(len(p) for _, p in pieces) <= 8000


def test_flood_report_has_one_summary_flag(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import cli

    path = tmp_path / "flood.txt"
    path.write_text("다. " * 3000, "utf-8")
    result = CliRunner().invoke(cli, ["align", "-f", "json", str(path)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["segments"]) == 3000
    assert len(report["flags"]) == 1 and "3000 times" in report["flags"][0]["message"]


@pytest.mark.slow
def test_memory_on_a_flood_is_bounded_by_a_multiple_of_the_input(tmp_path):
    size = 750_000
    path = tmp_path / "flood.txt"
    path.write_text("다. " * (size // 4), "utf-8")
    # a wrapper process reports the peak RSS of its one child, aligner
    wrapper = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "aligner", "align", "-f", "json",
                           "-o", str(tmp_path / "r.json"), str(path)], env=env(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    peak_kb = int(done.stdout.split()[-1])
    # the model and the Korean splitter (~0.5 GB) plus the README's bound: 400 bytes per input byte
    assert peak_kb * 1024 <= 550e6 + 400 * path.stat().st_size, peak_kb
    assert (tmp_path / "r.json").stat().st_size < 40 * path.stat().st_size


@pytest.mark.slow
def test_memory_limit_gives_one_line_not_a_traceback(tmp_path):
    from .conftest import one_error_line

    path = tmp_path / "flood.txt"
    path.write_text("Yes. " * 300_000, "utf-8")
    # enough for the model, not for this input: aligner must say so in one line
    command = (f"ulimit -v 500000; exec '{sys.executable}' -m aligner align -f json -o '{tmp_path / 'r.json'}' "
               f"'{path}'")
    # ~10 s; it used to spin for ever now and then (CPython unwinding a second
    # MemoryError raised while the first one's traceback held the memory)
    result = subprocess.run(["/bin/sh", "-c", command], env=env(), capture_output=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    if result.returncode == 0:
        pytest.skip("this machine aligned it within the limit")
    assert "out of memory" in one_error_line(result, 3)
    assert not (tmp_path / "r.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".aligner-")]
