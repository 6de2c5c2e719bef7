"""The readable terminal report: what to fix first, then each quote with its
marker, speaker, renderings and scores, and its flags.

Lines fit ``width`` columns (Hangul counts two); locations read
``path:line:column`` the way compilers print them, so an editor can jump
there; colour only when asked (the CLI decides from ``--color``, the
terminal and ``NO_COLOR``)."""
from __future__ import annotations

from ..report import Flag, Report
from . import triage
from .terminal import DEFAULT_WIDTH, SEVERITY_MARK, Style, finish, flags_by_quote, wrap


def render_text(report: Report, *, width: int = DEFAULT_WIDTH, color: bool = False, verbose: bool = False,
                quiet: bool = False, **_: object) -> str:
    style = Style(color)
    out: list[str] = []
    src = report.source
    out += wrap(style.heading(src.path) + f"  ({src.narration_lang} narration, {src.chars} chars, {src.encoding})",
                "", "  ", width=width)
    if verbose:
        out += wrap(report.run.short(), "  ", "    ", width=width)
    out += wrap(summary_line(report), "  ", "    ", width=width)
    decided = decided_line(report)
    if decided:
        out += wrap(decided, "  ", "    ", width=width)
    if quiet:
        return finish("\n".join(out) + "\n")
    for note in report.notes:
        out += wrap(f"note: {note}", "  ", "    ", width=width)
    out += _triage(report, style, width)
    flags_of = flags_by_quote(report.flags)
    for quote in report.quotes:
        out.append("")
        speaker = quote.speaker
        who = speaker.name or "(not named in the narration)"
        title = f", {speaker.title}" if speaker.title else ""
        confidence = f"  [{speaker.confidence:.2f}]" if speaker.name else ""
        out += wrap(f"{style.heading(quote.id)}  {quote.marker.text}  → {who}{title}{confidence}", "", "    ",
                    width=width)
        out += wrap(style.dim(report.where(quote.marker.start)), "    ", width=width)
        if quote.quote is None:
            out.append("    quote: (none)")
        else:
            out += wrap(f"quote: “{_flat(quote.quote.text)}”", "    ", width=width)
        if not quote.renderings:
            out.append("    renderings: (none found)")
        for rendering in quote.renderings:
            line, column = report.locate(rendering.start)
            out += wrap(f"{rendering.position:>6} {rendering.score:.2f}  {style.dim(f'{line}:{column}')}  "
                        f"{_flat(rendering.text)}", "    ", "      ", width=width)
        for flag in flags_of.get(quote.id, ()):
            out += _flag_lines(report, flag, style, width)
    document_flags = flags_of.get(None, ())
    if document_flags:
        out.append("")
        out.append(style.heading("document"))
        for flag in document_flags:
            out += _flag_lines(report, flag, style, width)
    return finish("\n".join(out) + "\n")


def summary_line(report: Report) -> str:
    summary = report.summary
    flags = summary["flags"]
    return (f"{summary['quotes']} quotes, {summary['linked']} linked; "
            f"flags: {flags['error']} error, {flags['warning']} warning, {flags['info']} info")


def decided_line(report: Report) -> str | None:
    """How many flags the review file hides, or None when it hides none."""
    review = report.review
    if review is None or not review.settled:
        return None
    count = len(review.settled)
    parts = ", ".join(f"{n} {decision}" for decision, n in review.hidden_by_decision())
    if review.shown:
        return f"{count} flag{'s' if count != 1 else ''} decided in {review.path} shown ({parts})"
    return (f"{count} flag{'s' if count != 1 else ''} decided in {review.path} hidden "
            f"({parts}; --show-decided shows them)")


def _triage(report: Report, style: Style, width: int) -> list[str]:
    groups = triage(report)
    if not groups:
        return []
    counts = "; ".join(
        f"{group.count} {group.severity}{'s' if group.count != 1 else ''} ("
        + ", ".join(f"{kind} {n}" for kind, n in group.kinds) + ")"
        for group in groups
    )
    out = [""] + wrap(style.heading("fix first:") + " " + counts, "", "    ", width=width)
    for group in groups:
        for quote_id, flags in group.by_quote:
            for flag in flags:
                head = f"{report.where(report.flag_offset(flag))}: {style.severity(group.severity, group.severity)}: "
                out += wrap(f"{head}{flag.kind} [{quote_id or 'document'}]: {_flat(flag.message)}", "", "    ",
                            width=width)
    return out


def flag_card(report: Report, flag: Flag, *, width: int = DEFAULT_WIDTH, color: bool = False,
              decision: str | None = None) -> str:
    """One flag on its own, for ``aligner review``: the flag, its quote and
    the renderings it is about."""
    style = Style(color)
    out = _flag_lines(report, flag, style, width)
    out[0] = out[0].lstrip()
    quote = report.quote_by_id(flag.quote)
    if quote is not None:
        who = quote.speaker.name or "(not named in the narration)"
        out += wrap(f"{style.heading(quote.id)}  {quote.marker.text}  → {who}", "    ", "      ", width=width)
        if quote.quote is not None:
            out += wrap(f"quote: “{_flat(quote.quote.text)}”", "      ", "        ", width=width)
        for rendering in quote.renderings:
            out += wrap(f"{rendering.position} {rendering.score:.2f}  {_flat(rendering.text)}", "      ", "        ",
                        width=width)
    if decision:
        out.append(f"    decided before: {decision}")
    return finish("\n".join(out) + "\n")


def _flag_lines(report: Report, flag: Flag, style: Style, width: int) -> list[str]:
    mark = style.severity(flag.severity, f"{SEVERITY_MARK[flag.severity]} {flag.severity}")
    lines = wrap(f"{mark} {flag.kind}: {_flat(flag.message)}", "  ", "      ", width=width)
    lines += wrap(style.dim(report.where(report.flag_offset(flag))), "      ", width=width)
    for span in flag.spans:
        line, column = report.locate(span.start)
        lines += wrap(f"{span.side} {line}:{column}: “{_flat(span.text)}”", "      ", "        ", width=width)
    if flag.suggestion:
        lines += wrap(f"suggestion: {_flat(flag.suggestion)}", "      ", "        ", width=width)
    return lines


def _flat(text: str) -> str:
    return " ".join(text.split())
