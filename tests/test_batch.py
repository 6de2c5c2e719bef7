"""Many transcripts in one run: one model load, workers, per-file errors, resuming."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from invariants import check_report

from aligner import read_source
from aligner.batch import MANIFEST, BatchOptions, align_batch, expand_inputs
from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_OUTPUT, EXIT_PARTIAL, EXIT_USAGE
from aligner.pipeline import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"  # the development corpus beside the checkout
FUZZ = Path(__file__).parent / "fuzz"
GOOD = ["briefing_utf8.txt", "briefing_cp949.txt", "no_markers.txt", "truncated_mid_marker.txt"]
BAD = ["empty.txt", "nul_bytes.txt"]

# Runs the CLI after wrapping the default model's loader so that every real
# load (in this process or any worker) appends its process id to a file.
COUNTING_CLI = """
import os, sys
import aligner.model as model
real = model._load_use_numpy
def counted():
    with open(os.environ["LOADS_FILE"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    return real()
model._load_use_numpy = counted
from aligner.cli import main
sys.argv = ["aligner"] + sys.argv[1:]
main()
"""


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args))


def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("the shared corpus is not on this machine")
    return files


def transcripts(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FUZZ / name, folder / name)
    return sorted(folder / name for name in names)


def many_transcripts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    base = (FUZZ / "briefing_utf8.txt").read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = folder / f"story_{n:03d}.txt"
        path.write_text(base.replace("14일", f"{n % 28 + 1}일").replace("Our offer", f"Offer {n}"), encoding="utf-8")
        paths.append(path)
    return paths


def counting_run(args: list[str], loads: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "LOADS_FILE": str(loads)}
    return subprocess.run([sys.executable, "-c", COUNTING_CLI, *args], capture_output=True, text=True, env=env,
                          **kwargs)


# --- one model load, the whole corpus ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_whole_corpus_as_jsonl_with_one_model_load(tmp_path, jobs):
    files = corpus_files()
    loads = tmp_path / "loads"
    done = counting_run(["align", "--format", "jsonl", "--jobs", jobs, *map(str, files)], loads)
    assert done.returncode == 0, done.stderr
    assert len(loads.read_text().split()) == 1  # the parent's; workers share it
    lines = done.stdout.splitlines()
    assert len(lines) == len(files)
    for line, path in zip(lines, files):  # in input order
        report = json.loads(line)
        assert report["source"]["path"] == str(path)
        check_report(report, read_source(str(path)).text)
    assert f"{len(files)} files ({len(files)} aligned, 0 failed)" in done.stderr


@pytest.mark.slow
def test_workers_give_the_same_reports_as_one_process(tmp_path):
    files = [str(p) for p in corpus_files()] + [str(p) for p in transcripts(tmp_path / "f", GOOD)]
    one = run_cli("align", "-f", "jsonl", "-j", "1", *files)
    two = run_cli("align", "-f", "jsonl", "-j", "2", *files)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


# --- progress, quiet, summary -------------------------------------------------------------------


@pytest.mark.slow
def test_progress_bar_over_two_hundred_transcripts(tmp_path):
    many_transcripts(tmp_path / "many", 200)
    result = run_cli("align", "-f", "jsonl", "--progress", "-o", str(tmp_path / "all.jsonl"), str(tmp_path / "many"))
    assert result.exit_code == 0, result.stderr
    assert "aligning [" in result.stderr and "200/200" in result.stderr
    assert "\r" in result.stderr  # redrawn in place
    assert "aligner: 200 files (200 aligned, 0 failed); 400 quotes; flags: " in result.stderr
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 200


def test_no_progress_bar_when_not_a_terminal_and_nothing_with_quiet(tmp_path):
    folder = tmp_path / "f"
    transcripts(folder, GOOD)
    plain = run_cli("align", "-f", "jsonl", str(folder))
    assert plain.exit_code == 0
    assert "aligning [" not in plain.stderr  # CliRunner's stderr is not a terminal
    assert plain.stderr.startswith("aligner: 4 files (4 aligned, 0 failed); ")
    quiet = run_cli("align", "-f", "jsonl", "--quiet", "--progress", str(folder))
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == plain.stdout


# --- failures ---------------------------------------------------------------------------------


def test_failures_are_reported_one_line_each_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "mixed"
    transcripts(folder, GOOD + BAD)
    result = run_cli("align", "-f", "jsonl", str(folder), str(tmp_path / "missing.txt"))
    assert result.exit_code == EXIT_PARTIAL
    errors = [line for line in result.stderr.splitlines() if line.startswith("aligner: error: ")]
    assert sorted(errors) == sorted([
        f"aligner: error: {folder / 'empty.txt'}: empty file, no transcript",
        f"aligner: error: {folder / 'nul_bytes.txt'}: binary data (NUL bytes), not a text transcript"
        " (if it is UTF-16 without a byte-order mark, pass --encoding utf-16-le or utf-16-be)",
        f"aligner: error: {tmp_path / 'missing.txt'}: no such file",
    ])
    assert "Traceback" not in result.stderr
    assert "7 files (4 aligned, 3 failed)" in result.stderr
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(folder / name) for name in sorted(GOOD)]


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    folder = tmp_path / "mixed"
    transcripts(folder, GOOD + BAD)  # sorted: briefing_cp949, briefing_utf8, empty, no_markers, …
    result = run_cli("align", "-f", "jsonl", "--fail-fast", str(folder))
    assert result.exit_code == EXIT_INPUT  # the failure's own code
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(folder / "briefing_cp949.txt"), str(folder / "briefing_utf8.txt")]
    assert "3 files (2 aligned, 1 failed)" in result.stderr
    out = tmp_path / "all.jsonl"
    with_output = run_cli("align", "-f", "jsonl", "--fail-fast", "-j", "2", "-o", str(out), str(folder))
    assert with_output.exit_code == EXIT_INPUT and not out.exists()  # all or nothing
    assert sorted(os.listdir(tmp_path)) == ["mixed"]


def test_several_inputs_cannot_make_one_json_document(tmp_path):
    transcripts(tmp_path / "f", GOOD)
    result = run_cli("align", "-f", "json", str(tmp_path / "f"))
    assert result.exit_code == EXIT_USAGE
    assert "use --format jsonl, or --out-dir" in result.stderr


# --- output folder and resuming -------------------------------------------------------------------


def test_out_dir_writes_one_report_per_input_and_resumes(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    transcripts(folder, GOOD)
    first = run_cli("align", "-f", "json", "--out-dir", str(out), str(folder))
    assert first.exit_code == 0, first.stderr
    reports = {p.name for p in out.glob("*.json")}
    assert reports == {Path(name).stem + ".json" for name in GOOD}
    for name in GOOD:
        report = json.loads((out / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
        check_report(report, read_source(str(folder / name)).text)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    again = run_cli("align", "-f", "json", "--out-dir", str(out), str(folder))
    assert again.exit_code == 0
    assert "4 files (0 aligned, 4 already done, 0 failed)" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == {k: v for k, v in stamps.items()
                                                                         if k.endswith(".json")}

    (folder / "no_markers.txt").write_text("[녹취: 프라이스 대변인] “New words.”\n대변인은 새 말을 했습니다.\n",
                                           encoding="utf-8")
    changed = run_cli("align", "-f", "json", "--out-dir", str(out), str(folder))
    assert "4 files (1 aligned, 3 already done, 0 failed)" in changed.stderr
    assert json.loads((out / "no_markers.json").read_text(encoding="utf-8"))["summary"]["quotes"] == 1

    other_settings = run_cli("align", "-f", "json", "--min-severity", "error", "--out-dir", str(out), str(folder))
    assert "4 files (4 aligned, 0 failed)" in other_settings.stderr


def test_a_report_deleted_or_a_manifest_line_cut_short_is_redone(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    transcripts(folder, GOOD)
    assert run_cli("align", "-f", "md", "--out-dir", str(out), str(folder)).exit_code == 0
    (out / "briefing_utf8.md").unlink()
    manifest = out / MANIFEST
    lines = manifest.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "no_markers" in line)
    lines[cut] = lines[cut][: len(lines[cut]) // 2]  # as a killed run could leave it
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = run_cli("align", "-f", "md", "--out-dir", str(out), str(folder))
    assert "4 files (2 aligned, 2 already done, 0 failed)" in again.stderr
    assert (out / "briefing_utf8.md").exists()


def test_reports_that_would_clash_are_refused_before_anything_runs(tmp_path):
    for sub in ("a", "b"):
        transcripts(tmp_path / sub, ["briefing_utf8.txt"])
    out = tmp_path / "out"
    result = run_cli("align", "-f", "json", "--out-dir", str(out), str(tmp_path / "a"), str(tmp_path / "b"))
    assert result.exit_code == EXIT_OUTPUT
    assert "would both write" in result.stderr
    assert not out.exists()


def test_standard_input_in_a_batch(tmp_path):
    transcripts(tmp_path / "f", ["briefing_utf8.txt"])
    result = CliRunner().invoke(cli, ["align", "-f", "jsonl", "-j", "2", "-", str(tmp_path / "f")],
                                input=(FUZZ / "briefing_utf16le_bom.txt").read_bytes())
    assert result.exit_code == 0, result.stderr
    first, second = map(json.loads, result.stdout.splitlines())
    assert first["source"]["path"] == "-" and first["source"]["encoding"] == "utf-16-le"
    assert first["quotes"] == second["quotes"]


@pytest.mark.slow
def test_interrupted_batch_leaves_only_complete_reports_and_resumes(tmp_path):
    folder, out = tmp_path / "many", tmp_path / "out"
    many_transcripts(folder, 200)
    loads = tmp_path / "loads"
    args = ["align", "-f", "json", "-j", "2", "--out-dir", str(out), str(folder)]
    process = subprocess.Popen([sys.executable, "-c", COUNTING_CLI, *args], env={**os.environ, "LOADS_FILE": str(loads)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               # a shell that started pytest in the background leaves SIGINT ignored, and
                               # children inherit that; the user at a terminal has it on
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    manifest = out / MANIFEST
    deadline = time.monotonic() + 300  # a guard against hanging, not a speed check
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 10:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "aligner: interrupted" in stderr and "Traceback" not in stderr
    leftovers = [name for name in os.listdir(out) if name.endswith(".tmp")]
    assert leftovers == []
    written = sorted(out.glob("*.json"))
    assert 10 <= len(written) < 200
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))  # every report there is whole
    recorded = len(manifest.read_text(encoding="utf-8").splitlines())
    resumed = counting_run(args, loads)
    assert resumed.returncode == 0, resumed.stderr
    assert f"200 files ({200 - recorded} aligned, {recorded} already done, 0 failed)" in resumed.stderr
    assert len(list(out.glob("*.json"))) == 200
    assert len(loads.read_text().split()) == 2  # one load per run, none in the workers


# --- the library ----------------------------------------------------------------------------------


def test_library_batch_yields_outcomes_in_input_order(tmp_path):
    transcripts(tmp_path / "f", GOOD + BAD)
    (tmp_path / "f" / "old.report.txt").write_text("a text report, not a transcript", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    files, problems = expand_inputs([str(tmp_path / "f"), str(tmp_path / "empty")])
    assert files == [str(tmp_path / "f" / name) for name in sorted(GOOD + BAD)]
    assert [p.error for p in problems] == [f"{tmp_path / 'empty'}: no *.txt transcripts in this folder"]
    outcomes = list(align_batch(files, Settings(), BatchOptions(fmt="jsonl", jobs=2)))
    assert [o.path for o in outcomes] == files
    assert [o.status for o in outcomes] == ["aligned", "aligned", "failed", "aligned", "failed", "aligned"]
    assert all(o.rendered.startswith('{"schema":"aligner.report/1"') for o in outcomes if not o.failed)
    assert [o.exit_code for o in outcomes if o.failed] == [EXIT_INPUT, EXIT_INPUT]
