"""The readable terminal report: each quote with its marker, speaker,
renderings and scores, then its flags."""
from __future__ import annotations

import textwrap

from ..report import Report
from ..textutil import visible

_MARK = {"error": "✖", "warning": "▲", "info": "·"}


def _wrap(text: str, indent: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return textwrap.fill(flat, width=width, initial_indent=indent, subsequent_indent=indent + "  ") if flat else indent


def render_text(report: Report, **_) -> str:
    out: list[str] = []
    src = report.source
    out.append(f"{src.path}  ({src.narration_lang} narration, {src.chars} chars, {src.encoding})")
    out.append(f"  {report.run.short()}")
    summary = report.summary
    flags = summary["flags"]
    out.append(f"  {summary['quotes']} quotes, {summary['linked']} linked; "
               f"flags: {flags['error']} error, {flags['warning']} warning, {flags['info']} info")
    for note in report.notes:
        out.append(f"  note: {note}")
    for quote in report.quotes:
        out.append("")
        speaker = quote.speaker
        who = speaker.name or "(not named in the narration)"
        title = f", {speaker.title}" if speaker.title else ""
        out.append(f"{quote.id}  {quote.marker.text}   → {who}{title}"
                   + (f"  [{speaker.confidence:.2f}]" if speaker.name else ""))
        if quote.quote is None:
            out.append("    quote: (none)")
        else:
            out.append(_wrap(f"quote: “{quote.quote.text}”", "    "))
        if not quote.renderings:
            out.append("    renderings: (none found)")
        for rendering in quote.renderings:
            out.append(_wrap(f"{rendering.position:>6} {rendering.score:.2f}  {rendering.text}", "    "))
        for flag in report.flags:
            if flag.quote == quote.id:
                out.append(_flag_line(flag))
    document_flags = [f for f in report.flags if f.quote is None]
    if document_flags:
        out.append("")
        out.append("document")
        out.extend(_flag_line(f) for f in document_flags)
    return visible("\n".join(out) + "\n")


def _flag_line(flag) -> str:
    evidence = "; ".join(f"{s.side}: “{' '.join(s.text.split())[:80]}”" for s in flag.spans)
    line = f"  {_MARK[flag.severity]} {flag.severity} {flag.kind}: {flag.message}"
    if evidence:
        line += f"\n      {evidence}"
    if flag.suggestion:
        line += f"\n      suggestion: {flag.suggestion}"
    return line
