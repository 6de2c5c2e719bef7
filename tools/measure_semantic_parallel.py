"""False-alarm and catch rates of the semantic detectors on held-out text.

    python tools/measure_semantic_parallel.py ../shared/corpus/parallel [N]

Builds small Korean transcripts from the sentence-aligned news set (English
original as the quote, its human Korean translation as the line after the
marker) and counts the semantic flags (misquote, meaning_shift, omission,
addition) they raise.  The translations are faithful (up to the set's own
noise), so every warning on a full quote is a false alarm.  Then the same
quotes are clipped after their first clause with "...": the Korean line now
carries more than the clip, and an addition flag is the right answer.
The set is only "mostly" parallel: read the printed examples before calling
a flag false (of the omissions read by hand, most were real drops in the
Korean translation).
None of this text was used to set the thresholds.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from aligner import Settings, align, source_from_text
from aligner.model import load_embedder

KINDS = ("misquote", "meaning_shift", "omission", "addition")
PER_STORY = 3


def stories(english: list[str], korean: list[str], clip: bool):
    for first in range(0, len(english) - PER_STORY + 1, PER_STORY):
        lines = ["미 정부 관계자 발언", ""]
        for en, ko in zip(english[first:first + PER_STORY], korean[first:first + PER_STORY]):
            if clip:
                cut = re.search(r"^(.{25,}?)[,;]\s", en)
                if not cut:
                    continue
                en = cut.group(1) + "..."
            lines += [f"[녹취: 스미스 대변인] “{en}”", "", ko, ""]
        lines.append("VOA 뉴스")
        yield "\n".join(lines) + "\n"


def main(folder: str, limit: int) -> None:
    base = Path(folder)
    english = base.joinpath("korean-english-park.dev.en").read_text("utf-8").splitlines()[:limit]
    korean = base.joinpath("korean-english-park.dev.ko").read_text("utf-8").splitlines()[:limit]
    embedder = load_embedder()
    for clip in (False, True):
        counts: Counter = Counter()
        quotes = 0
        examples = []
        for text in stories(english, korean, clip):
            report = align(source_from_text(text), settings=Settings(), embedder=embedder)
            quotes += sum(1 for q in report.quotes if q.quote is not None)
            for flag in report.flags:
                if flag.kind in KINDS:
                    counts[(flag.kind, flag.severity)] += 1
                    if len(examples) < 12 and flag.severity != "info":
                        examples.append(f"  {flag.kind} {flag.severity}: {' | '.join(s.text[:50] for s in flag.spans)}")
        label = "clipped quotes (addition expected)" if clip else "full quotes (faithful up to the set's noise)"
        print(f"{label}: {quotes} quotes")
        for kind in KINDS:
            print(f"  {kind:14} warning/error {counts[(kind, 'warning')] + counts[(kind, 'error')]:3}  "
                  f"info {counts[(kind, 'info')]:3}")
        print("\n".join(examples))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/parallel", int(sys.argv[2]) if len(sys.argv) > 2 else 300)
