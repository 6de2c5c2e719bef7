"""misquote: the narration puts in quotation marks, as the speaker's words, a
phrase whose meaning the quote does not carry.

Machine translation makes the worst of these: the Korean narration quoted its
own word for the speaker's term, and the MT turns that word into English
(*'human waste'* where the speaker said *"Riff-Raff"*).  A quoted phrase is
checked against the quote it renders and against any quote that shares the
rendering sentence (a sentence may quote two soundbites):

* English words against an English quote: their content words must be in
  the quote (up to inflection), or the embedding must find a near-synonym
  window (MT paraphrases *fund* as *finance*).
* Korean words against an English quote: only the embedding can compare
  them.  Faithful short terms reach 0.51-0.84 with their best quote window,
  wrong ones 0.30-0.49 (measured on hand-made term pairs and the samples), so
  below ``cross_misquote`` is a warning and the band up to
  ``cross_doubt`` only a note.

Cue quotes (ALL CAPS, ``[ACT …]``) show a first line only, and a quoted
question the reporter asked is not the speaker's: neither is checked.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..attribution import QuotedPhrase, is_clipped, is_cue, quoted_phrases, speaks_for_someone_else
from ..glossary import Glossary, load_glossary
from ..language import is_korean
from ..phrases import (Phrase, PhraseSettings, best_matches, content_words, lexical_overlap, same_word, split_phrases,
                       word_windows)
from ..report import Flag, FlagSpan, Quote, Rendering, Report, Severity
from ..worddiff import Token, tokenize
from . import Detector

if TYPE_CHECKING:
    from ..model import Embedder



@dataclass(frozen=True)
class MisquoteSettings:
    # A misquote puts a term in the speaker's mouth.  A longer quoted passage,
    # or a whole quoted statement, that matches nothing in the quote is, on
    # held-out news text (tools/measure_semantic_parallel.py), nearly always
    # other speech the transcript did not include: an addition, not a wrong word.
    max_term_words: int = 5
    # Same language: share of the phrase's content words the quote contains.
    lexical_carried: float = 0.67
    # Same language: embedding cosine of the phrase with its best quote window
    # that counts as a paraphrase (short MT terms: "illegal"/"unlawful" 0.8+).
    same_language_paraphrase: float = 0.72
    cross_misquote: float = 0.40  # across languages: under this, a warning
    cross_doubt: float = 0.50  # ... and up to this, a note
    # How far after the anchor word the speaker's own term is looked for first.
    counterpart_reach: int = 8
    # Across languages, the clause a quoted term stands for is named only when
    # the term matches it this much better than any other clause.
    clause_margin: float = 0.03



def detect(report: Report, *, embedder: Embedder | None = None, glossary: Glossary | None = None,
           settings: MisquoteSettings = MisquoteSettings(), phrases: PhraseSettings = PhraseSettings(),
           **_: object) -> list[Flag]:
    if embedder is None:
        return []
    glossary = glossary or load_glossary()
    flags: list[Flag] = []
    rendered_by = _quotes_by_rendering(report)
    for index, quote in enumerate(report.quotes):
        if quote.quote is None or not quote.renderings or is_cue(quote):
            continue
        for rendering in quote.renderings:
            if speaks_for_someone_else(rendering.text, quote, glossary):
                continue  # the quoted words are another person's (앞서 김 부상은 ‘…’라고 비난했다)
            for phrase in quoted_phrases(report.text, rendering):
                if not phrase.attributed or len(phrase.text.split()) > settings.max_term_words or _is_clause(phrase.text):
                    continue
                if not content_words(phrase.text) and not is_korean(phrase.text):
                    continue
                sources = _sources(report, index, rendering, rendered_by)
                verdict = _check(report.text, phrase, sources, embedder, settings)
                if verdict is None:
                    continue
                if is_clipped(quote.quote.text):
                    verdict = Severity.INFO  # the words may come from the part of the soundbite cut off
                flags.append(_flag(report, quote, phrase, verdict, embedder, settings, phrases))
    return flags


_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could|must|should|shall)\b", re.IGNORECASE)


def _is_clause(words: str) -> bool:
    """A quoted statement (…합의했다, "talks will resume"), not a term."""
    if is_korean(words):
        from ..sentences import kiwi

        tokens = [t for t in kiwi().tokenize(words) if not t.tag.startswith("S")]
        return bool(tokens) and tokens[-1].tag == "EF"
    return bool(_FINITE.search(words))


def _quotes_by_rendering(report: Report) -> dict[int, list[Quote]]:
    """Each rendering sentence's start → the quotes it renders, built once so
    the cost follows the renderings, not their number times the quotes'."""
    by_start: dict[int, list[Quote]] = {}
    for quote in report.quotes:
        if quote.quote is not None:
            for start in dict.fromkeys(r.start for r in quote.renderings):
                by_start.setdefault(start, []).append(quote)
    return by_start


def _sources(report: Report, index: int, rendering: Rendering, rendered_by: dict[int, list[Quote]]) -> list[Quote]:
    """The quote and any other quote whose renderings include this sentence."""
    own = report.quotes[index]
    return [own, *(q for q in rendered_by.get(rendering.start, ()) if q is not own)]


