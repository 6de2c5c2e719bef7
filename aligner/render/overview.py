"""The batch overview, ``OUT/index.html``: one row per transcript with the
figures of its report's summary, sortable by any column, each row linking to
its report.  Self-contained like the reports: no network, only its own
script (admitted by hash)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from .. import __version__
from .html import _e, page_foot, page_head

COLUMNS = (("quotes", "quotes"), ("error", "errors"), ("warning", "warnings"), ("info", "info"),
           ("unresolved_speakers", "unresolved speakers"), ("decided", "decided flags"))


@dataclass(frozen=True)
class OverviewRow:
    transcript: str  # the input path as given
    report: str | None  # the report's file name inside the output folder; None when it failed
    figures: dict[str, int]  # quotes, error, warning, info, unresolved_speakers, decided
    status: str  # aligned | skipped (already done) | failed
    error: str | None = None


def render_overview(rows: list[OverviewRow], *, title: str = "aligner batch") -> str:
    totals = {key: sum(int(r.figures.get(key, 0)) for r in rows) for key, _label in COLUMNS}
    failed = sum(r.status == "failed" for r in rows)
    head = "".join(
        f"<th scope=\"col\" data-key=\"{key}\" data-type=\"number\" aria-sort=\"none\"><button type=\"button\">"
        f"{_e(label)}</button></th>" for key, label in COLUMNS
    )
    body = "".join(_row(row) for row in rows)
    foot = "".join(f"<td class=\"num\">{totals[key]}</td>" for key, _label in COLUMNS)
    return "".join([
        page_head(title, "overview.css", "overview.js"),
        f"<header><h1>{_e(title)}</h1><p class=\"summary\">{len(rows)} transcript{'s' if len(rows) != 1 else ''}"
        f"{f', {failed} failed' if failed else ''} · {totals['error']} errors · {totals['warning']} warnings · "
        f"aligner {_e(__version__)} · click a column to sort</p></header>\n<main>\n",
        "<table id=\"overview\">\n<thead><tr><th scope=\"col\" data-key=\"transcript\" data-type=\"text\" "
        "aria-sort=\"ascending\"><button type=\"button\">transcript</button></th>",
        head, "<th scope=\"col\">status</th></tr></thead>\n<tbody>\n", body, "</tbody>\n",
        f"<tfoot><tr><th scope=\"row\">total</th>{foot}<td></td></tr></tfoot>\n</table>\n</main>\n",
        page_foot("overview.js"),
    ])


def _row(row: OverviewRow) -> str:
    name = _e(row.transcript)
    if row.report:
        cell = f"<a href=\"{_e(url_quote(row.report))}\">{name}</a>"
    else:
        cell = name
    figures = "".join(
        f"<td class=\"num{' zero' if not int(row.figures.get(key, 0)) else ''}\" data-key=\"{key}\">"
        f"{int(row.figures.get(key, 0))}</td>" for key, _label in COLUMNS
    )
    status = _e(row.error) if row.error else {"aligned": "aligned", "skipped": "already done"}.get(row.status, "")
    return (f"<tr class=\"{_e(row.status)}\" data-transcript=\"{_e(os.path.basename(row.transcript))}\">"
            f"<th scope=\"row\" data-key=\"transcript\">{cell}</th>{figures}<td class=\"status\">{status}</td></tr>\n")
