"""Renderers: each reads a finished :class:`~aligner.report.Report` and returns a string.

:data:`FORMATS` is the one table of output formats: the CLI's ``--format``
choices (``align``, ``render``, ``pair``), the file suffixes of a batch's
``--out-dir`` and pair mode's formats all read it.  Adding a format is one
row here and its renderer module.
"""
from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ..report import Flag, Report, Severity


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str  # of a report written into a folder: the input's stem + this
    report: str | None  # "module:function" rendering a Report (aligner.report/1); None: pair mode only
    pair: str | None = None  # "module:function" rendering a PairReport; None: not in pair mode
    terminal: bool = False  # a terminal view: takes width and color
    concatenates: bool = True  # several reports one after another still make one document
    align: bool = True  # a choice of ``aligner align -f`` (the diff view has its own command)

    def renderer(self) -> Callable[..., str]:
        return _load(self.report, self.name)

    def pair_renderer(self) -> Callable[..., str]:
        return _load(self.pair, self.name)


# Text reports do not end in a bare ".txt", which would make them look like
# transcripts (and overwrite the input when the folder is the input's own).
FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", ".report.txt", "aligner.render.text:render_text", "aligner.pair.render:render_text",
                 terminal=True),
    OutputFormat("json", ".json", "aligner.render.jsonout:render_json", "aligner.pair.render:render_json",
                 concatenates=False),
    OutputFormat("jsonl", ".jsonl", "aligner.render.jsonout:render_jsonl"),
    OutputFormat("md", ".md", "aligner.render.markdown:render_markdown"),
    OutputFormat("html", ".html", "aligner.render.html:render_html", "aligner.pair.render:render_html",
                 concatenates=False),
    OutputFormat("diff", ".diff.txt", "aligner.render.diff:render_diff_view", terminal=True, align=False),
    OutputFormat("tmx", ".tmx", None, "aligner.pair.render:render_tmx", concatenates=False, align=False),
)
_BY_NAME = {f.name: f for f in FORMATS}


def output_format(name: str) -> OutputFormat:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


def align_formats() -> tuple[str, ...]:
    """``aligner align -f`` choices: report formats written per transcript."""
    return tuple(f.name for f in FORMATS if f.report and f.align)


def report_formats() -> tuple[str, ...]:
    """Every view of a saved report (``aligner render -f``)."""
    return tuple(f.name for f in FORMATS if f.report)


def pair_formats() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS if f.pair)


def report_suffixes() -> dict[str, str]:
    return {f.name: f.suffix for f in FORMATS if f.report}


def renderer(fmt: str) -> Callable[..., str]:
    """The function that renders a Report in format ``fmt``."""
    found = output_format(fmt)
    if found.report is None:
        raise ValueError(f"format {fmt!r} does not render a transcript report")
    return found.renderer()


def _load(target: str | None, name: str) -> Callable[..., str]:
    if target is None:
        raise ValueError(f"format {name!r} has no renderer here")
    module, function = target.split(":")
    found: Callable[..., str] = getattr(importlib.import_module(module), function)
    return found


def filtered(report: Report, min_severity: str | None) -> Report:
    """The report with flags below ``min_severity`` left out."""
    from dataclasses import replace

    if not min_severity:
        return report
    floor = Severity(min_severity)
    return replace(report, flags=tuple(f for f in report.flags if f.severity >= floor))


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
    order: dict[str | None, int] = {quote.id: n for n, quote in enumerate(report.quotes)}
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
