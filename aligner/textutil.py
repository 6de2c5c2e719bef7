"""THE sanitiser for text meant for a terminal (and for file names in messages).

A transcript or a file name may hold control characters: ESC sequences
(colours, cursor moves, OSC window titles and OSC 8 hyperlinks), BEL, C1
controls (``\\x9b`` is CSI on 8-bit terminals), bidirectional overrides that
reorder what the reader sees, and — in file names that are not valid UTF-8 —
the lone surrogates Python uses for undecodable bytes.  Every human-facing
output (the text report, ``diff``, ``pair``'s text view, ``evaluate``'s table,
error lines) passes through :func:`visible`, which shows them escaped instead
(``\\x1b``, ``\\x9b``, ``\\u202e``; an undecodable byte of a file name as
``\\xff``), so they can be seen and never act.  Newlines and tabs are kept.
"""
from __future__ import annotations

import os
import re

# C0 except tab and newline, DEL, C1; bidi embeddings/overrides/isolates;
# surrogates (never valid in text that is printed or written as UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control character shown escaped (``\\x1b``), never
    acted on by a terminal; ``\\n`` and ``\\t`` (and the characters of
    ``keep``) are left as they are."""
    if keep:
        return re.sub(_UNSAFE, lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as it can be shown and stored as UTF-8, on one line:
    undecodable bytes as ``\\xNN``, control characters, line breaks and tabs
    escaped."""
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return one_line(path)


def one_line(text: str) -> str:
    """:func:`visible`, with line breaks and tabs escaped too (``\\n``,
    ``\\t``): for file names and error messages, which are one line."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters at a word
    boundary (a reader should not see *peninsul…*), with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2 and text[limit - 1] != " ":
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


# No-break and fixed-width spaces (&nbsp; in copy pasted from a web page, the
# ideographic space): one character each, so a plain space in their place
# keeps every offset.  The analysis reads that view; the report keeps the
# original characters (see :func:`aligner.report.with_source_text`).
_FIXED_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def plain_spaces(text: str) -> str:
    """``text`` with every no-break or fixed-width space a plain space."""
    return _FIXED_SPACES.sub(" ", text)

