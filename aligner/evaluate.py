"""Scoring reports against hand-written gold (``spec/gold.md``, ``aligner.gold/1``).

Gold matches by text, not offsets, ignoring whitespace and quotation-mark
style, so scores survive changes in segmentation.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from .errors import GoldError
from .language import STRAIGHT_QUOTES
from .report import Report

if TYPE_CHECKING:
    from .report import Flag, Quote
    from .settings import Settings

GOLD_SCHEMA = "aligner.gold/1"


def normalise(text: str | None) -> str:
    if text is None:
        return ""
    text = text.translate(STRAIGHT_QUOTES).replace('"', "").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str | None) -> str:
    """Whitespace-free normal form, for prefix tests that must survive line wraps."""
    return re.sub(r"\s+", "", normalise(text))


@dataclass
class Counts:
    quotes: int = 0
    quotes_linked: int = 0
    speakers_right: int = 0
    rendering_tp: int = 0
    rendering_reported: int = 0
    rendering_gold: int = 0
    flags_gold: int = 0
    flags_found: int = 0
    flags_reported: int = 0  # error + warning
    flags_reported_right: int = 0
    per_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [found, gold]
    reported_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, reported] over error + warning flags
    errors_reported: int = 0
    errors_right: int = 0
    # (score, right) per reported rendering, for calibration
    rendering_scores: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        for name in ("quotes", "quotes_linked", "speakers_right", "rendering_tp", "rendering_reported",
                     "rendering_gold", "flags_gold", "flags_found", "flags_reported", "flags_reported_right",
                     "errors_reported", "errors_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for table, theirs in ((self.per_kind, other.per_kind), (self.reported_kind, other.reported_kind)):
            for kind, (a, b) in theirs.items():
                mine = table.setdefault(kind, [0, 0])
                mine[0] += a
                mine[1] += b
        self.rendering_scores.extend(other.rendering_scores)

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    def scores(self) -> dict[str, Any]:
        precision = self._ratio(self.rendering_tp, self.rendering_reported)
        recall = self._ratio(self.rendering_tp, self.rendering_gold)
        f1 = None
        if precision is not None and recall is not None:
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "quote_links": self._ratio(self.quotes_linked, self.quotes),
            "speakers": self._ratio(self.speakers_right, self.quotes),
            "renderings": {"precision": precision, "recall": recall, "f1": f1},
            "flags": {
                "recall": self._ratio(self.flags_found, self.flags_gold),
                "precision": self._ratio(self.flags_reported_right, self.flags_reported),
                "error_precision": self._ratio(self.errors_right, self.errors_reported),
                "errors": {"right": self.errors_right, "reported": self.errors_reported},
                "per_kind": {k: {"found": v[0], "gold": v[1]} for k, v in sorted(self.per_kind.items())},
                "reported_per_kind": {k: {"right": v[0], "reported": v[1]}
                                      for k, v in sorted(self.reported_kind.items())},
            },
        }


def load_gold(path: Path) -> dict[str, Any]:
    """An aligner.gold/1 file, validated against aligner/schemas/gold.schema.json."""
    from . import gold as gold_files
    from .report import flag_kinds
    from .textutil import display_path

    gold = gold_files.load(path, "gold", "gold")
    for n, flag in enumerate(gold.get("flags") or []):
        if flag["kind"] not in flag_kinds():  # a misspelt kind would never match: say so
            raise GoldError(f"{display_path(path)}: not a valid aligner.gold/1 file: flags[{n}].kind: "
                            f"{flag['kind']!r} is not a flag kind ({', '.join(sorted(flag_kinds()))})")
        if flag.get("quote") is not None and flag["quote"] > len(gold["quotes"]):
            raise gold_files.out_of_range(display_path(path), f"flags[{n}].quote", flag["quote"],
                                          len(gold["quotes"]), "quotes")
    return gold


def score_report(report: Report, gold: dict[str, Any]) -> Counts:
    counts = Counts()
    quotes = list(report.quotes)
    matched: dict[int, int] = {}  # gold quote index -> report quote index
    used: set[int] = set()
    for g, gq in enumerate(gold["quotes"]):
        counts.quotes += 1
        for r, rq in enumerate(quotes):
            if r in used or not _quote_matches(gq, rq):
                continue
            matched[g] = r
            used.add(r)
            break
        if g in matched:
            counts.quotes_linked += 1
        else:
            counts.misses.append(f"quote {g + 1} not linked: {gq.get('marker')}")
        linked = quotes[matched[g]] if g in matched else None
        name = linked.speaker.name if linked else None
        if _speaker_matches(gq.get("speaker"), name):
            counts.speakers_right += 1
        else:
            counts.misses.append(f"quote {g + 1} speaker: gold {gq.get('speaker')!r}, got {name!r}")
        gold_renderings = [squash(x) for x in gq.get("renderings") or []]
        reported = [squash(x.text) for x in rq.renderings] if rq else []
        counts.rendering_gold += len(gold_renderings)
        counts.rendering_reported += len(reported)
        hit_gold: set[int] = set()
        for text, rendering in zip(reported, rq.renderings if rq else ()):
            hit = next((k for k, prefix in enumerate(gold_renderings)
                        if k not in hit_gold and _rendering_matches(text, prefix)), None)
            counts.rendering_scores.append((rendering.score, hit is not None))
            if hit is None:
                counts.misses.append(f"quote {g + 1} extra rendering: {text[:40]}")
            else:
                hit_gold.add(hit)
        counts.rendering_tp += len(hit_gold)
        for k, prefix in enumerate(gold_renderings):
            if k not in hit_gold:
                counts.misses.append(f"quote {g + 1} missed rendering: {prefix[:40]}")
    # report quotes that correspond to no gold quote count against rendering precision
    for r, rq in enumerate(quotes):
        if r not in used:
            counts.rendering_reported += len(rq.renderings)
            counts.rendering_scores.extend((x.score, False) for x in rq.renderings)
    _score_flags(report, gold, matched, counts)
    return counts


def _quote_matches(gq: dict[str, Any], rq: Quote) -> bool:
    if squash(gq.get("marker")) != squash(rq.marker.text) and not squash(rq.marker.text).startswith(squash(gq.get("marker"))):
        return False
    gold_quote = gq.get("quote")
    if gold_quote is None:
        return rq.quote is None
    return rq.quote is not None and squash(rq.quote.text).startswith(squash(gold_quote))


def _speaker_matches(gold: str | None, got: str | None) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    return fuzz.ratio(normalise(gold), normalise(got)) >= 90


def _rendering_matches(reported: str, prefix: str) -> bool:
    return reported.startswith(prefix) or (len(reported) >= 8 and prefix.startswith(reported))


def _score_flags(report: Report, gold: dict[str, Any], matched: dict[int, int], counts: Counts) -> None:
    gold_flags = gold.get("flags") or []
    report_quote_index = {q.id: i for i, q in enumerate(report.quotes)}
    gold_of_report = {r: g for g, r in matched.items()}
    claimed: set[str] = set()
    for gf in gold_flags:
        kind = gf.get("kind")
        counts.flags_gold += 1
        counts.per_kind.setdefault(kind, [0, 0])[1] += 1
        evidence = squash(gf.get("evidence"))
        found = None
        for flag in report.flags:
            if flag.kind != kind:
                continue
            if gf.get("quote") is not None:
                r = report_quote_index.get(flag.quote) if flag.quote is not None else None
                if r is None or gold_of_report.get(r) != gf["quote"] - 1:
                    continue
            if any(_evidence_matches(squash(span.text), evidence) for span in flag.spans):
                found = flag
                break
        if found is not None:
            counts.flags_found += 1
            counts.per_kind[kind][0] += 1
            claimed.add(found.id)
        else:
            counts.misses.append(f"flag missed: {kind} q{gf.get('quote')} {gf.get('evidence')!r}")
    for flag in report.flags:
        if flag.severity not in ("error", "warning"):
            continue
        counts.flags_reported += 1
        tally = counts.reported_kind.setdefault(flag.kind, [0, 0])
        tally[1] += 1
        counts.errors_reported += flag.severity == "error"
        if flag.id in claimed or _matches_any_gold(flag, gold_flags, report_quote_index, gold_of_report):
            counts.flags_reported_right += 1
            tally[0] += 1
            counts.errors_right += flag.severity == "error"
        else:
            counts.misses.append(f"flag extra: {flag.kind} {flag.severity} {flag.quote} "
                                 f"{[s.text[:30] for s in flag.spans]}")


def _matches_any_gold(flag: Flag, gold_flags: list[dict[str, Any]], report_quote_index: dict[str, int],
                      gold_of_report: dict[int, int]) -> bool:
    for gf in gold_flags:
        if gf.get("kind") != flag.kind:
            continue
        if gf.get("quote") is not None:
            r = report_quote_index.get(flag.quote) if flag.quote is not None else None
            if r is None or gold_of_report.get(r) != gf["quote"] - 1:
                continue
        evidence = squash(gf.get("evidence"))
        if any(_evidence_matches(squash(s.text), evidence) for s in flag.spans):
            return True
    return False


def _evidence_matches(span: str, evidence: str) -> bool:
    return bool(span) and bool(evidence) and (evidence in span or span in evidence)


def gold_path_for(transcript: Path) -> Path:
    name = transcript.name
    stem = name[: -len(".txt")] if name.endswith(".txt") else transcript.stem
    return transcript.with_name(stem + ".gold.json")


def find_pairs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(transcript, gold) pairs under the given files and folders."""
    pairs = []
    for path in paths:
        if path.is_dir():
            for gold in sorted(path.glob("*.gold.json")):
                transcript = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
                if transcript.exists():
                    pairs.append((transcript, gold))
        elif path.name.endswith(".gold.json"):
            pairs.append((path.with_name(path.name[: -len(".gold.json")] + ".txt"), path))
        else:
            pairs.append((path, gold_path_for(path)))
    return pairs


