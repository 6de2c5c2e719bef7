"""The two sentence sequences of a pair: every segment of each version.

Pair mode aligns what a reader sees, so every segment counts as a
sentence: narration sentences, and also headlines, sign-offs, markers and
quotes.  Markers and quotes matter most, because a machine-translated copy
keeps them (nearly) verbatim, which makes them anchors (``anchors.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..segments import narration_language, segment

SIDES = ("ko", "en")


@dataclass(frozen=True)
class PairSentence:
    id: str  # k1, k2 … on the Korean side, e1, e2 … on the English side
    side: str  # "ko" | "en"
    kind: str  # a segment kind: headline, narration, marker, quote, signoff, other
    start: int
    end: int
    text: str
    lang: str


def sentences_of(text: str, side: str) -> tuple[PairSentence, ...]:
    """The segments of one version, in order, as pair sentences."""
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    prefix = "k" if side == "ko" else "e"
    return tuple(
        PairSentence(f"{prefix}{n}", side, s.kind, s.start, s.end, s.text, s.lang)
        for n, s in enumerate(segment(text, narration_language(text)), 1)
    )
