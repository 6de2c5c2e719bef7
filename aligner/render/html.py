"""One self-contained HTML page: the transcript with its quotes, renderings
and flag evidence marked and linked, beside the flag list.

The page needs no network: the stylesheet and script (``report.css``,
``report.js`` beside this module) are inlined.  Every piece of transcript
text goes through :func:`html.escape`, so a transcript holding markup shows
it as text.

The transcript is cut at every boundary of every span (segment, marker,
quote, rendering, speaker mention, flag evidence) into flat pieces, each a
``<span>`` that lists what covers it in data attributes (``data-quote``,
``data-role``, ``data-flags``).  Flat pieces never nest, so overlapping
spans (a flag's evidence inside a rendering of two quotes) need no special
case, and the script selects "all pieces of q3" with one attribute selector.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from dataclasses import dataclass, field
from importlib import resources

from ..report import SEVERITIES, Flag, Report
from ..review import DEFAULT_NAME, SCHEMA as REVIEW_SCHEMA, fingerprint
from . import triage

_TITLE = {"error": "errors", "warning": "warnings", "info": "info"}
_MARK = {"error": "✖", "warning": "▲", "info": "·"}


@dataclass
class _Cover:
    """What covers one stretch of the transcript."""

    roles: set[str] = field(default_factory=set)  # marker, quote, rendering, mention, evidence, seg-*
    quotes: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    severities: set[str] = field(default_factory=set)
    first_of: set[str] = field(default_factory=set)  # quotes whose marker starts here


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(inline: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page_head(title: str, css: str, js: str) -> str:
    """The start of a self-contained page, up to ``<body>``: the packaged
    stylesheet and script inline, and a policy that allows nothing else."""
    style = "\n" + _asset(css)
    script = "\n" + _asset(js)
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        # No network, ever, and no script or style but our own: should escaping
        # ever miss, an injected tag or handler still cannot run or load.
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}\">\n",
        f"<title>{_e(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n",
    ])


def page_foot(js: str) -> str:
    """The end of the page: the packaged script :func:`page_head` admitted."""
    return f"<script>\n{_asset(js)}</script>\n</body>\n</html>\n"


def render_html(report: Report, **_: object) -> str:
    src = report.source
    summary = report.summary
    counts = summary["flags"]
    title = f"aligner: {src.path}"
    return "".join([
        page_head(title, "report.css", "report.js"),
        "<header>\n",
        f"<h1>aligner report <span class=\"path\">{_e(src.path)}</span></h1>\n",
        f"<p class=\"run\" id=\"run\">{_e(report.run.short())}</p>\n",
        f"<p class=\"summary\">{_e(src.narration_lang)} narration · {src.chars} characters · "
        f"sha256 <code>{_e(src.sha256[:12])}</code> · {summary['quotes']} quotes, {summary['linked']} linked · "
        f"<span class=\"sev-error\">{counts['error']} error</span>, "
        f"<span class=\"sev-warning\">{counts['warning']} warning</span>, "
        f"<span class=\"sev-info\">{counts['info']} info</span></p>\n",
        "".join(f"<p class=\"note\">{_e(note)}</p>\n" for note in report.notes),
        "</header>\n<main>\n",
        "<section class=\"transcript-pane\" aria-label=\"transcript\">\n<h2>Transcript</h2>\n",
        "<p class=\"legend\"><span class=\"p marker\">marker</span> <span class=\"p quote\">quote</span> "
        "<span class=\"p rendering\">rendering</span> <span class=\"p mention\">speaker named</span> "
        "<span class=\"p evidence evidence-shown ev-error\">flag evidence</span> · hover or click a quote; "
        "click a flag to find its evidence</p>\n",
        f"<div id=\"transcript\" class=\"transcript\" lang=\"{_e(src.narration_lang)}\">",
        _transcript(report),
        "</div>\n</section>\n<aside>\n",
        _triage_panel(report),
        _flag_panel(report),
        _quote_panel(report),
        "</aside>\n</main>\n",
        page_foot("report.js"),
    ])


def _intervals(report: Report) -> list[tuple[int, int, str, str | None, Flag | None]]:
    """(start, end, role, quote id, flag) for everything the page marks."""
    spans: list[tuple[int, int, str, str | None, Flag | None]] = []
    for segment in report.segments:
        if segment.kind in ("headline", "signoff", "other"):
            spans.append((segment.start, segment.end, f"seg-{segment.kind}", None, None))
    for quote in report.quotes:
        spans.append((quote.marker.start, quote.marker.end, "marker", quote.id, None))
        if quote.quote is not None:
            spans.append((quote.quote.start, quote.quote.end, "quote", quote.id, None))
        for rendering in quote.renderings:
            spans.append((rendering.start, rendering.end, "rendering", quote.id, None))
        for mention in quote.speaker.mentions:
            spans.append((mention.start, mention.end, "mention", quote.id, None))
    for flag in report.flags:
        for span in flag.spans:
            spans.append((span.start, span.end, "evidence", None, flag))
    length = len(report.text)
    return [(max(0, a), min(length, b), role, q, f) for a, b, role, q, f in spans if min(length, b) > max(0, a)]


def _transcript(report: Report) -> str:
    text = report.text
    intervals = _intervals(report)
    # A sweep over the boundaries: at each one, some intervals open and some close.
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (start, end, *_rest) in enumerate(intervals):
        opening.setdefault(start, []).append(index)
        closing.setdefault(end, []).append(index)
    boundaries = sorted({0, len(text), *opening, *closing})
    active: set[int] = set()
    out: list[str] = []
    for left, right in zip(boundaries, boundaries[1:]):
        active.difference_update(closing.get(left, ()))
        active.update(opening.get(left, ()))
        piece = text[left:right]
        if not active:
            out.append(_e(piece))
            continue
        cover = _Cover()
        for index in active:
            start, _end, role, quote_id, flag = intervals[index]
            cover.roles.add(role)
            if quote_id:
                cover.quotes.add(quote_id)
                if role == "marker" and start == left:
                    cover.first_of.add(quote_id)
            if flag is not None:
                cover.flags.add(flag.id)
                cover.severities.add(flag.severity)
                if flag.quote:
                    cover.quotes.add(flag.quote)
        out.append(_piece(piece, cover))
    return "".join(out)


def _piece(text: str, cover: _Cover) -> str:
    classes = sorted(cover.roles) + [f"ev-{s}" for s in sorted(map(str, cover.severities))]  # by name
    attributes = [f'class="p {" ".join(classes)}"']
    roles = sorted(r for r in cover.roles if not r.startswith("seg-"))
    if roles:
        attributes.append(f'data-role="{_e(" ".join(roles))}"')
    if cover.quotes:
        attributes.append(f'data-quote="{_e(" ".join(sorted(cover.quotes, key=_natural)))}"')
    if cover.flags:
        attributes.append(f'data-flags="{_e(" ".join(sorted(cover.flags, key=_natural)))}"')
    if cover.first_of:
        first = sorted(cover.first_of, key=_natural)[0]
        attributes.append(f'id="marker-{_e(first)}" data-label="{_e(" ".join(sorted(cover.first_of, key=_natural)))}"')
    return f"<span {' '.join(attributes)}>{_e(text)}</span>"


def _natural(identifier: str) -> tuple[str, int]:
    head = identifier.rstrip("0123456789")
    tail = identifier[len(head):]
    return head, int(tail) if tail else 0


def _review_bar(report: Report) -> str:
    """Keys to decide flags, and the decisions as a review file to download:
    the file's earlier decisions (embedded as data, never run) plus the page's."""
    review = report.review
    name = os.path.basename(review.path) if review is not None else DEFAULT_NAME
    document = review.document if review is not None else json.dumps({"schema": REVIEW_SCHEMA, "decisions": []})
    hidden = ""
    if review is not None and review.hidden:
        hidden = f" · {review.hidden} decided flag{'s' if review.hidden != 1 else ''} hidden"
    # "</" cannot end the data block early; JSON reads "<\/" as "</".
    data = document.replace("</", "<\\/")
    return (
        "<div class=\"review-bar\"><p class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> next/previous flag · "
        "<kbd>a</kbd> accept · <kbd>w</kbd> wrong · <kbd>f</kbd> fixed · <kbd>u</kbd> undo"
        f"{_e(hidden)}</p>"
        f"<a id=\"review-download\" class=\"download\" download=\"{_e(name)}\" href=\"#\">"
        "Download decisions (<span id=\"review-count\">0</span>)</a></div>\n"
        f"<script type=\"application/json\" id=\"review-data\">{data}</script>\n"
    )


def _flag_panel(report: Report) -> str:
    counts = report.summary["flags"]
    out = ["<section class=\"flags\" aria-label=\"flags\">\n<h2>Flags</h2>\n", _review_bar(report),
           "<fieldset class=\"filters\">", "<legend>show</legend>"]
    for severity in SEVERITIES:
        out.append(f"<label class=\"sev-{severity}\"><input type=\"checkbox\" name=\"severity\" "
                   f"value=\"{severity}\" checked> {_MARK[severity]} {_TITLE[severity]} ({counts[severity]})</label>")
    out.append("</fieldset>\n")
    if not report.flags:
        out.append("<p class=\"empty\">No flags.</p>\n")
    out.append("<ol id=\"flag-list\" class=\"flag-list\">\n")
    for flag in report.flags:
        out.append(_flag_item(report, flag))
    out.append("</ol>\n</section>\n")
    return "".join(out)


def _triage_panel(report: Report) -> str:
    """What to fix first: errors, then warnings, grouped by quote, with a count per kind."""
    groups = triage(report)
    if not groups:
        return ""
    out = ["<section class=\"triage\" id=\"triage\" aria-label=\"fix first\">\n<h2>Fix first</h2>\n"]
    for group in groups:
        kinds = ", ".join(f"{_e(kind)} {n}" for kind, n in group.kinds)
        out.append(f"<h3 class=\"sev-{group.severity}\">{_MARK[group.severity]} {group.count} "
                   f"{_e(group.severity)}{'s' if group.count != 1 else ''} <span class=\"kinds\">({kinds})</span></h3>\n"
                   f"<ul class=\"triage-list\">\n")
        for quote_id, flags in group.by_quote:
            where = _e(quote_id) if quote_id else "document"
            items = "".join(
                f"<li><a class=\"triage-item\" href=\"#flag-{_e(flag.id)}\" data-flag=\"{_e(flag.id)}\">"
                f"<b>{_e(flag.kind)}</b> <span class=\"loc\">{_e(_line_column(report, flag))}</span> "
                f"{_e(flag.message)}</a></li>"
                for flag in flags
            )
            out.append(f"<li class=\"triage-quote\" data-quote=\"{_e(quote_id or '')}\"><span class=\"qref\">{where}</span>"
                       f"<ul>{items}</ul></li>\n")
        out.append("</ul>\n")
    out.append("</section>\n")
    return "".join(out)


def _line_column(report: Report, flag: Flag) -> str:
    offset = report.flag_offset(flag)
    if offset is None:
        return ""
    line, column = report.locate(offset)
    return f"{line}:{column}"


def _flag_item(report: Report, flag: Flag) -> str:
    where = (f"<a class=\"qref\" href=\"#marker-{_e(flag.quote)}\" data-quote=\"{_e(flag.quote)}\">{_e(flag.quote)}</a>"
             if flag.quote else "<span class=\"qref\">document</span>")
    evidence = "".join(
        f"<li><span class=\"side\">{_e(span.side)}</span> <q>{_e(' '.join(span.text.split()))}</q></li>"
        for span in flag.spans
    )
    suggestion = (f"<p class=\"suggestion\">suggestion: {_e(flag.suggestion)}</p>" if flag.suggestion else "")
    quote_attribute = f' data-quote="{_e(flag.quote)}"' if flag.quote else ""
    fp = fingerprint(report, flag)
    decision = report.review.decision_of(fp) if report.review is not None else None
    decided = f' data-decision="{_e(decision)}"' if decision else ""
    evidence_words = _e(json.dumps([" ".join(s.text.split())[:200] for s in flag.spans], ensure_ascii=False))
    quote = report.quote_by_id(flag.quote)
    quote_words = ""
    if quote is not None:
        quote_words = " ".join((quote.quote.text if quote.quote is not None else quote.marker.text).split())[:200]
    return (
        f"<li id=\"flag-{_e(flag.id)}\" class=\"flag sev-{_e(flag.severity)}\" data-flag=\"{_e(flag.id)}\" "
        f"data-severity=\"{_e(flag.severity)}\"{quote_attribute} data-fingerprint=\"{fp}\"{decided} "
        f"data-kind=\"{_e(flag.kind)}\" data-evidence=\"{evidence_words}\" data-quote-words=\"{_e(quote_words)}\" "
        f"data-transcript=\"{_e(os.path.basename(report.source.path))}\" tabindex=\"0\" role=\"button\" "
        f"aria-label=\"{_e(flag.severity)} {_e(flag.kind)}\">"
        f"<div class=\"flag-head\"><span class=\"mark\">{_MARK.get(flag.severity, '?')}</span> "
        f"<span class=\"severity\">{_e(flag.severity)}</span> <b class=\"kind\">{_e(flag.kind)}</b> {where} "
        f"<span class=\"loc\" title=\"line:column\">{_e(_line_column(report, flag))}</span></div>"
        f"<span class=\"decision\"></span>"
        f"<p class=\"message\">{_e(flag.message)}</p><ul class=\"evidence\">{evidence}</ul>{suggestion}</li>\n"
    )


def _quote_panel(report: Report) -> str:
    out = ["<section class=\"quotes\" aria-label=\"quotes\">\n<h2>Quotes</h2>\n<ol class=\"quote-list\">\n"]
    for quote in report.quotes:
        speaker = quote.speaker
        who = _e(speaker.name) if speaker.name else "<em>not named in the narration</em>"
        if speaker.title:
            who += f", {_e(speaker.title)}"
        rendered = len(quote.renderings)
        state = ("no quote" if quote.quote is None
                 else f"{rendered} rendering{'s' if rendered != 1 else ''}" if rendered else "not rendered")
        out.append(
            f"<li id=\"card-{_e(quote.id)}\" class=\"quote-card\" data-quote=\"{_e(quote.id)}\" tabindex=\"0\">"
            f"<a class=\"qref\" href=\"#marker-{_e(quote.id)}\">{_e(quote.id)}</a> "
            f"<span class=\"marker-text\">{_e(quote.marker.text)}</span> → <span class=\"speaker\">{who}</span>"
            f" <span class=\"state\">({state})</span></li>\n"
        )
    if not report.quotes:
        out.append("<li class=\"empty\">No quotes.</li>\n")
    out.append("</ol>\n</section>\n")
    return "".join(out)
