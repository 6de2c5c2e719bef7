"""Reading inputs: a limit for every source, no hang on a FIFO, text codecs
only, closed and empty standard input said plainly."""
from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_PARTIAL, InputError
from aligner.source import read_bytes

from .conftest import TRANSCRIPT, one_error_line, run


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args], input=input)


def clean_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), result.stderr
    return lines[0]


def test_standard_input_has_the_size_limit():
    # /dev/zero never ends: the limit must stop it (this used to reach 15 GB)
    with open("/dev/zero", "rb") as zero:
        started = time.monotonic()
        line = one_error_line(run("align", "-", stdin=zero, timeout=120), EXIT_INPUT)
    assert "standard input" in line and "200 MB limit" in line
    assert time.monotonic() - started < 120


def test_character_device_input_has_the_size_limit():
    with pytest.raises(InputError, match="200 MB limit"):
        read_bytes("/dev/zero")


@pytest.mark.parametrize("batch", [False, True])
def test_fifo_without_a_writer_does_not_hang(tmp_path, transcript, batch):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    args = ("align", "-q", fifo, transcript) if batch else ("align", fifo)
    result = run(*args, timeout=90)
    if batch:
        assert result.returncode == EXIT_PARTIAL
        assert b"no writer" in result.stderr and b"Traceback" not in result.stderr
    else:
        assert "no writer" in one_error_line(result, EXIT_INPUT)


def test_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["/bin/sh", "-c", f"cat > '{fifo}'"], stdin=subprocess.PIPE)
    time.sleep(0.3)
    writer.stdin.write(TRANSCRIPT.encode())
    writer.stdin.close()
    result = invoke("align", "-f", "json", fifo)
    writer.wait(10)
    assert result.exit_code == 0, result.stderr


def test_socket_input_is_refused(tmp_path):
    path = tmp_path / "sock.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert "not a regular file" in clean_error(invoke("align", path), EXIT_INPUT)
    finally:
        server.close()


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "bz2", "uu", "quopri"])
def test_codec_that_is_not_a_text_encoding(transcript, codec):
    line = clean_error(invoke("align", "--encoding", codec, transcript), EXIT_INPUT)
    assert "not a text encoding" in line


def test_codec_check_is_once_for_a_batch(tmp_path, transcript):
    other = tmp_path / "u.txt"
    other.write_text(TRANSCRIPT, "utf-8")
    line = clean_error(invoke("align", "-q", "--encoding", "rot13", transcript, other), EXIT_INPUT)
    assert "--encoding" in line


def test_closed_standard_input(transcript):
    assert "standard input" in one_error_line(run("align", "-", shell_redirect="<&-"), EXIT_INPUT)


def test_empty_standard_input_says_standard_input():
    line = clean_error(invoke("align", "-", input=b""), EXIT_INPUT)
    assert line == "aligner: error: standard input: empty, no transcript"


def test_directory_as_input(tmp_path):
    (tmp_path / "d.txt").mkdir()
    assert "is a directory" in clean_error(invoke("diff", tmp_path / "d.txt"), EXIT_INPUT)


def test_bad_glossary_in_a_batch_is_exit_3_once(tmp_path, transcript):
    other = tmp_path / "u.txt"
    other.write_text(TRANSCRIPT, "utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("not a glossary line\n", "utf-8")
    line = clean_error(invoke("align", "-q", "--glossary", glossary, transcript, other), EXIT_INPUT)
    assert "g.tsv:1" in line


def test_glossary_fifo_does_not_hang(tmp_path, transcript):
    fifo = tmp_path / "g.tsv"
    os.mkfifo(fifo)
    clean_error(invoke("align", "--glossary", fifo, transcript), EXIT_INPUT)


def test_fail_fast_stops_at_a_folder_without_transcripts(tmp_path, transcript):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = invoke("align", "-q", "--fail-fast", "--out-dir", out, empty, transcript)
    assert result.exit_code == EXIT_INPUT, result.stderr
    assert not (out / "t.report.txt").exists()


def test_non_utf8_names_in_a_batch(tmp_path):
    folder = os.fsencode(tmp_path) + b"/in"
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(TRANSCRIPT.encode())
    with open(folder + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"\x00\x01")
    out = os.fsencode(tmp_path) + b"/out"
    result = run("align", "-q", "-f", "json", "--out-dir", out, folder)
    assert result.returncode == EXIT_PARTIAL, result.stderr
    assert b"Traceback" not in result.stderr and b"bad\\xff.txt" in result.stderr
    assert os.path.exists(out + b"/caf\xe9.json")
    # the manifest holds the name, and a second run reads it and skips the report
    again = run("align", "-q", "-f", "json", "--out-dir", out, folder + b"/caf\xe9.txt")
    assert again.returncode == 0, again.stderr
