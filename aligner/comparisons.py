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

from .language import hangul_share
from .report import Quote, Rendering, Report
from .worddiff import DiffRun, diff_texts

if TYPE_CHECKING:  # the phrase aligner is imported only when a quote needs it
    from .phrases import PhraseAlignment


@dataclass(frozen=True)
class RenderingDiff:
    rendering: Rendering
    runs: tuple[DiffRun, ...]


@dataclass(frozen=True)
class QuoteComparison:
    quote: Quote
    word_diffs: tuple[RenderingDiff, ...]  # renderings in the quote's language
    cross_renderings: tuple[Rendering, ...]  # renderings in the other language
    phrases: PhraseAlignment | None = None  # of cross_renderings, when there are any


def is_korean(text: str) -> bool:
    return (hangul_share(text) or 0.0) >= 0.5


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
        diffs = tuple(
            RenderingDiff(r, diff_texts(span.text, r.text, span.start, r.start))
            for r in quote.renderings if same_language(span.text, r.text)
        )
        cross = tuple(r for r in quote.renderings if not same_language(span.text, r.text))
        phrases = None
        aligner = _phrase_aligner() if cross and embedder is not None else None
        if aligner is not None:
            phrases = aligner(report.text, span, cross, embedder, report.source.narration_lang)
        comparisons.append(QuoteComparison(quote, diffs, cross, phrases))
    return tuple(comparisons)


def _phrase_aligner():
    """:func:`aligner.phrases.align_phrases`, or None where that module is not installed."""
    try:
        from .phrases import align_phrases
    except ImportError:
        return None
    return align_phrases
