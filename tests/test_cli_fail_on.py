"""`aligner align --fail-on` and `--min-severity`: exit codes and what the report shows.

The transcripts here carry flags whose severity is known: a marker with no
quote (missing_quote, an error), one name written two ways (name_variant, a
warning), a stray last line (typography, info).  Stories with no quote keep
the semantic detectors out of it.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import dedent

from aligner.cli import cli
from aligner.errors import EXIT_FLAGS, EXIT_OK

INFO_ONLY = dedent("""
    The State Department said North Korea funds its weapons programs through cyber theft.

    Spokesman Daniel Hartman said the United States is working with its allies to stop it.

    This is Kim Min-su, VOA News.
    – .
""")
WARNING = INFO_ONLY.replace("This is Kim Min-su", "Reporter Kim Min-su reports. This is Kim Min-soo")
ERROR = dedent("""
    국방부는 한국 방위에 대한 미국의 공약이 철통같다고 밝혔습니다.

    [녹취: 캘러헌 장관]

    캘러헌 장관은 한국 방위 공약이 철통같다고 말했습니다.
""")


@pytest.fixture()
def transcripts(tmp_path):
    paths = {}
    for name, text in (("info", INFO_ONLY), ("warning", WARNING), ("error", ERROR)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(*args):
    return CliRunner().invoke(cli, ["align", *map(str, args)])


def severities(output: str) -> list[str]:
    return sorted(f["severity"] for f in json.loads(output)["flags"])


def test_the_transcripts_carry_the_flags_they_are_meant_to(transcripts):
    assert severities(run("-f", "json", transcripts["info"]).output) == ["info"]
    assert severities(run("-f", "json", transcripts["warning"]).output) == ["info", "warning"]
    assert "error" in severities(run("-f", "json", transcripts["error"]).output)


@pytest.mark.parametrize("name, fail_on, code", [
    ("info", "warning", EXIT_OK), ("info", "error", EXIT_OK),
    ("warning", "warning", EXIT_FLAGS), ("warning", "error", EXIT_OK),
    ("error", "warning", EXIT_FLAGS), ("error", "error", EXIT_FLAGS),
])
def test_fail_on_exits_1_at_or_above_the_threshold(transcripts, name, fail_on, code):
    result = run("--fail-on", fail_on, transcripts[name])
    assert result.exit_code == code, result.output
    assert str(transcripts[name]) in result.output  # the report is written either way
    assert "flags:" in result.output


def test_without_fail_on_flags_never_change_the_exit_code(transcripts):
    assert run(transcripts["error"]).exit_code == EXIT_OK


def test_min_severity_hides_flags_below_it(transcripts):
    assert severities(run("-f", "json", "--min-severity", "warning", transcripts["warning"]).output) == ["warning"]
    assert severities(run("-f", "json", "--min-severity", "error", transcripts["warning"]).output) == []
    assert severities(run("-f", "json", "--min-severity", "info", transcripts["warning"]).output) == ["info", "warning"]


def test_summary_counts_only_the_flags_shown(transcripts):
    report = json.loads(run("-f", "json", "--min-severity", "warning", transcripts["warning"]).output)
    assert report["summary"]["flags"] == {"error": 0, "warning": 1, "info": 0}


def test_fail_on_sees_flags_that_min_severity_hides(transcripts):
    result = run("-f", "json", "--min-severity", "error", "--fail-on", "warning", transcripts["warning"])
    assert result.exit_code == EXIT_FLAGS
    assert json.loads(result.output)["flags"] == []


def test_fail_on_over_a_batch_looks_at_every_transcript(transcripts):
    assert run("-f", "jsonl", "-q", "--fail-on", "warning", transcripts["info"], transcripts["warning"]).exit_code == EXIT_FLAGS
    assert run("-f", "jsonl", "-q", "--fail-on", "error", transcripts["info"], transcripts["warning"]).exit_code == EXIT_OK


def test_a_bad_threshold_is_a_usage_error(transcripts):
    result = run("--fail-on", "info", transcripts["info"])
    assert result.exit_code == 2
    assert "Invalid value" in result.output


def test_fail_on_sees_the_flags_of_reports_a_rerun_skips(transcripts, tmp_path):
    out = tmp_path / "reviews"
    first = run("-f", "json", "-q", "--out-dir", out, "--fail-on", "warning", transcripts["info"], transcripts["warning"])
    assert first.exit_code == EXIT_FLAGS
    again = CliRunner().invoke(cli, ["align", "-f", "json", "--out-dir", str(out), "--fail-on", "warning",
                                     str(transcripts["info"]), str(transcripts["warning"])])
    assert "2 already done" in again.output  # CliRunner mixes stderr in
    assert again.exit_code == EXIT_FLAGS
    assert run("-f", "json", "-q", "--out-dir", out, "--fail-on", "error", transcripts["info"],
               transcripts["warning"]).exit_code == EXIT_OK
