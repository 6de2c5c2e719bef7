"""The finished report: small frozen dataclasses, and their JSON form.

This is the ``aligner.report/1`` contract of ``spec/report.md``.  Renderers
read only these objects; nothing here computes alignments.
"""
from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .segments import Segment

SCHEMA = "aligner.report/1"
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class LineIndex:
    """Offsets → 1-based (line, column), the way compilers and editors count:
    the column counts characters (code points) from the start of the line."""

    def __init__(self, text: str):
        starts = [0]
        position = text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self._starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    text: str
    speaker: str | None
    title: str | None
    note: str | None
    well_formed: bool
    label: str | None = None  # 녹취, 텍스트, ACT 1… (None for a bare speaker label)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "speaker": self.speaker,
                "title": self.title, "note": self.note, "well_formed": self.well_formed, "label": self.label}


@dataclass(frozen=True)
class Speaker:
    name: str | None  # as the narration writes it
    title: str | None
    mentions: tuple[Span, ...]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "mentions": [m.to_dict() for m in self.mentions],
                "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class Rendering:
    start: int
    end: int
    text: str
    position: str  # "before" | "after"
    score: float  # modelled probability that this sentence renders the quote
    segment: str = ""  # id of the narration segment
    similarity: float = 0.0  # embedding cosine to the quote (best piece)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "position": self.position,
                "score": round(self.score, 3), "segment": self.segment, "similarity": round(self.similarity, 3)}


@dataclass(frozen=True)
class Quote:
    id: str
    marker: Marker
    quote: Span | None
    speaker: Speaker
    renderings: tuple[Rendering, ...]
    # the highest rendering probability any narration sentence reached, linked
    # or not: an unrendered quote that came near is weak evidence of a gap
    nearest: float = 0.0

    @property
    def linked(self) -> bool:
        return self.quote is not None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "marker": self.marker.to_dict(),
                "quote": self.quote.to_dict() if self.quote else None,
                "speaker": self.speaker.to_dict(), "renderings": [r.to_dict() for r in self.renderings]}


@dataclass(frozen=True)
class FlagSpan:
    start: int
    end: int
    text: str
    side: str  # "narration" | "quote" | "marker"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "side": self.side}


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str
    severity: str
    message: str
    quote: str | None
    spans: tuple[FlagSpan, ...]
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "severity": self.severity,
                               "message": self.message, "quote": self.quote,
                               "spans": [s.to_dict() for s in self.spans]}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


@dataclass(frozen=True)
class SourceInfo:
    path: str
    sha256: str
    encoding: str
    narration_lang: str
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "encoding": self.encoding,
                "narration_lang": self.narration_lang, "chars": self.chars}


@dataclass(frozen=True)
class RunSignature:
    """What made this report: sacrebleu-style, so two reports can be compared."""

    version: str
    model: str
    settings: tuple[tuple[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "model": self.model,
                "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in self.settings}}

    def digest(self) -> str:
        """A short fingerprint of every setting: equal digests, equal settings."""
        blob = json.dumps(self.to_dict()["settings"], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:10]

    def short(self) -> str:
        """One line for people: version, model, a glossary if one was given,
        and the settings' digest (the JSON report holds every value)."""
        parts = [f"aligner {self.version}", f"model={self.model}"]
        parts += [f"{k}={v}" for k, v in self.settings if k == "glossary" and v]
        parts.append(f"settings={self.digest()}")
        return " | ".join(parts)


@dataclass(frozen=True)
class Report:
    source: SourceInfo
    run: RunSignature
    segments: tuple[Segment, ...]
    quotes: tuple[Quote, ...]
    flags: tuple[Flag, ...]
    notes: tuple[str, ...] = field(default=())
    text: str = field(default="", repr=False, compare=False)  # the decoded source, for renderers
    review: Any = field(default=None, repr=False, compare=False)  # aligner.review.ReviewState, when one applies

    @property
    def summary(self) -> dict[str, Any]:
        counts = {severity: 0 for severity in SEVERITIES}
        for flag in self.flags:
            counts[flag.severity] += 1
        unresolved = sum(q.speaker.name is None and q.marker.speaker is not None for q in self.quotes)
        decided = len(self.review.settled) if self.review is not None else 0
        return {"quotes": len(self.quotes), "linked": sum(q.linked for q in self.quotes), "flags": counts,
                "unresolved_speakers": unresolved, "decided": decided}

    def quote_by_id(self, quote_id: str | None) -> Quote | None:
        return self._quote_index.get(quote_id) if quote_id is not None else None

    @cached_property
    def _quote_index(self) -> dict[str, Quote]:
        return {quote.id: quote for quote in self.quotes}

    @cached_property
    def _lines(self) -> LineIndex:
        return LineIndex(self.text)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        return self._lines.locate(offset)

    def flag_offset(self, flag: Flag) -> int | None:
        """Where a flag points: its first evidence, else its quote's marker."""
        if flag.spans:
            return min(span.start for span in flag.spans)
        quote = self.quote_by_id(flag.quote)
        return quote.marker.start if quote is not None else None

    def where(self, offset: int | None) -> str:
        """``path:line:column`` for an editor to jump to (just the path when
        there is no offset)."""
        if offset is None:
            return self.source.path
        line, column = self.locate(offset)
        return f"{self.source.path}:{line}:{column}"

    def to_dict(self) -> dict[str, Any]:
        out = {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "run": self.run.to_dict(),
            "segments": [
                {"id": s.id, "kind": s.kind, "start": s.start, "end": s.end, "text": s.text, "lang": s.lang}
                for s in self.segments
            ],
            "quotes": [q.to_dict() for q in self.quotes],
            "flags": [f.to_dict() for f in self.flags],
            "summary": self.summary,
        }
        if self.notes:
            out["notes"] = list(self.notes)
        if self.text:
            self._add_locations(out)
        self._add_fingerprints(out)
        return out

    def _add_fingerprints(self, out: dict[str, Any]) -> None:
        """Each flag's review fingerprint (and its decision, when a review
        file has one), and what the review hid; additive fields."""
        from .review import fingerprint

        for flag, flag_dict in zip(self.flags, out["flags"]):
            flag_dict["fingerprint"] = fp = fingerprint(self, flag)
            if self.review is not None and self.review.decision_of(fp):
                flag_dict["decision"] = self.review.decision_of(fp)
        if self.review is not None:
            out["review"] = {"file": self.review.path, "hidden": self.review.hidden,
                             "decided": dict(self.review.hidden_by_decision())}

    def _add_locations(self, out: dict[str, Any]) -> None:
        """``line``/``column`` (1-based) beside every ``start`` offset, and on
        each flag where it points; additive fields of ``aligner.report/1``."""
        def visit(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("start"), int):
                    node["line"], node["column"] = self.locate(node["start"])
                for value in node.values():
                    if isinstance(value, (dict, list)):
                        visit(value)
            elif isinstance(node, list):
                for value in node:
                    visit(value)

        visit(out["segments"])
        visit(out["quotes"])
        visit(out["flags"])
        for flag, flag_dict in zip(self.flags, out["flags"]):
            offset = self.flag_offset(flag)
            if offset is not None:
                flag_dict["line"], flag_dict["column"] = self.locate(offset)
