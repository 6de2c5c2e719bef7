"""typography: quotation-mark and spacing damage, and stray fragments.

Cosmetic (severity info): a reader still understands the text, but copy
editors fix these before publishing.  Machine translation is the usual
source: it glues marks to the word before them (*such as’human waste’*) and
leaves lines of punctuation behind (*– .*).
"""
from __future__ import annotations

import bisect
import re

from ..report import Flag, FlagSpan, Report

# A mark glued to the Latin word before it and opening a quoted phrase:
# such as’human waste’, so-called’regime change’, a“crime”.  The phrase must
# close with a mark that no letter follows, and must not start like an
# apostrophe's suffix (DPRK’s, don’t, we’re), which is no damage.
_GLUED_OPENING = re.compile(
    r"(?P<word>[A-Za-z][A-Za-z\-]*)(?P<open>[’‘'“\"])(?P<phrase>[A-Za-z][^’‘'“”\"\n]{1,80}?)(?P<close>[’'”\"])(?![A-Za-z])"
)
# Mark pairs that can enclose a phrase (MT often writes ’…’ for ‘…’).
_PAIRS = {("’", "’"), ("‘", "’"), ("'", "'"), ("“", "”"), ('"', '"')}
_APOSTROPHE_SUFFIX = re.compile(r"^(?:s|t|re|ll|ve|d|m)\b", re.IGNORECASE)
# A closing mark glued to the Latin word after it: ‘regime change’as.
_GLUED_CLOSING = re.compile(r"(?<![A-Za-z])(?P<open>[‘“])(?P<phrase>[^‘’“”\n]{1,80}?)(?P<close>[’”])(?P<word>[A-Za-z]+)")
# Marks that do not pair: a backtick opening (`NBC 방송'), ‘…” or “…’.
_MISMATCHED = re.compile(r"`[^`'’\n]{1,60}['’](?![A-Za-z])|‘[^‘’“”\n]{1,80}”|“[^“”‘’\n]{1,80}’(?![A-Za-z])(?![^“”\n]*”)")
# Segments whose text is checked for glued and mismatched marks.
_PROSE_KINDS = ("narration", "headline", "signoff", "other")


def detect(report: Report, **_) -> list[Flag]:
    return [*_quote_edges(report), *_prose_marks(report), *_stray_fragments(report)]


def _flag(message: str, spans: tuple[FlagSpan, ...], quote: str | None = None, suggestion: str | None = None) -> Flag:
    return Flag(id="", kind="typography", severity="info", message=message, quote=quote, spans=spans,
                suggestion=suggestion)


_NON_SPACE = re.compile(r"\S")


def _quote_edges(report: Report) -> list[Flag]:
    """Damage where a marker meets its quote, and quotes that never close.

    The quote span holds the words only; its marks are in the quote segment
    around it, so that is where they are read from.
    """
    text = report.text
    quote_segments = [s for s in report.segments if s.kind == "quote"]
    starts = [s.start for s in quote_segments]
    flags = []
    for quote in report.quotes:
        span = quote.quote
        if span is None:
            continue
        # the quote segment holding the span: bisection keeps an archive linear
        at = bisect.bisect_right(starts, span.start) - 1
        segment = quote_segments[at] if at >= 0 and span.start < quote_segments[at].end else None
        if segment is None:
            continue
        marker = quote.marker
        opening = text[segment.start : span.start].strip()
        closing = text[span.end : segment.end].strip()
        if opening[:1] in ("”", "’"):
            start = marker.end - 1 if marker.well_formed and not text[marker.end : segment.start].strip() else segment.start
            end = _end_of_words(text, span.start, 2)
            flags.append(_flag("This quote opens with a closing quotation mark.",
                               (FlagSpan(start, end, text[start:end], "quote"),), quote.id,
                               suggestion="“" + text[span.start:end]))
        elif marker.well_formed and opening and marker.end == segment.start:
            start, end = marker.end - 1, _end_of_words(text, span.start, 1)
            flags.append(_flag("The marker is glued to its quote with no space between them.",
                               (FlagSpan(start, end, text[start:end], "quote"),), quote.id,
                               suggestion=f"{marker.text} {text[segment.start:end]}"))
        # A quote cut mid-sentence (a script cue, a truncated file) is clipped,
        # not damaged: only a finished sentence with no closing mark is flagged.
        finished = span.text.rstrip()[-1:] in ".!?" and _NON_SPACE.search(text, span.end) is not None
        if opening[:1] == "“" and "”" not in closing and finished:
            tail_start = _start_of_last_words(text, span.start, span.end, 3)
            flags.append(_flag("This quote opens with “ but its closing quotation mark is missing.",
                               (FlagSpan(tail_start, span.end, text[tail_start:span.end], "quote"),), quote.id,
                               suggestion=text[tail_start:span.end] + "”"))
    return flags


