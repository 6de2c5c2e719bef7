"""Refit the rendering model's weights on gold-annotated transcripts.

    python tools/fit_rendering_weights.py --split tune ../shared/corpus seeds samples

With ``--split tune``, only the corpus transcripts that eval/split.tsv puts
in ``tune`` are used (the seed and samples are the project's own and always
count); ``check`` is never fitted on.

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
from aligner.analysis import analyse
from aligner.renderings import FEATURES, RenderingSettings, score_candidates
from aligner.report import Marker
from aligner.source import read_source


def examples(paths: list[Path]):
    """(file, features, is_gold) for every candidate of every gold quote."""
    embedder, glossary, settings = load_embedder(), load_glossary(), RenderingSettings()
    for transcript, gold_file in find_pairs(paths):
        gold = load_gold(gold_file)
        analysis = analyse(read_source(str(transcript)).text, glossary)
        linked = [n for n, unit in enumerate(analysis.units) if unit is not None]
        narration, scored = score_candidates(list(analysis.segments), [analysis.units[n] for n in linked],
                                             embedder, settings)
        for position, n in enumerate(linked):
            link = analysis.links[n]
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


def split_names(part: str) -> set[str]:
    path = Path(__file__).resolve().parent.parent / "eval" / "split.tsv"
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return {row[0] for row in rows if row[1] == part}


def main(argv: list[str]) -> None:
    part = None
    if argv[:1] == ["--split"]:
        part, argv = argv[1], argv[2:]
    banned = split_names("check") if part == "tune" else set()
    rows = [row for row in examples([Path(a) for a in argv] or [Path("samples")])
            if row[0].removesuffix(".txt") not in banned]
    files = np.array([r[0] for r in rows])
    x = np.array([r[1] for r in rows], dtype=float)
    y = np.array([r[2] for r in rows], dtype=float)
    threshold = RenderingSettings().threshold
    held_out_probability = np.zeros(len(y))
    for name in sorted(set(files)):
        held_out = files == name
        w = fit(x[~held_out], y[~held_out])
        held_out_probability[held_out] = 1 / (1 + np.exp(-x[held_out] @ w))
    print(f"{len(rows)} candidates, {int(y.sum())} gold renderings, {len(set(files))} files")
    for t in sorted({threshold, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6}):
        predicted = held_out_probability >= t
        tp = (predicted & (y > 0)).sum()
        precision, recall = tp / max(1, predicted.sum()), tp / max(1, y.sum())
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        mark = "  (the setting)" if t == threshold else ""
        print(f"leave-one-file-out at threshold {t:.2f}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}{mark}")
    weights = fit(x, y)
    for name, value in zip(FEATURES, weights):
        print(f"  {name:22} {value:+.2f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.2f}" for v in weights) + ")")


if __name__ == "__main__":
    main(sys.argv[1:])
