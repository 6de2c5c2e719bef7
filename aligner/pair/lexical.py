"""Words a translation leaves as they are: numbers and Latin-script words.

A Korean sentence that writes ``1992년`` or ``(FDA)`` and an English one
that writes ``1992`` or ``FDA`` share something no embedding has to guess,
the way hunalign counts identical tokens.  Numbers count by their value,
read by ``aligner/numbers.py`` (``1억 달러`` meets ``100 million``), Latin
words lower-cased.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..numbers import number_values

# Function words an English sentence and a Korean one with an English
# parenthesis might share by chance.
_STOP = {"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "by", "is", "it", "he", "she", "we", "i"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


def kept_tokens(text: str) -> frozenset[str]:
    """The tokens of ``text`` that a translation would keep: number values
    (not 0 or 1, which "a", "one" and many Korean words carry) and Latin words."""
    tokens = {f"#{value:g}" for value in number_values(text)}
    tokens |= {w.lower() for w in _LATIN_WORD.findall(text) if w.lower() not in _STOP}
    return frozenset(tokens)


@dataclass(frozen=True)
class SharedTokens:
    """How many kept tokens a run of Korean sentences shares with runs of
    English sentences.  Korean sentences hold few such tokens, so each one
    gets a prefix count over the English sentences (how many of the first j
    hold it): a run holds the token when its count grows across the run."""

    korean: tuple[frozenset[str], ...]
    english_prefix: dict[str, np.ndarray]  # token -> (m + 1,) counts, for the tokens the Korean side holds

    @classmethod
    def of(cls, korean_texts: list[str], english_texts: list[str]) -> "SharedTokens":
        korean = tuple(kept_tokens(t) for t in korean_texts)
        wanted = set().union(*korean) if korean else set()
        holds = {token: np.zeros(len(english_texts) + 1, dtype=np.int32) for token in wanted}
        for j, text in enumerate(english_texts, 1):
            for token in kept_tokens(text) & wanted:
                holds[token][j] = 1
        return cls(korean, {token: np.cumsum(h) for token, h in holds.items()})

    def shared(self, a: int, i: int, b: int, js: np.ndarray) -> np.ndarray:
        """For each j: tokens that ko[i-a:i] and en[j-b:j] both hold."""
        js = np.asarray(js, dtype=int)
        count = np.zeros(len(js))
        for token in frozenset().union(*self.korean[i - a:i]):
            prefix = self.english_prefix[token]
            count += (prefix[js] - prefix[js - b]) > 0
        return count

    def part(self, ko_start: int, ko_stop: int, en_start: int, en_stop: int) -> "SharedTokens":
        korean = self.korean[ko_start:ko_stop]
        wanted = set().union(*korean) if korean else set()
        return SharedTokens(korean, {t: p[en_start:en_stop + 1] - p[en_start] for t, p in self.english_prefix.items()
                                     if t in wanted})
