"""Phrase-level alignment between a quote and the narration sentences that render it.

A rendering sentence rarely maps word for word onto its quote: it reorders
clauses, drops some, and adds the reporter's own.  So both sides are cut into
phrases (English clauses at punctuation and conjunctions; Korean clauses at
connective endings), and every quote phrase is paired with the narration
phrase that carries it, or with none.  Narration phrases that carry no quote
phrase are *unsourced*.

Two phrases in the same language are compared lexically (shared content
words, with rapidfuzz absorbing inflection and spelling), backed by the
embedding for the paraphrases machine translation makes (*finance* for
*fund*).  Across languages only the embedding can compare them.  Phrase
cosines of USE overlap between true and unrelated pairs, so each quote phrase
takes its best narration phrase (rank) and the link holds only above a floor
measured on the development corpus (:class:`PhraseSettings`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz

from .language import is_korean
from .model import Embedder, cosine_matrix
from .report import Rendering, Span
from .wordlists import word_set

Phrase = Span  # a run of words, as offsets into the report text


@dataclass(frozen=True)
class PhrasePair:
    quote: Phrase
    narration: Phrase | None  # None: no rendering carries this quote phrase
    score: float  # similarity of the pair (0 to 1); for a dropped phrase, its best


@dataclass(frozen=True)
class PhraseAlignment:
    pairs: tuple[PhrasePair, ...]  # one per quote phrase, in quote order
    unsourced: tuple[Phrase, ...]  # narration phrases that carry no quote phrase

    @property
    def dropped(self) -> tuple[Phrase, ...]:
        return tuple(p.quote for p in self.pairs if p.narration is None)


@dataclass(frozen=True)
class PhraseSettings:
    """How quote and narration are cut into phrases and when a quote phrase
    counts as carried.  The diff view's phrase table and the omission detector
    read the same cut-off, so the view never leaves a clause uncarried that the
    detector finds carried, or the other way round."""

    # Cross-language cosine (USE) at which a quote phrase's best narration
    # window carries it.  On the corpus and samples (tools/measure_phrases.py),
    # quote phrases that a rendering carries reach 0.36-0.84 with their best
    # window (median 0.60), the known dropped ones 0.21-0.31.
    carried_cosine: float = 0.33
    # Same language: share of content words found on the other side; the
    # embedding counts as much above its own, higher floor (MT synonyms).
    carried_overlap: float = 0.5
    carried_cosine_same_language: float = 0.62
    # Phrases shorter than this many words (eojeols in Korean) join a
    # neighbour: "he said," alone carries nothing to align.
    min_phrase_words: int = 3
    min_phrase_eojeols: int = 2


_WORD = re.compile(r"[^\W_]+(?:[-’'.][^\W_]+)*", re.UNICODE)
# Clause boundaries inside an English sentence: punctuation, then the
# conjunctions and subordinators that open a new clause.
# A comma between digits is a thousands separator (28,500), not a clause break.
_CLAUSE_PUNCT = re.compile(r"(?<!\d),|,(?!\d{3}\b)|[;:()\[\]—–]|\s-\s|\.\.+|…")
_CLAUSE_OPENERS = frozenset({
    "and", "but", "or", "because", "while", "whereas", "although", "though", "which", "where", "when",
    "who", "whom", "whose", "so", "if", "unless", "until", "since",
})
STOPWORDS = word_set("english_stopwords.txt")


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning (stopwords and single letters out)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


# ---------------------------------------------------------------- chunking


def english_phrases(text: str, start: int, end: int, settings: PhraseSettings = PhraseSettings()) -> list[Phrase]:
    """Clauses of ``text[start:end]``: sentences cut at clause punctuation and
    before conjunctions, short pieces merged into a neighbour of the same sentence."""
    from .sentences import split_english

    phrases: list[Phrase] = []
    for a, b in split_english(text[start:end]) or [(0, end - start)]:
        s_start, s_end = start + a, start + b
        body = text[s_start:s_end]
        cuts = {s_start + m.end() for m in _CLAUSE_PUNCT.finditer(body)}
        cuts |= {s_start + m.start() for m in _WORD.finditer(body)
                 if m.group().lower() in _CLAUSE_OPENERS and not _joins_names(body, m)}
        phrases += _pieces(text, s_start, s_end, cuts, lambda t: len(_WORD.findall(t)), settings.min_phrase_words)
    return phrases


# Words that start a clause after "and"/"or": a subject or a clause opener.
# Before anything else the conjunction joins words, not clauses ("civilian
# air and maritime traffic", "violations and abuses must stop").
_CLAUSE_STARTS = frozenset("""
i we you he she it they this that these those there here the a an his her their our its my your
when where what who why how while if because so then also now once still even
""".split())


def _joins_names(body: str, match: re.Match[str]) -> bool:
    """Whether this "and"/"or" joins words rather than clauses: *China and
    Russia*, *civilian air and maritime traffic*."""
    if match.group().lower() not in ("and", "or"):
        return False
    after = _WORD.match(body[match.end():].lstrip())
    if after is None:
        return True
    before = _WORD.findall(body[: match.start()])
    if before and before[-1][:1].isupper() and after.group()[:1].isupper():
        return True  # North and South Korea
    return after.group().lower().replace("’", "'").split("'")[0] not in _CLAUSE_STARTS


# Connective endings that form an auxiliary construction with the next word
# (-고 있다, -어 주다, -게 하다, -지 않다) do not end a clause.
_AUXILIARY_ENDINGS = frozenset({"어", "아", "여", "게", "지", "고"})


def korean_phrases(text: str, start: int, end: int, settings: PhraseSettings = PhraseSettings()) -> list[Phrase]:
    """Clauses of Korean ``text[start:end]``, cut at eojeol boundaries after
    connective endings (-고, -며, -면서, -지만, -다며, -다고 …) and commas."""
    from .sentences import kiwi

    body = text[start:end]
    cuts: set[int] = set()
    tokens = kiwi().tokenize(body)
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.tag == "EC":
            if following is not None and following.tag in ("VX", "VCN") and token.form in _AUXILIARY_ENDINGS:
                continue
            cuts.add(start + _eojeol_end(body, token.start + token.len))
        elif token.tag in ("SP", "SF"):
            cuts.add(start + token.start + token.len)
    return _pieces(text, start, end, cuts, lambda t: len(t.split()), settings.min_phrase_eojeols)


def split_phrases(text: str, start: int, end: int, settings: PhraseSettings = PhraseSettings()) -> list[Phrase]:
    """The phrases of ``text[start:end]``, in its own language."""
    if is_korean(text[start:end]):
        return korean_phrases(text, start, end, settings)
    return english_phrases(text, start, end, settings)


def _eojeol_end(body: str, position: int) -> int:
    while position < len(body) and not body[position].isspace():
        position += 1
    return position


def _pieces(text: str, start: int, end: int, cuts: set[int], size: Callable[[str], int],
            minimum: int) -> list[Phrase]:
    bounds = [start] + sorted(c for c in cuts if start < c < end) + [end]
    spans = [s for s in (_trim(text, a, b) for a, b in zip(bounds, bounds[1:])) if s]
    merged: list[list[int]] = []
    carry: int | None = None  # start of a bare conjunction waiting for its clause ("and" | "while …")
    for a, b in spans:
        if carry is not None:
            a, carry = carry, None
        if _only_glue(text[a:b]) and size(text[a:b]) < minimum:
            carry = a
            continue
        if merged and (size(text[a:b]) < minimum or size(text[merged[-1][0]:merged[-1][1]]) < minimum):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    if carry is not None:
        if merged:
            merged[-1][1] = spans[-1][1]
        else:
            merged.append([carry, spans[-1][1]])
    return [Phrase(a, b, text[a:b]) for a, b in merged]


_LEADING_GLUE = re.compile(r"^(?:(?:and|but|or|so|that)\s+)+", re.IGNORECASE)


def core_text(text: str) -> str:
    """A clause without the conjunctions that glue it to the one before
    ("and when will …" → "when will …"): they carry no meaning to match."""
    return _LEADING_GLUE.sub("", text) or text


def _only_glue(piece: str) -> bool:
    """A piece of conjunctions only ("and", "and that"): it belongs to the clause after it."""
    words = _WORD.findall(piece.lower())
    return bool(words) and all(w in _CLAUSE_OPENERS or w in ("and", "that", "or", "but") for w in words)


_EDGE = "\"“”‘’'`,;:.!?…—–-()[] \n\t"
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("‘", "’"))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Outer punctuation and space off: a phrase is its words (a closing
    bracket or mark whose opener is inside stays)."""
    while start < end and text[start] in _EDGE and not _opens_inside(text, start, end):
        start += 1
    while end > start and text[end - 1] in _EDGE and not _closes_inside(text, start, end):
        end -= 1
    return (start, end) if start < end else None


