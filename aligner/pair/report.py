"""The finished pair report: small frozen dataclasses and their JSON form.

This is the ``aligner.pair/1`` contract of ``docs/pair-report.md``.
Renderers read only these objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..report import SEVERITIES, RunSignature, Severity, plain
from .sentences import PairSentence

SCHEMA = "aligner.pair/1"
FLAG_KINDS = ("omission", "addition", "meaning_shift", "number_mismatch", "name_variant", "altered_quote")


@dataclass(frozen=True)
class PairSource:
    path: str
    sha256: str
    encoding: str
    lang: str  # "ko" | "en": the side this version is
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(frozen=True)
class PairLink:
    id: str  # l1, l2 …
    ko: tuple[str, ...]  # Korean sentence ids, in order; empty for an English-only link
    en: tuple[str, ...]
    score: float | None  # see docs/pair-report.md: how well the two sides match
    anchor: str | None = None  # "marker" | "quote" when the link is a shared marker or quote

    @property
    def type(self) -> str:
        return f"{len(self.ko)}-{len(self.en)}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "ko": list(self.ko), "en": list(self.en),
                "score": None if self.score is None else round(self.score, 3), "anchor": self.anchor}


@dataclass(frozen=True)
class PairSpan:
    side: str  # "ko" | "en"
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(frozen=True)
class PairFlag:
    id: str
    kind: str  # one of FLAG_KINDS
    severity: Severity  # a plain "error"/"warning"/"info" is converted
    message: str
    link: str  # the link it belongs to
    spans: tuple[PairSpan, ...]
    suggestion: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))
        if self.kind not in FLAG_KINDS:
            raise ValueError(f"unknown pair flag kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "severity": self.severity.value,
                               "message": self.message, "link": self.link,
                               "spans": [s.to_dict() for s in self.spans]}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


@dataclass(frozen=True)
class PairReport:
    ko_source: PairSource
    en_source: PairSource
    run: RunSignature
    ko: tuple[PairSentence, ...]
    en: tuple[PairSentence, ...]
    links: tuple[PairLink, ...]
    flags: tuple[PairFlag, ...]
    ko_text: str = field(default="", repr=False, compare=False)
    en_text: str = field(default="", repr=False, compare=False)

    def sentence(self, sentence_id: str) -> PairSentence:
        side = self.ko if sentence_id.startswith("k") else self.en
        return side[int(sentence_id[1:]) - 1]

    def link_text(self, link: PairLink, side: str) -> str:
        ids = link.ko if side == "ko" else link.en
        return " ".join(self.sentence(i).text for i in ids)

    def flags_of(self, link: PairLink) -> tuple[PairFlag, ...]:
        return tuple(f for f in self.flags if f.link == link.id)

    @property
    def summary(self) -> dict[str, Any]:
        types: dict[str, int] = {}
        for link in self.links:
            types[link.type] = types.get(link.type, 0) + 1
        severities = {severity: 0 for severity in SEVERITIES}
        kinds: dict[str, int] = {}
        for flag in self.flags:
            severities[flag.severity] += 1
            kinds[flag.kind] = kinds.get(flag.kind, 0) + 1
        return {"sentences": {"ko": len(self.ko), "en": len(self.en)},
                "links": {"total": len(self.links), "anchors": sum(link.anchor is not None for link in self.links),
                          "types": dict(sorted(types.items()))},
                "flags": severities, "flag_kinds": dict(sorted(kinds.items()))}

    def to_dict(self) -> dict[str, Any]:
        def sentences(side: tuple[PairSentence, ...]) -> list[dict[str, Any]]:
            return [{"id": s.id, "kind": s.kind, "start": s.start, "end": s.end, "text": s.text, "lang": s.lang}
                    for s in side]

        return {
            "schema": SCHEMA,
            "sources": {"ko": self.ko_source.to_dict(), "en": self.en_source.to_dict()},
            "run": self.run.to_dict(),
            "sentences": {"ko": sentences(self.ko), "en": sentences(self.en)},
            "links": [link.to_dict() for link in self.links],
            "flags": [f.to_dict() for f in self.flags],
            "summary": self.summary,
        }
