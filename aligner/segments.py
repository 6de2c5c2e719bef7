"""Stage 1: text → segments.

A transcript is cut into headline, narration sentences, markers, quotes,
sign-offs and other lines (captions, bylines, stray fragments), each with
exact offsets (``text == source[start:end]``) and a language.  Invariant,
guarded by property tests: segments are sorted, never overlap, carry no
outer whitespace, and everything between them is whitespace.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from .language import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, QUOTE_CLOSERS, detect_language, hangul_share, is_korean
from .markers import find_marker, is_production_cue, labelled_marker_starts
from .sentences import split_english, split_korean_texts
from .wordlists import word_set, words

KINDS = ("headline", "narration", "marker", "quote", "signoff", "other")


@dataclass(frozen=True)
class Segment:
    id: str
    kind: str
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # stripped of outer whitespace
    text: str


_SIGNOFF = re.compile(
    r"^(?:"
    r"(?:VOA|미국의\s*소리)\s*,?\s*(?:뉴스)?\s*,?\s*[가-힣]{0,4}\s*(?:입니다|이었습니다|였습니다)\.?"
    r"|미국의\s*소리\s*,?\s*[가-힣]{2,4}\s*입니다\.?"
    r"|VOA\s*뉴스\.?"
    r"|VOA\s*News\.?"
    r"|(?:This\s+is|I'm|I\s+am)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3},?\s+(?:for\s+)?(?:VOA|Voice\s+of\s+America)(?:\s+News)?\.?"
    r"|[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3},\s+VOA\s+News\.?"
    r")$",
    re.IGNORECASE,
)
_REPORTER_INTRO = re.compile(
    r"^(?:[가-힣]{2,4}\s*기자가\s*(?:보도합니다|전해드립니다|전합니다|취재했습니다)\.?"
    r"|(?:Reporter\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}\s+reports\.?"
    r"|This\s+is\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}\.)$"
)
_FINAL_PUNCT = ".!?。…"
_CAPTION_END = re.compile(r"\((?:자료사진|사진|AP|AFP|로이터|Reuters|file photo|photo)[^)]*\)\s*$", re.IGNORECASE)
_PLAIN_FORM_END = re.compile(r"(?<!니)다\.\s*$")
_NOUN_PHRASE_END = re.compile(r"[가-힣](?<![다요])\.\s*$")
_POLITE_FORM_END = re.compile(r"니다\.\s*[”\"’']?\s*$")
_SHORT_LABEL = 40
# Quotes are sentences, not pages.  These bound how far a quote's end is
# searched for, so that a file whose line breaks were lost (one line of
# megabytes) or a quote that never closes costs linear time; real lines and
# quotes are far shorter, and for them the bounds change nothing.
_QUOTE_SCAN = 5000  # characters of one line
_QUOTE_LINES = 50  # following lines a quote with no closing mark may run over


def iter_lines(text: str) -> Iterator[Line]:
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield Line(start, end, text[start:end])


# A bracketed marker, or a run in double quotation marks long enough to be a
# soundbite (40+ characters): neither is narration.
_QUOTED_OR_BRACKETED = re.compile(r"\[[^\]\n]*\]|[“\"][^”\"\n]{40,}[”\"]")


def narration_language(text: str) -> str:
    """The narration's language: Korean or English, weighed by letters over
    lines that are neither markers nor quoted speech."""
    korean = english = 0
    for line in iter_lines(text):
        body = line.text
        if body[0] in "[" + QUOTE_CHARS:
            continue
        # A page that lost its line breaks holds narration, markers and the
        # English quotes on one line: only what stands outside them counts.
        body = _QUOTED_OR_BRACKETED.sub(" ", body)
        share = hangul_share(body)
        if share is None:
            continue
        letters = sum(ch.isalpha() for ch in body)
        if share >= 0.5:
            korean += letters
        else:
            english += letters
    if korean == english == 0:
        return "und"
    return "ko" if korean >= english * 0.5 else "en"


def segment(text: str, narration_lang: str | None = None) -> list[Segment]:
    """Cut ``text`` into segments (see the module docstring for the invariant)."""
    lang = narration_lang or narration_language(text)
    lines = _split_at_markers(text, iter_lines(text))
    polite_doc = _is_polite_document(lines)
    pieces: list[tuple[str, int, int]] = []
    first_content = True
    seen_marker = False
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = find_marker(line.text)
        if marker is not None:
            if marker.start > 0:
                pieces.append((_NARRATION_LINE, line.start, line.start + marker.start))
            m_start, m_end = line.start + marker.start, line.start + marker.end
            pieces.append(("marker", m_start, m_end))
            rest_start = _skip_space(text, m_end, line.end)
            if rest_start < line.end:
                q_end, tail_start = _quote_end_in_line(text, rest_start, line.end, lang)
                q_end = _continue_quote(text, lines, i, rest_start, q_end, lang)
                pieces.append(("quote", rest_start, q_end))
                if q_end > line.end:  # consumed following lines
                    while i + 1 < len(lines) and lines[i + 1].start < q_end:
                        i += 1
                elif tail_start is not None:
                    pieces.append((_NARRATION_LINE, tail_start, line.end))
            elif i + 1 < len(lines) and _starts_quote(lines[i + 1], lang):
                nxt = lines[i + 1]
                q_end = _continue_quote(text, lines, i + 1, nxt.start, nxt.end, lang)
                pieces.append(("quote", nxt.start, q_end))
                i += 1
                while i + 1 < len(lines) and lines[i + 1].start < q_end:
                    i += 1
            first_content = False
            seen_marker = True
            i += 1
            continue
        kind = _line_kind(line, lines, i, first_content, polite_doc, lang, seen_marker)
        # The next story's headline may follow a sign-off; page furniture
        # before a headline does not take its place.
        first_content = kind == "signoff" or (first_content and kind == "other")
        if kind == "narration":
            lead = _DATELINE.match(line.text)
            if lead and lead.end() < len(line.text):
                # [서울=연합뉴스] 정다은 기자 = …: the credit is the wire's, not a sentence of the story
                pieces.append(("other", line.start, line.start + len(lead.group().rstrip())))
            pieces.append((_NARRATION_LINE, line.start + (lead.end() if lead else 0), line.end))
        else:
            pieces.append((kind, line.start, line.end))
        i += 1
    pieces = _split_narration(text, pieces)
    return [
        Segment(id=f"s{n}", kind=kind, start=start, end=end, text=text[start:end], lang=detect_language(text[start:end]))
        for n, (kind, start, end) in enumerate(pieces, 1)
    ]


# A stretch of narration not yet cut into sentences (the kinds above are settled).
_NARRATION_LINE = "narration line"


def _split_narration(text: str, pieces: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Every narration stretch cut into sentences, the Korean ones in one
    pass of the Korean splitter over the whole transcript."""
    stretches = [(start, end) for kind, start, end in pieces if kind == _NARRATION_LINE]
    korean = [(start, end) for start, end in stretches if _takes_korean_splitter(text[start:end])]
    korean_spans = dict(zip(korean, split_korean_texts([text[start:end] for start, end in korean])))
    out: list[tuple[str, int, int]] = []
    for kind, start, end in pieces:
        if kind != _NARRATION_LINE:
            out.append((kind, start, end))
            continue
        body = text[start:end]
        spans = _merge_comma_splits(body, korean_spans[(start, end)]) if (start, end) in korean_spans \
            else split_english(body)
        out += _narration_pieces(body, start, spans)
    return out


