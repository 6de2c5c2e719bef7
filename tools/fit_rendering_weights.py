"""Refit the rendering model's weights on gold-annotated transcripts.

    python tools/fit_rendering_weights.py ../shared/corpus seeds samples

Prints leave-one-file-out precision/recall/F1 (the honest figure: each file
scored by weights fitted without it) and the weights fitted on everything,
ready to paste into ``aligner/renderings.py``.  Plain numpy logistic regression.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from aligner.evaluate import _quote_matches, _rendering_matches, find_pairs, load_gold, squash
from aligner.glossary import load_glossary
from aligner.model import load_embedder
from aligner.pipeline import analyse_structure
from aligner.renderings import FEATURES, RenderingSettings, score_candidates
from aligner.report import Marker
from aligner.source import read_source


def examples(paths: list[Path]):
    """(file, features, is_gold) for every candidate of every gold quote."""
    embedder, glossary, settings = load_embedder(), load_glossary(), RenderingSettings()
    for transcript, gold_file in find_pairs(paths):
        gold = load_gold(gold_file)
        structure = analyse_structure(read_source(str(transcript)).text, glossary)
        linked = [n for n, unit in enumerate(structure.units) if unit is not None]
        narration, scored = score_candidates(list(structure.segments), [structure.units[n] for n in linked],
                                             embedder, settings)
        for position, n in enumerate(linked):
            link = structure.links[n]
            gq = next((g for g in gold["quotes"] if _quote_matches(g, _QuoteView(link))), None)
            if gq is None:
                continue
            prefixes = [squash(r) for r in gq.get("renderings") or []]
            for candidate in scored[position]:
                text = squash(narration[candidate.sentence][1].text)
                yield transcript.name, candidate.features, any(_rendering_matches(text, p) for p in prefixes)


class _QuoteView:
    """The two attributes gold matching reads from a quote."""

    def __init__(self, link):
        self.marker: Marker = link.marker
        self.quote = link.quote


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 0.5) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        penalty = l2 * w / len(y)
        penalty[0] = 0.0  # the bias is not shrunk
        w -= rate * (x.T @ (p - y) / len(y) + penalty)
    return w


def main(argv: list[str]) -> None:
    rows = list(examples([Path(a) for a in argv] or [Path("samples")]))
    files = np.array([r[0] for r in rows])
    x = np.array([r[1] for r in rows], dtype=float)
    y = np.array([r[2] for r in rows], dtype=float)
    threshold = RenderingSettings().threshold
    predicted = np.zeros(len(y), dtype=bool)
    for name in sorted(set(files)):
        held_out = files == name
        w = fit(x[~held_out], y[~held_out])
        predicted[held_out] = 1 / (1 + np.exp(-x[held_out] @ w)) >= threshold
    tp = (predicted & (y > 0)).sum()
    precision, recall = tp / max(1, predicted.sum()), tp / max(1, y.sum())
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"{len(rows)} candidates, {int(y.sum())} gold renderings, {len(set(files))} files")
    print(f"leave-one-file-out at threshold {threshold}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    weights = fit(x, y)
    for name, value in zip(FEATURES, weights):
        print(f"  {name:22} {value:+.2f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.2f}" for v in weights) + ")")


if __name__ == "__main__":
    main(sys.argv[1:])
