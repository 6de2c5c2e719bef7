"""typography: quotation-mark and spacing damage, and stray fragments.

Cosmetic (severity info): a reader still understands the text, but copy
editors fix these before publishing.  Machine translation is the usual
source: it glues marks to the word before them (*such as’human waste’*) and
leaves lines of punctuation behind (*– .*).
"""
from __future__ import annotations

import bisect
import re

from ..report import Flag, FlagSpan, Quote, Report, Severity
from ..segments import Segment
from . import Detector, NoSettings

# A mark glued to the Latin word before it and opening a quoted phrase:
# such as’human waste’, so-called’regime change’, a“crime”.  The phrase must
# close with a mark that no letter follows, and must not start like an
# apostrophe's suffix (DPRK’s, don’t, we’re), which is no damage.
_GLUED_OPENING = re.compile(
    r"(?P<word>[A-Za-z][A-Za-z\-]*)(?P<open>[’‘'“\"])(?P<phrase>[A-Za-z][^’‘'“”\"\n]{1,80}?)(?P<close>[’'”\"])(?![A-Za-z])"
)
# The same in Korean copy (이른바‘그림자 선단’): only curly opening marks,
# since a straight one may be closing; a particle after the closing mark is
# Korean spelling (‘선단’을), not damage.
_GLUED_OPENING_KOREAN = re.compile(r"(?P<word>[가-힣]+)(?P<open>[‘“])(?P<phrase>[가-힣][^’‘'“”\"\n]{0,80}?)(?P<close>[’”])")
# Mark pairs that can enclose a phrase (MT often writes ’…’ for ‘…’).
_PAIRS = {("’", "’"), ("‘", "’"), ("'", "'"), ("“", "”"), ('"', '"')}
_APOSTROPHE_SUFFIX = re.compile(r"^(?:s|t|re|ll|ve|d|m)\b", re.IGNORECASE)
# A closing mark glued to the Latin word after it: ‘regime change’as.
_GLUED_CLOSING = re.compile(r"(?<![A-Za-z])(?P<open>[‘“])(?P<phrase>[^‘’“”\n]{1,80}?)(?P<close>[’”])(?P<word>[A-Za-z]+)")
# Marks that do not pair: a backtick opening (`NBC 방송'), ‘…” or “…’.
_MISMATCHED = re.compile(r"`[^`'’\n]{1,60}['’](?![A-Za-z])|‘[^‘’“”\n]{1,80}”|“[^“”‘’\n]{1,80}’(?![A-Za-z])(?![^“”\n]*”)")
# Segments whose text is checked for glued and mismatched marks.
_PROSE_KINDS = ("narration", "headline", "signoff", "other")


def detect(report: Report, **_: object) -> list[Flag]:
    return [*_quote_edges(report), *_prose_marks(report), *_stray_fragments(report), *_sentence_marks(report),
            *_glued_segments(report), *_unclosed_openings(report), *_unmarked_quotes(report),
            *_repeated_recordings(report)]


def _glued_segments(report: Report) -> list[Flag]:
    """Two narration sentences with no space between them (말했습니다.그러면서):
    the splitter already cut them apart, so no one segment shows the seam."""
    rendered_in = _quote_of_segment(report)
    flags = []
    prose = [s for s in report.segments if s.kind in _PROSE_KINDS]
    for before, after in zip(prose, prose[1:]):
        if after.start != before.end or not before.text.endswith((".", "!", "?")) or not after.text[:1].isalpha():
            continue
        start, end = _start_of_last_words(report.text, before.start, before.end, 1), \
            _end_of_words(report.text, after.start, 1)
        seam = report.text[start:end]
        flags.append(_flag(f"Two sentences are glued with no space: '{seam}'.",
                           (FlagSpan(start, end, seam, "narration"),), rendered_in.get(before.start),
                           suggestion=report.text[start:before.end] + " " + report.text[after.start:end]))
    return flags


