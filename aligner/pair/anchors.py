"""Anchors: the markers and quotes that both versions share.

A machine-translated copy keeps the Korean ``[녹취: …]`` markers and the
speakers' English quotes verbatim, or nearly (the MT may damage a quote,
which ``flags.py`` reports).  Matching them first pins the alignment at
places that cannot be wrong, and the sentences between two anchors are
aligned on their own.

The markers and quotes of each side form two short sequences; they are
aligned with the same dynamic program as the sentences (1-1, 1-0 and 0-1
links only), scored by text similarity, so an anchor missing on one side
is skipped rather than pulling the others out of place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..language import STRAIGHT_QUOTES
from .dp import align_adaptive
from .sentences import PairSentence

ANCHOR_KINDS = ("marker", "quote")
# rapidfuzz ratio (0-100) at or above which two markers, or two quotes, are
# the same one.  Markers are short and copied verbatim, so a lower bar would
# let two markers of the same speaker ([녹취: 폼페오 장관] twice) pair across;
# quotes are long, and an MT copy may change a few words of one.
MIN_RATIO = {"marker": 85.0, "quote": 60.0}


@dataclass(frozen=True)
class Anchor:
    ko: int  # index into the Korean sentences
    en: int  # index into the English sentences
    kind: str  # "marker" | "quote"
    ratio: float  # rapidfuzz ratio of the normalised texts, 0-100


def comparable_text(text: str) -> str:
    """Text with quotation-mark style and spacing made uniform."""
    return re.sub(r"\s+", " ", text.translate(STRAIGHT_QUOTES)).strip()


@dataclass(frozen=True)
class _AnchorScorer:
    ko: tuple[PairSentence, ...]
    en: tuple[PairSentence, ...]

    def scores(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        js = np.asarray(js)
        if (a, b) != (1, 1):
            return np.zeros(len(js))
        first = self.ko[i - 1]
        out = np.full(len(js), -np.inf)
        for n, j in enumerate(js):
            second = self.en[j - 1]
            if second.kind != first.kind:
                continue
            ratio = fuzz.ratio(comparable_text(first.text), comparable_text(second.text))
            if ratio >= MIN_RATIO[first.kind]:
                out[n] = ratio / 100.0
        return out

    def part(self, ko_start: int, ko_stop: int, en_start: int, en_stop: int) -> "_AnchorScorer":
        return _AnchorScorer(self.ko[ko_start:ko_stop], self.en[en_start:en_stop])


def find_anchors(ko: tuple[PairSentence, ...], en: tuple[PairSentence, ...]) -> tuple[Anchor, ...]:
    """Markers and quotes that both sides share, in order."""
    ko_at = [n for n, s in enumerate(ko) if s.kind in ANCHOR_KINDS]
    en_at = [n for n, s in enumerate(en) if s.kind in ANCHOR_KINDS]
    if not ko_at or not en_at:
        return ()
    scorer = _AnchorScorer(tuple(ko[n] for n in ko_at), tuple(en[n] for n in en_at))
    result = align_adaptive(scorer, len(ko_at), len(en_at), link_types=((1, 1), (1, 0), (0, 1)))
    anchors = []
    for first, second in result.links:
        if first and second:
            k, e = ko_at[first[0]], en_at[second[0]]
            ratio = fuzz.ratio(comparable_text(ko[k].text), comparable_text(en[e].text))
            anchors.append(Anchor(k, e, ko[k].kind, ratio))
    return tuple(anchors)