def _check(text: str, phrase: QuotedPhrase, sources: list[Quote], embedder: Embedder,
           settings: MisquoteSettings) -> Severity | None:
    """None when some source quote carries the phrase, otherwise the severity."""
    korean = is_korean(phrase.text)
    best_cosine = -1.0
    for quote in sources:
        span = quote.quote
        assert span is not None  # only quotes with words have renderings
        if not korean and not is_korean(span.text):
            if lexical_overlap(phrase.text, span.text) >= settings.lexical_carried:
                return None
        size = len(phrase.text.split())
        windows = word_windows(text, span.start, span.end, max(1, size - 1), size + 4)
        (cosine, _), = best_matches(embedder, [phrase.text], windows)
        if quote is sources[0]:
            best_cosine = cosine
        if korean != is_korean(span.text):
            if cosine >= settings.cross_doubt:
                return None
        elif cosine >= settings.same_language_paraphrase:
            return None
    own = sources[0].quote
    assert own is not None  # checked by detect
    if korean != is_korean(own.text):
        return Severity.WARNING if best_cosine < settings.cross_misquote else Severity.INFO
    return Severity.ERROR


def _flag(report: Report, quote: Quote, phrase: QuotedPhrase, severity: Severity, embedder: Embedder,
          settings: MisquoteSettings,
          phrases: PhraseSettings) -> Flag:
    counterpart = (_counterpart(report, quote, phrase, settings)
                   or _clause_of(report, quote, phrase, embedder, settings, phrases))
    spans = [FlagSpan(phrase.start, phrase.end, phrase.text, "narration")]
    if counterpart is not None:
        spans.append(FlagSpan(counterpart.start, counterpart.end, counterpart.text, "quote"))
    certain = severity != Severity.INFO
    message = (f"The narration quotes '{phrase.text}' as the speaker's words, but the quote does not say this."
               if certain else
               f"The narration quotes '{phrase.text}' as the speaker's words; the quote may not carry this meaning.")
    return Flag(id="", kind="misquote", severity=severity, message=message, quote=quote.id, spans=tuple(spans),
                suggestion=counterpart.text if counterpart is not None and
                is_korean(counterpart.text) == is_korean(phrase.text) else None)


def _counterpart(report: Report, quote: Quote, phrase: QuotedPhrase, settings: MisquoteSettings) -> Phrase | None:
    """The quote words the quoted phrase stands in for, in the same language.

    The phrase is anchored at the last content word before it that the quote
    also has (*defectors such as 'human waste'* → *defectors*); the speaker's
    term is the nearest run of quote content words the rendering does not
    have, looked for first just after the anchor (the reporter kept the
    order), then before it."""
    assert quote.quote is not None  # checked by detect
    if is_korean(phrase.text) != is_korean(quote.quote.text):
        return None
    rendering = next(r for r in quote.renderings if r.start <= phrase.start < r.end)
    span = quote.quote
    quote_tokens = tokenize(span.text, span.start)
    rendering_words = [t for t in tokenize(rendering.text, rendering.start) if t.end <= phrase.start - 1
                       or t.start >= phrase.end + 1]
    rendered = {w for t in rendering_words for w in content_words(t.text)}

    def carried(token: Token) -> bool:
        return any(same_word(w, v) for w in content_words(token.text) for v in rendered)

    before_phrase = [w for t in rendering_words if t.end <= phrase.start for w in content_words(t.text)]
    anchor = None
    for word in reversed(before_phrase):
        anchor = next((k for k, t in enumerate(quote_tokens)
                       if any(same_word(word, w) for w in content_words(t.text))), None)
        if anchor is not None:
            break
    gaps = _unmatched_runs(quote_tokens, carried)
    if not gaps:
        return None
    if anchor is None:
        chosen = gaps[0]
    else:
        after = [g for g in gaps if anchor < g[0] <= anchor + settings.counterpart_reach]
        before = [g for g in gaps if g[1] <= anchor]
        chosen = after[0] if after else (before[-1] if before else gaps[0])
    first, last = quote_tokens[chosen[0]], quote_tokens[chosen[1] - 1]
    return Phrase(first.start, last.end, report.text[first.start:last.end])


def _unmatched_runs(tokens: Sequence[Token], carried: Callable[[Token], bool]) -> list[tuple[int, int]]:
    """(first, end) index ranges of runs of quote tokens whose content words
    the rendering lacks, trimmed to content words, cut at sentence ends."""
    runs: list[tuple[int, int]] = []
    current: list[int] = []
    for k, token in enumerate(tokens):
        words = content_words(token.text)
        if token.text in ".!?" or (words and carried(token)):
            if current:
                runs.append((current[0], current[-1] + 1))
            current = []
        elif words:
            current.append(k)
    if current:
        runs.append((current[0], current[-1] + 1))
    return runs


def _clause_of(report: Report, quote: Quote, phrase: QuotedPhrase, embedder: Embedder, settings: MisquoteSettings,
               phrases: PhraseSettings) -> Phrase | None:
    """Across languages: the quote clause whose words the quoted term
    resembles most, when it clearly stands out; a wrong term often resembles
    nothing, and then no clause is named rather than a guess."""
    assert quote.quote is not None  # checked by detect
    text = report.text
    clauses = split_phrases(text, quote.quote.start, quote.quote.end, phrases)
    if len(clauses) <= 1:
        return clauses[0] if clauses else None
    size = len(phrase.text.split())
    scores = [best_matches(embedder, [phrase.text], word_windows(text, c.start, c.end, max(1, size - 1), size + 4))[0][0]
              for c in clauses]
    ranked = sorted(range(len(clauses)), key=lambda k: -scores[k])
    if scores[ranked[0]] - scores[ranked[1]] < settings.clause_margin:
        return None
    return clauses[ranked[0]]


DETECTOR = Detector("misquote", ("misquote",), needs_embedder=True, settings=MisquoteSettings, detect=detect)
