"""A reviewer's decisions about flags, kept between runs.

A review file (``aligner-review.json`` beside the transcript, or any file
named with ``--review``) records one decision per flag:

- ``accepted``: the flag is right, and the text stays as it is;
- ``wrong``: the flag is a false alarm;
- ``fixed``: the transcript was corrected (a flag marked fixed that is still
  found is shown again: the fix did not take).

A flag is known by its **fingerprint**: a hash of its kind, the words of its
quote and the words of its evidence, with whitespace and quotation-mark style
ignored.  Offsets and flag ids are left out, so an edit elsewhere in the
transcript (a line added above, a typo fixed in another story) keeps every
decision; an edit to the quote or the evidence itself makes the flag new.

``aligner align`` hides accepted and wrong flags (and says how many);
``--fail-on`` does not count them; ``aligner review FILE`` records decisions
one flag at a time; the HTML report records them with the keyboard and
downloads the same file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from .errors import InputError
from .evaluate import normalise
from .report import Flag, Report

SCHEMA = "aligner.review/1"
DEFAULT_NAME = "aligner-review.json"
DECISIONS = ("accepted", "wrong", "fixed")
HIDDEN = ("accepted", "wrong")  # decisions that hide a flag from the report


def fingerprint(report: Report, flag: Flag) -> str:
    """A flag's identity across runs and edits: kind + quote words + evidence words."""
    quote = report.quote_by_id(flag.quote)
    quote_text = ""
    if quote is not None:
        quote_text = quote.quote.text if quote.quote is not None else quote.marker.text
    evidence = sorted(f"{span.side}:{normalise(span.text)}" for span in flag.spans)
    blob = "\x1f".join([flag.kind, normalise(quote_text), *evidence])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    decision: str
    kind: str
    message: str = ""
    quote: str = ""  # the quote's words (or its marker), for a human reading the file
    evidence: tuple[str, ...] = ()
    transcript: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "decision": self.decision, "kind": self.kind,
                "message": self.message, "quote": self.quote, "evidence": list(self.evidence),
                "transcript": self.transcript}


@dataclass
class Review:
    """The decisions of one review file."""

    path: str
    decisions: dict[str, Decision] = field(default_factory=dict)

    def decision(self, fp: str) -> str | None:
        entry = self.decisions.get(fp)
        return entry.decision if entry else None

    def decide(self, report: Report, flag: Flag, decision: str) -> None:
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        quote = report.quote_by_id(flag.quote)
        words = ""
        if quote is not None:
            words = quote.quote.text if quote.quote is not None else quote.marker.text
        fp = fingerprint(report, flag)
        self.decisions[fp] = Decision(fp, decision, flag.kind, " ".join(flag.message.split()),
                                      " ".join(words.split())[:200],
                                      tuple(" ".join(s.text.split())[:200] for s in flag.spans),
                                      os.path.basename(report.source.path))

    def to_json(self) -> str:
        entries = [self.decisions[fp].to_dict() for fp in sorted(self.decisions)]
        return json.dumps({"schema": SCHEMA, "decisions": entries}, ensure_ascii=False, indent=2) + "\n"

    def digest(self) -> str:
        """What a resumed batch compares: the decisions, not the file's layout."""
        blob = json.dumps(sorted((fp, d.decision) for fp, d in self.decisions.items()))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def review_path(transcript: str, explicit: str | None = None) -> str | None:
    """The review file of a transcript: ``explicit`` when given, else
    ``aligner-review.json`` in the transcript's folder (none for standard input)."""
    if explicit:
        return explicit
    if transcript == "-":
        return None
    return os.path.join(os.path.dirname(transcript) or ".", DEFAULT_NAME)


def load_review(path: str | None) -> Review | None:
    """The review at ``path``; an empty one when the file does not exist yet;
    None when there is no path.  A file that is not a review is an input error."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return Review(path)
    except IsADirectoryError:
        raise InputError(f"{path}: review file is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read review file ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: review file is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("decisions"), list):
        raise InputError(f"{path}: not an {SCHEMA} review file")
    review = Review(path)
    for n, entry in enumerate(data["decisions"], 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) \
                or entry.get("decision") not in DECISIONS:
            raise InputError(f"{path}: decision {n} needs a fingerprint and a decision "
                             f"({', '.join(DECISIONS)})")
        review.decisions[entry["fingerprint"]] = Decision(
            entry["fingerprint"], entry["decision"], str(entry.get("kind", "")), str(entry.get("message", "")),
            str(entry.get("quote", "")), tuple(str(e) for e in entry.get("evidence", ()) or ()),
            str(entry.get("transcript", "")))
    return review


def save_review(review: Review, inputs: Iterable[str] = ()) -> None:
    """Write the review file atomically (never over a transcript)."""
    from .outputs import write_atomic

    write_atomic(review.path, review.to_json(), list(inputs))


@dataclass(frozen=True)
class ReviewState:
    """What a review did to one report: its file, the decisions it holds for
    the flags found, and how many flags it hid."""

    path: str
    decisions: tuple[tuple[str, str], ...]  # (fingerprint, decision) of the flags found in this report
    settled: tuple[str, ...]  # the decision of each flag found that is accepted or wrong
    shown: bool = False  # --show-decided: settled flags stay in the report
    document: str = ""  # the whole review file, for the HTML report's download

    @property
    def hidden(self) -> int:
        return 0 if self.shown else len(self.settled)

    def hidden_by_decision(self) -> list[tuple[str, int]]:
        return [(d, self.settled.count(d)) for d in DECISIONS if d in self.settled]

    def decision_of(self, fp: str) -> str | None:
        return dict(self.decisions).get(fp)


def apply_review(report: Report, review: Review | None, *, show_decided: bool = False) -> Report:
    """The report as the reviewer wants to see it: accepted and wrong flags
    left out (unless ``show_decided``), the review's state attached."""
    if review is None or not review.decisions:
        return report
    found = [(flag, fingerprint(report, flag)) for flag in report.flags]
    decided = [(fp, decision) for _flag, fp in found if (decision := review.decision(fp))]
    settled = [decision for _flag, fp in found if (decision := review.decision(fp)) is not None and decision in HIDDEN]
    flags = report.flags if show_decided else tuple(f for f, fp in found if review.decision(fp) not in HIDDEN)
    state = ReviewState(review.path, tuple(decided), tuple(settled), show_decided, review.to_json())
    return replace(report, flags=flags, review=state)


def undecided(report: Report, review: Review | None) -> tuple[Flag, ...]:
    """The flags that still count (for ``--fail-on``): not accepted, not wrong."""
    if review is None:
        return report.flags
    return tuple(f for f in report.flags if review.decision(fingerprint(report, f)) not in HIDDEN)


def walk_order(report: Report) -> tuple[Flag, ...]:
    """The order ``aligner review`` walks flags: what to fix first (errors,
    then warnings, by quote), then the info flags in report order."""
    from .render import triage

    first = [flag for group in triage(report) for _quote, flags in group.by_quote for flag in flags]
    seen = {flag.id for flag in first}
    return tuple(first + [flag for flag in report.flags if flag.id not in seen])
