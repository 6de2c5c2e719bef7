"""Reading a transcript: bytes → decoded, newline-normalised text.

Offsets everywhere in aligner index the text this module returns: BOM
removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``.  Nothing here ever opens
an input for writing.
"""
from __future__ import annotations

import codecs
import errno
import fcntl
import hashlib
import os
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO

from .errors import InputError, UsageError
from .language import is_hangul_syllable, is_korean
from .textutil import display_path

# Tried in order when no BOM says otherwise.  UTF-8 goes first because random
# non-ASCII bytes are almost never valid UTF-8, while CP949 (a superset of
# EUC-KR, what Korean sites serve when they are not UTF-8) accepts most byte
# pairs.  Latin-1 is deliberately absent: it decodes anything, so it would
# turn every damaged file into silent mojibake instead of a clear error.
CANDIDATE_ENCODINGS = ("utf-8", "cp949")
MAX_BYTES = 200 * 1024 * 1024  # 200 MB: far above any transcript, below what we can hold
_CHUNK = 1 << 20

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Source:
    path: str  # as the user named it; "-" for standard input
    text: str
    sha256: str  # of the raw bytes
    encoding: str

    @property
    def chars(self) -> int:
        return len(self.text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes, *, encoding: str | None = None, name: str = "<input>") -> tuple[str, str]:
    """Decode raw bytes, returning (text without BOM, encoding used).

    Without ``encoding``: a byte-order mark decides when there is one, else
    UTF-8 unless the bytes only make sense as CP949.
    """
    if encoding:
        check_encoding(encoding, name)
        text, used = _strict(raw, encoding, name), encoding
    else:
        text, used = _detect(raw, name)
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError(f"{name}: binary data (NUL characters), not a text transcript")
    return text, used


def check_encoding(encoding: str | None, name: str | None = None) -> None:
    """An ``--encoding`` must name a codec that turns bytes into text: not
    rot13, base64, zlib, hex… (bytes-to-bytes or text-to-text codecs)."""
    if encoding is None:
        return
    where = f"{name}: " if name else ""
    if not isinstance(encoding, str):
        raise UsageError(f"{where}encoding must be a name, not {type(encoding).__name__}")
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise InputError(f"{where}unknown encoding '{encoding}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{where}'{encoding}' is not a text encoding (it does not turn bytes into text)")


def _detect(raw: bytes, name: str) -> tuple[str, str]:
    for bom, label in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, label, name), label
    if b"\x00" in raw:
        raise InputError(
            f"{name}: binary data (NUL bytes), not a text transcript"
            " (if it is UTF-16 without a byte-order mark, pass --encoding utf-16-le or utf-16-be)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # A short CP949 text can be valid UTF-8 by accident (창 is C3 A2, "â"):
        # then the UTF-8 reading has no Hangul while the CP949 reading is Korean.
        if text.isascii() or _has_hangul(text):
            return text, "utf-8"
        korean = _try(raw, "cp949")
        if korean is not None and is_korean(korean):
            return korean, "cp949"
        return text, "utf-8"
    korean = _try(raw, "cp949")
    if korean is not None:
        return korean, "cp949"
    raise InputError(
        f"{name}: cannot be decoded as {' or '.join(CANDIDATE_ENCODINGS)}; name the encoding with --encoding"
    )


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
    except (LookupError, TypeError, ValueError) as exc:  # a codec that misbehaves
        raise InputError(f"{name}: cannot be decoded as {encoding} ({exc})") from None
    if not isinstance(text, str):
        raise InputError(f"{name}: '{encoding}' is not a text encoding")
    return text


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def source_from_bytes(raw: bytes, *, path: str = "-", encoding: str | None = None) -> Source:
    name = "standard input" if path == "-" else display_path(path)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not raw:
        raise InputError(f"{name}: empty, no transcript" if path == "-" else f"{name}: empty file, no transcript")
    text, used = decode(raw, encoding=encoding, name=name)
    text = normalise_newlines(text)
    _require_text(text, name)
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding=used)


def source_from_text(text: str, *, path: str = "<text>") -> Source:
    """A source from an already decoded string (library use), held to the
    same rules as a file: text, no NUL, no lone surrogates, within the limit."""
    if not isinstance(text, str):
        raise InputError(f"the transcript must be text (str), not {type(text).__name__}")
    if not isinstance(path, str):
        raise UsageError(f"the source path must be a str, not {type(path).__name__}")
    name = display_path(path)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: not valid Unicode text (a lone surrogate at character {exc.start})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if "\x00" in text:
        raise InputError(f"{name}: binary data (NUL characters), not a text transcript")
    text = normalise_newlines(text.removeprefix("\ufeff"))
    _require_text(text, name)
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8")


def read_source(path: str, *, encoding: str | None = None) -> Source:
    """Read a transcript file (or standard input for "-"); never writes to it."""
    check_encoding(encoding, "standard input" if path == "-" else display_path(path))
    raw = read_stdin_bytes() if path == "-" else read_bytes(path)
    return source_from_bytes(raw, path=path, encoding=encoding)


def _limit_error(name: str) -> InputError:
    return InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MB limit")


def _read_limited(handle: BinaryIO, name: str) -> bytes:
    """Up to MAX_BYTES from a binary handle, in chunks: past the limit is an
    error before more than one chunk too many is held."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BYTES:
            raise _limit_error(name)
        chunks.append(chunk)
    return b"".join(chunks)


def read_stdin_bytes() -> bytes:
    """Standard input's bytes, within the limit; closed → a clear InputError."""
    name = "standard input"
    stream = sys.stdin
    if stream is None:
        raise InputError(f"{name}: closed, nothing to read (give a file, or - with a transcript piped in)")
    try:
        return _read_limited(stream.buffer, name)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise InputError(f"{name}: closed, nothing to read") from None
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except (ValueError, AttributeError):
        raise InputError(f"{name}: closed, nothing to read") from None


def read_bytes(path: str | bytes) -> bytes:
    """A file's bytes, within the limit.  Regular files, FIFOs and character
    devices are read (a FIFO with no writer reads as empty instead of waiting
    for one); folders, sockets and block devices are refused."""
    name = display_path(path)
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise UsageError(f"input path must be a file name, not {type(path).__name__}")
    if not os.fspath(path):
        raise InputError("an empty name is no file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, expected a transcript file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise InputError(f"{name}: not a regular file (a socket or device), expected a transcript file") from None
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise InputError(f"{name}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory, expected a transcript file")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise InputError(f"{name}: not a regular file (a socket or block device), expected a transcript file")
        if stat.S_ISREG(mode) and info.st_size > MAX_BYTES:
            raise _limit_error(name)
        # Opened without blocking (a FIFO with no writer would wait forever);
        # read blocking, so a writer that is there is waited for.
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as handle:
            raw = _read_limited(handle, name)
        if not raw and stat.S_ISFIFO(mode):
            raise InputError(f"{name}: a FIFO that gave no data (no writer?), no transcript")
        return raw
    except InputError:
        raise
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError(f"{name}: is a directory, expected a transcript file") from None
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: only whitespace, no transcript" if text else f"{name}: empty file, no transcript")


def _has_hangul(text: str) -> bool:
    return any(is_hangul_syllable(ch) for ch in text)