@dataclass
class Evaluation:
    files: list[tuple[str, Counts]]
    total: Counts


def evaluate_paths(paths: list[Path], *, model: str | None = None, glossary: str | None = None,
                   settings: Settings | None = None) -> Evaluation:
    from .pipeline import align
    from .settings import Settings
    from .source import read_source

    pairs = find_pairs(paths)
    if not pairs:
        raise GoldError("no *.gold.json found beside the given transcripts")
    if settings is None:
        settings = Settings(model=model, glossary=glossary) if model else Settings(glossary=glossary)
    files = []
    total = Counts()
    for transcript, gold_file in pairs:
        if not gold_file.exists():
            raise GoldError(f"{transcript}: no gold file {gold_file.name} beside it")
        gold = load_gold(gold_file)
        counts = score_report(align(read_source(str(transcript)), settings=settings), gold)
        files.append((transcript.name, counts))
        total.add(counts)
    return Evaluation(files=files, total=total)


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def render_scores(evaluation: Evaluation, *, fmt: str = "text", verbose: bool = False) -> str:
    if fmt == "json":
        return json.dumps({
            "files": {name: counts.scores() for name, counts in evaluation.files},
            "total": evaluation.total.scores(),
        }, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{'file':44} {'links':>5} {'spkr':>5} {'rP':>5} {'rR':>5} {'rF1':>5} {'flagR':>5} {'flagP':>5}"]
    rows = evaluation.files + [("TOTAL", evaluation.total)]
    for name, counts in rows:
        s = counts.scores()
        r, f = s["renderings"], s["flags"]
        if name == "TOTAL":
            lines.append("-" * 86)
        lines.append(f"{name[:44]:44} {_fmt(s['quote_links']):>5} {_fmt(s['speakers']):>5} {_fmt(r['precision']):>5} "
                     f"{_fmt(r['recall']):>5} {_fmt(r['f1']):>5} {_fmt(f['recall']):>5} {_fmt(f['precision']):>5}")
        if verbose and name != "TOTAL":
            lines.extend(f"    {miss}" for miss in counts.misses)
    per_kind = evaluation.total.scores()["flags"]["per_kind"]
    if per_kind:
        lines.append("")
        lines.append("flag recall by kind: " + ", ".join(f"{k} {v['found']}/{v['gold']}" for k, v in per_kind.items()))
    reported_kind = evaluation.total.scores()["flags"]["reported_per_kind"]
    if reported_kind:
        lines.append("error+warning precision by kind: "
                     + ", ".join(f"{k} {v['right']}/{v['reported']}" for k, v in reported_kind.items()))
    t = evaluation.total
    lines.append(f"error precision: {t.errors_right}/{t.errors_reported}")
    lines.append(f"quotes {t.quotes}, renderings gold {t.rendering_gold} / reported {t.rendering_reported}, "
                 f"flags gold {t.flags_gold} / reported error+warning {t.flags_reported}")
    from .textutil import visible

    return visible("\n".join(lines) + "\n")
