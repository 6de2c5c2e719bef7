"""The finished report: small frozen dataclasses, and their JSON form.

This is the ``aligner.report/1`` contract of ``spec/report.md``.  Renderers
read only these objects; nothing here computes alignments.
"""
from __future__ import annotations

import bisect
import enum
import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache, cached_property
from typing import Any

from .segments import Segment

SCHEMA = "aligner.report/1"


class Severity(enum.StrEnum):
    """How much a flag matters; ordered by rank (info < warning < error), and
    a ``str`` whose value is what the JSON report writes."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        return self.rank < Severity(other).rank  # type: ignore[arg-type]

    def __le__(self, other: object) -> bool:
        return self.rank <= Severity(other).rank  # type: ignore[arg-type]

    def __gt__(self, other: object) -> bool:
        return self.rank > Severity(other).rank  # type: ignore[arg-type]

    def __ge__(self, other: object) -> bool:
        return self.rank >= Severity(other).rank  # type: ignore[arg-type]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
SEVERITIES = tuple(s.value for s in Severity)  # most severe first: the CLI's choices and the summary's order


def plain(obj: Any) -> dict[str, Any]:
    """A flat dataclass (fields of JSON values) as the dict of its fields, in
    their order: ``dataclasses.asdict`` without its deep copy, which costs
    25 times as much per segment of a large report."""
    cls: type = type(obj)
    return {name: getattr(obj, name) for name in _field_names(cls)}


@cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


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
    """A stretch of the source: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(data["start"], data["end"], data["text"])


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
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Marker:
        return cls(data["start"], data["end"], data["text"], data["speaker"], data["title"], data["note"],
                   data["well_formed"], data.get("label"))


@dataclass(frozen=True)
class Speaker:
    name: str | None  # as the narration writes it
    title: str | None
    mentions: tuple[Span, ...]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "mentions": [m.to_dict() for m in self.mentions],
                "confidence": round(self.confidence, PRECISION)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(data["name"], data["title"], tuple(Span.from_dict(m) for m in data["mentions"]),
                   data["confidence"])


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
                "score": round(self.score, PRECISION), "segment": self.segment,
                "similarity": round(self.similarity, PRECISION)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rendering:
        return cls(data["start"], data["end"], data["text"], data["position"], data["score"],
                   data.get("segment", ""), data.get("similarity", 0.0))


@dataclass(frozen=True)
class Quote:
    id: str
    marker: Marker
    quote: Span | None
    speaker: Speaker
    renderings: tuple[Rendering, ...]
    # the highest rendering probability any narration sentence reached, linked
    # or not: an unrendered quote that came near is weak evidence of a gap.
    # The detectors' working evidence, not part of the published report.
    nearest: float = field(default=0.0, compare=False)

    @property
    def linked(self) -> bool:
        return self.quote is not None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "marker": self.marker.to_dict(),
                "quote": self.quote.to_dict() if self.quote else None,
                "speaker": self.speaker.to_dict(), "renderings": [r.to_dict() for r in self.renderings]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(data["id"], Marker.from_dict(data["marker"]),
                   Span.from_dict(data["quote"]) if data["quote"] is not None else None,
                   Speaker.from_dict(data["speaker"]), tuple(Rendering.from_dict(r) for r in data["renderings"]))


SIDES = ("narration", "quote", "marker")


@dataclass(frozen=True)
class FlagSpan(Span):
    """A flag's evidence: a span and the side of the quote/narration pair it is on."""

    side: str  # one of SIDES

    def __post_init__(self) -> None:
        if self.side not in SIDES:
            raise ValueError(f"flag span side must be one of {', '.join(SIDES)}, not {self.side!r}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlagSpan:
        return cls(data["start"], data["end"], data["text"], data["side"])


def flag_kinds() -> frozenset[str]:
    """The closed set of flag kinds: what the registered detectors declare
    (:func:`aligner.flags.registry`)."""
    from .flags import flag_kinds as declared

    return frozenset(declared())


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str  # one of flag_kinds()
    severity: Severity  # a plain "error"/"warning"/"info" is converted
    message: str
    quote: str | None
    spans: tuple[FlagSpan, ...]
    suggestion: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))
        if self.kind not in flag_kinds():
            raise ValueError(f"unknown flag kind {self.kind!r} (no registered detector declares it)")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "severity": self.severity.value,
                               "message": self.message, "quote": self.quote,
                               "spans": [s.to_dict() for s in self.spans]}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        return cls(data["id"], data["kind"], Severity(data["severity"]), data["message"], data["quote"],
                   tuple(FlagSpan.from_dict(s) for s in data["spans"]), data.get("suggestion"))


