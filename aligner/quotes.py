"""Stage 2a: markers linked to their quotes.

Segmentation already decided which text is a marker and which a quote; here
each marker segment becomes a :class:`~aligner.report.Marker` with its parts,
and is linked to the quote segment that follows it (or to none).  The quote
span excludes the outer quotation marks, which are typography, not words.
"""
from __future__ import annotations

from dataclasses import dataclass

from .glossary import Glossary
from .language import QUOTE_CHARS
from .markers import find_marker, split_speaker
from .report import Marker, Span
from .segments import Segment


@dataclass(frozen=True)
class QuoteLink:
    marker: Marker
    marker_segment: Segment
    quote_segment: Segment | None
    quote: Span | None  # inner text, without the outer quotation marks


def link_quotes(segments: list[Segment], glossary: Glossary) -> list[QuoteLink]:
    links = []
    for index, segment in enumerate(segments):
        if segment.kind != "marker":
            continue
        nxt = segments[index + 1] if index + 1 < len(segments) else None
        quote_segment = nxt if nxt is not None and nxt.kind == "quote" else None
        links.append(QuoteLink(
            marker=parse_marker(segment, glossary),
            marker_segment=segment,
            quote_segment=quote_segment,
            quote=inner_quote(quote_segment) if quote_segment else None,
        ))
    return links


def parse_marker(segment: Segment, glossary: Glossary) -> Marker:
    match = find_marker(segment.text)
    if match is None:  # cannot happen for segments cut by find_marker; keep the text honest anyway
        return Marker(segment.start, segment.end, segment.text, None, None, None, False)
    parts = match.parts
    if parts.label and parts.label.upper().startswith("ACT"):
        name, title = None, None
    else:
        name, title = split_speaker(parts.speaker, glossary, closed=parts.closed)
    well_formed = parts.closed and bool(name or title or parts.label)
    return Marker(segment.start, segment.end, segment.text, name, title, parts.note, well_formed, parts.label)


def inner_quote(segment: Segment) -> Span | None:
    """The quote's words: the segment without outer quotation marks and space."""
    text = segment.text
    start, end = 0, len(text)
    while start < end and (text[start] in QUOTE_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_CHARS or text[end - 1].isspace()):
        end -= 1
    if start >= end:
        return None
    return Span(segment.start + start, segment.start + end, text[start:end])