def _unclosed_openings(report: Report) -> list[Flag]:
    """An opening double mark in a narration line that nothing closes before
    the next opening mark (또 “한국과의 협력은 … 강조했습니다.); a paragraph
    broken mid-sentence may close it on a later line.  Each line is read once,
    found by bisection, so a huge one-line input stays linear."""
    text = report.text
    breaks = [k for k, ch in enumerate(text) if ch == "\n"]
    flags = []
    done: set[int] = set()
    for segment in report.segments:
        if segment.kind != "narration":
            continue
        line = bisect.bisect_left(breaks, segment.start)
        if line in done:
            continue
        done.add(line)
        line_start = breaks[line - 1] + 1 if line else 0
        line_end = breaks[line] if line < len(breaks) else len(text)
        opening = text.rfind("“", line_start, line_end)
        if opening < 0 or '"' in text[opening:line_end]:
            continue
        next_opening = text.find("“", opening + 1)
        if text.find("”", opening + 1, len(text) if next_opening < 0 else next_opening) >= 0:
            continue
        end = _end_of_words(text, opening, 3)
        flags.append(_flag("This opening quotation mark is never closed.",
                           (FlagSpan(opening, end, text[opening:end], "narration"),)))
    return flags


def _repeated_recordings(report: Report) -> list[Flag]:
    """A marker and its quote that repeat an earlier pair word for word: a
    passage pasted twice."""
    seen: dict[tuple[str, str], str] = {}
    flags = []
    for quote in report.quotes:
        if quote.quote is None or len(quote.quote.text) < 20:
            continue
        key = (" ".join(quote.marker.text.split()), " ".join(quote.quote.text.split()))
        if key in seen:
            marker = quote.marker
            flags.append(_flag(f"This recording and its quote repeat {seen[key]} word for word: pasted twice?",
                               (FlagSpan(marker.start, marker.end, marker.text, "marker"),), quote.id,
                               suggestion="delete the repeated passage"))
        else:
            seen[key] = quote.id
    return flags