def _end_of_words(text: str, start: int, count: int) -> int:
    """Offset just after the first ``count`` words from ``start``."""
    words = list(re.finditer(r"\S+", text[start : start + 200]))
    return start + words[min(count, len(words)) - 1].end() if words else start


def _start_of_last_words(text: str, start: int, end: int, count: int) -> int:
    """Offset of the first of the last ``count`` words of ``text[start:end]``."""
    window = max(start, end - 200)
    words = list(re.finditer(r"\S+", text[window:end]))
    return window + words[max(0, len(words) - count)].start() if words else start


def _prose_marks(report: Report) -> list[Flag]:
    """Glued and mismatched quotation marks in narration and other prose."""
    rendered_in = _quote_of_segment(report)
    flags = []
    for segment in report.segments:
        if segment.kind not in _PROSE_KINDS:
            continue
        quote_id = rendered_in.get(segment.start)
        for match in _GLUED_OPENING.finditer(segment.text):
            if _APOSTROPHE_SUFFIX.match(match.group("phrase")) or \
                    (match.group("open"), match.group("close")) not in _PAIRS:
                continue
            start, end = segment.start + match.start(), segment.start + match.end()
            fixed = f"{match.group('word')} ‘{match.group('phrase')}’"
            flags.append(_flag(f"A quotation mark is glued to the word before it: '{match.group()}'.",
                               (FlagSpan(start, end, report.text[start:end], "narration"),), quote_id, fixed))
        for match in _GLUED_CLOSING.finditer(segment.text):
            if match.group("close") == "’" and _APOSTROPHE_SUFFIX.match(match.group("word")):
                continue  # “North Korea’s …: an apostrophe, not a closing mark
            start, end = segment.start + match.start(), segment.start + match.end()
            fixed = f"{match.group('open')}{match.group('phrase')}{match.group('close')} {match.group('word')}"
            flags.append(_flag(f"A closing quotation mark is glued to the word after it: '{match.group()}'.",
                               (FlagSpan(start, end, report.text[start:end], "narration"),), quote_id, fixed))
        for match in _MISMATCHED.finditer(segment.text):
            start, end = segment.start + match.start(), segment.start + match.end()
            flags.append(_flag(f"These quotation marks do not pair: '{match.group()}'.",
                               (FlagSpan(start, end, report.text[start:end], "narration"),), quote_id,
                               "‘" + match.group()[1:-1] + "’"))
    return flags


def _quote_of_segment(report: Report) -> dict[int, str]:
    """Narration segment start → the quote it renders (the first, if several)."""
    owner: dict[int, str] = {}
    for quote in report.quotes:
        for rendering in quote.renderings:
            owner.setdefault(rendering.start, quote.id)
    return owner


def _stray_fragments(report: Report) -> list[Flag]:
    """Lines of punctuation with almost no letters (*– .*), left by a tool or an editor."""
    flags = []
    for segment in report.segments:
        if segment.kind == "other" and sum(ch.isalpha() for ch in segment.text) < 2:
            flags.append(_flag(f"A stray fragment stands on its own: '{segment.text}'.",
                               (FlagSpan(segment.start, segment.end, segment.text, "narration"),),
                               suggestion="delete it"))
    return flags

