"""The reviewer's diff view: each quote beside what the narration made of it.

Conventions (git's ``--word-diff``):

- plain: ``[-words only in the quote-]`` ``{+words only in the narration+}``,
  and ``>>flag evidence<<`` around the words a flag points at;
- colour: quote-only words red, narration-only words green, flag evidence
  bold and underlined.

Cross-language renderings get a phrase table: the phrase pairs the model is
sure of side by side, the quote phrases it cannot pair (no claim either way:
an omission flag says when one is missing), and ``{+narration clauses with no
source+}``, named only when the table can be sure of it
(:func:`aligner.comparisons.phrase_table`).  The view reads a finished report and the comparisons of
:mod:`aligner.comparisons`; it computes nothing.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..comparisons import QuoteComparison
from ..report import Flag, Report
from ..worddiff import DiffRun, Token, tokenize
from .terminal import DEFAULT_WIDTH, Style, finish, flags_by_quote, visible_width, wrap

if TYPE_CHECKING:
    from ..model import Embedder


@dataclass(frozen=True)
class Evidence:
    """Where the flags' evidence lies: their spans merged into disjoint
    stretches, sorted, so that whether a token is evidence is one bisection
    (not a scan of every flag's spans for every token)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, flags: tuple[Flag, ...]) -> Evidence:
        merged: list[list[int]] = []
        for start, end in sorted((s.start, s.end) for f in flags for s in f.spans if s.end > s.start):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(a for a, _ in merged), tuple(b for _, b in merged))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any evidence lies inside ``[start, end)``: the last stretch
        that starts before ``end`` reaches furthest of those that do."""
        last = bisect.bisect_left(self.starts, end) - 1
        return last >= 0 and self.ends[last] > start


def render_diff_view(report: Report, *, color: bool = False, width: int = DEFAULT_WIDTH, verbose: bool = False,
                     embedder: Embedder | None = None, quote_ids: set[str] | None = None, **_: object) -> str:
    """The diff view as a format of the table (:data:`aligner.render.FORMATS`):
    the comparisons made here; without ``embedder`` the cross-language phrase
    tables are left out (the view says "not aligned")."""
    from ..comparisons import compare_quotes

    return render_diff(report, compare_quotes(report, embedder, quote_ids), color=color, width=width,
                       verbose=verbose)


def render_diff(report: Report, comparisons: tuple[QuoteComparison, ...], *, color: bool = False,
                width: int = DEFAULT_WIDTH, verbose: bool = False) -> str:
    style = Style(color)
    evidence = Evidence.of(report.flags)
    flags_of = flags_by_quote(report.flags)
    out = [style.heading(f"{report.source.path}  ({report.source.narration_lang} narration)")]
    if verbose:
        out += wrap(report.run.short(), "", "  ", width=width)
    out += wrap(style.legend(), "", "  ", width=width)
    for comparison in comparisons:
        out.append("")
        out.extend(_quote_block(report, comparison, style, evidence, flags_of.get(comparison.quote.id, ()), width))
    shown = {c.quote.id for c in comparisons}
    document_flags = flags_of.get(None, ())
    if document_flags and len(shown) == len(report.quotes):
        out.append("")
        out.append(style.heading("document"))
        for flag in document_flags:
            out.extend(_flag_lines(report, flag, style, width))
    if not report.quotes:
        out.append("")
        out.append("no quotes: the transcript has no recording markers")
    return finish("\n".join(out) + "\n")


def _quote_block(report: Report, comparison: QuoteComparison, style: Style, evidence: Evidence,
                 flags: tuple[Flag, ...], width: int) -> list[str]:
    quote = comparison.quote
    text = report.text
    marker = quote.marker
    speaker = quote.speaker.name or "(not named in the narration)"
    title = f", {quote.speaker.title}" if quote.speaker.title else ""
    marker_text = _highlight(text, tokenize(marker.text, marker.start), evidence, style)
    lines = wrap(style.heading(quote.id) + f"  {marker_text}  → {speaker}{title}", "", "    ", width=width)
    lines += wrap(style.dim(report.where(marker.start)), "  ", width=width)
    if quote.quote is None:
        lines.append("  quote: (none)")
    else:
        span = quote.quote
        lines += wrap("quote: " + _highlight(text, tokenize(span.text, span.start), evidence, style), "  ", width=width)
    if quote.quote is not None and not quote.renderings:
        lines.append("  renderings: (none found)")
    for diff in comparison.word_diffs:
        rendering = diff.rendering
        window = diff.window
        against = "" if window.whole else (
            f" (against quote sentence{'' if window.first == window.last else 's'} "
            f"{window.first}{'' if window.first == window.last else f'–{window.last}'} of {window.sentences})")
        lines.append(f"  {rendering.position} {rendering.score:.2f}{against}:")
        lines += wrap(format_runs(text, diff.runs, evidence, style), "      ", width=width)
    if comparison.cross_renderings:
        lines += _phrase_block(report, comparison, style, evidence, width)
    for flag in flags:
        lines.extend(_flag_lines(report, flag, style, width))
    return lines


def _phrase_block(report: Report, comparison: QuoteComparison, style: Style, evidence: Evidence, width: int) -> list[str]:
    text = report.text
    lines = []
    for rendering in comparison.cross_renderings:
        body = _highlight(text, tokenize(rendering.text, rendering.start), evidence, style)
        lines += wrap(f"{rendering.position} {rendering.score:.2f}: {body}", "  ", "      ", width=width)
    if comparison.phrases is None:
        lines.append("  phrases: (not aligned)")
        return lines
    lines.append("  phrases (quote → narration; a pair only where the model is sure of it):")
    rows = []
    for row in comparison.table:
        if row.status == "paired":
            assert row.quote is not None and row.narration is not None  # a pair has both sides
            quoted = _highlight(text, tokenize(row.quote.text, row.quote.start), evidence, style)
            carried = _highlight(text, tokenize(row.narration.text, row.narration.start), evidence, style)
            rows.append(("paired", f"{row.score:.2f}", quoted, carried))
        elif row.status == "unpaired":
            assert row.quote is not None  # a quote phrase nothing carries
            rows.append(("unpaired", "", _highlight(text, tokenize(row.quote.text, row.quote.start), evidence, style), ""))
        else:
            assert row.narration is not None  # a narration clause with no source
            body = _highlight(text, tokenize(row.narration.text, row.narration.start), evidence, style)
            rows.append(("no source", "", style.added(body), ""))
    quote_width = min(44, max((visible_width(r[2]) for r in rows if r[3]), default=0))
    for status, score, left, right in rows:
        head = f"    {status:<9} {score:>4}  "
        if right:
            left = left + " " * max(0, quote_width - visible_width(left))
            lines += wrap(f"{left}  → {right}", head, " " * (len(head) + 2), width=width)
        else:
            lines += wrap(left, head, " " * (len(head) + 2), width=width)
    return lines


def _flag_lines(report: Report, flag: Flag, style: Style, width: int) -> list[str]:
    lines = wrap(f"{style.severity(flag.severity)} {flag.kind}: {flag.message}", "  ", "      ", width=width)
    lines += wrap(style.dim(report.where(report.flag_offset(flag))), "      ", width=width)
    for span in flag.spans:
        lines += wrap(f"{span.side}: “{' '.join(span.text.split())}”", "      ", width=width)
    if flag.suggestion:
        lines += wrap(f"suggestion: {flag.suggestion}", "      ", width=width)
    return lines


def format_runs(text: str, runs: tuple[DiffRun, ...], evidence: Evidence, style: Style) -> str:
    """One line of word diff: equal words as the narration writes them, the
    rest marked; spacing between runs collapsed to one space."""
    out: list[str] = []
    previous: DiffRun | None = None
    for run in runs:
        if previous is not None:
            out.append(_gap(text, previous, run))
        old = _highlight(text, run.old, evidence, style) if run.old else ""
        new = _highlight(text, run.new, evidence, style) if run.new else ""
        if run.op == "equal":
            out.append(_equal_words(text, run, evidence, style))
        else:
            out.append((style.removed(old) if old else "") + (style.added(new) if new else ""))
        previous = run
    return "".join(out)


def _equal_words(text: str, run: DiffRun, evidence: Evidence, style: Style) -> str:
    """Equal words as the narration writes them, with a space wherever the
    quote has one and the narration none (``A. A.`` against ``.A``), so the
    quote's words do not run together either."""
    pieces: list[tuple[Token, ...]] = []
    start = 0
    for k in range(1, len(run.new)):
        quote_gap = text[run.old[k - 1].end:run.old[k].start]
        narration_gap = text[run.new[k - 1].end:run.new[k].start]
        if quote_gap and not narration_gap:
            pieces.append(run.new[start:k])
            start = k
    pieces.append(run.new[start:])
    return " ".join(_highlight(text, piece, evidence, style) for piece in pieces)


def _gap(text: str, before: DiffRun, after: DiffRun) -> str:
    """A space where either side has one between the two runs, so neither
    side's words run together when the other side's marks are read away."""
    gaps = [text[left[-1].end:right[0].start]
            for left, right in ((before.new, after.new), (before.old, after.old)) if left and right]
    # Neighbouring tokens of one side have only whitespace (or nothing) between them.
    return " " if not gaps or any(gaps) else ""


def _highlight(text: str, tokens: tuple[Token, ...], evidence: Evidence, style: Style) -> str:
    """The source text under ``tokens`` (whitespace collapsed), with flag evidence marked."""
    out: list[str] = []
    group: list[Token] = []
    group_is_evidence = False

    def flush() -> None:
        if group:
            body = _slice(text, group[0].start, group[-1].end)
            out.append(style.evidence(body) if group_is_evidence else body)

    for token in tokens:
        hit = evidence.overlaps(token.start, token.end)
        if group and hit != group_is_evidence:
            flush()
            out.append(" " if text[group[-1].end:token.start] else "")
            group = []
        group_is_evidence = hit
        group.append(token)
    flush()
    return "".join(out)


def _slice(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())
