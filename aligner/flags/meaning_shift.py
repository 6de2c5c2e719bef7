"""meaning_shift: a quote term rendered with a stronger or weaker meaning.

The shifts a reviewer can act on, and that words alone reveal, are shifts of
degree: *some concerns* reported as *깊이 우려* (deeply concerned), *most
despicably fabricated* as *maliciously fabricated*.  So this detector reads
degree words on both sides (intensifiers and downtoners, English and Korean)
and compares each quote sentence with the rendering sentence that carries it:

* the quote hedges (*some*, *slightly*) and the rendering intensifies, or the
  quote intensifies and the rendering hedges: warning;
* same language (MT narration), the word diff replaces an intensified term
  with another term that drops the intensifier (*most despicably* →
  *maliciously*): warning; an intensifier simply left out: a note.

A quote that states no degree leaves the narration free to add one (leads
often say *강하게 비난했다*): that is not flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..attribution import is_cue
from ..comparisons import rendering_diff
from ..phrases import best_matches, content_words, is_korean
from ..report import Flag, FlagSpan, Quote, Rendering, Report
from . import Detector
from ..sentences import split_english, split_korean

ENGLISH_INTENSIFIERS = frozenset("""
most very extremely deeply strongly highly seriously gravely utterly absolutely totally completely greatly
profoundly terribly incredibly particularly especially truly entirely hugely vastly severely fiercely
vehemently enormously immensely exceedingly intensely firmly sharply bitterly harshly
""".split())
ENGLISH_DOWNTONERS = frozenset("some somewhat slightly fairly partly partially moderately marginally "
                               "mildly".split())
# Idioms that read as degree words but are not: "to put it mildly" intensifies.
_ENGLISH_IDIOMS = re.compile(r"put it mildly|at the very least|most of|some of|the most part", re.IGNORECASE)
# Adverbs only: adjectives such as 심각한 describe a thing (대기오염이 심각한
# 베이징), they do not grade the speaker's verb.
KOREAN_INTENSIFIERS = ("매우", "깊이", "크게", "강하게", "강력히", "강력하게", "심각하게", "극히", "극도로", "가장", "너무",
                       "몹시", "굉장히", "대단히", "아주", "완전히", "전적으로", "절대", "심히", "엄중히", "단호히",
                       "강경하게", "격렬히", "맹렬히")
KOREAN_DOWNTONERS = ("다소", "약간", "조금", "일부", "어느 정도", "일정 부분", "소폭", "다소간")



@dataclass(frozen=True)
class MeaningShiftSettings:
    # A rendering sentence carries a quote sentence when this is its best
    # cosine among the quote's sentences (and no other sentence is closer).
    carries: float = 0.3
    # The two degree words must grade the same thing: the words they modify
    # (concerns / 우려하고: 0.50) must be this close.  Unrelated pairs seen on
    # held-out news text: 0.05-0.14.
    heads_related: float = 0.35


@dataclass(frozen=True)
class Degree:
    start: int
    end: int
    text: str  # the degree word and the word it modifies
    direction: int  # +1 intensifies, -1 hedges
    head: str = ""  # the word it modifies


def detect(report: Report, *, embedder=None, settings: MeaningShiftSettings = MeaningShiftSettings(),
           **_) -> list[Flag]:
    if embedder is None:
        return []
    flags: list[Flag] = []
    for quote in report.quotes:
        if quote.quote is None or not quote.renderings or is_cue(quote):
            continue
        same = [r for r in quote.renderings if is_korean(r.text) == is_korean(quote.quote.text)]
        flags += _degree_flags(report, quote, embedder, settings)
        flags += [f for r in same for f in _diff_flags(report, quote, r)]
    return _one_per_span(flags)


# ---------------------------------------------------------------- degree words


def degrees(text: str, start: int, end: int) -> list[Degree]:
    """The degree words of ``text[start:end]``, each with the word after it."""
    body = text[start:end]
    found = []
    if is_korean(body):
        for words, direction in ((KOREAN_INTENSIFIERS, 1), (KOREAN_DOWNTONERS, -1)):
            for word in words:
                for match in re.finditer(rf"(?<![가-힣]){re.escape(word)}(?![가-힣])\s*(\S*)", body):
                    found.append(Degree(start + match.start(), start + match.end(), match.group(), direction,
                                        match.group(1).strip(".,")))
        return found
    idioms = [m.span() for m in _ENGLISH_IDIOMS.finditer(body)]
    for match in re.finditer(r"\b[A-Za-z]+\b", body):
        word = match.group().lower()
        if any(a <= match.start() < b for a, b in idioms):
            continue
        direction = 1 if word in ENGLISH_INTENSIFIERS else -1 if word in ENGLISH_DOWNTONERS else 0
        if direction:
            modified = re.match(r"\s+[A-Za-z][A-Za-z’'-]*", body[match.end():])
            stop = match.end() + (modified.end() if modified else 0)
            found.append(Degree(start + match.start(), start + stop, body[match.start():stop], direction,
                                modified.group().strip() if modified else ""))
    return found


def _degree_flags(report: Report, quote: Quote, embedder, settings: MeaningShiftSettings) -> list[Flag]:
    """A quote sentence that hedges (or intensifies) against the rendering
    sentence that carries it, which does the opposite."""
    text = report.text
    span = quote.quote
    split = split_korean if is_korean(span.text) else split_english
    sentences = [(span.start + a, span.start + b) for a, b in (split(span.text) or [(0, len(span.text))])]
    flags = []
    for rendering in quote.renderings:
        matches = best_matches(embedder, [rendering.text], [_Piece(a, b, text[a:b]) for a, b in sentences])
        cosine, piece = matches[0]
        if piece is None or cosine < settings.carries:
            continue
        said = [d for d in degrees(text, piece.start, piece.end) if d.direction]
        told = [d for d in degrees(text, rendering.start, rendering.end) if d.direction]
        for direction in (-1, 1):
            quote_side = [d for d in said if d.direction == direction]
            narration_side = [d for d in told if d.direction == -direction]
            if not quote_side or not narration_side or any(d.direction == direction for d in told):
                continue
            pair = _same_thing(quote_side, narration_side, embedder, settings.heads_related)
            if pair is not None:
                flags.append(_flag(quote, *pair, stronger=direction < 0, severity="warning"))
    return flags


def _same_thing(said: list[Degree], told: list[Degree], embedder, related: float) -> tuple[Degree, Degree] | None:
    """The quote and narration degree words that grade related words, if any."""
    candidates = [(a, b) for a in said for b in told if a.head and b.head]
    if not candidates:
        return None
    vectors = embedder.encode([c[0].head for c in candidates] + [c[1].head for c in candidates])
    n = len(candidates)
    scores = [float(vectors[k] @ vectors[n + k]) for k in range(n)]
    best = max(range(n), key=scores.__getitem__)
    return candidates[best] if scores[best] >= related else None


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    text: str


# ---------------------------------------------------------------- same-language word diff


def _diff_flags(report: Report, quote: Quote, rendering: Rendering) -> list[Flag]:
    """An intensified quote term replaced by a term without the intensifier."""
    flags = []
    for run in rendering_diff(quote.quote, rendering).runs:
        if run.op not in ("replace", "delete"):
            continue
        old = " ".join(t.text for t in run.old)
        new = " ".join(t.text for t in run.new)
        said = [d for d in degrees(old, 0, len(old)) if d.direction > 0]
        if not said or any(d.direction > 0 for d in degrees(new, 0, len(new))):
            continue
        if len(run.old) > 4:
            continue  # a long rewrite, not a term
        # from the degree word on (*are completely groundless* → *completely groundless*)
        degree_at = next(k for k, t in enumerate(run.old) if t.text.lower() in ENGLISH_INTENSIFIERS)
        first, last = run.old[degree_at], run.old[-1]
        quote_side = Degree(first.start, last.end, report.text[first.start:last.end], 1)
        told = [t for t in run.new if content_words(t.text)]
        if run.op == "replace" and told:
            a, b = told[0].start, told[-1].end
            flags.append(_flag(quote, quote_side, Degree(a, b, report.text[a:b], 0), stronger=False,
                               severity="warning"))
        elif run.op == "delete":
            flags.append(_flag(quote, quote_side, None, stronger=False, severity="info"))
    return flags


# ---------------------------------------------------------------- flags


def _flag(quote: Quote, said: Degree, told: Degree | None, *, stronger: bool, severity: str) -> Flag:
    spans = [FlagSpan(said.start, said.end, said.text, "quote")]
    if told is not None:
        spans.append(FlagSpan(told.start, told.end, told.text, "narration"))
        how = "stronger" if stronger else "weaker"
        message = f"The narration renders '{said.text}' as '{told.text}', a {how} meaning than the speaker's."
    else:
        message = f"The narration leaves out the degree of '{said.text}', a weaker meaning than the speaker's."
    return Flag(id="", kind="meaning_shift", severity=severity, message=message, quote=quote.id,
                spans=tuple(spans), suggestion=f"The speaker said '{said.text}'.")


def _one_per_span(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple] = set()
    unique = []
    for flag in flags:
        key = (flag.quote, tuple((s.start, s.end) for s in flag.spans))
        if key not in seen:
            seen.add(key)
            unique.append(flag)
    return unique


DETECTOR = Detector("meaning_shift", ("meaning_shift",), needs_embedder=True, settings=MeaningShiftSettings,
                    detect=detect)
