"""The command line: align (text, JSON, stdin), --help, --version, evaluate,
and clean one-line errors with their exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, SEED

import aligner
from aligner.cli import cli

SEED_ARG = str(SEED.relative_to(ROOT))
ALIGNER = Path(sys.executable).with_name("aligner")


def run(*args, stdin: bytes | None = None, entry=None):
    command = [str(entry)] if entry else [sys.executable, "-m", "aligner"]
    return subprocess.run(command + list(args), cwd=ROOT, input=stdin, capture_output=True, timeout=300,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})


def one_error_line(result, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    stderr = result.stderr.decode() if isinstance(result.stderr, bytes) else result.stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("aligner: error: ")
    return lines[0]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_align_text_report(runner):
    result = runner.invoke(cli, ["align", SEED_ARG], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(SEED_ARG)
    assert "model=use-multilingual-v3" not in out  # the settings line only with -v
    verbose = runner.invoke(cli, ["align", "-v", SEED_ARG], catch_exceptions=False).output
    assert f"aligner {aligner.__version__} | model=use-multilingual-v3" in verbose
    assert "3 quotes, 3 linked" in out
    for line in ("q1  [녹취: 보즈키르 의장]", "q2  [녹취: 바버 특별고문(지난 11월)]", "q3  [녹취: 김성 대사]"):
        assert line in out
    for name in ("Volkan Bozkir", "Jennifer Barber", "Kim Seong"):
        assert f"→ {name}" in out
    assert "Mr. Bozkir said earlier" in out


def test_align_entry_point_and_json(monkeypatch):
    entry = ALIGNER if ALIGNER.exists() else None
    result = run("align", "--format", "json", SEED_ARG, entry=entry)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    data = json.loads(result.stdout)
    assert data["schema"] == "aligner.report/1"
    assert data["source"]["path"] == SEED_ARG
    monkeypatch.chdir(ROOT)
    assert data == aligner.align(aligner.read_source(SEED_ARG)).to_dict()


def test_align_standard_input(runner):
    raw = SEED.read_bytes()
    result = runner.invoke(cli, ["align", "-f", "json", "-"], input=raw, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["path"] == "-"
    assert data["summary"]["quotes"] == 3
    from_file = json.loads(runner.invoke(cli, ["align", "-f", "json", SEED_ARG]).output)
    from_file["source"]["path"] = "-"
    assert data == from_file


def test_align_standard_input_subprocess():
    result = run("align", "-", stdin="제목\n[녹취: 김 대사] “We reject it.”\n김 대사는 이를 거부한다고 말했습니다.\n".encode())
    assert result.returncode == 0, result.stderr
    assert "1 quotes, 1 linked" in result.stdout.decode() or "1 quote, 1 linked" in result.stdout.decode()


def test_help():
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.startswith("Usage: ")
    for command in ("align", "evaluate"):
        assert command in out
    assert run("align", "--help").stdout.decode().count("--format") >= 1


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"aligner, version {aligner.__version__}"


def test_evaluate_samples(runner):
    result = runner.invoke(cli, ["evaluate", str(SAMPLES)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(line.startswith("TOTAL") for line in lines) == 1
    rows = [line.split()[0] for line in lines if line.split() and line.split()[0].endswith(".txt")]
    assert len(rows) == len(list(SAMPLES.glob("*.gold.json")))


def test_missing_file():
    line = one_error_line(run("align", "no/such/file.txt"), 3)
    assert "no/such/file.txt" in line and "no such file" in line


@pytest.mark.parametrize("stdin", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_empty_standard_input(stdin):
    line = one_error_line(run("align", "-", stdin=stdin), 3)
    assert "standard input" in line


def test_folder_without_transcripts(tmp_path):
    line = one_error_line(run("align", str(tmp_path)), 3)
    assert str(tmp_path) in line


def test_binary_file(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    line = one_error_line(run("align", str(path)), 3)
    assert "binary" in line


def test_malformed_glossary_exit_code(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("감찰관 inspector general\n", encoding="utf-8")
    line = one_error_line(run("align", "--glossary", str(glossary), SEED_ARG), 3)
    assert f"{glossary}:1:" in line


def test_unknown_option_is_a_usage_error():
    result = run("align", "--no-such-option", SEED_ARG)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


def test_output_file(tmp_path, runner):
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["align", "-f", "json", "-o", str(out), SEED_ARG], catch_exceptions=False)
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text("utf-8"))["summary"]["quotes"] == 3


def test_output_file_is_opened_only_when_the_report_is_written(tmp_path, runner, monkeypatch):
    # a run that dies while aligning (the OOM killer, a native library's exit
    # under a memory limit) cannot unwind: it must have no temporary file yet
    from aligner import pipeline

    align = pipeline.align
    seen: list[list[str]] = []

    def align_and_look(*args, **kwargs):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        return align(*args, **kwargs)

    monkeypatch.setattr(pipeline, "align", align_and_look)
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["align", "-f", "json", "-o", str(out), SEED_ARG], catch_exceptions=False)
    assert result.exit_code == 0 and seen == [[]]
    assert json.loads(out.read_text("utf-8"))["summary"]["quotes"] == 3


def test_fail_on(runner):
    # the seed has a name_variant warning: --fail-on warning exits 1, without it 0
    assert runner.invoke(cli, ["align", SEED_ARG]).exit_code == 0
    assert runner.invoke(cli, ["align", "--fail-on", "warning", SEED_ARG]).exit_code == 1
