"""Reading a transcript: bytes → decoded, newline-normalised text.

Offsets everywhere in aligner index the text this module returns: BOM
removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import sys
from dataclasses import dataclass

from .errors import InputError

# Tried in order when no BOM says otherwise; CP949 is a superset of EUC-KR
# and is what Korean news sites usually serve when they are not UTF-8.
CANDIDATE_ENCODINGS = ("utf-8", "cp949")
MAX_BYTES = 200 * 1024 * 1024  # 200 MB: far above any transcript, below what we can hold

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
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
    """Decode raw bytes, returning (text, encoding used)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding '{encoding}'") from None
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
        return text.lstrip("\ufeff"), encoding
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {codec} byte-order mark but is not valid {codec}") from None
            label = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be",
                     "utf-32": "utf-32"}[codec]
            return text.lstrip("\ufeff"), label
    if b"\x00" in raw:
        raise InputError(f"{name}: binary data (NUL bytes), not a text transcript")
    for codec in CANDIDATE_ENCODINGS:
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise InputError(
        f"{name}: cannot be decoded as {' or '.join(CANDIDATE_ENCODINGS)}; name the encoding with --encoding"
    )


def source_from_bytes(raw: bytes, *, path: str = "-", encoding: str | None = None) -> Source:
    name = "standard input" if path == "-" else path
    if len(raw) > MAX_BYTES:
        raise InputError(f"{name}: {len(raw) // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    text, used = decode(raw, encoding=encoding, name=name)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: empty transcript (no text)")
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding=used)


def source_from_text(text: str, *, path: str = "<text>") -> Source:
    """A source from an already decoded string (library use)."""
    raw = text.encode("utf-8")
    text = normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise InputError(f"{path}: empty transcript (no text)")
    return Source(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8")


def read_source(path: str, *, encoding: str | None = None) -> Source:
    """Read a transcript file (or standard input for "-"); never writes to it."""
    if path == "-":
        raw = sys.stdin.buffer.read()
        return source_from_bytes(raw, path="-", encoding=encoding)
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, expected a transcript file")
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
        with open(path, "rb") as handle:
            raw = handle.read()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return source_from_bytes(raw, path=path, encoding=encoding)
