"""Sentence splitting inside one narration line, with offsets.

Korean goes through kiwipiepy's splitter (loaded lazily: it costs ~1 s);
English through a rule splitter that survives ``Mr.``, ``U.S.``, ``U.N.``,
initials and quotations inside sentences.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .language import is_hangul_syllable

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "prof", "rev", "vs", "etc", "no", "nos", "vol", "fig", "approx", "est", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
    "corp", "co", "amb", "pres", "sec", "a.m", "p.m", "e.g", "i.e",
}
# A candidate boundary: terminal punctuation, any closing quotes/brackets, space.
_BOUNDARY = re.compile(r"([.!?…]+)([”\"’'»)\]]*)(\s+)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")


def split_english(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, stripped of outer whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    quotes = _QuoteState(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        if not _is_boundary(text, match):
            continue
        if not match.group(2) and quotes.continues_after(match):
            continue  # She said, "We will not accept this. Never." and left.
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s]


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.end() >= len(text):
        return False
    nxt = text[match.end()]
    # A sentence starts with a capital, a digit, an opening quote or Hangul.
    if not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘'([«" or is_hangul_syllable(nxt)):
        return False
    if match.group(1) != ".":
        return True
    # The word before the stop; a bounded look-back keeps a long line linear.
    word = re.search(r"(\S+)$", text[max(0, match.start(1) - 64) : match.start(1)])
    if not word:
        return True
    token = word.group(1).lstrip("(“\"‘'")
    bare = token.rstrip(".").lower()
    if bare in ("no", "nos"):
        return not nxt.isdigit()  # "No. 5", but "The U.S. said no. What now?"
    if bare in _ABBREVIATIONS or token.lower() in _ABBREVIATIONS:
        return False
    if _INITIALISM.match(token + ".") and len(token.replace(".", "")) <= 3:
        return False  # U.S. / U.N. / J. (an initial)
    return True


# How far ahead the closing mark of a quotation inside a sentence is looked for.
_QUOTE_REACH = 300


class _QuoteState:
    """Whether a boundary lies inside a double-quoted passage that closes
    soon after and is followed by the rest of the same sentence (a comma or a
    lowercase word), as in ``said, "No. Never." and left``.  Counts opening
    and closing marks incrementally, so a long line costs linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.curly = 0  # “ minus ”
        self.straight = 0

    def continues_after(self, match: re.Match[str]) -> bool:
        text, here = self.text, match.start(1)
        if here > self.position:
            chunk = text[self.position : here]
            self.curly = max(0, self.curly + chunk.count("“") - chunk.count("”"))
            self.straight += chunk.count('"')
            self.position = here
        curly_open, straight_open = self.curly > 0, self.straight % 2 == 1
        if not (curly_open or straight_open):
            return False
        ahead = text[match.end() : match.end() + _QUOTE_REACH]
        close = re.search(r"[.!?…]?”" if curly_open else r"[.!?…]?\"", ahead)
        if not close or re.search(r"[“\n]", ahead[: close.start()]):
            return False
        rest = ahead[close.end() :].lstrip(" ")
        return bool(rest) and (rest[0].islower() or rest[0] in ",;:")


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_kiwi_lock = threading.Lock()


@lru_cache(maxsize=1)
def _kiwi() -> Kiwi:
    from kiwipiepy import Kiwi

    # Without the multi-word dictionary Kiwi needs ~190 MB less (measured: 520 → 333 MB)
    # and splits the corpus and samples identically; it exists for tagging
    # multi-word expressions, which sentence splitting hardly needs.
    return Kiwi(load_multi_dict=False)


def kiwi() -> Kiwi:
    """The one Kiwi analyser of this process (loading it costs about a second)."""
    with _kiwi_lock:
        return _kiwi()


def warm_up_korean() -> None:
    """Load the Korean splitter and split once: the first split builds about
    230 MB of Kiwi's tables and takes up to a second (measured).  A batch does
    this before forking workers, so that they share those pages instead of
    each building its own copy."""
    kiwi().split_into_sents("문장입니다. 문장입니다.")


# Kiwi's memory grows with the text it is given (about 1 KB per character:
# a 375 KB line took 400 MB).  A line longer than this is given to it in
# pieces cut after a sentence end; lines of real transcripts (paragraphs, a
# few hundred characters) go whole, as before.
KIWI_PIECE = 8000


def split_korean(text: str) -> list[tuple[int, int]]:
    return split_korean_texts([text])[0]


def split_korean_texts(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """The sentences of each Korean text, as :func:`split_korean` gives them:
    the one pass of the Korean splitter over a transcript (the analysis gives
    it all the Korean narration at once).

    Each text (or piece of a long one) still goes to Kiwi as its own string.
    Kiwi's list mode (``split_into_sents([...])``) measured no faster here
    (same CPU time, one effective thread), and it hands the texts to a thread
    pool that a forked batch worker does not have: it hangs there.  Joining
    the texts into one string would let a sentence run across two lines."""
    if not any(texts):
        return [[] for _ in texts]  # loading Kiwi costs a second and 500 MB
    analyser = kiwi()
    results = []
    for text in texts:
        spans = []
        for offset, piece in _pieces(text, KIWI_PIECE):
            for sentence in analyser.split_into_sents(piece):
                stripped = _strip(text, offset + sentence.start, offset + sentence.end)
                if stripped:
                    spans.append(stripped)
        results.append(_cover_gaps(text, spans))
    return results


_PIECE_END = re.compile(r"[.!?…。][”\"’'»)\]]*\s+")


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` in pieces of at most ``limit`` characters, each cut after a
    sentence end (or else at a space) in its second half, with their offsets."""
    if len(text) <= limit:
        return [(0, text)]
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start + limit // 2 : start + limit]
        cut = None
        for match in _PIECE_END.finditer(window):
            cut = match.end()
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\n"))
            cut = space + 1 if space >= 0 else len(window)
        end = start + limit // 2 + cut
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cover_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Kiwi may skip characters between sentences; give them to the neighbour
    so that sentences still cover every non-space character of the line."""
    if not spans:
        whole = _strip(text, 0, len(text))
        return [whole] if whole else []
    fixed: list[tuple[int, int]] = []
    previous_end = 0
    for start, end in spans:
        start = max(start, previous_end)
        if start >= end:
            continue
        gap = text[previous_end:start]
        if gap.strip():
            if fixed:
                fixed[-1] = (fixed[-1][0], _strip_holding_text(text, fixed[-1][0], start)[1])
            else:
                start = _strip_holding_text(text, previous_end, start)[0]
        fixed.append((start, end))
        previous_end = end
    tail = text[previous_end:]
    if tail.strip() and fixed:
        fixed[-1] = (fixed[-1][0], _strip_holding_text(text, fixed[-1][0], len(text))[1])
    return fixed


def _strip_holding_text(text: str, start: int, end: int) -> tuple[int, int]:
    """:func:`_strip` of a stretch known to hold a non-space character."""
    stripped = _strip(text, start, end)
    assert stripped is not None
    return stripped
