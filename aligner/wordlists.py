"""Word lists, kept as data files under ``aligner/data/`` beside ``titles.tsv``.

Each is read once per process.  A list file holds one entry a line; a TSV
file one row a line, its columns split at tabs; ``#`` starts a comment line.
These are the one definition of each list: modules ask here, never write
their own copy.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/NAME`` (columns split at tabs), in file order."""
    text = resources.files("aligner").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(tuple(cell.strip() for cell in line.split("\t"))
                 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def words(name: str) -> tuple[str, ...]:
    """The entries of a one-column list ``data/NAME``, in file order."""
    return tuple(row[0] for row in rows(name))


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of ``data/NAME`` as a set, for membership tests."""
    return frozenset(words(name))


@dataclass(frozen=True)
class KoreanSurnames:
    single: frozenset[str]  # one-syllable surnames (김, 이, 박 …)
    double: tuple[str, ...]  # two-syllable surnames (남궁, 황보 …)
    common: frozenset[str]  # the most frequent one-syllable ones
    ambiguous: tuple[str, ...]  # also common words before a title (이 "this", 전 "former")


@lru_cache(maxsize=1)
def korean_surnames() -> KoreanSurnames:
    """``data/korean_surnames.tsv``: surname, common (yes/no), ambiguous (yes/no)."""
    table = rows("korean_surnames.tsv")
    return KoreanSurnames(
        single=frozenset(row[0] for row in table if len(row[0]) == 1),
        double=tuple(row[0] for row in table if len(row[0]) == 2),
        common=frozenset(row[0] for row in table if len(row[0]) == 1 and row[1] == "yes"),
        ambiguous=tuple(row[0] for row in table if row[2] == "yes"),
    )


@dataclass(frozen=True)
class StanceScale:
    """``data/stance_words.tsv``: the speaker's stance words, each with its
    level on one scale (1 concern < 2 criticism < 3 condemnation)."""
    english: tuple[tuple[str, int], ...]  # (start of the word, level)
    korean: tuple[tuple[str, int], ...]  # (word inside an eojeol, level)


@lru_cache(maxsize=1)
def stance_scale() -> StanceScale:
    table = rows("stance_words.tsv")
    return StanceScale(english=tuple((row[2], int(row[0])) for row in table if row[1] == "en"),
                       korean=tuple((row[2], int(row[0])) for row in table if row[1] == "ko"))
