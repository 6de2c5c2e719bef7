"""Renderers of a finished :class:`PairReport`: side-by-side text, JSON,
HTML and TMX.  Each reads the report only and returns a string."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET

from .. import __version__
from ..language import display_width
from .report import PairFlag, PairLink, PairReport

_MARK = {"error": "✖", "warning": "▲", "info": "·"}


def render(report: PairReport, fmt: str, *, width: int = 100) -> str:
    """``report`` in pair format ``fmt`` (the table :data:`aligner.render.FORMATS`)."""
    from ..render import output_format

    found = output_format(fmt)
    return found.pair_renderer()(report, width=width) if found.terminal else found.pair_renderer()(report)


def render_json(report: PairReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _summary_line(report: PairReport) -> str:
    summary = report.summary
    flags = summary["flags"]
    return (f"{summary['sentences']['ko']} Korean and {summary['sentences']['en']} English sentences, "
            f"{summary['links']['total']} links ({summary['links']['anchors']} anchors); "
            f"flags: {flags['error']} error, {flags['warning']} warning, {flags['info']} info")


# ---------------------------------------------------------------- text

def wrap_columns(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces, and inside a
    word only when the word alone is wider than a line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while display_width(word) > width:
            if current:
                lines.append(current)
                current = ""
            cut = 0
            while cut < len(word) and display_width(word[:cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _visible(text: str) -> str:
    """Text as a terminal shows it: control characters escaped (aligner.textutil),
    never acted on; a tab is one space in a column."""
    from ..textutil import visible

    return visible(text).replace("\t", " ")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def render_text(report: PairReport, *, width: int = 100) -> str:
    column = max(20, (width - 3) // 2)
    out = []
    for line in (f"aligner pair: {report.ko_source.path} ↔ {report.en_source.path}", _summary_line(report),
                 report.run.short()):
        out += wrap_columns(_visible(line), width)
    out.append("")
    for link in report.links:
        score = "    " if link.score is None else f"{link.score:.2f}"
        tag = f"  [{link.anchor}]" if link.anchor else ""
        out.append(f"{link.id:<5} {link.type:<4} {score}{tag}")
        left = wrap_columns(_visible(report.link_text(link, "ko")), column) if link.ko else [""]
        right = wrap_columns(_visible(report.link_text(link, "en")), column) if link.en else [""]
        for n in range(max(len(left), len(right))):
            a = left[n] if n < len(left) else ""
            b = right[n] if n < len(right) else ""
            out.append(f"{_pad(a, column)} │ {b}".rstrip())
        for flag in report.flags_of(link):
            message = wrap_columns(_visible(f"{_MARK[flag.severity]} {flag.severity} {flag.kind}: {flag.message}"),
                                   width - 4)
            out += ["  " + message[0]] + ["    " + line for line in message[1:]]
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- HTML

_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.2rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border-top:1px solid #ddd;padding:.4rem .5rem;vertical-align:top;text-align:left}
th.id{width:7rem}
td.ko{word-break:keep-all}
tr.anchor td{background:#f4f7fb}
tr.gap td{background:#fff7e6}
ul.flags{margin:.3rem 0 0;padding-left:1.2rem}
li.error{color:#a40000}li.warning{color:#8a5300}li.info{color:#555}
.meta{color:#666;font-size:.85rem}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _flag_items(flags: tuple[PairFlag, ...]) -> str:
    if not flags:
        return ""
    items = "".join(
        f'<li class="{_e(f.severity)}" id="{_e(f.id)}">{_MARK[f.severity]} {_e(f.severity)} '
        f'<b>{_e(f.kind)}</b>: {_e(f.message)}</li>' for f in flags)
    return f'<ul class="flags">{items}</ul>'


def _row(report: PairReport, link: PairLink) -> str:
    classes = ["anchor"] if link.anchor else (["gap"] if not (link.ko and link.en) else [])
    score = "" if link.score is None else f"{link.score:.2f}"
    flags = report.flags_of(link)
    return (f'<tr id="{_e(link.id)}" class="{" ".join(classes)}">'
            f'<th class="id"><a href="#{_e(link.id)}">{_e(link.id)}</a> {_e(link.type)}'
            f'<div class="meta">{_e(score)}{" " + _e(link.anchor) if link.anchor else ""}</div></th>'
            f'<td class="ko" lang="ko">{_e(report.link_text(link, "ko"))}</td>'
            f'<td class="en" lang="en">{_e(report.link_text(link, "en"))}{_flag_items(flags)}</td></tr>')


def render_html(report: PairReport) -> str:
    """One self-contained page (no script, no network): the two versions
    side by side, one row per link, flags under the English side."""
    style_hash = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
    flag_list = "".join(
        f'<li class="{_e(f.severity)}"><a href="#{_e(f.link)}">{_e(f.link)}</a> {_e(f.kind)}: {_e(f.message)}</li>'
        for f in report.flags)
    title = f"aligner pair: {report.ko_source.path} ↔ {report.en_source.path}"
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{style_hash}'\">",
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1><p class=\"meta\">{_e(_summary_line(report))}<br>{_e(report.run.short())}</p>",
        f"<h2>Flags</h2><ul class=\"flags\">{flag_list or '<li>none</li>'}</ul>" ,
        "<h2>Links</h2><table><thead><tr><th class=\"id\">link</th><th>Korean</th><th>English</th></tr></thead><tbody>",
        "".join(_row(report, link) for link in report.links),
        "</tbody></table></body></html>\n",
    ])


# ---------------------------------------------------------------- TMX

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_links(report: PairReport) -> tuple[PairLink, ...]:
    """The links a translation memory should learn: 1-1 translations, not
    anchors (the same text on both sides) and not links with an error or
    warning flag (a memory must not learn a mistake)."""
    doubtful = {f.link for f in report.flags if f.severity in ("error", "warning")}
    return tuple(link for link in report.links
                 if link.type == "1-1" and link.anchor is None and link.id not in doubtful)


def render_tmx(report: PairReport) -> str:
    """TMX 1.4: one translation unit per 1-1 link (see :func:`tmx_links`), source language Korean."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "aligner", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "aligner.pair/1", "adminlang": "en", "srclang": "ko", "datatype": "plaintext"})
    body = ET.SubElement(root, "body")
    for link in tmx_links(report):
        unit = ET.SubElement(body, "tu", tuid=link.id)
        if link.score is not None:
            ET.SubElement(unit, "prop", type="x-aligner-score").text = f"{link.score:.3f}"
        for lang, side in (("ko", "ko"), ("en", "en")):
            variant = ET.SubElement(unit, "tuv", {_XML_LANG: lang})
            ET.SubElement(variant, "seg").text = _NOT_XML.sub("", report.link_text(link, side))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            + ET.tostring(root, encoding="unicode") + "\n")