def _takes_korean_splitter(body: str) -> bool:
    # Any sizable share of Hangul: an English splitter would read a Korean
    # sentence's end (다.) only by its stop and miss Kiwi's other cues.
    return (hangul_share(body) or 0.0) >= 0.3


def _split_at_markers(text: str, lines: Iterator[Line]) -> list[Line]:
    """Lines, with a line that holds several labelled markers cut before each
    marker after the first (a transcript whose line breaks were lost), so that
    every marker gets its own quote."""
    out: list[Line] = []
    for line in lines:
        starts = labelled_marker_starts(text, line.start, line.end)
        if len(starts) <= 1:
            out.append(line)
            continue
        cuts = [line.start] + starts[1:] + [line.end]
        for start, end in zip(cuts, cuts[1:]):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append(Line(start, end, text[start:end]))
    return out


@dataclass(frozen=True)
class StoryIndex:
    """THE answer to "which story is this in": archives concatenate
    transcripts, and a sign-off ends one, a headline starts the next.  Built
    once per transcript (:meth:`of`); every question is a bisection, so an
    archive of thousands of stories stays linear."""

    n_segments: int
    starts: tuple[int, ...]  # segment index where each story begins
    offsets: tuple[int, ...]  # ... and that segment's start offset in the text
    narration_at: tuple[int, ...]  # segment index of each narration sentence, in order
    narration_starts: tuple[int, ...]  # ... its start offset
    narration_ends: tuple[int, ...]  # ... its end offset

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> StoryIndex:
        starts = [0]
        for i, segment in enumerate(segments):
            if segment.kind == "signoff" and i + 1 < len(segments):
                starts.append(i + 1)
            elif segment.kind == "headline" and i > 0 and starts[-1] != i:
                starts.append(i)
        narration_at = tuple(i for i, s in enumerate(segments) if s.kind == "narration")
        return cls(len(segments), tuple(starts), tuple(segments[i].start for i in starts) if segments else (0,),
                   narration_at, tuple(segments[i].start for i in narration_at),
                   tuple(segments[i].end for i in narration_at))

    def bounds(self, index: int) -> tuple[int, int]:
        """The segment range [first, stop) of the story that holds segment ``index``."""
        story = bisect.bisect_right(self.starts, index) - 1
        return self.starts[story], self.starts[story + 1] if story + 1 < len(self.starts) else self.n_segments

    def story_at(self, offset: int) -> int:
        """The number of the story that holds character ``offset`` of the text."""
        return max(0, bisect.bisect_right(self.offsets, offset) - 1)

    def narration_bounds(self, index: int) -> tuple[int, int]:
        """The range [first, stop) of :attr:`narration_at` that lies in the
        story of segment ``index``."""
        story, story_end = self.bounds(index)
        return bisect.bisect_left(self.narration_at, story), bisect.bisect_left(self.narration_at, story_end)

    def narration_window(self, index: int, reach: int) -> list[int]:
        """Segment indices of the story's narration sentences, at most
        ``reach`` each side of segment ``index``."""
        first, last = self.narration_bounds(index)
        here = bisect.bisect_right(self.narration_at, index)
        return list(self.narration_at[max(first, here - reach) : min(last, here + reach)])

    def nearby_narration(self, index: int, reach: int) -> list[int]:
        """Segment indices of the narration sentences right after, then right
        before, segment ``index`` (not bound to its story)."""
        here = bisect.bisect_right(self.narration_at, index)
        after = self.narration_at[here : here + reach]
        before = self.narration_at[max(0, here - reach) : here][::-1]
        return list(after + before)


