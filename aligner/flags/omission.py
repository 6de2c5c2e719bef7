"""omission: substantial quote content that no rendering carries.

Each quote clause (:func:`aligner.phrases.split_phrases`) looks for its best
match in the renderings and in the narration sentences right around the
marker (the rendering finder may have missed one: a clause carried there is
not omitted).  Consecutive clauses that find none form one omission; it is
reported when it holds enough content words to be a real statement, not a
discourse filler (*There are three key pieces to this*).

Korean narration against an English quote: a clause is carried when its best
1-6-eojeol window reaches the phrase table's cut-off (``phrases.carried_cosine``
of the settings tree: the diff view and this detector call the same clauses
carried).
Same language: when the renderings hold a third of its content words, or the
embedding finds a paraphrase window.

Not checked: cue quotes (a first line only), and quotes or renderings that the
transcript cuts off at its end (the cut, not the reporter, dropped them).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..attribution import cut_off_at_the_end, is_clipped, is_cue
from ..language import is_korean
from ..phrases import (Phrase, PhraseSettings, best_matches, content_words, core_text, lexical_overlap, split_phrases,
                       word_windows)
from ..report import Flag, FlagSpan, Quote, Report, Severity
from . import Detector
from ..textutil import shorten
from ..segments import Segment, StoryIndex

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model import Embedder



@dataclass(frozen=True)
class OmissionSettings:
    # Same language (MT narration): faithful clauses keep a third of their
    # content words or reach 0.55 with a window (seed and samples: MT
    # paraphrases such as "proceed as scheduled" for "moving forward ... as
    # planned" sit at 0.58).
    same_language_overlap: float = 0.3
    same_language_paraphrase: float = 0.55
    # ... and a clause whose best window comes this close is partly carried,
    # in other words (MT English: "heard nothing back" / "received no
    # response", 0.42): a note.  Dropped clauses sit at 0.14-0.29 in either
    # language on the corpus and the invented sets; one example of the doubt
    # band (the eighth blind set), so a cautious floor, not a fitted one.
    same_language_doubt: float = 0.40
    # An omission names a statement: at least this many content words ...
    min_content_words: int = 4
    # ... or a short question, name or number that clearly finds no match.
    short_content_words: int = 2
    short_clearly_dropped: float = 0.30
    # Narration sentences each side of the marker that may carry a clause too
    # (the rendering finder may have missed one), when they resemble this
    # quote more than the story's other quotes.
    nearby_sentences: int = 2
    lead_sentences: int = 2  # the lead paragraph before "… 기자가 보도합니다"
    # Rival quotes each side of a quote compared with its nearby sentences:
    # far more than any story holds (the corpus's largest has a few dozen), so
    # a normal story compares with all of them; it only bounds the cost of a
    # story of thousands of quotes, which would otherwise grow with their square.
    rival_reach: int = 100

_SALIENT = re.compile(r"^(?:(?:[Aa]nd|[Bb]ut|[Oo]r)\s+)?(?:[Ww]hen|[Ww]hat|[Ww]ho|[Ww]hy|[Hh]ow|[Ww]here|[Ww]hether)\b"
                      r"|\d|(?<=\s)[A-Z][a-z]")


def detect(report: Report, *, embedder: Embedder | None = None, settings: OmissionSettings = OmissionSettings(),
           phrases: PhraseSettings = PhraseSettings(), analysis: Analysis | None = None,
           **_: object) -> list[Flag]:
    if embedder is None:
        return []
    flags = []
    layout = _Layout.of(report, analysis.stories if analysis is not None else None)
    text_end = len(report.text.rstrip())
    for number, quote in enumerate(report.quotes):
        if quote.quote is None or not quote.renderings or is_cue(quote) or \
                cut_off_at_the_end(report.text, quote, text_end):
            continue
        if is_korean(quote.quote.text):
            continue  # a soundbite already given in Korean (TV scripts): the narration restates, not renders
        carriers = _carriers(report, quote, embedder, layout, number, settings)
        clauses = split_phrases(report.text, quote.quote.start, quote.quote.end, phrases)
        if is_clipped(quote.quote.text) and clauses:
            clauses = clauses[:-1]  # the clip may cut the last clause anywhere
        support = [_support(report.text, clause, carriers, embedder, settings, phrases) for clause in clauses]
        dropped = [value is not None and value < 1.0 for value in support]
        for run in _runs(clauses, dropped):
            words = sum(len(content_words(c.text)) for c in run)
            # a run holds dropped clauses only, each with a number for its support
            weakest = max(value for c in run if (value := support[clauses.index(c)]) is not None)
            salient = any(_SALIENT.search(c.text) for c in run)
            if not (words >= settings.min_content_words or (words >= settings.short_content_words and salient
                                                             and weakest < settings.short_clearly_dropped)):
                continue
            start, end = run[0].start, run[-1].end
            evidence = report.text[start:end]
            strongest = min(value for c in run if (value := support[clauses.index(c)]) is not None)
            partly = strongest >= settings.same_language_doubt and \
                any(is_korean(c.text) == is_korean(quote.quote.text) for c in carriers)
            flags.append(Flag(
                id="", kind="omission", severity=Severity.INFO if partly else Severity.WARNING,
                message=(f"No rendering clearly carries this part of the quote: '{shorten(evidence, 80)}'."
                         if partly else f"No rendering carries this part of the quote: '{shorten(evidence, 80)}'."),
                quote=quote.id, spans=(FlagSpan(start, end, evidence, "quote"),),
            ))
    return flags


def _support(text: str, clause: Phrase, carriers: list[Phrase], embedder: Embedder, settings: OmissionSettings,
             phrases: PhraseSettings) -> float | None:
    """1.0 when the carriers hold the clause; otherwise its best cosine with
    a carrier window (how close a match came).  None: nothing to check."""
    if not content_words(clause.text):
        return None
    across = [c for c in carriers if is_korean(c.text) != is_korean(clause.text)]
    same = [c for c in carriers if is_korean(c.text) == is_korean(clause.text)]
    best = 0.0
    if same:
        joined = " ".join(c.text for c in same)
        if lexical_overlap(clause.text, joined) >= settings.same_language_overlap:
            return 1.0
        size = len(clause.text.split())
        windows = [w for c in same for w in word_windows(text, c.start, c.end, max(1, size - 2), size + 4)]
        cosine = best_matches(embedder, [core_text(clause.text)], windows)[0][0]
        if cosine >= settings.same_language_paraphrase:
            return 1.0
        best = max(best, cosine)
    if across:
        windows = [w for c in across for w in word_windows(text, c.start, c.end)]
        cosine = best_matches(embedder, [core_text(clause.text)], windows)[0][0]
        if cosine >= phrases.carried_cosine:
            return 1.0
        best = max(best, cosine)
    return best


@dataclass(frozen=True)
class _Layout:
    """The transcript's stories and where its quotes sit, worked out once
    per report: an archive of thousands of stories must not rescan every
    segment and quote for each quote."""

    segments: tuple[Segment, ...]
    stories: StoryIndex
    index_at: dict[int, int]  # a segment's start offset -> its index
    quote_starts: tuple[int, ...]  # each quote's marker offset, in transcript order

    @classmethod
    def of(cls, report: Report, stories: StoryIndex | None = None) -> "_Layout":
        segments = tuple(report.segments)
        return cls(segments, stories or StoryIndex.of(segments), {s.start: i for i, s in enumerate(segments)},
                   tuple(q.marker.start for q in report.quotes))


def _carriers(report: Report, quote: Quote, embedder: Embedder, layout: _Layout, number: int,
              settings: OmissionSettings) -> list[Phrase]:
    """The renderings, plus the narration sentences next to the marker and
    the story's lead (the rendering finder may have missed one) when they
    resemble this quote more than any other quote of the story: a sentence
    that renders the previous soundbite must not "carry" this one's clauses."""
    assert quote.quote is not None  # checked by detect
    text = report.text
    spans = {(r.start, r.end) for r in quote.renderings}
    segments = layout.segments
    stories = layout.stories
    marker_at = layout.index_at[quote.marker.start]
    story, story_end = stories.bounds(marker_at)
    # the story's narration sentences, found by bisection (not a scan of the story)
    at = stories.narration_at
    first, last = stories.narration_bounds(marker_at)
    end_before = bisect.bisect_right(stories.narration_ends, quote.marker.start, first, last)
    start_after = bisect.bisect_left(stories.narration_starts, quote.quote.end, first, last)
    before = [segments[i] for i in at[max(first, end_before - settings.nearby_sentences):end_before]]
    after = [segments[i] for i in at[start_after:min(last, start_after + settings.nearby_sentences)]]
    lead = [segments[i] for i in at[first:min(last, first + settings.lead_sentences)]]
    extra = [s for s in dict.fromkeys(before + after + lead) if (s.start, s.end) not in spans]
    story_span = (segments[story].start, segments[story_end - 1].end)
    low = bisect.bisect_left(layout.quote_starts, story_span[0])
    high = bisect.bisect_left(layout.quote_starts, story_span[1])
    in_story = report.quotes[max(low, number - settings.rival_reach):
                             min(high, number + settings.rival_reach + 1)]
    rivals = [q.quote for q in in_story if q.quote is not None and q is not quote]
    if extra:
        sources = [quote.quote.text] + [span.text for span in rivals]
        vectors = embedder.encode([s.text for s in extra] + sources)
        similarity = vectors[: len(extra)] @ vectors[len(extra):].T
        for segment, row in zip(extra, similarity):
            if row[0] >= row.max():
                spans.add((segment.start, segment.end))
    return [Phrase(a, b, text[a:b]) for a, b in sorted(spans)]



def _runs(clauses: list[Phrase], dropped: list[bool]) -> list[list[Phrase]]:
    runs: list[list[Phrase]] = []
    current: list[Phrase] = []
    for clause, gone in zip(clauses, dropped):
        if gone:
            current.append(clause)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs



DETECTOR = Detector("omission", ("omission",), needs_embedder=True, settings=OmissionSettings, detect=detect)
