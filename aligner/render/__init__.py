"""Renderers: each reads a finished :class:`~aligner.report.Report` and returns a string."""
from __future__ import annotations

from typing import Callable

from ..report import Report


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
