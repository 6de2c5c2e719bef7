"""The red-team helpers: run aligner as a real process with special files,
closed streams, signals and limits, and check the one-line-error contract."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TRANSCRIPT = (
    "Minister speaks\n\n"
    "Foreign Minister Park Jung-hoon said peace needs the truth. Reporter Yoon reports.\n\n"
    "[녹취: 박정훈 장관] “Peace cannot be built on silence. Human rights and security go together.”\n\n"
    "Minister Park said peace cannot be built on silence.\n"
)


def env() -> dict:
    out = dict(os.environ)
    out["HF_HUB_OFFLINE"] = "1"
    out.pop("NO_COLOR", None)
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return out


def run(*args, stdin=subprocess.DEVNULL, timeout: float = 120, shell_redirect: str = "", cwd=None, preexec=None):
    """``python -m aligner ARGS`` as a process; ``shell_redirect`` (e.g.
    ``">&-"``) runs it under sh with that redirection."""
    argv = [sys.executable, "-m", "aligner", *[os.fsencode(a) if isinstance(a, (str, bytes, Path)) else a
                                              for a in args]]
    if shell_redirect:
        quoted = b" ".join(b"'" + a.replace(b"'", b"'\\''") + b"'" if isinstance(a, bytes) else
                           b"'" + str(a).encode() + b"'" for a in argv)
        argv = [b"/bin/sh", b"-c", b"exec " + quoted + b" " + shell_redirect.encode()]
    return subprocess.run(argv, stdin=stdin, capture_output=True, timeout=timeout, env=env(), cwd=cwd,
                          preexec_fn=preexec)


def one_error_line(result, code: int) -> str:
    """The process failed with ``code`` and said why in exactly one clean line."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, stderr[-2000:])
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("aligner: error: "), stderr
    assert "\x1b" not in lines[0] and "\x07" not in lines[0]
    return lines[0]


@pytest.fixture
def transcript(tmp_path) -> Path:
    path = tmp_path / "t.txt"
    path.write_text(TRANSCRIPT, "utf-8")
    return path


@pytest.fixture(scope="session")
def is_root() -> bool:
    return os.geteuid() == 0