def _is_polite_document(lines: list[Line]) -> bool:
    polite = sum(bool(_POLITE_FORM_END.search(line.text)) for line in lines)
    plain = sum(bool(_PLAIN_FORM_END.search(line.text)) for line in lines)
    return polite >= 2 and polite >= 2 * plain


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSE_QUOTES + OPEN_QUOTES + ")] ")
    return bool(stripped) and stripped[-1] in _FINAL_PUNCT


def _line_kind(
    line: Line, lines: list[Line], index: int, first: bool, polite_doc: bool, lang: str, after_marker: bool
) -> str:
    body = line.text
    letters = sum(ch.isalpha() for ch in body)
    if letters < 2:
        return "other"  # stray fragments such as a last line "– ."
    if is_production_cue(body):
        return "other"  # [사진: …], [음악]: no one speaks
    if is_web_furniture(body):
        return "other"  # [ad_2], 관련 기사, Copyright, share buttons: the page, not the story
    if _SIGNOFF.match(body):
        return "signoff"
    if first and (" | " in body or (not _ends_sentence(body) and len(body) <= 150)):
        return "headline"
    if _CAPTION_END.search(body) and len(body) <= 200:
        return "other"
    if body.startswith(("•", "·", "▶", "■", "©")) and len(body) <= _SHORT_LABEL:
        return "other"
    if polite_doc and lang == "ko" and len(body) <= 200 and is_korean(body) and (
        _PLAIN_FORM_END.search(body) or _NOUN_PHRASE_END.search(body)
    ):
        return "other"  # a photo caption (plain form or a noun phrase) among 합니다체 narration
    if (
        not after_marker
        and not _ends_sentence(body)
        and len(body) <= _SHORT_LABEL
        and not _continues_sentence(lines, index)
    ):
        return "other"  # a name label under a photo, a byline (they sit above the story)
    return "narration"


@lru_cache(maxsize=1)
def _furniture_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in words("web_furniture.txt")), re.IGNORECASE)


