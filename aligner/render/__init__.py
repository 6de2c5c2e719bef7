"""Renderers: each reads a finished :class:`~aligner.report.Report` and returns a string."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ..report import Flag, Report


def renderer(fmt: str) -> Callable[..., str]:
    if fmt == "text":
        from .text import render_text
        return render_text
    if fmt == "json":
        from .jsonout import render_json
        return render_json
    if fmt == "jsonl":
        from .jsonout import render_jsonl
        return render_jsonl
    if fmt == "md":
        from .markdown import render_markdown
        return render_markdown
    if fmt == "html":
        from .html import render_html
        return render_html
    raise ValueError(f"unknown format {fmt!r}")


def filtered(report: Report, min_severity: str | None) -> Report:
    """The report with flags below ``min_severity`` left out."""
    from dataclasses import replace

    from ..report import SEVERITY_RANK

    if not min_severity:
        return report
    floor = SEVERITY_RANK[min_severity]
    return replace(report, flags=tuple(f for f in report.flags if SEVERITY_RANK[f.severity] >= floor))


TRIAGE_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class TriageGroup:
    """The flags of one severity, in the order a reviewer should fix them."""

    severity: str
    kinds: tuple[tuple[str, int], ...]  # (kind, count), most frequent first
    by_quote: tuple[tuple[str | None, tuple[Flag, ...]], ...]  # quote id (None: the document) → its flags

    @property
    def count(self) -> int:
        return sum(n for _kind, n in self.kinds)


def triage(report: Report) -> tuple[TriageGroup, ...]:
    """What to fix first: errors, then warnings, each grouped by quote (in
    transcript order, document-wide flags last) with a count per kind.  Info
    flags are cosmetic and stay out of it."""
    order = {quote.id: n for n, quote in enumerate(report.quotes)}
    groups = []
    for severity in TRIAGE_SEVERITIES:
        flags = [f for f in report.flags if f.severity == severity]
        if not flags:
            continue
        kinds = Counter(f.kind for f in flags)
        by_quote: dict[str | None, list[Flag]] = {}
        for flag in sorted(flags, key=lambda f: (order.get(f.quote, len(order)), report.flag_offset(f) or 0)):
            by_quote.setdefault(flag.quote, []).append(flag)
        groups.append(TriageGroup(severity, tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
                                  tuple((q, tuple(fs)) for q, fs in by_quote.items())))
    return tuple(groups)