def _opens_inside(text: str, start: int, end: int) -> bool:
    return any(text[start] == o and c in text[start + 1:end] for o, c in _PAIRS)


def _closes_inside(text: str, start: int, end: int) -> bool:
    return any(text[end - 1] == c and o in text[start:end - 1] for o, c in _PAIRS)


# ---------------------------------------------------------------- scoring


def lexical_overlap(a: str, b: str) -> float:
    """Share of ``a``'s content words that ``b`` contains, each up to
    inflection and spelling (defector/defectors, denuclearize/denuclearization)."""
    words_a = content_words(a)
    if not words_a:
        return 0.0
    words_b = content_words(b)
    return sum(1 for w in words_a if any(same_word(w, v) for v in words_b)) / len(words_a)


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b) >= 85 or (min(len(a), len(b)) >= 6 and a[:5] == b[:5])


def phrase_scores(quote_phrases: Sequence[Phrase], narration_phrases: Sequence[Phrase], embedder: Embedder,
                  same_language: bool, settings: PhraseSettings = PhraseSettings()) -> np.ndarray:
    """Similarity (0 to 1) of each quote phrase (rows) to each narration phrase."""
    if not quote_phrases or not narration_phrases:
        return np.zeros((len(quote_phrases), len(narration_phrases)), dtype=np.float32)
    vectors = embedder.encode([p.text for p in quote_phrases] + [p.text for p in narration_phrases])
    cosines = cosine_matrix(vectors[: len(quote_phrases)], vectors[len(quote_phrases):])
    if not same_language:
        clipped: np.ndarray = np.clip(cosines, 0.0, 1.0).astype(np.float32)
        return clipped
    scores = np.zeros_like(cosines)
    for i, q in enumerate(quote_phrases):
        for j, n in enumerate(narration_phrases):
            overlap = max(lexical_overlap(q.text, n.text), lexical_overlap(n.text, q.text))
            semantic = _rescale(float(cosines[i, j]), settings.carried_cosine_same_language,
                                settings.carried_overlap)
            scores[i, j] = max(overlap, semantic)
    return scores


