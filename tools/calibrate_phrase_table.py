"""Calibrate the phrase table of ``aligner diff`` (aligner/comparisons.py,
ComparisonSettings: pair_cosine, pair_margin, no_source_cosine) on hand-written Korean renderings
of English quotes (tools/phrase_table_cases.py).

    python tools/calibrate_phrase_table.py

Prints, for a grid of (cosine, margin), how many pairs the table would show
and how many of them are right, and, with the chosen constants, every
"no source" claim and whether it is true.  A pair is right when its narration
window lies mostly inside a Korean stretch that the case says renders words
of that quote phrase.
"""
from __future__ import annotations

import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
from phrase_table_cases import CASES  # noqa: E402

from aligner import comparisons  # noqa: E402
from aligner.model import load_embedder  # noqa: E402
from aligner.phrases import align_phrases  # noqa: E402
from aligner.report import Marker, Quote, Span, Speaker  # noqa: E402


def build(case: dict) -> tuple[str, Quote, list[Span]]:
    """The case as a transcript: the quote on one line, each rendering on its own."""
    quote = case["quote"]
    text = "“" + quote + "”\n" + "\n".join(case["renderings"]) + "\n"
    spans, position = [], len(quote) + 3
    for rendering in case["renderings"]:
        spans.append(Span(position, position + len(rendering), rendering))
        position += len(rendering) + 1
    marker = Marker(0, 0, "", None, None, None, True)
    return text, Quote("q1", marker, Span(1, 1 + len(quote), quote), Speaker(None, None, (), 0.0), ()), spans


def stretches(text: str, case: dict, start: int) -> tuple[list, list]:
    carries = []
    for korean, english in case["carries"]:
        k, q = text.index(korean, start), text.index(english)
        carries.append(((k, k + len(korean)), (q, q + len(english))))
    added = [(text.index(a, start), text.index(a, start) + len(a)) for a in case["added"]]
    return carries, added


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def right_pair(pair, carries) -> bool:
    window = (pair.narration.start, pair.narration.end)
    quoted = (pair.quote.start, pair.quote.end)
    return any(overlap(window, k) >= 0.5 * (window[1] - window[0]) and overlap(quoted, q) > 0 for k, q in carries)


def main() -> None:
    embedder = load_embedder()
    features = []  # (cosine, margin, right) of every pair the aligner proposes
    claims = []  # (clause, true) of every "no source" row with the chosen constants
    for case in CASES:
        text, quote, renderings = build(case)
        carries, added = stretches(text, case, renderings[0].start)
        alignment = align_phrases(text, quote.quote, renderings, embedder)
        pairs = alignment.pairs
        for row, margin in comparisons.pair_margins(pairs, embedder).items():
            features.append((pairs[row].score, margin, right_pair(pairs[row], carries)))
        for row in comparisons.phrase_table(quote, alignment, embedder):
            if row.status == "no source":
                clause = (row.narration.start, row.narration.end)
                sourced = any(overlap(clause, k) for k, _q in carries)
                claims.append((row.narration.text, not sourced and any(overlap(clause, a) for a in added)))
    true_pairs = sum(right for *_, right in features)
    print(f"{len(features)} proposed pairs, {true_pairs} right")
    print("cosine margin shown right precision recall")
    for cosine in (0.40, 0.45, 0.50, 0.55, 0.60):
        for margin in (0.0, 0.1, 0.2, 0.3):
            shown = [right for c, m, right in features if c >= cosine and m >= margin]
            precision = sum(shown) / len(shown) if shown else 1.0
            print(f"{cosine:6.2f} {margin:6.2f} {len(shown):5d} {sum(shown):5d} {precision:9.2f} "
                  f"{sum(shown) / max(1, true_pairs):6.2f}")
    print(f"\nno-source claims at no_source_cosine={comparisons.ComparisonSettings().no_source_cosine}:")
    for clause, true in claims:
        print(f"  {'right' if true else 'WRONG'}  {clause}")
    added_total = sum(len(case["added"]) for case in CASES)
    print(f"{sum(t for _c, t in claims)} of {len(claims)} claims right; {added_total} added stretches in the cases")


if __name__ == "__main__":
    main()
