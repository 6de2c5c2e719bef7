"""Writing reports safely: atomically, and never over an input."""
from __future__ import annotations

import os
import tempfile

from .errors import OutputError


def write_atomic(path: str, text: str, inputs: list[str] = ()) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so an
    interrupted run never leaves half a report; refuse to overwrite an input."""
    target = os.path.abspath(path)
    for source in inputs:
        if source != "-" and os.path.exists(source) and os.path.exists(target) and os.path.samefile(source, target):
            raise OutputError(f"{path}: refusing to overwrite an input file")
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise OutputError(f"{path}: folder {directory} does not exist")
    try:
        fd, temporary = tempfile.mkstemp(prefix=".aligner-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