def _rescale(cosine: float, floor: float, at_floor: float) -> float:
    """Map a cosine so that ``floor`` lands on ``at_floor`` and 1 stays 1."""
    if cosine <= 0:
        return 0.0
    if cosine >= floor:
        return at_floor + (cosine - floor) / (1 - floor) * (1 - at_floor)
    return cosine / floor * at_floor


# Windows are cut from at most this many words of a span: real quotes and
# sentences are far shorter, and a quote whose closing mark was lost (it runs
# to the end of the file) must not cost thousands of encodings.
MAX_WINDOW_WORDS = 300


def word_windows(text: str, start: int, end: int, shortest: int = 1, longest: int = 6) -> list[Phrase]:
    """Every run of ``shortest``..``longest`` consecutive words of
    ``text[start:end]`` (eojeols in Korean), outer punctuation trimmed.

    A Korean clause often carries an English phrase in a few of its eojeols
    only (*진정한 진전을 이뤄낸* for *where we made real progress*); the
    embedding of the whole clause dilutes that match, a window does not."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])][:MAX_WINDOW_WORDS]
    windows: list[Phrase] = []
    seen: set[tuple[int, int]] = set()
    for size in range(shortest, min(longest, len(words)) + 1):
        for first in range(len(words) - size + 1):
            trimmed = _trim(text, words[first][0], words[first + size - 1][1])
            if trimmed and trimmed not in seen and any(c.isalnum() for c in text[trimmed[0]:trimmed[1]]):
                seen.add(trimmed)
                windows.append(Phrase(trimmed[0], trimmed[1], text[trimmed[0]:trimmed[1]]))
    return windows


def best_matches(embedder: Embedder, probes: Sequence[str],
                 candidates: Sequence[Phrase]) -> list[tuple[float, Phrase | None]]:
    """For each probe text, the candidate with the highest cosine, and that cosine."""
    if not probes:
        return []
    if not candidates:
        return [(0.0, None) for _ in probes]
    vectors = embedder.encode(list(probes) + [c.text for c in candidates])
    cosines = cosine_matrix(vectors[: len(probes)], vectors[len(probes):])
    best = np.argmax(cosines, axis=1)
    return [(float(cosines[i, j]), candidates[j]) for i, j in enumerate(best)]


def align_phrases(text: str, quote: Span, renderings: Sequence[Span | Rendering], embedder: Embedder,
                  narration_lang: str | None = None,
                  settings: PhraseSettings = PhraseSettings()) -> PhraseAlignment:
    """Pair each phrase of ``quote`` with the rendering phrase that carries it.

    ``renderings`` are spans of ``text`` (``Span`` or ``Rendering``).  The
    language of each side is read from its own letters (``narration_lang`` is
    accepted for symmetry with the report).
    """
    quote_phrases = split_phrases(text, quote.start, quote.end, settings)
    narration_phrases = [p for r in renderings for p in split_phrases(text, r.start, r.end, settings)]
    if not quote_phrases:
        return PhraseAlignment((), tuple(narration_phrases))
    same = all(is_korean(p.text) == is_korean(quote.text) for p in narration_phrases)
    if not same:
        return _align_across_languages(text, quote_phrases, narration_phrases, renderings, embedder, settings)
    scores = phrase_scores(quote_phrases, narration_phrases, embedder, same, settings)
    pairs = []
    for i, phrase in enumerate(quote_phrases):
        if not narration_phrases:
            pairs.append(PhrasePair(phrase, None, 0.0))
            continue
        j = int(np.argmax(scores[i]))
        best = float(scores[i, j])
        carried = best >= settings.carried_overlap
        pairs.append(PhrasePair(phrase, narration_phrases[j] if carried else None, round(best, 3)))
    unsourced = tuple(p for j, p in enumerate(narration_phrases)
                      if float(scores[:, j].max()) < settings.carried_overlap)
    return PhraseAlignment(tuple(pairs), unsourced)


def _align_across_languages(text: str, quote_phrases: list[Phrase], narration_phrases: list[Phrase],
                            renderings: Sequence[Span | Rendering], embedder: Embedder,
                            settings: PhraseSettings) -> PhraseAlignment:
    """Each quote phrase takes the narration window (1-6 eojeols) it matches
    best; narration clauses that no carried window touches are unsourced."""
    windows = [w for r in renderings for w in word_windows(text, r.start, r.end)]
    matches = best_matches(embedder, [p.text for p in quote_phrases], windows)
    pairs = []
    carried_windows = []
    for phrase, (cosine, window) in zip(quote_phrases, matches):
        carried = window if window is not None and cosine >= settings.carried_cosine else None
        pairs.append(PhrasePair(phrase, carried, round(max(cosine, 0.0), 3)))
        if carried is not None:
            carried_windows.append(carried)
    unsourced = tuple(
        p for p in narration_phrases
        if not any(w.start < p.end and p.start < w.end for w in carried_windows)
    )
    return PhraseAlignment(tuple(pairs), unsourced)
