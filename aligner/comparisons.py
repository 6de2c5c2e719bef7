"""What the reviewer views compare: each quote against each of its renderings.

A rendering in the quote's own language (an English MT narration against an
English quote) gets a word diff.  Renderings in the other language (Korean
narration against an English quote) cannot be diffed word by word; together
they get a phrase alignment from :mod:`aligner.phrases`, and from it the
phrase table a reviewer reads (:func:`phrase_table`): the pairs it is sure
of, the quote phrases it cannot pair with confidence, and the narration
clauses that have no source.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .language import is_korean
from .report import Quote, Rendering, Report, Span
from .worddiff import DiffRun, diff_texts, similarity

if TYPE_CHECKING:  # the phrase aligner is imported only when a quote needs it
    from .model import Embedder
    from .phrases import Phrase, PhraseAlignment, PhrasePair, PhraseSettings


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
class PhraseRow:
    """One row of the phrase table of a quote's other-language renderings."""

    status: str  # "paired" | "unpaired" (a quote phrase) | "no source" (a narration clause)
    quote: Phrase | None
    narration: Phrase | None
    score: float = 0.0  # cosine of a pair


@dataclass(frozen=True)
class QuoteComparison:
    quote: Quote
    word_diffs: tuple[RenderingDiff, ...]  # renderings in the quote's language
    cross_renderings: tuple[Rendering, ...]  # renderings in the other language
    phrases: PhraseAlignment | None = None  # of cross_renderings, when there are any
    table: tuple[PhraseRow, ...] = ()  # what the reviewer is shown of ``phrases``


@dataclass(frozen=True)
class ComparisonSettings:
    """What the reviewer's comparisons show: which quote sentences a word
    diff compares with (read by the meaning_shift detector too), and which
    rows of the phrase table are sure enough to show."""

    # A window of quote sentences replaces the whole quote in a word diff only
    # when it matches the rendering clearly better: a rendering of one sentence
    # of a three-sentence quote diffs against that sentence, not against all
    # three (where difflib pairs up stray "the"s and full stops).
    window_gain: float = 0.05
    # Windows longer than this are not tried (the whole quote always is): a
    # rendering sentence rarely carries more than a few quote sentences, and a
    # quote that never closes can run to a hundred.
    max_window_sentences: int = 4
    # A phrase pair is shown only when the embedding is sure of it: the quote
    # phrase's best narration window reaches pair_cosine, and that window suits
    # this quote phrase better than any other by pair_margin.  Calibrated on
    # hand-written Korean renderings (tools/calibrate_phrase_table.py, 9 quotes,
    # 18 proposed pairs of which 14 right): window cosines of wrong pairs reach
    # 0.57 ("the talks failed" → "않았기 때문에 회담이"), so cosine alone cannot
    # decide; the lead over the other quote phrases separates them.  At 0.45
    # with a 0.30 lead every shown pair was right (12 of 12) and 12 of the 14
    # right pairs were shown (at 0.55 / 0.20: 11 of 11).  A small set: the
    # values err towards showing fewer pairs.
    pair_cosine: float = 0.45
    pair_margin: float = 0.30
    # A narration clause is called "no source" only when every quote phrase is
    # paired with confidence (an unpaired quote phrase may be exactly what the
    # clause renders: "Our door remains open" → "대화 제의는 여전히 유효하며"
    # scores 0.15), no carried window touches it, it reports content (not just
    # the speaker, the setting and "…라고 말했습니다"), and it resembles neither
    # the quote nor any quote phrase: added clauses reached 0.37 on the
    # calibration cases.
    no_source_cosine: float = 0.40
    min_no_source_eojeols: int = 2  # content eojeols; a lone verb ending is a fragment of its neighbour


def same_language(a: str, b: str) -> bool:
    return is_korean(a) == is_korean(b)


def compare_quotes(report: Report, embedder: Embedder | None = None, quote_ids: set[str] | None = None, *,
                   settings: ComparisonSettings = ComparisonSettings(),
                   phrases: PhraseSettings | None = None) -> tuple[QuoteComparison, ...]:
    """Compare every quote of ``report`` (or those in ``quote_ids``) with its renderings.

    ``embedder`` is needed only for quotes with renderings in the other
    language; without one (or without :mod:`aligner.phrases`), their phrase
    alignment is left out and the view says so.  ``settings`` and ``phrases``
    are the run's (:class:`aligner.Settings`), so that the view shows what
    the detectors saw.
    """
    comparisons = []
    for quote in report.quotes:
        if quote_ids is not None and quote.id not in quote_ids:
            continue
        if quote.quote is None:
            comparisons.append(QuoteComparison(quote, (), ()))
            continue
        span = quote.quote
        diffs = tuple(rendering_diff(span, r, settings) for r in quote.renderings
                      if same_language(span.text, r.text))
        cross = tuple(r for r in quote.renderings if not same_language(span.text, r.text))
        alignment = None
        aligner = _phrase_aligner() if cross and embedder is not None else None
        table: tuple[PhraseRow, ...] = ()
        if aligner is not None and embedder is not None:
            from .phrases import PhraseSettings

            alignment = aligner(report.text, span, cross, embedder, report.source.narration_lang,
                                phrases or PhraseSettings())
            table = phrase_table(quote, alignment, embedder, settings)
        comparisons.append(QuoteComparison(quote, diffs, cross, alignment, table))
    return tuple(comparisons)


