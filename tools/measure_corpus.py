"""Score the corpus by its fixed split (eval/split.tsv): `tune` and `check`
side by side, flags per kind (recall and error+warning precision), error
precision, and a reliability table of rendering scores.

    python tools/measure_corpus.py [../shared/corpus] [--verbose] [--json FILE]

Thresholds are chosen on `tune` only; `check` is reported, never tuned on.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from aligner.evaluate import Counts, load_gold, score_report  # noqa: E402
from aligner.model import load_embedder  # noqa: E402
from aligner.pipeline import Settings, align  # noqa: E402
from aligner.source import read_source  # noqa: E402

SPLIT = HERE.parent / "eval" / "split.tsv"
TARGETS = {"speakers": 0.95, "rendering F1": 0.88, "flag recall": 0.75, "e+w precision": 0.80,
           "error precision": 0.95}


def read_split(path: Path = SPLIT) -> dict[str, str]:
    split = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, part = line.split("\t")[:2]
            split[name] = part
    return split


def measure(corpus: Path, settings: Settings | None = None, embedder=None) -> dict[str, list[tuple[str, Counts]]]:
    settings = settings or Settings()
    embedder = embedder or load_embedder(settings.model)
    parts: dict[str, list[tuple[str, Counts]]] = {"tune": [], "check": []}
    for name, part in read_split().items():
        transcript = corpus / f"{name}.txt"
        report = align(read_source(str(transcript)), settings=settings, embedder=embedder)
        parts[part].append((name, score_report(report, load_gold(corpus / f"{name}.gold.json"))))
    return parts


def total(files: list[tuple[str, Counts]]) -> Counts:
    counts = Counts()
    for _, c in files:
        counts.add(c)
    return counts


def headline(c: Counts) -> dict[str, float | None]:
    s = c.scores()
    return {"speakers": s["speakers"], "rendering P": s["renderings"]["precision"],
            "rendering R": s["renderings"]["recall"], "rendering F1": s["renderings"]["f1"],
            "flag recall": s["flags"]["recall"], "e+w precision": s["flags"]["precision"],
            "error precision": s["flags"]["error_precision"]}


def reliability(scores: list[tuple[float, bool]], edges=(0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> list[str]:
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        inside = [right for score, right in scores if lo <= score < hi]
        if inside:
            mean = sum(score for score, _ in scores if lo <= score < hi) / len(inside)
            rows.append(f"  {lo:.1f}-{min(hi, 1.0):.1f}  n={len(inside):3d}  mean score {mean:.2f}  "
                        f"right {sum(inside) / len(inside):.2f}")
    return rows


def fmt(v) -> str:
    return "   - " if v is None else f"{v:5.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    parts = measure(Path(args.corpus))
    totals = {part: total(files) for part, files in parts.items()}
    print(f"{'measure':16} {'tune':>6} {'check':>6} {'target':>7}")
    heads = {part: headline(c) for part, c in totals.items()}
    for key in heads["tune"]:
        target = TARGETS.get(key)
        print(f"{key:16} {fmt(heads['tune'][key]):>6} {fmt(heads['check'][key]):>6} "
              f"{'' if target is None else f'{target:.2f}':>7}")
    for part, c in totals.items():
        s = c.scores()["flags"]
        print(f"\n{part}: flags gold {c.flags_gold}, reported error+warning {c.flags_reported}, "
              f"errors right {c.errors_right}/{c.errors_reported}")
        kinds = sorted(set(s["per_kind"]) | set(s["reported_per_kind"]))
        for kind in kinds:
            found = s["per_kind"].get(kind, {"found": 0, "gold": 0})
            rep = s["reported_per_kind"].get(kind, {"right": 0, "reported": 0})
            print(f"  {kind:18} recall {found['found']}/{found['gold']}  precision {rep['right']}/{rep['reported']}")
        print(f"{part}: rendering reliability (score bucket → share right)")
        print("\n".join(reliability(c.rendering_scores)))
    if args.verbose:
        for part, files in parts.items():
            print(f"\n== {part}")
            for name, c in files:
                if c.misses:
                    print(name)
                    print("\n".join(f"    {m}" for m in c.misses))
    if args.json:
        Path(args.json).write_text(json.dumps({p: {"total": totals[p].scores(),
                                                   "files": {n: c.scores() for n, c in files}}
                                               for p, files in parts.items()}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
