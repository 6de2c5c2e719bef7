"""Reports for the reviewer-view tests (diff, HTML, Markdown)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aligner import align, read_source
from aligner.report import Flag, FlagSpan, Report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "voa-nk-human-rights-resolution.en.txt"
SAMPLES = ROOT / "samples"


def seed_report_with_two_sided_flag() -> tuple[Report, Flag]:
    """The seed's report and a flag with evidence on both sides: the detectors'
    own when one exists, else an added misquote flag (quote 'Riff-Raff',
    narration 'human waste'), so the views always have one to show."""
    report = align(read_source(str(SEED)))
    for flag in sorted(report.flags, key=lambda f: f.kind != "misquote"):  # the seed's misquote first
        if {s.side for s in flag.spans} >= {"quote", "narration"}:
            return report, flag
    text = report.text
    quote = next(q for q in report.quotes if q.quote and "Riff-Raff" in q.quote.text)
    spans = tuple(
        FlagSpan(text.index(word), text.index(word) + len(word), word, side)
        for word, side in (("Riff-Raff", "quote"), ("human waste", "narration"))
    )
    flag = Flag(id=f"f{len(report.flags) + 1}", kind="misquote", severity="error",
                message="The narration quotes 'human waste' where the speaker said 'Riff-Raff'.",
                quote=quote.id, spans=spans)
    return replace(report, flags=report.flags + (flag,)), flag