def _flag(message: str, spans: tuple[FlagSpan, ...], quote: str | None = None, suggestion: str | None = None) -> Flag:
    return Flag(id="", kind="typography", severity=Severity.INFO, message=message, quote=quote, spans=spans,
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
        gap = text[segment.start : span.start]
        if opening[:1] in "“‘\"" and gap[:1] == opening[:1] and gap[1:2].isspace():
            end = _end_of_words(text, span.start, 2)
            flags.append(_flag("A space stands after the opening quotation mark.",
                               (FlagSpan(segment.start, end, text[segment.start:end], "quote"),), quote.id,
                               suggestion=opening[:1] + text[span.start:end]))
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
            line_end = text.find("\n", span.end)
            after = text[span.end : line_end if line_end >= 0 else len(text)]
            if after.strip() == "“":
                # machine translation turned the closing mark (… North. . “): it is there, the wrong way round
                end = span.end + after.index("“") + 1
                flags.append(_flag("This quote closes with an opening quotation mark (“).",
                                   (FlagSpan(tail_start, end, text[tail_start:end], "quote"),), quote.id,
                                   suggestion=text[tail_start:span.end] + "”"))
            else:
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
        for match in _GLUED_OPENING_KOREAN.finditer(segment.text):
            start, end = segment.start + match.start(), segment.start + match.end()
            fixed = f"{match.group('word')} {match.group('open')}{match.group('phrase')}{match.group('close')}"
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


_ONE_WORD_SENTENCE = re.compile(r"[A-Z][a-z]+[.!?]")


def _stray_fragments(report: Report) -> list[Flag]:
    """Lines of punctuation with almost no letters (*– .*), left by a tool or an editor."""
    flags = []
    text = report.text
    previous = None
    for segment in report.segments:
        if segment.kind == "narration" and previous is not None and previous.kind == "narration" and \
                _ONE_WORD_SENTENCE.fullmatch(segment.text) and "\n" not in text[previous.end:segment.start]:
            # a one-word sentence glued after a finished one (… weapons. North.)
            start = _start_of_last_words(text, previous.start, previous.end, 1)
            # no suggestion: the word may belong elsewhere (a name cut from
            # "North Korean"), and deleting it could hide that
            flags.append(_flag(f"A one-word fragment follows the sentence: '{text[start:segment.end]}'.",
                               (FlagSpan(start, segment.end, text[start:segment.end], "narration"),)))
        previous = segment
        if segment.kind == "other" and sum(ch.isalpha() for ch in segment.text) < 2:
            flags.append(_flag(f"A stray fragment stands on its own: '{segment.text}'.",
                               (FlagSpan(segment.start, segment.end, segment.text, "narration"),),
                               suggestion="delete it"))
    return flags



# A sentence mark doubled or left behind (partners. . / weapons.. — not an
# ellipsis of three), and sentences glued with no space (end.Next, 했습니다.그).
_DOUBLED_MARK = re.compile(r"(?<![.!?])(?P<word>\S*[^\s.!?])(?P<marks>[.!?] [.!?])(?! ?[.!?])")
_GLUED_SENTENCE = re.compile(r"(?P<before>[a-z]{2,}[.!?]|다\.)(?P<after>[A-Z][a-z]+|[가-힣]+)")
# A one-word "sentence" left at the end of a line after a finished one
# (… Korean weapons. North.): a fragment of a cut or a bad join.
_TRAILING_FRAGMENT = re.compile(r"(?P<before>\S+[.!?]) (?P<word>[A-Z][a-z]+[.!?])(?= *[.!?“”\"]*\s*$)")


def _sentence_marks(report: Report) -> list[Flag]:
    """Doubled and stray sentence marks, glued sentences, one-word fragments."""
    text = report.text
    rendered_in = _quote_of_segment(report)
    flags = []
    for segment in report.segments:
        if segment.kind not in _PROSE_KINDS + ("quote",):
            continue
        quote_id = rendered_in.get(segment.start) or _quote_holding(report, segment)
        side = "quote" if segment.kind == "quote" else "narration"
        for match in _DOUBLED_MARK.finditer(segment.text):
            start, end = segment.start + match.start(), segment.start + match.end()
            flags.append(_flag(f"A sentence mark is doubled: '{text[start:end]}'.",
                               (FlagSpan(start, end, text[start:end], side),), quote_id,
                               suggestion=match.group("word") + match.group("marks")[0]))
        for match in _GLUED_SENTENCE.finditer(segment.text):
            if match.group("before").endswith("다.") and segment.kind == "quote":
                continue
            start, end = segment.start + match.start(), segment.start + match.end()
            flags.append(_flag(f"Two sentences are glued with no space: '{text[start:end]}'.",
                               (FlagSpan(start, end, text[start:end], side),), quote_id,
                               suggestion=f"{match.group('before')} {match.group('after')}"))
        for match in _TRAILING_FRAGMENT.finditer(segment.text):
            start, end = segment.start + match.start(), segment.start + match.end()
            flags.append(_flag(f"A one-word fragment ends the sentence: '{text[start:end]}'.",
                               (FlagSpan(start, end, text[start:end], side),), quote_id))
    return flags


def _quote_holding(report: Report, segment: Segment) -> str | None:
    for quote in report.quotes:
        if quote.quote is not None and segment.start <= quote.quote.start < segment.end:
            return quote.id
    return None


def _unmarked_quotes(report: Report) -> list[Flag]:
    """A quote with no quotation marks where the transcript's other quotes
    have them: the marks were lost.  Script cues (ALL CAPS, [ACT]) and
    transcripts that never mark quotes are left alone."""
    from ..attribution import is_cue

    text = report.text
    quotes = [q for q in report.quotes if q.quote is not None and not is_cue(q)]
    marked = [q for q in quotes if _has_marks(text, q)]
    if len(marked) < max(1, len(quotes) - len(marked)):
        return []
    flags = []
    for quote in quotes:
        if quote in marked:
            continue
        span = quote.quote
        assert span is not None  # quotes without one were left out above
        end = _end_of_words(text, span.start, 3)
        flags.append(_flag("This quote has no quotation marks, unlike the transcript's other quotes.",
                           (FlagSpan(span.start, end, text[span.start:end], "quote"),), quote.id,
                           suggestion="“" + text[span.start:end] + "…”"))
    return flags


def _has_marks(text: str, quote: Quote) -> bool:
    assert quote.quote is not None  # called for quotes that have one
    before = text[max(quote.marker.end, quote.quote.start - 3):quote.quote.start]
    after = text[quote.quote.end:quote.quote.end + 3]
    marks = "“”\"‘’'「」『』"
    return any(c in marks for c in before + after)


DETECTOR = Detector("typography", ("typography",), needs_embedder=False, settings=NoSettings, detect=detect)
