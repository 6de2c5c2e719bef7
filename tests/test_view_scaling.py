"""The views grow linearly with the number of quotes.

A synthetic report (built from the :mod:`aligner.report` dataclasses, no
model) of N and 4N quotes, each with renderings, flags and evidence spans;
each view is timed best-of-3 at both sizes.  A linear view takes about 4×
as long at 4N; a view that scans every flag for each quote, or every
evidence span for each token, takes about 16×.  The bound (twice the size
ratio) leaves room for a loaded machine and still fails a quadratic view.
"""
from __future__ import annotations

import gc
import time
from functools import lru_cache
from collections.abc import Callable

import pytest

from aligner.comparisons import QuoteComparison, compare_quotes
from aligner.render.diff import render_diff
from aligner.render.html import render_html
from aligner.render.markdown import render_markdown
from aligner.render.text import render_text
from aligner.report import (Flag, FlagSpan, Marker, Quote, Rendering, Report, RunSignature, SourceInfo, Span,
                            Speaker)
from aligner.segments import Segment

SMALL = 250
GROWTH = 4


def synthetic_report(quotes: int) -> Report:
    """``quotes`` soundbites, each a marker, an English quote, an English and
    a Korean rendering, and two flags with evidence on the quote, the marker
    and the narration; a few document-wide flags."""
    parts: list[str] = []
    position = 0
    segments: list[Segment] = []
    built: list[Quote] = []
    flags: list[Flag] = []

    def add(text: str, kind: str) -> tuple[int, int]:
        nonlocal position
        start = position
        parts.append(text + "\n")
        position += len(text) + 1
        segments.append(Segment(f"s{len(segments) + 1}", kind, start, start + len(text), text,
                                "ko" if kind == "narration" and "장관" in text else "en"))
        return start, start + len(text)

    for n in range(1, quotes + 1):
        name = f"Kim{n}"
        english = f"Minister {name} said {n} people would get help with the budget this year."
        korean = f"김{n} 장관은 올해 예산으로 {n}명을 돕겠다고 말했습니다."
        marker_text = f"[녹취: 김{n} 장관]"
        quote_text = f"“We will help {n} people with the budget, and we will do it this year, not next year.”"
        e_start, e_end = add(english, "narration")
        m_start, m_end = add(marker_text, "marker")
        q_start, q_end = add(quote_text, "quote")
        k_start, k_end = add(korean, "narration")
        quote_id = f"q{n}"
        inner = Span(q_start + 1, q_end - 1, quote_text[1:-1])
        built.append(Quote(
            id=quote_id,
            marker=Marker(m_start, m_end, marker_text, f"김{n}", "장관", None, True),
            quote=inner,
            speaker=Speaker(name, "Minister", (Span(e_start + 9, e_start + 9 + len(name), name),), 0.9),
            renderings=(Rendering(e_start, e_end, english, "before", 0.8, "s", 0.7),
                        Rendering(k_start, k_end, korean, "after", 0.7, "s", 0.6)),
        ))
        dropped = quote_text.index("and we")
        flags.append(Flag("", "omission", "warning", "No rendering carries 'and we will do it'.", quote_id,
                          (FlagSpan(q_start + dropped, q_start + dropped + 18, quote_text[dropped:dropped + 18],
                                    "quote"),)))
        flags.append(Flag("", "name_variant", "info", f"{name} is written two ways.", quote_id,
                          (FlagSpan(e_start + 9, e_start + 9 + len(name), name, "narration"),
                           FlagSpan(m_start + 5, m_start + 5 + len(f"김{n}"), f"김{n}", "marker"))))
    for n in range(3):
        flags.append(Flag("", "typography", "info", "Mixed quotation marks.", None, ()))
    flags = [Flag(f"f{n}", *_rest(flag)) for n, flag in enumerate(flags, 1)]
    text = "".join(parts)
    return Report(
        source=SourceInfo("synthetic.txt", "0" * 64, "utf-8", "ko", len(text)),
        run=RunSignature("0", "synthetic", ()),
        segments=tuple(segments), quotes=tuple(built), flags=tuple(flags), text=text,
    )


def _rest(flag: Flag) -> tuple:
    return flag.kind, flag.severity, flag.message, flag.quote, flag.spans


# Each view of a report and its comparisons (the diff view's word diffs,
# computed without a model: the Korean renderings go without a phrase table);
# the comparisons are timed on their own.
VIEWS: dict[str, Callable[[Report, tuple[QuoteComparison, ...]], object]] = {
    "text": lambda report, _: render_text(report),
    "md": lambda report, _: render_markdown(report),
    "html": lambda report, _: render_html(report),
    "diff": render_diff,
    "comparisons": lambda report, _: compare_quotes(report),
}


@lru_cache(maxsize=2)
def inputs(quotes: int) -> tuple[Report, tuple[QuoteComparison, ...]]:
    report = synthetic_report(quotes)
    return report, compare_quotes(report)


def best_times(view: Callable[[Report, tuple[QuoteComparison, ...]], object], sizes: tuple[int, ...],
               runs: int = 3) -> list[float]:
    """The best of ``runs`` timings of ``view`` at each size, in CPU time of
    this process (other processes on a loaded machine take wall time, not
    this): the sizes take turns, so a slow stretch slows both alike, and the
    garbage collector is off while timing (as in :mod:`timeit`), so that a
    collection of the larger heap does not pass for the view's own cost."""
    best = [float("inf")] * len(sizes)
    for _ in range(runs):
        for n, size in enumerate(sizes):
            report, comparisons = inputs(size)
            gc.collect()
            gc.disable()
            try:
                began = time.process_time()
                view(report, comparisons)
                best[n] = min(best[n], time.process_time() - began)
            finally:
                gc.enable()
    return best


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_a_view_grows_linearly_with_the_quotes(name):
    view = VIEWS[name]
    small, large = best_times(view, (SMALL, SMALL * GROWTH))
    ratio = large / small
    print(f"{name}: {SMALL} → {SMALL * GROWTH} quotes, time × {ratio:.1f}")
    assert ratio / GROWTH < 2, f"{name} view: {GROWTH}× the quotes took {ratio:.1f}× the time"
