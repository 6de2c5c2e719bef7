"""Reading a transcript: bytes → decoded, newline-normalised text.

Offsets everywhere in aligner index the text this module returns: BOM
removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``.  Nothing here ever opens
an input for writing.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from dataclasses import dataclass

from .errors import InputError
from .language import hangul_share

# Tried in order when no BOM says otherwise.  UTF-8 goes first because random
# non-ASCII bytes are almost never valid UTF-8, while CP949 (a superset of
# EUC-KR, what Korean sites serve when they are not UTF-8) accepts most byte
# pairs.  Latin-1 is deliberately absent: it decodes anything, so it would
# turn every damaged file into silent mojibake instead of a clear error.
CANDIDATE_ENCODINGS = ("utf-8", "cp949")
MAX_BYTES = 200 * 1024 * 1024  # 200 MB: far above any transcript, below what we can hold

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
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding '{encoding}'") from None
        text, used = _strict(raw, encoding, name), encoding
    else:
        text, used = _detect(raw, name)
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError(f"{name}: binary data (NUL characters), not a text transcript")
    return text, used


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
        if korean is not None and (hangul_share(korean) or 0) >= 0.5:
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
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def source_from_bytes(raw: bytes, *, path: str = "-", encoding: str | None = None) -> Source:
    name = "standard input" if path == "-" else path
    if len(raw) > MAX_BYTES:
        raise InputError(f"{name}: {len(raw) // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not raw:
        raise InputError(f"{name}: empty file, no transcript")
    text, used = decode(raw, encoding=encoding, name=name)
    text = normalise_newlines(text)
    _require_text(text, name)
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding=used)


def source_from_text(text: str, *, path: str = "<text>") -> Source:
    """A source from an already decoded string (library use)."""
    raw = text.encode("utf-8", errors="surrogatepass")
    text = normalise_newlines(text.removeprefix("\ufeff"))
    _require_text(text, path)
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8")


def read_source(path: str, *, encoding: str | None = None) -> Source:
    """Read a transcript file (or standard input for "-"); never writes to it."""
    if path == "-":
        raw = sys.stdin.buffer.read()
        return source_from_bytes(raw, path="-", encoding=encoding)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, expected a transcript file")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
        raise InputError(f"{path}: {info.st_size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return source_from_bytes(raw, path=path, encoding=encoding)


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: only whitespace, no transcript" if text else f"{name}: empty file, no transcript")


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)
