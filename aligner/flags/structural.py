"""Structural gaps found while segmenting and linking: malformed markers,
markers with no quote, quotes nothing renders, speakers the narration never names."""
from __future__ import annotations

from dataclasses import dataclass

from ..attribution import cut_off_at_the_end
from ..report import Flag, FlagSpan, Report, Severity
from . import Detector


@dataclass(frozen=True)
class StructuralSettings:
    # An unrendered quote whose nearest sentence reached this probability is
    # only a note.  Little evidence so far: on the tune split and the samples
    # the one unrendered quote came to 0.45 and the gold gives it a rendering;
    # 0.30 is halfway between that and a quote no sentence resembles.
    unrendered_near_miss: float = 0.30


def detect(report: Report, *, settings: StructuralSettings = StructuralSettings(), **_: object) -> list[Flag]:
    flags: list[Flag] = []
    text_end = len(report.text.rstrip())
    for quote in report.quotes:
        marker = quote.marker
        marker_span = FlagSpan(marker.start, marker.end, marker.text, "marker")
        cut_off = marker.end >= text_end  # the file ends inside the marker
        if not marker.well_formed:
            evidence = marker_span
            if quote.quote is not None and quote.quote.start > marker.end:
                glued_end = min(quote.quote.start, marker.end + 1)
                evidence = FlagSpan(marker.start, glued_end, report.text[marker.start:glued_end], "marker")
            flags.append(Flag(
                id="", kind="malformed_marker", severity=Severity.INFO if cut_off else Severity.WARNING,
                message=("The transcript ends inside this marker." if cut_off
                         else "This marker is damaged: its closing bracket is missing."),
                quote=quote.id, spans=(evidence,),
                suggestion=None if cut_off else f"{marker.text.rstrip()}]",
            ))
        if quote.quote is None and not cut_off:
            flags.append(Flag(
                id="", kind="missing_quote", severity=Severity.ERROR,
                message="This marker introduces a recording but no quote follows it, so its rendering cannot be checked.",
                quote=quote.id, spans=(marker_span,),
            ))
        if quote.quote is not None and not quote.renderings and \
                not cut_off_at_the_end(report.text, quote, text_end):  # the cut took what would render it
            # A sentence that came near the threshold may well render it: say less.
            near = quote.nearest >= settings.unrendered_near_miss
            flags.append(Flag(
                id="", kind="unrendered_quote", severity=Severity.INFO if near else Severity.WARNING,
                message="No narration sentence clearly renders this quote." if near else
                        "No narration sentence renders this quote.",
                quote=quote.id, spans=(FlagSpan(quote.quote.start, quote.quote.end, quote.quote.text, "quote"),),
            ))
        if marker.speaker and quote.speaker.name is None:
            full_name = len(marker.speaker.split()) >= 2
            flags.append(Flag(
                id="", kind="unresolved_speaker", severity=Severity.INFO if full_name else Severity.WARNING,
                message=f"The narration never names the marker's speaker '{marker.speaker}'.",
                quote=quote.id, spans=(marker_span,),
            ))
    return flags


DETECTOR = Detector("structural", ("malformed_marker", "missing_quote", "unrendered_quote", "unresolved_speaker"),
                    needs_embedder=False, settings=StructuralSettings, detect=detect)