def rendering_diff(quote: Span, rendering: Rendering,
                   settings: ComparisonSettings = ComparisonSettings()) -> RenderingDiff:
    """The word diff of ``rendering`` against the run of quote sentences it matches best."""
    best_window, best_runs, best_score = None, None, -1.0
    for window in quote_windows(quote, settings.max_window_sentences):
        runs = diff_texts(window.span.text, rendering.text, window.span.start, rendering.start)
        score = similarity(runs) + (settings.window_gain if window.whole else 0.0)
        if score > best_score:
            best_window, best_runs, best_score = window, runs, score
    assert best_window is not None and best_runs is not None  # there is always the whole quote
    return RenderingDiff(rendering, best_window, best_runs)


def quote_windows(quote: Span, longest: int) -> list[QuoteWindow]:
    """The whole quote, then every run of up to ``longest`` consecutive sentences."""
    from .sentences import split_english, split_korean

    split = split_korean if is_korean(quote.text) else split_english
    bounds = split(quote.text) or [(0, len(quote.text))]
    count = len(bounds)
    windows = [QuoteWindow(quote, 1, count, count)]
    for first in range(count):
        for last in range(first, min(count, first + longest)):
            if first == 0 and last == count - 1:
                continue
            start, end = bounds[first][0], bounds[last][1]
            text = quote.text[start:end]
            windows.append(QuoteWindow(Span(quote.start + start, quote.start + end, text), first + 1, last + 1, count))
    return windows


def _phrase_aligner() -> Callable[[str, Span, Sequence[Rendering], Embedder, str | None, PhraseSettings],
                                   PhraseAlignment] | None:
    """:func:`aligner.phrases.align_phrases`, or None where that module is not installed."""
    try:
        from .phrases import align_phrases
    except ImportError:
        return None
    return align_phrases


def pair_margins(pairs: Sequence[PhrasePair], embedder: Embedder) -> dict[int, float]:
    """Per paired quote phrase (by row), how much closer its narration words
    are to it than to the quote's best other phrase: a pair that stands out."""
    import numpy as np

    from .model import cosine_matrix

    windows = [p.narration for p in pairs if p.narration is not None]
    if not windows:
        return {}
    vectors = embedder.encode([p.quote.text for p in pairs] + [w.text for w in windows])
    cosines = cosine_matrix(vectors[: len(pairs)], vectors[len(pairs):])
    margins: dict[int, float] = {}
    column = 0
    for row, pair in enumerate(pairs):
        if pair.narration is None:
            continue
        others = np.delete(cosines[:, column], row)
        margins[row] = float(cosines[row, column] - (others.max() if len(others) else 0.0))
        column += 1
    return margins


def phrase_table(quote: Quote, alignment: PhraseAlignment, embedder: Embedder,
                 settings: ComparisonSettings = ComparisonSettings()) -> tuple[PhraseRow, ...]:
    """The rows a reviewer can trust: sure pairs, unpaired quote phrases, and
    narration clauses that surely have no source (see :class:`ComparisonSettings`)."""
    from .attribution import is_setting_line, korean_content_eojeols, speaker_words
    from .model import cosine_matrix

    pairs = alignment.pairs
    margins = pair_margins(pairs, embedder) if len(pairs) > 1 else {}
    rows: list[PhraseRow] = []
    for row, pair in enumerate(pairs):
        sure = pair.narration is not None and pair.score >= settings.pair_cosine \
            and margins.get(row, 1.0) >= settings.pair_margin
        rows.append(PhraseRow("paired", pair.quote, pair.narration, pair.score) if sure
                    else PhraseRow("unpaired", pair.quote, None, pair.score))
    if any(r.status == "unpaired" for r in rows) or not alignment.unsourced or quote.quote is None:
        return tuple(rows)
    names = speaker_words(quote)
    touched = [p.narration for p in pairs if p.narration is not None]

    def continues_a_window(clause: Phrase) -> bool:
        """Only a space between it and a carried window: the rest of that
        clause ("…대담하게" + "만들 뿐이라며"), cut off by the clause splitter."""
        return any(0 <= clause.start - w.end <= 1 or 0 <= w.start - clause.end <= 1 for w in touched)

    candidates = [c for c in alignment.unsourced
                  if not is_setting_line(c.text) and not continues_a_window(c)
                  and (not is_korean(c.text)
                       or len(korean_content_eojeols(c.text, names)) >= settings.min_no_source_eojeols)]
    if candidates:
        probes = [p.quote.text for p in pairs] + [quote.quote.text]
        vectors = embedder.encode([c.text for c in candidates] + probes)
        closest = cosine_matrix(vectors[: len(candidates)], vectors[len(candidates):]).max(axis=1)
        rows += [PhraseRow("no source", None, c, float(best))
                 for c, best in zip(candidates, closest) if best < settings.no_source_cosine]
    return tuple(rows)