# A wire dateline and byline opening a story's first paragraph: [서울=연합뉴스]
# 정다은 기자 = …, (워싱턴=뉴스1) …, WASHINGTON (AP) — …
_DATELINE = re.compile(r"(?:[\[(][^\])\n=]{1,20}=[^\])\n]{1,30}[\])]\s*(?:[가-힣]{2,4}\s?(?:기자|특파원)\s?=\s*)?"
                       r"|[A-Z][A-Z .,]{2,40}\([A-Za-z ]{2,20}\)\s*[—–-]{1,2}\s*)")
_BULLET = re.compile(r"^[-•·▶■◆▲]\s")


def is_web_furniture(line: str) -> bool:
    """Whether a line is a scraped page's furniture (data/web_furniture.txt,
    data/share_widgets.txt), or a bulleted headline of a related-articles box."""
    body = line.strip()
    if _furniture_patterns().fullmatch(body):
        return True
    tokens = re.findall(r"[^\s|/·]+", body.lower())
    if tokens and all(t in word_set("share_widgets.txt") or t.isdigit() for t in tokens):
        return True
    return bool(_BULLET.match(body)) and not _ends_sentence(body) and len(body) <= 2 * _SHORT_LABEL


def _continues_sentence(lines: list[Line], index: int) -> bool:
    # A hard-wrapped sentence ("…유엔 주재" / "미국대사는 말했습니다.") is narration.
    return index + 1 < len(lines) and not lines[index + 1].text.startswith("[") and \
        not _ends_sentence(lines[index].text) and lines[index + 1].text[:1].islower()


def _narration_pieces(body: str, start: int, spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """The sentences ``spans`` of a narration stretch ``body`` (which begins
    at ``start``), each given its kind."""
    pieces = []
    for a, b in spans:
        sentence = body[a:b]
        if _SIGNOFF.match(sentence):
            kind = "signoff"
        elif _REPORTER_INTRO.match(sentence) or (is_production_cue(sentence) and sentence.endswith("]")):
            kind = "other"
        elif sum(ch.isalpha() for ch in sentence) < 2:
            kind = "other"
        else:
            kind = "narration"
        pieces.append((kind, start + a, start + b))
    return pieces


def _merge_comma_splits(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # Kiwi sometimes ends a "sentence" at a connective followed by a comma
    # ("…접근법이라며,"); a comma never ends a sentence in news copy.
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and body[merged[-1][1] - 1] == ",":
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _starts_quote(line: Line, narration_lang: str) -> bool:
    if find_marker(line.text) is not None or _SIGNOFF.match(line.text):
        return False
    if line.text[0] in QUOTE_CHARS:
        return True
    line_lang = detect_language(line.text)
    return narration_lang in ("ko", "en") and line_lang in ("ko", "en") and line_lang != narration_lang


def _quote_end_in_line(text: str, start: int, end: int, narration_lang: str) -> tuple[int, int | None]:
    """Where the quote after a marker ends on its line, and where narration
    resumes on the same line (None when the quote runs to the line's end)."""
    body = text[start : min(end, start + _QUOTE_SCAN)]
    if body[0] not in QUOTE_CHARS:
        return end, None
    # The first mark that can close this quote (” or " for “, ’ for ‘ …; an
    # inner ‘no’ does not end a “…” quote) and is followed by narration text.
    closers = QUOTE_CLOSERS.get(body[0], "”\"’")
    for match in re.finditer("[" + re.escape(closers) + "]", body[1:]):
        close = 1 + match.end()
        tail = body[close:].strip()
        if len(tail) >= 10 and detect_language(tail) == narration_lang != detect_language(body[:close]):
            return start + close, _skip_space(text, start + close, end)
    return end, None


def _continue_quote(text: str, lines: list[Line], index: int, q_start: int, q_end: int, narration_lang: str) -> int:
    """A quote whose opening mark is not closed on its line may go on over the
    next lines while they are in the quote's language, not the narration's."""
    opening = text[q_start]
    if opening not in OPEN_QUOTES or any(c in text[q_start + 1 : q_end] for c in "”\""):
        return q_end
    quote_lang = detect_language(text[q_start:q_end])
    if quote_lang == narration_lang:
        return q_end
    end = q_end
    j = index + 1
    while j < min(len(lines), index + 1 + _QUOTE_LINES):
        nxt = lines[j]
        if find_marker(nxt.text) or detect_language(nxt.text) != quote_lang or _SIGNOFF.match(nxt.text):
            break
        end = nxt.end
        if any(c in nxt.text for c in "”\""):
            return end
        j += 1
    # No closing mark anywhere: only the first line is safely the quote.
    return q_end