@dataclass(frozen=True)
class SourceInfo:
    path: str
    sha256: str
    encoding: str
    narration_lang: str
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceInfo:
        return cls(data["path"], data["sha256"], data["encoding"], data["narration_lang"], data["chars"])


@dataclass(frozen=True)
class RunSignature:
    """What made this report: sacrebleu-style, so two reports can be compared."""

    version: str
    model: str
    settings: tuple[tuple[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "model": self.model,
                "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in self.settings}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSignature:
        return cls(data["version"], data["model"], tuple((k, _tuples(v)) for k, v in data["settings"].items()))

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
        """Where a flag points: the text a reviewer would edit, earliest in
        the text (so the locations of a report read top to bottom): never the
        quote, which is what the speaker said, nor a span that already reads
        as the suggestion (name_variant's right spelling); else its evidence
        earliest in the text, else its quote's marker."""
        if flag.spans:
            editable = [span.start for span in flag.spans
                        if span.side != "quote" and (flag.suggestion is None or span.text != flag.suggestion)]
            return min(editable or [span.start for span in flag.spans])
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
            "segments": [plain(s) for s in self.segments],
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

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, shown: str = "report") -> Report:
        """The report a saved ``aligner.report/1`` document describes (as
        :meth:`to_dict` wrote it), checked against the shipped schema first;
        a document that does not fit is a :class:`~aligner.errors.InputError`.

        The source text comes back from the segments (which hold every
        non-space character of it) and their line/column fields (which say
        where the line breaks are), so every view renders from the JSON alone.
        """
        from .errors import InputError

        validate_report(data, shown)
        try:
            report = cls(
                source=SourceInfo.from_dict(data["source"]),
                run=RunSignature.from_dict(data["run"]),
                segments=tuple(Segment(s["id"], s["kind"], s["start"], s["end"], s["text"], s["lang"])
                               for s in data["segments"]),
                quotes=tuple(Quote.from_dict(q) for q in data["quotes"]),
                flags=tuple(Flag.from_dict(f) for f in data["flags"]),
                notes=tuple(data.get("notes", ())),
            )
            text = source_text(data["segments"], report.source.chars)
        except ValueError as exc:
            raise InputError(f"{shown}: not a valid {SCHEMA} file: {exc}") from None
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != report.source.sha256:
            text = _source_file_text(report.source) or text
        review = _review_state(data) if "review" in data else None
        return replace(report, text=text, review=review)

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


PRECISION = 3  # decimals of the scores a report publishes


def published(report: Report) -> Report:
    """The report with its scores at the precision the JSON writes them, so
    that every view of a live run shows what the saved report holds (and a
    view rendered from the saved report is the same).  The detectors have
    run by then: they saw the full values."""
    def speaker(s: Speaker) -> Speaker:
        return replace(s, confidence=round(s.confidence, PRECISION))

    def rendering(r: Rendering) -> Rendering:
        return replace(r, score=round(r.score, PRECISION), similarity=round(r.similarity, PRECISION))

    quotes = tuple(replace(q, speaker=speaker(q.speaker), renderings=tuple(rendering(r) for r in q.renderings))
                   for q in report.quotes)
    return replace(report, quotes=quotes)


def _tuples(value: Any) -> Any:
    """JSON arrays back into the tuples the settings hold."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def source_text(segments: list[dict[str, Any]], chars: int) -> str:
    """The source text as far as a saved report knows it: every segment at its
    offsets, and between them only whitespace (the segments' invariant), with
    the line breaks where the segments' ``line`` fields put them, spaces
    elsewhere, and line breaks after the last segment.  Exact for every
    sample, seed and corpus transcript; where the source had other whitespace
    (a tab, spaces at the end of a line) the report's sha256 tells, and
    :meth:`Report.from_dict` reads the transcript instead when it is still there."""
    from .source import MAX_BYTES

    if chars > MAX_BYTES:
        raise ValueError(f"source.chars: {chars} is more than a transcript can hold")
    out = [" "] * chars
    line, previous_end = 1, 0  # the line the previous segment ends on, and where it ends
    for n, segment in enumerate(segments):
        start, end, text = segment["start"], segment["end"], segment["text"]
        if not previous_end <= start <= end <= chars or len(text) != end - start:
            raise ValueError(f"segments[{n}]: offsets {start}-{end} do not fit its text, the segments "
                             f"before it and the source's {chars} characters")
        if "line" in segment and segment["line"] > line:
            breaks = segment["line"] - line
            last = start - segment["column"]  # the line break right before the segment's line
            for k in range(breaks):  # the others: blank lines right before it
                position = last - (breaks - 1 - k)
                if previous_end <= position < start:
                    out[position] = "\n"
        out[start:end] = text
        line = segment.get("line", line) + text.count("\n")
        previous_end = end
    out[previous_end:] = "\n" * (chars - previous_end)
    return "".join(out)


def _source_file_text(source: SourceInfo) -> str | None:
    """The transcript the report was made from, when it is still at its path
    with the same bytes: the whitespace between segments exactly as it was."""
    from .errors import AlignerError
    from .source import read_source

    if source.path == "-":
        return None
    try:
        found = read_source(source.path, encoding=source.encoding)
    except (AlignerError, OSError, LookupError):
        return None
    return found.text if found.sha256 == source.sha256 else None


def _review_state(data: dict[str, Any]) -> Any:
    """What a review did to the report, as far as the report records it; the
    review file's own text (for the HTML page's download) is read again when
    it is still there."""
    from .errors import AlignerError
    from .review import Review, ReviewState, load_review

    review = data["review"]
    decided = tuple((d, n) for d, n in review["decided"].items())
    settled = tuple(d for d, n in decided for _ in range(n))
    decisions = tuple((f["fingerprint"], f["decision"]) for f in data["flags"] if "decision" in f)
    try:
        found = load_review(review["file"])
    except (AlignerError, OSError):  # unreadable: no decisions to download
        found = None
    document = found.to_json() if found is not None else Review(review["file"]).to_json()
    return ReviewState(review["file"], decisions, settled, shown=review["hidden"] == 0 and bool(settled),
                       document=document)


def validate_report(data: Any, shown: str = "report") -> None:
    """Raise one InputError line for the first way ``data`` is not an
    ``aligner.report/1`` document (the shipped schema)."""
    from .errors import GoldError, InputError
    from .gold import check

    try:
        check(data, "report", shown)
    except GoldError as exc:
        raise InputError(str(exc)) from None


def load_report(path: str) -> Report:
    """The report saved at ``path`` by ``aligner align -f json`` (``-`` for
    standard input); anything else is one InputError line."""
    import sys

    from .errors import GoldError, InputError
    from .gold import parse_json
    from .source import read_bytes
    from .textutil import display_path

    shown = "standard input" if path == "-" else display_path(path)
    raw = sys.stdin.buffer.read() if path == "-" else read_bytes(path)
    try:
        data = parse_json(raw, shown, "report")
    except GoldError as exc:
        raise InputError(str(exc)) from None
    return Report.from_dict(data, shown=shown)


def with_source_text(report: Report, text: str) -> Report:
    """The report of an analysis that read a same-length view of ``text``
    (:func:`aligner.textutil.plain_spaces`) with the original text put back:
    every span's ``text`` is ``text[start:end]`` again, as the contract says."""
    if report.text == text:
        return report

    def restored(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(restored(v) for v in value)
        if not is_dataclass(value) or isinstance(value, type):
            return value
        current = {f.name: getattr(value, f.name) for f in fields(value)}
        changes = {name: restored(v) for name, v in current.items() if isinstance(v, tuple) or is_dataclass(v)}
        start, end, said = current.get("start"), current.get("end"), current.get("text")
        if isinstance(start, int) and isinstance(end, int) and isinstance(said, str) and said == report.text[start:end]:
            changes["text"] = text[start:end]
        return replace(value, **changes) if changes else value

    result: Report = restored(report)
    return replace(result, text=text)

