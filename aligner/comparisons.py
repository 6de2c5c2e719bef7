"""What the reviewer views compare: each quote against each of its renderings.

A rendering in the quote's own language (an English MT narration against an
English quote) gets a word diff.  Renderings in the other language (Korean
narration against an English quote) cannot be diffed word by word; together
they get a phrase alignment from :mod:`aligner.phrases`: which quote phrases
they carry, which they drop, and which of their phrases have no source.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .language import is_korean
from .report import Quote, Rendering, Report, Span
from .worddiff import DiffRun, diff_texts, similarity

# A window of quote sentences replaces the whole quote in a word diff only
# when it matches the rendering clearly better: a rendering of one sentence
# of a three-sentence quote diffs against that sentence, not against all
# three (where difflib pairs up stray "the"s and full stops).
WINDOW_GAIN = 0.05
# Windows longer than this are not tried (the whole quote always is): a
# rendering sentence rarely carries more than a few quote sentences, and a
# quote that never closes can run to a hundred.
MAX_WINDOW_SENTENCES = 4

if TYPE_CHECKING:  # the phrase aligner is imported only when a quote needs it
    from .phrases import PhraseAlignment


@dataclass(frozen=True)
class QuoteWindow:
    """Which of the quote's sentences a word diff compares with."""

    span: Span
    first: int  # 1-based sentence numbers
    last: int
    sentences: int

    @property
    def whole(self) -> bool:
        return self.first == 1 and self.last == self.sentences


@dataclass(frozen=True)
class RenderingDiff:
    rendering: Rendering
    window: QuoteWindow
    runs: tuple[DiffRun, ...]


@dataclass(frozen=True)
class QuoteComparison:
    quote: Quote
    word_diffs: tuple[RenderingDiff, ...]  # renderings in the quote's language
    cross_renderings: tuple[Rendering, ...]  # renderings in the other language
    phrases: PhraseAlignment | None = None  # of cross_renderings, when there are any


def same_language(a: str, b: str) -> bool:
    return is_korean(a) == is_korean(b)


def compare_quotes(report: Report, embedder=None, quote_ids: set[str] | None = None) -> tuple[QuoteComparison, ...]:
    """Compare every quote of ``report`` (or those in ``quote_ids``) with its renderings.

    ``embedder`` is needed only for quotes with renderings in the other
    language; without one (or without :mod:`aligner.phrases`), their phrase
    alignment is left out and the view says so.
    """
    comparisons = []
    for quote in report.quotes:
        if quote_ids is not None and quote.id not in quote_ids:
            continue
        if quote.quote is None:
            comparisons.append(QuoteComparison(quote, (), ()))
            continue
        span = quote.quote
        diffs = tuple(rendering_diff(span, r) for r in quote.renderings if same_language(span.text, r.text))
        cross = tuple(r for r in quote.renderings if not same_language(span.text, r.text))
        phrases = None
        aligner = _phrase_aligner() if cross and embedder is not None else None
        if aligner is not None:
            phrases = aligner(report.text, span, cross, embedder, report.source.narration_lang)
        comparisons.append(QuoteComparison(quote, diffs, cross, phrases))
    return tuple(comparisons)


def rendering_diff(quote: Span, rendering: Rendering) -> RenderingDiff:
    """The word diff of ``rendering`` against the run of quote sentences it matches best."""
    best_window, best_runs, best_score = None, None, -1.0
    for window in quote_windows(quote):
        runs = diff_texts(window.span.text, rendering.text, window.span.start, rendering.start)
        score = similarity(runs) + (WINDOW_GAIN if window.whole else 0.0)
        if score > best_score:
            best_window, best_runs, best_score = window, runs, score
    return RenderingDiff(rendering, best_window, best_runs)


def quote_windows(quote: Span) -> list[QuoteWindow]:
    """The whole quote, then every run of up to MAX_WINDOW_SENTENCES consecutive sentences."""
    from .sentences import split_english, split_korean

    split = split_korean if is_korean(quote.text) else split_english
    bounds = split(quote.text) or [(0, len(quote.text))]
    count = len(bounds)
    windows = [QuoteWindow(quote, 1, count, count)]
    for first in range(count):
        for last in range(first, min(count, first + MAX_WINDOW_SENTENCES)):
            if first == 0 and last == count - 1:
                continue
            start, end = bounds[first][0], bounds[last][1]
            text = quote.text[start:end]
            windows.append(QuoteWindow(Span(quote.start + start, quote.start + end, text), first + 1, last + 1, count))
    return windows


def _phrase_aligner():
    """:func:`aligner.phrases.align_phrases`, or None where that module is not installed."""
    try:
        from .phrases import align_phrases
    except ImportError:
        return None
    return align_phrases
