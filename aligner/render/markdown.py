"""Markdown for a ticket or an email: a table of quotes, then the flags by severity."""
from __future__ import annotations

import re

from ..report import SEVERITIES, Flag, Report
from . import triage
from .text import decided_line

_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
# Characters that would end a table cell, start code or emphasis, or open
# raw HTML in a Markdown viewer; transcript text must show as written.  A
# bracket is escaped only where it could close a link ("](", "]["), so the
# ubiquitous markers "[녹취: …]" stay readable in a plain-text email.
_SPECIAL = re.compile(r"([\\`*|<>_~]|\](?=[(\[]))")


def escape(text: str) -> str:
    """Inline-safe Markdown: specials backslash-escaped, line breaks as ``<br>``."""
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    return "<br>".join(" ".join(line.split()) for line in escaped.split("\n") if line.strip())


def code_span(text: str) -> str:
    """``text`` as one inline code span that nothing in it can end: a fence of
    more backticks than its longest run (CommonMark), padded when it starts or
    ends with one; line breaks become spaces.  Inside a code span ``<`` and
    ``&`` are literal, so no raw HTML gets through."""
    from ..textutil import visible

    text = " ".join(visible(text).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: Report, **_: object) -> str:
    src = report.source
    summary = report.summary
    counts = summary["flags"]
    out = [
        f"# aligner report: {escape(src.path)}",
        "",
        code_span(report.run.short()),
        "",
        f"{src.narration_lang} narration, {src.chars} characters, sha256 `{src.sha256[:12]}`; "
        f"{summary['quotes']} quote{'' if summary['quotes'] == 1 else 's'}, {summary['linked']} linked; "
        f"flags: {counts['error']} error, {counts['warning']} warning, {counts['info']} info",
    ]
    decided = decided_line(report)
    if decided:
        out += ["", escape(decided)]
    for note in report.notes:
        out += ["", f"> {escape(note)}"]
    out += _triage(report)
    out += ["", "## Quotes", ""]
    if report.quotes:
        out.append("| # | Line | Speaker | Marker | Quote | Renderings |")
        out.append("|---|---|---|---|---|---|")
        for quote in report.quotes:
            speaker = quote.speaker
            who = escape(speaker.name) if speaker.name else "*not named*"
            if speaker.title:
                who += f" ({escape(speaker.title)})"
            quoted = escape(quote.quote.text) if quote.quote else "*none*"
            renderings = "<br>".join(
                f"{r.position} {r.score:.2f} ({_line_column(report, r.start)}): {escape(r.text)}"
                for r in quote.renderings
            ) or "*none found*"
            out.append(f"| {quote.id} | {_line_column(report, quote.marker.start)} | {who} | "
                       f"{escape(quote.marker.text)} | {quoted} | {renderings} |")
    else:
        out.append("*No quotes: the transcript has no recording markers.*")
    out += ["", "## Flags"]
    if not report.flags:
        out += ["", "*No flags.*"]
    for severity in SEVERITIES:
        flags = [f for f in report.flags if f.severity == severity]
        if not flags:
            continue
        out += ["", f"### {_HEADINGS[severity]} ({len(flags)})", ""]
        out += [_flag_item(report, flag) for flag in flags]
    return "\n".join(out) + "\n"


def _line_column(report: Report, offset: int) -> str:
    line, column = report.locate(offset)
    return f"{line}:{column}"


def _location(report: Report, flag: Flag) -> str:
    """``path:line:column`` as inline code: copied into an editor's "go to"."""
    return "`" + report.where(report.flag_offset(flag)).replace("`", "'") + "`"


def _triage(report: Report) -> list[str]:
    groups = triage(report)
    if not groups:
        return []
    out = ["", "## Fix first", "",
           "; ".join(f"**{g.count} {g.severity}{'s' if g.count != 1 else ''}** ("
                     + ", ".join(f"{kind} {n}" for kind, n in g.kinds) + ")" for g in groups), ""]
    for group in groups:
        for quote_id, flags in group.by_quote:
            for flag in flags:
                out.append(f"- {group.severity} **{flag.kind}** ({quote_id or 'document'}) {_location(report, flag)}: "
                           f"{escape(flag.message)}")
    return out


def _flag_item(report: Report, flag: Flag) -> str:
    where = flag.quote or "document"
    item = f"- **{flag.kind}** ({where}) {_location(report, flag)}: {escape(flag.message)}"
    for span in flag.spans:
        item += f"\n  - {span.side} {_line_column(report, span.start)}: “{escape(span.text)}”"
    if flag.suggestion:
        item += f"\n  - suggestion: {escape(flag.suggestion)}"
    return item
