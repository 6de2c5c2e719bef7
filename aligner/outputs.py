"""Writing reports safely: the one place aligner writes anything.

- A regular file (or a new one) is written atomically: a temporary file
  beside it, then a rename, so an interrupted run (error, Ctrl-C, SIGTERM,
  a full disk) never leaves half a report or a stray temporary file.
- A symbolic link is followed: the regular file it points to is replaced
  atomically, the link stays; a link to nothing is refused.
- A FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal)
  is written through, never replaced; a FIFO with no reader is refused
  instead of waiting for one.  Other special files are refused.
- Standard output ("-" or no ``-o``): a closed stream or a reader that leaves
  early is an :class:`OutputError` (exit 5), not a lost report and exit 0.
- An input is never a target; an empty name, a directory, a name ending in
  "/" and a missing folder are refused before any work is done.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Protocol

from .errors import OutputError, UsageError
from .textutil import display_path

# Read once at import: os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)

TEMP_PREFIX = ".aligner-"
TEMP_SUFFIX = ".tmp"

# A file name as callers give it (click gives str; a library caller may pass
# bytes or a Path).
PathName = str | bytes | os.PathLike[str] | os.PathLike[bytes]


class TextSink(Protocol):
    """Where a report is written: a text file or :class:`StdoutSink`."""

    def write(self, text: str, /) -> object: ...


class Terminated(SystemExit):
    """SIGTERM arrived while a report was being written: unwind (removing the
    temporary file) and exit 143, as a process killed by SIGTERM would."""

    def __init__(self) -> None:
        super().__init__(143)


def check_target(path: PathName, inputs: Sequence[PathName] = ()) -> None:
    """Refuse, before any work is done, to write over an input, to a name that
    is no file, or into a folder that is not there."""
    _kind(path, inputs)


def _kind(path: PathName, inputs: Sequence[PathName] = ()) -> tuple[str, str]:
    """("atomic", the regular file to replace) or ("through", the special file
    to write into); raises OutputError for anything else."""
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, (str, bytes)):
        raise UsageError(f"output path must be a file name, not {type(path).__name__}")
    shown = display_path(path)
    if not path:
        raise UsageError("-o: an empty name is no file (use - for standard output)")
    # bytes as the file system decodes them (undecodable bytes as surrogates),
    # so the temporary file's name and the target's are of one type
    path = os.fsdecode(path)
    if "\x00" in path:
        raise UsageError(f"{shown}: a file name cannot hold a NUL character")
    if path.endswith("/"):
        raise OutputError(f"{shown}: names a folder (ends in /); for one report per input use --out-dir")
    try:
        info = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        if os.path.islink(path):
            raise OutputError(f"{shown}: is a symbolic link to nothing; refusing to write through it") from None
        info = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    if info is not None:
        for source in inputs:
            if source == "-":
                continue
            with contextlib.suppress(OSError):
                if os.path.samefile(source, path):
                    raise OutputError(f"{shown}: refusing to overwrite an input file")
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{shown}: is a directory (for one report per input use --out-dir)")
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            return "through", path
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{shown}: is a special file (not a regular file, FIFO or character device); "
                              "refusing to replace it")
        real = os.path.realpath(path)
    else:
        real = os.path.abspath(path)
    directory = os.path.dirname(real)
    if not os.path.isdir(directory):
        raise OutputError(f"{shown}: folder {display_path(directory)} does not exist")
    return "atomic", real


@contextlib.contextmanager
def open_output(path: PathName | None, inputs: Sequence[PathName] = ()) -> Iterator[TextSink]:
    """A text handle for ``path`` ("-" or None: standard output), written as
    the module docstring says.  The content of a regular file appears only
    when the block finishes without an exception."""
    if path is None or path == "-":
        yield StdoutSink()
        return
    kind, target = _kind(path, inputs)
    shown = display_path(path)
    if kind == "through":
        with _write_through(target, shown) as handle:
            yield handle
        return
    # the handler is in place before the temporary file exists; a SIGTERM
    # while it is being made is held until its name is known, then acted on
    with _terminate_raises() as guard:
        try:
            fd, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=os.path.dirname(target))
        except OSError as exc:
            raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
        try:
            guard.arm()
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                yield handle
            # mkstemp makes the file private (0600); a report gets the usual mode.
            os.chmod(temporary, 0o666 & ~_UMASK)
            os.replace(temporary, target)
        except OSError as exc:
            _discard(temporary)
            raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
        except UnicodeEncodeError:
            _discard(temporary)
            raise OutputError(f"{shown}: the report holds text that is not valid Unicode") from None
        except BaseException:
            _discard(temporary)
            raise


# The old name, kept for callers.
atomic_output = open_output


def write_output(path: PathName | None, text: str, inputs: Sequence[PathName] = ()) -> None:
    """Write ``text`` to ``path`` ("-" or None: standard output) as
    :func:`open_output` does."""
    with open_output(path, inputs) as handle:
        handle.write(text)


def write_atomic(path: PathName | None, text: str, inputs: Sequence[PathName] = ()) -> None:
    write_output(path, text, inputs)


@contextlib.contextmanager
def _write_through(target: str, shown: str) -> Iterator[TextSink]:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{shown}: a FIFO with no reader; start the reader first") from None
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise OutputError(f"{shown}: the reader closed it before the report was written") from None
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    except UnicodeEncodeError:
        raise OutputError(f"{shown}: the report holds text that is not valid Unicode") from None


class StdoutSink:
    """Standard output as a report sink: every failure is an OutputError."""

    def __init__(self, *, color: bool | None = None) -> None:
        self.color = color

    def write(self, text: str) -> None:
        write_stdout(text, color=self.color)


def write_stdout(text: str, *, color: bool | None = None) -> None:
    """Print ``text`` to standard output; closed, full or left early → OutputError."""
    import click

    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; nothing can be written (use -o FILE)")
    try:
        click.echo(text, nl=False, color=color)
        stream.flush()
    except BrokenPipeError:
        # the reader left (| head): say so once, and keep Python from
        # complaining again when it flushes stdout at exit
        _silence_stdout()
        raise OutputError("standard output: closed before all reports were written") from None
    except OSError as exc:
        _silence_stdout()
        if exc.errno == errno.EBADF:
            raise OutputError("standard output is closed; nothing can be written (use -o FILE)") from None
        raise OutputError(f"standard output: cannot write ({exc.strerror or exc})") from None
    except UnicodeEncodeError:
        raise OutputError("standard output: the report holds text that is not valid Unicode") from None
    except ValueError:  # a closed Python stream
        raise OutputError("standard output is closed; nothing can be written (use -o FILE)") from None


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _Guard:
    """SIGTERM → :class:`Terminated`, raised at once when armed, else held
    until :meth:`arm` (so it never lands between creating a temporary file
    and knowing its name)."""

    def __init__(self) -> None:
        self.armed = False
        self.pending = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise Terminated()
        self.pending = True

    def arm(self) -> None:
        self.armed = True
        if self.pending:
            raise Terminated()


@contextlib.contextmanager
def _terminate_raises() -> Iterator[_Guard]:
    """While a temporary file exists, SIGTERM unwinds (so it is removed)
    instead of killing the process on the spot.  A handler someone else
    installed (a batch worker's, a host application's) is left alone."""
    guard = _Guard()
    if threading.current_thread() is not threading.main_thread():
        yield guard
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
    except (ValueError, OSError):
        yield guard
        return
    if previous not in (signal.SIG_DFL, None):
        yield guard
        return
    signal.signal(signal.SIGTERM, guard.handle)
    try:
        yield guard
    finally:
        signal.signal(signal.SIGTERM, previous)


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


# --- folders of reports ----------------------------------------------------------


def check_out_dir(path: str | bytes) -> None:
    """Refuse an ``--out-dir`` that cannot be a folder of reports."""
    if not isinstance(path, (str, bytes)):
        raise UsageError(f"--out-dir must be a folder name, not {type(path).__name__}")
    if not path:
        raise UsageError("--out-dir: an empty name is no folder")
    shown = display_path(path)
    if os.path.lexists(path) and not os.path.isdir(path):
        raise OutputError(f"{shown}: --out-dir is a file, not a folder")


def make_out_dir(path: str | bytes) -> None:
    check_out_dir(path)
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{display_path(path)}: --out-dir cannot be created ({exc.strerror or exc})") from None
    if not os.path.isdir(path):
        raise OutputError(f"{display_path(path)}: --out-dir is not a folder")


def append_private_line(path: str | bytes, line: str) -> None:
    """Append one line to a bookkeeping file (the resume manifest), never
    through a symbolic link and never into anything but a regular file."""
    shown = display_path(path)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{shown}: is a symbolic link; refusing to write through it") from None
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"{shown}: not a regular file; refusing to write into it")
        data = line.encode("utf-8")
        while data:
            written = os.write(fd, data)
            data = data[written:]
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_private_lines(path: str | bytes) -> list[bytes]:
    """The lines of a bookkeeping file as bytes; nothing when it is missing,
    a symbolic link or not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return []
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(64 * 1024 * 1024).splitlines()
    except OSError:
        return []
    finally:
        os.close(fd)
