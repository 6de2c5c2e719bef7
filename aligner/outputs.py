"""Writing reports safely: atomically, and never over an input."""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Iterator, Sequence, TextIO

from .errors import OutputError

# Read once at import: os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def check_target(path: str, inputs: Sequence[str] = ()) -> None:
    """Refuse, before any work is done, to write over an input or into a folder
    that is not there."""
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise OutputError(f"{path}: is a directory (for one report per input use --out-dir)")
    for source in inputs:
        if source != "-" and os.path.exists(source) and os.path.exists(target) and os.path.samefile(source, target):
            raise OutputError(f"{path}: refusing to overwrite an input file")
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise OutputError(f"{path}: folder {directory} does not exist")


@contextlib.contextmanager
def atomic_output(path: str, inputs: Sequence[str] = ()) -> Iterator[TextIO]:
    """A text handle whose content appears at ``path`` only when the block
    finishes: written to a temporary file beside it, then renamed, so an
    interrupted run (error, Ctrl-C, kill) never leaves half a report."""
    check_target(path, inputs)
    target = os.path.abspath(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".aligner-", suffix=".tmp", dir=os.path.dirname(target))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        # mkstemp makes the file private (0600); a report gets the usual mode.
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, target)
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _discard(temporary)
        raise


def write_atomic(path: str, text: str, inputs: Sequence[str] = ()) -> None:
    """Write ``text`` to ``path`` atomically; refuse to overwrite an input."""
    with atomic_output(path, inputs) as handle:
        handle.write(text)


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)
