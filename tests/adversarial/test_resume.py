"""The resume manifest and --out-dir bookkeeping."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from aligner.batch import MANIFEST, read_manifest
from aligner.cli import cli
from aligner.errors import EXIT_OUTPUT

from .conftest import TRANSCRIPT


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def batch(tmp_path, n=2):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for k in range(n):
        (folder / f"t{k}.txt").write_text(TRANSCRIPT.replace("Park", f"Park{k}"), "utf-8")
    return folder


def test_manifest_symlink_is_never_written_through(tmp_path):
    folder = batch(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / MANIFEST).symlink_to(victim)
    result = invoke("align", "-q", "-f", "json", "--out-dir", out, folder)
    assert result.exit_code == EXIT_OUTPUT, result.stderr
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_text() == "precious\n"
    assert read_manifest(str(out)) == {}  # and it is not read through either


def test_manifest_with_invalid_utf8_does_not_break_later_runs(tmp_path):
    folder = batch(tmp_path)
    out = tmp_path / "out"
    assert invoke("align", "-q", "-f", "json", "--out-dir", out, folder).exit_code == 0
    with open(out / MANIFEST, "ab") as handle:
        handle.write(b"\xff\xfe{garbage\n\x00\x00\n{\"report\": 5}\n")
    again = invoke("align", "-f", "json", "--out-dir", out, folder)
    assert again.exit_code == 0, again.stderr
    assert "2 already done" in again.stderr


def test_emptied_or_damaged_report_is_redone(tmp_path):
    folder = batch(tmp_path)
    out = tmp_path / "out"
    assert invoke("align", "-q", "-f", "json", "--out-dir", out, folder).exit_code == 0
    (out / "t0.json").write_text("")
    (out / "t1.json").write_text("{garbage")
    again = invoke("align", "-f", "json", "--out-dir", out, folder)
    assert again.exit_code == 0, again.stderr
    assert "2 aligned" in again.stderr and "already done" not in again.stderr
    assert json.loads((out / "t0.json").read_text())["schema"] == "aligner.report/1"
    third = invoke("align", "-f", "json", "--out-dir", out, folder)
    assert "2 already done" in third.stderr


def test_report_named_like_the_manifest_is_refused(tmp_path):
    path = tmp_path / ".aligner-manifest.txt"
    path.write_text(TRANSCRIPT, "utf-8")
    result = invoke("align", "-f", "jsonl", "--out-dir", tmp_path / "out", path)
    assert result.exit_code == EXIT_OUTPUT and "bookkeeping" in result.stderr
    assert not (tmp_path / "out" / MANIFEST).exists()


def test_the_manifest_as_an_input_is_refused(tmp_path):
    folder = batch(tmp_path, 1)
    out = tmp_path / "out"
    assert invoke("align", "-q", "--out-dir", out, folder).exit_code == 0
    result = invoke("align", "--out-dir", out, out / MANIFEST)
    assert result.exit_code == EXIT_OUTPUT and "manifest" in result.stderr


def test_out_dir_is_a_file(tmp_path):
    blocker = tmp_path / "f"
    blocker.write_text("x")
    result = invoke("align", "--out-dir", blocker, *batch(tmp_path).iterdir())
    assert result.exit_code == 2 and "is a file" in result.stderr  # click's own check of --out-dir
    assert blocker.read_text() == "x"
    from aligner.batch import BatchOptions, align_batch
    from aligner.errors import OutputError
    from aligner.pipeline import Settings
    import pytest

    with pytest.raises(OutputError, match="not a folder"):  # the library says so too
        list(align_batch([str(p) for p in (tmp_path / "in").iterdir()], Settings(),
                         BatchOptions(fmt="json", out_dir=str(blocker))))


def test_old_manifest_lines_without_report_hash_are_redone(tmp_path):
    folder = batch(tmp_path, 1)
    out = tmp_path / "out"
    assert invoke("align", "-q", "-f", "json", "--out-dir", out, folder).exit_code == 0
    lines = [json.loads(line) for line in (out / MANIFEST).read_text().splitlines()]
    for line in lines:
        del line["report_sha256"]
    (out / MANIFEST).write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert "1 aligned" in invoke("align", "-f", "json", "--out-dir", out, folder).stderr
    assert os.path.getsize(out / MANIFEST) > 0
