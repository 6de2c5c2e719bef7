"""JSON (``aligner.report/1``) and JSON Lines output."""
from __future__ import annotations

import io
import json

from ..report import Report

_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2)


def render_json(report: Report, **_: object) -> str:
    # The same text as json.dumps(..., indent=2), built in one buffer: dumps
    # first lists every small piece (an indented encoding is pure Python),
    # about ten times the report's size for a report of many short segments.
    buffer = io.StringIO()
    for chunk in _INDENTED.iterencode(report.to_dict()):
        buffer.write(chunk)
    buffer.write("\n")
    return buffer.getvalue()


def render_jsonl(report: Report, **_: object) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
