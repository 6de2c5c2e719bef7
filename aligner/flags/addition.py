"""addition: rendering content attributed to the speaker that the quote does
not support.

It happens where the transcript clips the soundbite (``...``, ``..``, ``…``)
and the narration reports the whole of it: the reader cannot check the rest
against the speaker's words.  So only clipped quotes are read, and never
script cues (ALL-CAPS first lines, ``[ACT …]`` markers), which by their format
show a first line only.  Lines that only give the setting (*…에서 이같이
말했습니다*) report no content.

Two kinds of evidence, per rendering sentence:

* a clause of the sentence that matches nothing in the quote while another
  clause carries it (MT English: under a third of its content words in the
  quote and no window at ``same_language_paraphrase``; Korean: best window
  cosine under ``cross_unsupported``): that clause is the addition;
* a Korean sentence that reports far more than the clip holds: at least
  ``length_ratio`` content eojeols (framing words left out) per content
  word of the clip.  Embeddings cannot tell which eojeols the clip covers
  (they pick the added words as often as the rendered ones), so the span is
  the sentence's reported content.  On the corpus and samples, renderings of
  full quotes stay under 2.0 eojeols per quote content word unless they
  quote other material; renderings that complete a clip reach 2.0-3.3.

All additions to one quote make one flag, a span per sentence.  A warning
needs a sentence surely linked to the quote (score ``warning_link``) that
gives its content as the speaker's (:func:`_speaks_for`); otherwise the same
spans are a note.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..attribution import (is_clipped, is_cue, is_korean_reporting_verb, is_setting_line, is_topic_clause,
                           korean_content_eojeols, speaker_words)
from ..language import CLOSE_QUOTES, is_korean
from ..phrases import (Phrase, PhraseSettings, best_matches, content_words, core_text, english_phrases, korean_phrases,
                       lexical_overlap, word_windows)
from ..report import Flag, FlagSpan, Quote, Rendering, Report, Severity
from . import Detector
from ..textutil import shorten

if TYPE_CHECKING:
    from ..model import Embedder

_LEADING_GLUE = ("and that ", "and ", "that ", "but ", "while ")


@dataclass(frozen=True)
class AdditionSettings:
    same_language_overlap: float = 0.34
    same_language_paraphrase: float = 0.55
    # Korean clause against the clip's 1-8-word windows: clauses that render
    # the clip reach 0.37-0.66 on the corpus, samples and tests, added ones
    # 0.15-0.33.
    cross_unsupported: float = 0.35
    min_clause_content: int = 3
    length_ratio: float = 2.0
    # Between this and length_ratio a sentence may complete the clip or just
    # be wordy (a few full-quote renderings reach 1.6-1.9): only a note.
    length_ratio_note: float = 1.5
    # Content beyond the clip is the speaker's only where the sentence surely
    # renders this quote; a looser link is as likely another part of the
    # briefing reported in its own words, which is ordinary news writing: a
    # note.  Chosen on the tune split (rendering score of flagged sentences:
    # right 0.95-0.97, wrong 0.56-0.81 and one 0.93; 0.80 would add one right
    # and one wrong).
    warning_link: float = 0.85


def detect(report: Report, *, embedder: Embedder | None = None, settings: AdditionSettings = AdditionSettings(),
           phrases: PhraseSettings = PhraseSettings(), **_: object) -> list[Flag]:
    if embedder is None:
        return []
    flags = []
    for quote in report.quotes:
        if quote.quote is None or not quote.renderings or is_cue(quote) or not is_clipped(quote.quote.text):
            continue
        found: dict[Severity, list[FlagSpan]] = {Severity.WARNING: [], Severity.INFO: []}
        for rendering in quote.renderings:
            if is_setting_line(rendering.text):
                continue
            sure = rendering.score >= settings.warning_link and _speaks_for(report, quote, rendering)
            for severity, span in _additions(report, quote, rendering, embedder, settings, phrases):
                if not sure:
                    severity = Severity.INFO  # the sentence may report another part of the briefing
                found[severity].append(span)
        flags += [_flag(quote, spans, severity) for severity, spans in found.items() if spans]
    return flags


def _speaks_for(report: Report, quote: Quote, rendering: Rendering) -> bool:
    """Whether the sentence gives its content as this speaker's: it names
    them (surname as the marker or the narration writes it), or it is the
    first narration sentence after the quote, which goes on with it.  A lead
    that attributes the news to a body (미국 농무부가 …) does neither."""
    assert quote.quote is not None  # checked by detect
    names = {w for w in ((quote.marker.speaker or "").split()[-1:] +
                         [m.text.split()[-1] for m in quote.speaker.mentions]) if len(w) >= 2}
    if any(name in rendering.text for name in names):
        return True
    following = next((s for s in report.segments if s.start >= quote.quote.end and s.kind in ("narration", "marker")),
                     None)
    return following is not None and following.start == rendering.start


def _additions(report: Report, quote: Quote, rendering: Rendering, embedder: Embedder,
               settings: AdditionSettings, phrases: PhraseSettings) -> list[tuple[Severity, FlagSpan]]:
    assert quote.quote is not None  # checked by detect
    text = report.text
    clip = quote.quote.text.rstrip(".… ")
    korean = is_korean(rendering.text)
    clauses = (korean_phrases if korean else english_phrases)(text, rendering.start, rendering.end, phrases)
    names = speaker_words(quote)
    supported = [_supported(text, clause, quote, embedder, names, settings) for clause in clauses]
    if any(supported) and not all(supported):
        spans: list[FlagSpan] = []
        previous_unsupported = False
        for clause, ok in zip(clauses, supported):
            if ok and previous_unsupported and spans and _predicate_tail(text, clause, names, settings):
                tail = _content_span(text, clause, names)  # 깨닫게 | 될 것이라고: the same predicate
                spans[-1] = FlagSpan(spans[-1].start, tail.end, text[spans[-1].start:tail.end], "narration")
                continue
            if not ok:
                span = _content_span(text, clause, names)
                if previous_unsupported and spans:  # consecutive added clauses make one span
                    span = FlagSpan(spans[-1].start, span.end, text[spans[-1].start:span.end], "narration")
                    spans.pop()
                spans.append(span)
            previous_unsupported = not ok
        return [(Severity.WARNING, span) for span in spans]
    if korean and not is_korean(clip):
        reported = [c for c in clauses if not is_topic_clause(c.text)]
        content = [(c.start + a, c.start + b) for c in reported for a, b in korean_content_eojeols(c.text, names)]
        ratio = len(content) / max(1, len(content_words(clip)))
        if content and ratio >= settings.length_ratio_note:
            start, end = content[0][0], content[-1][1]
            return [(Severity.WARNING if ratio >= settings.length_ratio else Severity.INFO,
                     FlagSpan(start, end, text[start:end], "narration"))]
    return []


def _supported(text: str, clause: Phrase, quote: Quote, embedder: Embedder, names: set[str],
               settings: AdditionSettings) -> bool:
    """Whether the quote carries this clause (framing-only clauses count as carried)."""
    assert quote.quote is not None  # checked by detect
    if _content_size(text, clause, names) < settings.min_clause_content or is_topic_clause(clause.text) \
            or _english_apposition(clause.text, names):
        return True
    span = quote.quote
    if is_korean(clause.text) == is_korean(span.text):
        words = [w for w in content_words(clause.text) if w not in {n.lower() for n in names}]
        if lexical_overlap(" ".join(words), span.text) >= settings.same_language_overlap:
            return True
        size = len(clause.text.split())
        windows = word_windows(text, span.start, span.end, max(1, size - 3), size + 3)
        return best_matches(embedder, [core_text(clause.text)], windows)[0][0] >= settings.same_language_paraphrase
    windows = word_windows(text, span.start, span.end, 1, 8)
    return best_matches(embedder, [_probe(clause, names)], windows)[0][0] >= settings.cross_unsupported


def _english_apposition(clause: str, names: set[str]) -> bool:
    """*Diane Westbrook, chair of the House subcommittee …*: the clause says
    who speaks, not what."""
    head, comma, _ = clause.partition(",")
    words = head.split()
    return bool(comma) and bool(words) and all(word in names for word in words)


def _predicate_tail(text: str, clause: Phrase, names: set[str], settings: AdditionSettings) -> bool:
    """Whether a clause too short to judge finishes the predicate of the one
    before it (the splitter cuts *깨닫게 | 될 것이라고*): no quotation mark
    closes in it and it has no reporting verb, so it is still the reported
    content, and the added span runs through it."""
    if not is_korean(clause.text) or any(mark in clause.text for mark in CLOSE_QUOTES):
        return False
    if _content_size(text, clause, names) >= settings.min_clause_content:
        return False
    return not any(is_korean_reporting_verb(word) for word in clause.text.split())


def _probe(clause: Phrase, names: set[str]) -> str:
    """What of a Korean clause is compared with the quote: its content
    eojeols, without the speaker, the setting and the reporting verb, whose
    words the quote never has and which pull the cosine down."""
    content = korean_content_eojeols(clause.text, names)
    return " ".join(clause.text[a:b] for a, b in content) if content else core_text(clause.text)


def _content_size(text: str, clause: Phrase, names: set[str]) -> int:
    if is_korean(clause.text):
        return len(korean_content_eojeols(clause.text, names))
    lowered = {n.lower() for n in names}
    return len([w for w in content_words(clause.text) if w not in lowered and not _reporting(w)])


def _reporting(word: str) -> bool:
    return word in {"said", "added", "stressed", "emphasized", "noted", "argued", "explained", "told", "warned",
                    "pointed", "urged", "announced", "also", "ambassador", "spokesman", "minister", "secretary"}


def _content_span(text: str, clause: Phrase, names: set[str]) -> FlagSpan:
    """The clause without its framing (*and that …*, the speaker's name)."""
    if is_korean(clause.text):
        content = korean_content_eojeols(clause.text, names)
        if content:
            start, end = clause.start + content[0][0], clause.start + content[-1][1]
            return FlagSpan(start, end, text[start:end], "narration")
        return FlagSpan(clause.start, clause.end, clause.text, "narration")
    start = clause.start
    lowered = text[start:clause.end].lower()
    for glue in _LEADING_GLUE:
        if lowered.startswith(glue):
            start += len(glue)
            break
    return FlagSpan(start, clause.end, text[start:clause.end], "narration")


def _flag(quote: Quote, spans: list[FlagSpan], severity: Severity) -> Flag:
    shown = "; ".join(f"'{shorten(s.text, 60)}'" for s in spans)
    claim = "attributes more to the speaker than it shows" if severity == Severity.WARNING else \
        "may attribute more to the speaker than it shows"
    return Flag(
        id="", kind="addition", severity=severity,
        message=f"The quote is clipped, but the narration {claim}: {shown}.",
        quote=quote.id, spans=tuple(spans),
    )



DETECTOR = Detector("addition", ("addition",), needs_embedder=True, settings=AdditionSettings, detect=detect)
