#!/usr/bin/env python
"""aligner benchmark: cold start, throughput, where time goes, scaling, memory.

Run from the repository root, with the project's virtualenv active:

    python bench/run.py            # full run, a few minutes on 2 cores
    python bench/run.py --quick    # smaller run (~1 minute)
    python bench/run.py --out /tmp/bench.json

It prints a table (each figure beside its target, PASS/FAIL) and writes the
figures as JSON to bench/results/latest.json (gitignored) or to --out.
See bench/README.md for what each figure means and how the corpus is repeated.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_SEED = REPO / "seeds" / "voa-nk-human-rights-resolution.en.txt"
# A Korean-narration transcript: the one that needs the Korean sentence splitter.
KOREAN_PROBE = "voakorea_4606268_pompeo.txt"

TARGETS = {
    "cold_start_seed_s": ("<=", 2.5, "s"),
    "encode_ratio_batch": ("<=", 1.3, "x"),
    "scaling_exponent": ("<=", 1.1, ""),
    "peak_rss_mb": ("<=", 500.0, "MB"),
}

# --------------------------------------------------------------------------
# Varied copies: distinct names and content, same structure and cost.
# --------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_MARKER = re.compile(r"\[[^\]\n“\"]*\]?")


def _vary_digits(line: str, copy: int, line_no: int) -> str:
    """Every number re-drawn for this copy, keeping its digit count (and a
    leading digit that is not 0 when the original's was not)."""

    def swap(match: re.Match) -> str:
        digits = match.group()
        width = len(digits)
        value = (int(digits) + 7 * copy + 3 * line_no + match.start()) % (10 ** width)
        text = str(value).zfill(width)
        if digits[0] != "0" and text[0] == "0":
            text = "1" + text[1:]
        return text

    # markers ([녹취: …]) stay byte-identical
    pieces, last = [], 0
    for marker in _MARKER.finditer(line):
        pieces.append(_DIGITS.sub(swap, line[last:marker.start()]))
        pieces.append(marker.group())
        last = marker.end()
    pieces.append(_DIGITS.sub(swap, line[last:]))
    return "".join(pieces)


# Spaces that never sit inside a name: after a comma, a semicolon, a closing
# quote or bracket, or a number (speaker search reads names as words joined
# by single spaces, so doubling a space between two words could change what
# it finds; these gaps leave every decision of the pipeline as it was).
_SAFE_GAP = re.compile(r"(?<=[,;:”’\")\]\d]) (?=\S)")


_ANY_GAP = re.compile(r"(?<=\S) (?=\S)")


def _vary_spaces(line: str, copy: int, line_no: int, every_gap: bool = False) -> str:
    """Double some spaces, in a pattern unique to this copy (copy number XOR
    a per-line mask; bit i doubles gap i).  The USE tokenizer collapses runs
    of spaces, so the tokens and the encoding cost are those of the original
    sentence, but the text is a different string: the per-text embedding
    cache cannot serve one copy from another.  By default only the gaps of
    _SAFE_GAP; ``every_gap`` uses any gap between words (every sentence
    becomes distinct, but a doubled space inside a name can change how a
    speaker is resolved)."""
    # gaps between words outside markers (a marker's own text stays as it is)
    inside = [False] * (len(line) + 1)
    for marker in _MARKER.finditer(line):
        for i in range(marker.start(), marker.end() + 1):
            inside[i] = True
    gaps = [m.start() for m in (_ANY_GAP if every_gap else _SAFE_GAP).finditer(line) if not inside[m.start()]]
    if not gaps:
        return line
    bits = min(len(gaps), 30)
    pattern = copy ^ (zlib.crc32(f"{line_no}".encode()) & ((1 << bits) - 1))
    out, last = [], 0
    for bit, gap in enumerate(gaps[:bits]):
        if pattern >> bit & 1:
            out.append(line[last:gap + 1])
            out.append(" ")
            last = gap + 1
    out.append(line[last:])
    return "".join(out)


def vary(text: str, copy: int, every_gap: bool = False) -> str:
    """Copy number ``copy`` of a transcript (copy 0 is the original)."""
    if copy == 0:
        return text
    lines = text.split("\n")
    return "\n".join(_vary_spaces(_vary_digits(line, copy, n), copy, n, every_gap) for n, line in enumerate(lines))


def build_corpus(corpus: list[Path], total: int, folder: Path) -> list[Path]:
    """``total`` transcripts: the corpus files round-robin, copy k of each."""
    paths = []
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    for n in range(total):
        k, i = divmod(n, len(corpus))
        path = folder / f"c{k:04d}_{corpus[i].stem}.txt"
        path.write_text(vary(texts[i], k), encoding="utf-8")
        paths.append(path)
    return paths


def repeated(text: str, times: int) -> str:
    """One transcript ``times`` its length: varied copies back to back, every
    sentence distinct (within one document the cache would otherwise serve
    the repeats for free and the time would not grow with the length)."""
    return "\n\n".join(vary(text, k, every_gap=True) for k in range(times))


# --------------------------------------------------------------------------
# Child processes: wall time, CPU time, peak memory of the whole tree.
# --------------------------------------------------------------------------

# Runs the command, then reports its wall time and the rusage of everything
# it waited for (the aligner process and its workers): ru_maxrss is the peak
# RSS of the largest single process among them.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "code": code, "maxrss_kb": r.ru_maxrss, "cpu": r.ru_utime + r.ru_stime}))
"""


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(c) for c in handle.read().split()]
    except OSError:
        return []


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; PSS counts pages shared by forked
    workers once in total, so a tree's PSS sum is its real footprint."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process tree every 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.stop, self.peak_rss, self.peak_pss = pid, threading.Event(), 0, 0

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)[1:]  # leave out the wrapper
            sizes = [_memory_kb(p) for p in pids]
            self.peak_rss = max(self.peak_rss, sum(s[0] for s in sizes))
            self.peak_pss = max(self.peak_pss, sum(s[1] for s in sizes))
            self.stop.wait(0.05)


def measure(cmd: list[str], stdout_path: str = os.devnull) -> dict:
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, stdout_path, *cmd],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0 or not out.strip():
        raise RuntimeError(f"benchmark wrapper failed: {err.strip()[-500:]}")
    result = json.loads(out.strip().splitlines()[-1])
    if result["code"] not in (0, 1):  # 1: --fail-on; anything else is a failure
        raise RuntimeError(f"{' '.join(cmd)} exited {result['code']}")
    result.update(peak_tree_rss_kb=sampler.peak_rss, peak_tree_pss_kb=sampler.peak_pss)
    return result


def aligner_cmd() -> list[str]:
    script = Path(sys.executable).parent / "aligner"
    return [str(script)] if script.exists() else [sys.executable, "-m", "aligner"]


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def cpu_snapshot() -> tuple[float, float, float, float]:
    """(wall, busy CPU seconds of the whole machine, steal seconds, CPU
    seconds of this process and its children) now."""
    import resource

    busy = steal = 0.0
    try:
        with open("/proc/stat") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
        tick = os.sysconf("SC_CLK_TCK")
        # user nice system idle iowait irq softirq steal ...
        busy = (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / tick
        steal = (fields[7] if len(fields) > 7 else 0) / tick
    except (OSError, ValueError, IndexError):
        pass
    own = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    return time.perf_counter(), busy, steal, own


def other_load(before, after) -> dict:
    """How busy the machine was with work that is not the benchmark's:
    CPU seconds per second used by other processes (0 = quiet, nproc = every
    core taken), and the CPU time the hypervisor stole."""
    wall = after[0] - before[0]
    return {"other_processes_cpus": round(max(0.0, (after[1] - before[1]) - (after[3] - before[3])) / wall, 2),
            "steal_cpus": round((after[2] - before[2]) / wall, 2)}


# --------------------------------------------------------------------------
# In-process measurements (run in a child: python bench/run.py --_inprocess)
# --------------------------------------------------------------------------


class StageClock:
    """Exclusive time per stage: a wrapped call's time is charged to its
    stage and taken off the stage that called it (encoding inside the
    rendering search counts as encoding, not as rendering search)."""

    def __init__(self):
        self.totals: dict[str, float] = {}
        self._stack: list[list] = []

    def wrap(self, module, name: str, stage: str) -> None:
        original = getattr(module, name, None)
        if original is None:  # renamed since: its time shows up as "other"
            return

        def timed(*args, **kwargs):
            frame = [stage, 0.0]  # [stage, time of nested wrapped calls]
            self._stack.append(frame)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self._stack.pop()
                self.totals[stage] = self.totals.get(stage, 0.0) + elapsed - frame[1]
                if self._stack:
                    self._stack[-1][1] += elapsed

        setattr(module, name, timed)


def inprocess(args) -> dict:
    import numpy as np

    import aligner
    from aligner import pipeline
    from aligner.model import load_embedder
    from aligner.render import renderer
    from aligner.sentences import split_korean

    embedder = load_embedder()
    embedder.warm_up()
    split_korean("한국어 문장입니다. 두 번째 문장입니다.")  # load and warm the Korean splitter once
    render = renderer("jsonl")

    # -- where time goes, over the batch ------------------------------------
    clock = StageClock()
    import aligner.flags
    import aligner.pipeline as pl
    import aligner.source as source_mod

    import aligner.analysis as analysis_mod
    import aligner.renderings as renderings_mod
    import aligner.segments as segments_mod

    korean = "Korean splitter (kiwipiepy)"
    clock.wrap(segments_mod, "split_korean_texts", korean)  # the narration, one pass per transcript
    clock.wrap(analysis_mod, "split_korean_texts", korean)  # the Korean quotes' sentences
    clock.wrap(renderings_mod, "split_korean", korean)  # quotes given without the analysis
    clock.wrap(analysis_mod, "segment", "segment (w/o Korean splitter)")
    clock.wrap(analysis_mod, "narration_language", "segment (w/o Korean splitter)")
    clock.wrap(analysis_mod, "link_quotes", "link quotes")
    clock.wrap(analysis_mod, "resolve_speaker", "speakers")
    clock.wrap(pl, "find_renderings", "renderings (w/o encoding)")
    clock.wrap(aligner.flags, "detect_flags", "flags (w/o encoding)")
    clock.wrap(aligner, "read_source", "read input")
    clock.wrap(source_mod, "read_source", "read input")
    # What reaches the model (after the per-text cache), recorded per file.
    encoded_per_file: list[list[str]] = []
    model_call = getattr(embedder, "_encode_batch", None)
    if model_call is not None:
        def record(chunk):
            encoded_per_file[-1].extend(chunk)
            return model_call(chunk)

        embedder._encode_batch = record
    clock.wrap(embedder, "encode", "encoding")
    clock.wrap(sys.modules[__name__], "_render", "render jsonl")

    files = [Path(p) for p in args.files]
    segments = quotes = 0
    start, start_cpu = time.perf_counter(), time.process_time()
    for path in files:
        encoded_per_file.append([])
        report = pipeline.align(aligner.read_source(str(path)), embedder=embedder)
        _render(render, report)
        segments += len(report.segments)
        quotes += len(report.quotes)
        embedder.clear_cache()  # as the batch does after each file
    total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    stages = dict(clock.totals)
    stages["other"] = max(0.0, total - sum(stages.values()))
    if model_call is not None:
        embedder._encode_batch = model_call
    del embedder.encode  # the clock's wrapper

    # -- the same texts encoded once, in one call, by a fresh embedder -------
    # (the texts each file sent to the model; a text two files share was
    # encoded twice by the pipeline, since the cache is emptied per file,
    # and is encoded twice here)
    texts = [t for per_file in encoded_per_file for t in per_file]
    from aligner import model as model_module

    fresh = model_module._load_use_numpy() if hasattr(model_module, "_load_use_numpy") else embedder
    fresh.warm_up()
    fresh.clear_cache()
    begin, begin_cpu = time.perf_counter(), time.process_time()
    if model_call is not None:
        fresh._encode_batch(texts)
    else:  # fallback: through the cache, so repeats across files count once
        fresh.encode(texts)
    encode_once, encode_once_cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
    del fresh

    # -- scaling: one transcript repeated -----------------------------------
    scaling = {}
    for label, probe in (("seed", args.seed), ("korean", args.korean)):
        if not probe:
            continue
        base = Path(probe).read_text(encoding="utf-8")
        points = []
        for times in args.scales:
            text = repeated(base, times)
            runs = []
            for _ in range(args.scale_runs if times == 1 else 3 if times <= 4 else 1):
                embedder.clear_cache()
                t0 = time.perf_counter()
                report = pipeline.align(text, embedder=embedder)
                runs.append(time.perf_counter() - t0)
            points.append({"times": times, "chars": len(text), "segments": len(report.segments),
                           "quotes": len(report.quotes), "seconds": statistics.median(runs)})
        xs = np.log([p["chars"] for p in points])
        ys = np.log([p["seconds"] for p in points])
        exponent = float(np.polyfit(xs, ys, 1)[0]) if len(points) >= 2 else float("nan")
        scaling[label] = {"file": str(probe), "points": points, "exponent": exponent}
    embedder.clear_cache()

    return {
        "files": len(files), "segments": segments, "quotes": quotes, "total_s": total,
        "stages_s": stages, "encode_in_pipeline_s": stages.get("encoding", 0.0),
        "texts_encoded": len(texts), "texts_distinct": len(set(texts)),
        "encode_once_s": encode_once, "encode_ratio": total / encode_once,
        "total_cpu_s": total_cpu, "encode_once_cpu_s": encode_once_cpu, "encode_ratio_cpu": total_cpu / encode_once_cpu,
        "scaling": scaling,
    }


def _render(render, report):
    return render(report)


# --------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------


def machine() -> dict:
    model = platform.processor()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "aligner"],
                           capture_output=True, text=True).stdout.strip()
    import numpy

    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = float("nan")
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gb": round(memory, 1),
            "python": platform.python_version(), "numpy": numpy.__version__, "platform": platform.platform(),
            "commit": commit + ("+changes" if dirty else ""),
            "bytecode_cache": "off" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"}


def status(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args) -> dict:
    cli = aligner_cmd()
    corpus = sorted(Path(args.corpus).glob("*.txt"))
    if not corpus:
        sys.exit(f"bench: no *.txt in {args.corpus} (give --corpus)")
    korean = Path(args.corpus) / KOREAN_PROBE
    korean = korean if korean.exists() else corpus[0]
    results: dict = {"machine": machine(), "quick": args.quick, "load_at_start": load(),
                     "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    snapshot = cpu_snapshot()

    # -- cold start ----------------------------------------------------------
    status(f"cold start: {args.runs} runs each")
    cold = {}
    for label, cmd in (
        ("import aligner", [sys.executable, "-c", "import aligner"]),
        ("aligner align seed", [*cli, "align", str(args.seed)]),
        ("aligner align korean", [*cli, "align", str(korean)]),
    ):
        measure(cmd)  # one untimed run: file cache
        runs = [measure(cmd) for _ in range(args.runs)]
        cold[label] = {"median_s": _median(runs, "wall"), "min_s": min(r["wall"] for r in runs),
                       "runs_s": [round(r["wall"], 3) for r in runs], "cpu_s": _median(runs, "cpu"),
                       "peak_rss_mb": max(r["maxrss_kb"] for r in runs) / 1024}
    results["cold_start"] = cold

    with tempfile.TemporaryDirectory(prefix="aligner-bench-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "corpus"
        folder.mkdir()
        files = build_corpus(corpus, args.transcripts, folder)

        # -- throughput through the CLI -------------------------------------
        batch = {}
        for jobs in (1, 2):
            status(f"batch: {len(files)} transcripts, --jobs {jobs}")
            out = tmp / f"jobs{jobs}.jsonl"
            r = measure([*cli, "align", "-q", "-f", "jsonl", "-j", str(jobs), "-o", str(out), str(folder)])
            reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
            n_segments = sum(len(rep["segments"]) for rep in reports)
            batch[f"jobs {jobs}"] = {
                "wall_s": r["wall"], "cpu_s": r["cpu"], "transcripts": len(reports), "segments": n_segments,
                "quotes": sum(len(rep["quotes"]) for rep in reports),
                "transcripts_per_s": len(reports) / r["wall"], "sentences_per_s": n_segments / r["wall"],
                "peak_rss_mb": r["maxrss_kb"] / 1024, "peak_tree_rss_mb": r["peak_tree_rss_kb"] / 1024,
                "peak_tree_pss_mb": r["peak_tree_pss_kb"] / 1024,
            }
        results["batch"] = batch

        # -- in process: where time goes, encode-once ratio, scaling ---------
        status(f"in process: {len(files)} transcripts by stage; scaling {args.scales}")
        out = tmp / "inprocess.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_inprocess", str(out), "--seed", str(args.seed),
               "--korean", str(korean), "--scale-runs", str(args.scale_runs),
               "--scales", ",".join(map(str, args.scales)), "--", *map(str, files)]
        subprocess.run(cmd, check=True)
        results["in_process"] = json.loads(out.read_text())

    results["load_at_end"] = load()
    results["machine_load"] = other_load(snapshot, cpu_snapshot())
    results["checks"] = checks(results)
    return results


def checks(results: dict) -> list[dict]:
    inproc = results["in_process"]
    scaling = inproc["scaling"]
    rows = [
        ("cold start: aligner align seed (median)", "cold_start_seed_s",
         results["cold_start"]["aligner align seed"]["median_s"]),
        ("total / encode-once: batch in process, one worker", "encode_ratio_batch", inproc["encode_ratio"]),
    ]
    for jobs, data in results["batch"].items():
        rows.append((f"total / encode-once: `aligner align -j {jobs.split()[-1]}` wall (with start-up)",
                     "encode_ratio_batch", data["wall_s"] / inproc["encode_once_s"]))
    for label, data in scaling.items():
        rows.append((f"scaling exponent, {label} x{'/'.join(str(p['times']) for p in data['points'])}",
                     "scaling_exponent", data["exponent"]))
    rows.append(("peak RSS: one transcript (seed)", "peak_rss_mb",
                 results["cold_start"]["aligner align seed"]["peak_rss_mb"]))
    rows.append(("peak RSS: one transcript (Korean)", "peak_rss_mb",
                 results["cold_start"]["aligner align korean"]["peak_rss_mb"]))
    for jobs, data in results["batch"].items():
        rows.append((f"peak RSS: batch {jobs} (largest process)", "peak_rss_mb", data["peak_rss_mb"]))
    out = []
    for label, key, value in rows:
        op, target, unit = TARGETS[key]
        ok = value <= target if op == "<=" else value >= target
        out.append({"figure": label, "key": key, "value": value, "target": f"{op} {target:g}{unit and ' ' + unit}",
                    "pass": bool(ok)})
    return out


def table(results: dict) -> str:
    m = results["machine"]
    cold, batch, inproc = results["cold_start"], results["batch"], results["in_process"]
    lines = [
        f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['memory_gb']} GB; Python {m['python']}, numpy {m['numpy']}; "
        f"commit {m['commit']}; bytecode cache {m['bytecode_cache']}",
        f"other work on the machine during the run: {results['machine_load']['other_processes_cpus']:.2f} of "
        f"{m['nproc']} CPUs busy on average (steal {results['machine_load']['steal_cpus']:.2f}); load average "
        f"{results['load_at_start']} at start"
        + ("  (a busy machine: timings are inflated)" if results["machine_load"]["other_processes_cpus"] > 0.25
           else ""),
        "",
        "| figure | value | target | |",
        "|---|---:|---|---|",
    ]
    for c in results["checks"]:
        unit = c["target"].split()[-1] if c["target"].split()[-1] in ("s", "MB", "x") else ""
        value = f"{c['value']:.0f} MB" if unit == "MB" else f"{c['value']:.2f}" + (f" {unit}" if unit else "")
        lines.append(f"| {c['figure']} | {value} | {c['target']} | {'PASS' if c['pass'] else 'FAIL'} |")
    lines += ["", "| cold start (fresh process) | median | min | CPU | peak RSS |", "|---|---:|---:|---:|---:|"]
    for label, c in cold.items():
        lines.append(f"| `{label}` | {c['median_s']:.2f} s | {c['min_s']:.2f} s | {c['cpu_s']:.2f} s "
                     f"| {c['peak_rss_mb']:.0f} MB |")
    lines += ["", "| batch (`aligner align -f jsonl -j N`) | transcripts | wall | transcripts/s | sentences/s "
              "| CPU | peak RSS (largest) | peak PSS (all processes) |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, b in batch.items():
        lines.append(f"| {label} | {b['transcripts']} | {b['wall_s']:.1f} s | {b['transcripts_per_s']:.1f} "
                     f"| {b['sentences_per_s']:.0f} | {b['cpu_s']:.1f} s | {b['peak_rss_mb']:.0f} MB "
                     f"| {b['peak_tree_pss_mb']:.0f} MB |")
    total = inproc["total_s"]
    lines += ["", f"where time goes, in process, {inproc['files']} transcripts, {inproc['segments']} segments "
              f"({inproc['files'] / total:.1f} transcripts/s, {inproc['segments'] / total:.0f} sentences/s):", "",
              "| stage | seconds | share |", "|---|---:|---:|"]
    for stage, seconds in sorted(inproc["stages_s"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {stage} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    lines.append(f"| **total** | {total:.2f} | 100% |")
    lines += ["", f"encode-once: the {inproc['texts_encoded']} texts the pipeline sent to the model "
              f"({inproc['texts_distinct']} distinct) in one call to a fresh embedder: "
              f"{inproc['encode_once_s']:.2f} s; total / encode-once = {inproc['encode_ratio']:.2f} "
              f"(in CPU time, which other processes disturb less: {inproc['total_cpu_s']:.2f} s / "
              f"{inproc['encode_once_cpu_s']:.2f} s = {inproc['encode_ratio_cpu']:.2f})", ""]
    lines += ["| scaling | " + " | ".join(f"x{p['times']}" for p in next(iter(inproc['scaling'].values()))['points'])
              + " | exponent |",
              "|---|" + "---:|" * (len(next(iter(inproc['scaling'].values()))['points']) + 1)]
    for label, s in inproc["scaling"].items():
        cells = " | ".join(f"{p['seconds']:.2f} s ({p['chars'] // 1000} k chars)" for p in s["points"])
        lines.append(f"| {label} | {cells} | {s['exponent']:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller run: 120 transcripts, 3 cold runs, x1/x4/x16")
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"), help="JSON results path")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of *.txt transcripts")
    parser.add_argument("--seed", default=str(DEFAULT_SEED), help="transcript for cold start and scaling")
    parser.add_argument("--transcripts", type=int, default=None, help="batch size (default 504; quick 120)")
    parser.add_argument("--runs", type=int, default=None, help="cold-start runs (default 5; quick 3)")
    parser.add_argument("--_inprocess", help=argparse.SUPPRESS)
    parser.add_argument("--korean", help=argparse.SUPPRESS)
    parser.add_argument("--scales", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--scale-runs", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._inprocess:
        args.scales = [int(s) for s in args.scales.split(",")]
        result = inprocess(args)
        Path(args._inprocess).write_text(json.dumps(result))
        return
    args.transcripts = args.transcripts or (120 if args.quick else 504)
    args.runs = args.runs or (3 if args.quick else 5)
    args.scales = [1, 4, 16] if args.quick else [1, 4, 16, 64]
    args.scale_runs = 3 if args.quick else 5
    started = time.perf_counter()
    results = run(args)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    print(table(results))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n(results: {out}; benchmark took {results['bench_seconds']:.0f} s)")
    if not all(c["pass"] for c in results["checks"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
