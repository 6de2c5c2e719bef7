"""Where reports are written: never over a special file, never through a
dangling link, atomically, and every failure one line with exit code 5."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import EXIT_OUTPUT, EXIT_USAGE

from .conftest import TRANSCRIPT, one_error_line, run


def invoke(*args):
    return CliRunner().invoke(cli, [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args])


def clean_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), result.stderr
    return lines[0]


def no_temporaries(folder: Path) -> None:
    assert not [p for p in os.listdir(folder) if p.startswith(b".aligner-" if isinstance(p, bytes) else ".aligner-")
                and "tmp" in os.fsdecode(p)]


def test_character_device_is_written_through_not_replaced(tmp_path, transcript):
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here (not root)")
    result = invoke("align", "-o", node, transcript)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    no_temporaries(tmp_path)


def test_fifo_with_a_reader_gets_the_report_and_stays_a_fifo(tmp_path, transcript):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def reader():
        # open the reading end first, so the writer finds a reader
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.2)
    result = invoke("align", "-f", "json", "-o", fifo, transcript)
    thread.join(30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(received[0])["schema"] == "aligner.report/1"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_fifo_without_a_reader_is_refused_at_once(tmp_path, transcript):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    line = clean_error(invoke("align", "-o", fifo, transcript), EXIT_OUTPUT)
    assert "no reader" in line and time.monotonic() - started < 60
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_symlink_to_a_regular_file_is_followed_atomically(tmp_path, transcript):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = invoke("align", "-f", "json", "-o", link, transcript)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["schema"] == "aligner.report/1"
    no_temporaries(tmp_path)


def test_dangling_symlink_is_refused(tmp_path, transcript):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere.json")
    line = clean_error(invoke("align", "-o", link, transcript), EXIT_OUTPUT)
    assert "symbolic link" in line
    assert not (tmp_path / "nowhere.json").exists() and link.is_symlink()


def test_symlink_to_an_input_is_refused(tmp_path, transcript):
    link = tmp_path / "link.txt"
    link.symlink_to(transcript)
    clean_error(invoke("align", "-o", link, transcript), EXIT_OUTPUT)
    assert transcript.read_text("utf-8") == TRANSCRIPT


def test_socket_is_not_replaced(tmp_path, transcript):
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        line = clean_error(invoke("align", "-o", path, transcript), EXIT_OUTPUT)
        assert "special file" in line and stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


@pytest.mark.parametrize("name", ["missing/", "t.json/"])
def test_output_ending_in_a_slash_is_refused(tmp_path, transcript, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = clean_error(invoke("align", "-o", name, transcript), EXIT_OUTPUT)
    assert "--out-dir" in line
    assert not (tmp_path / name.rstrip("/")).exists()


def test_empty_output_names_are_usage_errors(transcript):
    assert "empty" in clean_error(invoke("align", "-o", "", transcript), EXIT_USAGE)
    assert "empty" in clean_error(invoke("align", "--out-dir", "", transcript), EXIT_USAGE)
    assert "empty" in clean_error(invoke("diff", "-o", "", transcript), EXIT_USAGE)


def test_out_dir_that_cannot_be_created(tmp_path, transcript):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = clean_error(invoke("align", "--out-dir", blocker / "sub", transcript), EXIT_OUTPUT)
    assert "cannot be created" in line


def test_closed_standard_output_is_exit_5_not_a_lost_report(transcript):
    one_error_line(run("align", transcript, shell_redirect=">&-"), EXIT_OUTPUT)


def test_reader_that_leaves_early_is_exit_5(transcript):
    read, write = os.pipe()
    os.close(read)  # nobody will ever read
    try:
        result = run("align", "-f", "json", transcript, stdin=subprocess.DEVNULL,
                     preexec=lambda: os.dup2(write, 1))
    finally:
        os.close(write)
    line = one_error_line(result, EXIT_OUTPUT)
    assert "standard output" in line


def test_sigterm_during_an_output_file_leaves_no_temporary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"t{n:02}.txt").write_text(TRANSCRIPT.replace("Park", f"Park{n}"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    from .conftest import env
    import sys

    process = subprocess.Popen([sys.executable, "-m", "aligner", "align", "-q", "-f", "jsonl", "-o",
                                str(out / "all.jsonl"), str(folder)], env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.startswith(".aligner-") for p in os.listdir(out)):
        time.sleep(0.05)
    assert any(p.startswith(".aligner-") for p in os.listdir(out)), "no temporary file appeared"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert b"Traceback" not in stderr
    assert os.listdir(out) == []


def test_full_disk_keeps_the_old_report_and_no_temporary(tmp_path, transcript):
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        target = mount / "report.json"
        target.write_text("old")
        filler = mount / "filler"
        with open(filler, "wb") as handle:  # leave ~8 KB free
            try:
                handle.write(b"x" * (56 * 1024))
            except OSError:
                pass
        big = tmp_path / "big.txt"
        big.write_text(TRANSCRIPT * 60, "utf-8")
        result = invoke("align", "-f", "json", "-o", target, big)
        line = clean_error(result, EXIT_OUTPUT)
        assert "cannot write" in line
        assert target.read_text() == "old"
        no_temporaries(mount)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_non_utf8_output_names(tmp_path, transcript):
    raw = os.fsencode(tmp_path) + b"/caf\xe9"
    for args in (("align", "-f", "json", "-o", raw + b".json"), ("diff", "-o", raw + b".diff"),
                 ("align", "-f", "json", "--out-dir", raw + b"-dir")):
        result = invoke(*args, transcript)
        assert result.exit_code == 0, result.stderr
    names = os.listdir(os.fsencode(tmp_path))
    assert b"caf\xe9.json" in names and b"caf\xe9.diff" in names and b"caf\xe9-dir" in names
    assert json.loads(open(raw + b"-dir/t.json", "rb").read())["schema"] == "aligner.report/1"


def test_error_about_a_non_utf8_name_is_one_escaped_line(tmp_path, transcript):
    raw = os.fsencode(tmp_path) + b"/no\xff/x.json"
    line = one_error_line(run("align", "-o", raw, transcript), EXIT_OUTPUT)
    assert "no\\xff" in line


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_names = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"\x00" not in b and b"/" not in b and b not in (b".", b"..") and not b.startswith(b".aligner-"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_names)
def test_any_byte_file_name_as_output(tmp_path, transcript, name):
    folder = os.fsencode(tmp_path) + b"/o"
    os.makedirs(folder, exist_ok=True)
    target = folder + b"/" + name
    if os.path.lexists(target):
        os.unlink(target)
    result = invoke("align", "-f", "json", "-o", target, transcript)
    assert result.exit_code == 0, result.stderr
    assert json.loads(open(target, "rb").read())["schema"] == "aligner.report/1"
    assert [n for n in os.listdir(folder) if n.startswith(b".aligner-")] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_names)
def test_any_byte_file_name_in_an_error_line(tmp_path, name):
    result = invoke("align", os.fsencode(tmp_path) + b"/missing-" + name)
    line = clean_error(result, 3)
    line.encode("utf-8")
    assert not any(ch in line for ch in "\x1b\x07\x9b")


def test_pair_eval_with_closed_standard_output_is_exit_5(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "c.ko").write_text("".join(f"문장 {n}입니다.\n" for n in range(8)), "utf-8")
    (folder / "c.en").write_text("".join(f"Sentence {n}.\n" for n in range(8)), "utf-8")
    result = run("pair-eval", "--method", "gale-church", "--corpus", folder, "--docs", "1", "--sentences", "4",
                 shell_redirect=">&-")
    one_error_line(result, EXIT_OUTPUT)
