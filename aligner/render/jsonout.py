"""JSON (``aligner.report/1``) and JSON Lines output."""
from __future__ import annotations

import json

from ..report import Report


def render_json(report: Report, **_) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(report: Report, **_) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
