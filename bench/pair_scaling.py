"""How pair mode's time grows with document length.

    python bench/pair_scaling.py [--corpus ../shared/corpus/parallel] [--sizes 100,200,400,800,1600,3200]

Builds one document pair of N consecutive corpus pairs (with the default
drops and merges of ``aligner pair-eval``; past the corpus's 1,000 pairs the
corpus is read again from the top) for each N, aligns it in one process with
the default model loaded, and prints the time of each stage and the
least-squares exponent of log time against log N (1.0 is linear).  The
embedding cache is emptied before each size, so encoding is timed cold.
"""
from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from aligner.model import load_embedder
from aligner.pair.align import align_sentences, embedding_scorer
from aligner.pair.anchors import find_anchors
from aligner.pair.evaluate import make_documents, read_parallel_corpus
from aligner.pair.sentences import sentences_of


def slope(xs, ys) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "parallel"))
    parser.add_argument("--sizes", default="100,200,400,800,1600,3200")
    args = parser.parse_args()
    ko, en = read_parallel_corpus(Path(args.corpus))
    sizes = [int(s) for s in args.sizes.split(",")]
    embedder = load_embedder()
    embedder.encode(["warm up", "준비"])
    rows = []
    print(f"{'pairs':>6} {'ko':>6} {'en':>6} {'segment':>8} {'encode+score':>13} {'DP':>8} {'cells':>9} {'cells/row':>9}")
    for size in sizes:
        repeat = -(-size // len(ko))
        document = make_documents(ko * repeat, en * repeat, count=1, sentences=size, seed=11)[0]
        embedder.clear_cache()
        t0 = time.perf_counter()
        ko_sentences, en_sentences = sentences_of(document.ko_text, "ko"), sentences_of(document.en_text, "en")
        t1 = time.perf_counter()
        scorer = embedding_scorer(embedder, [s.text for s in ko_sentences], [s.text for s in en_sentences])
        t2 = time.perf_counter()
        alignment = align_sentences(scorer, len(ko_sentences), len(en_sentences),
                                    find_anchors(ko_sentences, en_sentences))
        t3 = time.perf_counter()
        rows.append((size, t1 - t0, t2 - t1, t3 - t2))
        print(f"{size:6d} {len(ko_sentences):6d} {len(en_sentences):6d} {t1 - t0:8.2f} {t2 - t1:13.2f} {t3 - t2:8.3f} "
              f"{alignment.cells:9d} {alignment.cells / len(ko_sentences):9.1f}")
    xs = [r[0] for r in rows]
    print(f"exponent (log time vs log pairs): segment {slope(xs, [r[1] for r in rows]):.2f}, "
          f"encode {slope(xs, [r[2] for r in rows]):.2f}, DP {slope(xs, [r[3] for r in rows]):.2f}")


if __name__ == "__main__":
    main()
