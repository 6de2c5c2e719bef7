"""How the time of one story grows with the number of quotes in it.

    python bench/quote_scaling.py [--sizes 1250,2500,5000,10000] [--profile]

Builds one story (no sign-off, so one story for the whole text) of N
soundbites, each with its own speaker, a narration sentence before and after,
aligns it in one process with the default model loaded and warm, and prints
the wall time of each size and the least-squares exponent of log time
against log N (1.0 is linear).  Before issue 14 the rendering search and the
omission pass scanned the whole story for every quote: 10k quotes took 39 s,
20k 100 s (exponent about 1.4).  The embedding cache is emptied before each
size, so encoding is timed cold.  ``--profile`` prints the top functions of
the largest size.
"""
from __future__ import annotations

import argparse
import random
import time

from aligner import Settings, align, source_from_text

from pair_scaling import slope  # the log-log fit, written once (bench/ is on sys.path when run as a script)
from aligner.model import load_embedder

SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
            "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"]
KOREAN = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "유", "홍"]
TOPICS = ["the budget", "the border", "trade with Japan", "the summit", "energy prices", "the election", "housing",
          "the new port", "rice farmers", "the vaccine plan", "the railway", "school meals", "the treaty"]


def story(n: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    parts = ["Officials speak about many things", "",
             "Officials spoke on many subjects this week. Reporter Lee Min-ji reports.", ""]
    for i in range(n):
        s = i % len(SURNAMES)
        name = f"{SURNAMES[s]}{i}"
        topic = rng.choice(TOPICS)
        amount = rng.randint(2, 900)
        parts.append(f"Minister {name} spoke about {topic} and said {amount} people would be helped.")
        parts.append("")
        parts.append(f"[녹취: {KOREAN[s]}{i} 장관] “We will help {amount} people with {topic}, and we will do it "
                     f"this year, not next year.”")
        parts.append("")
        parts.append(f"Minister {name} said {amount} people would get help with {topic} this year.")
        parts.append("")
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1250,2500,5000,10000")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    embedder = load_embedder()
    embedder.encode(["warm up", "준비"])
    times = []
    for n in sizes:
        text = story(n)
        embedder.clear_cache()
        started = time.perf_counter()
        if args.profile and n == sizes[-1]:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            report = profiler.runcall(align, source_from_text(text), settings=Settings(), embedder=embedder)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            report = align(source_from_text(text), settings=Settings(), embedder=embedder)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        print(f"{n:>7} quotes  {len(report.quotes):>7} found  {len(report.flags):>7} flags  {elapsed:8.1f} s", flush=True)
    if len(sizes) > 1:
        print(f"exponent {slope(sizes, times):.2f} (1.0 is linear)")


if __name__ == "__main__":
    main()
