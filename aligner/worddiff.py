"""A word-level diff between a quote and a narration sentence in the same language.

Tokens keep their offsets into the source text, so a renderer can mark flag
evidence inside the diff.  The diff itself is difflib's SequenceMatcher over
word tokens: it prefers long common runs to scattered single-word matches,
which reads better than a minimal edit script when a translation reorders
clauses ("the" and "of" matched all over the sentence help nobody).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .report import Span

# A word keeps its inner hyphens and a clitic ("Riff-Raff", "People’s",
# "don't"), an initialism its dots ("U.S."), a number its separators
# ("30,000", "3.5"); every other non-space character is a token of its own,
# so a glued quotation mark ("as’human waste’") does not hide the words.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)+"
    r"|(?:[^\W\d_]\.){2,}"
    r"|\w+(?:-\w+)*(?:['’](?:s|t|re|ve|ll|d|m)(?!\w))?"
    r"|[^\w\s]",
    re.IGNORECASE,
)
_KEY_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

OPS = ("equal", "delete", "insert", "replace")


@dataclass(frozen=True)
class Token(Span):
    """A word or mark; its offsets are into the text the tokens were cut
    from, plus the offset given."""

    @property
    def key(self) -> str:
        """What compares equal: case and quotation-mark style are typography here."""
        return self.text.casefold().translate(_KEY_FOLD)


@dataclass(frozen=True)
class DiffRun:
    """One stretch of the diff: ``old`` tokens (the quote) and ``new`` tokens (the narration)."""

    op: str  # one of OPS
    old: tuple[Token, ...]
    new: tuple[Token, ...]


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    return tuple(Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text))


def word_diff(old: tuple[Token, ...], new: tuple[Token, ...]) -> tuple[DiffRun, ...]:
    """The runs that turn ``old`` into ``new``; their ``old`` and ``new`` parts,
    read in order, give back exactly the two token sequences."""
    matcher = SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    return tuple(
        DiffRun(op, old[i1:i2], new[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def diff_texts(old_text: str, new_text: str, old_offset: int = 0, new_offset: int = 0) -> tuple[DiffRun, ...]:
    return word_diff(tokenize(old_text, old_offset), tokenize(new_text, new_offset))


def similarity(runs: tuple[DiffRun, ...]) -> float:
    """Share of tokens the two sides have in common (0 to 1), as difflib's ratio."""
    same = sum(len(r.old) for r in runs if r.op == "equal")
    total = sum(len(r.old) + len(r.new) for r in runs)
    return 2 * same / total if total else 1.0
