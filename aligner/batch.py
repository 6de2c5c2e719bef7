"""Many transcripts in one run.

The model is loaded once, in this process, before any worker starts: with
``jobs > 1`` the workers are forked from it and share its pages instead of
each loading its own copy.  A file that fails is reported and counted; the
batch goes on (unless ``fail_fast``).  With an output folder every report is
written atomically and recorded in a manifest, so a rerun skips inputs whose
report is already there for the same bytes and the same settings.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass, field
from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import EXIT_PARTIAL, OUT_OF_MEMORY, AlignerError, InputError, OutputError
from .render import report_suffixes
from .report import Severity
from .settings import Settings

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

MANIFEST = ".aligner-manifest.jsonl"
OVERVIEW = "index.html"  # the batch overview beside HTML reports (aligner.render.overview)
TRANSCRIPT_GLOB_SUFFIX = ".txt"

# a manifest line: input sha256, run key, worst flag severity, report sha256, the overview's figures
ManifestEntry = tuple[str, str, Severity | None, str, dict[str, Any]]


@dataclass(frozen=True)
class BatchOptions:
    fmt: str = "jsonl"
    min_severity: str | None = None
    encoding: str | None = None
    out_dir: str | None = None  # one report per input here; None: reports come back as text
    jobs: int = 1
    fail_fast: bool = False
    catch_unexpected: bool = True  # a bug on one file should not cost the rest of a long batch
    view: tuple[tuple[str, object], ...] = ()  # renderer options: width, color, verbose, quiet (text)
    reviews: bool = False  # read each transcript's review file (aligner-review.json beside it)
    review: str | None = None  # ... or this one for every transcript
    show_decided: bool = False  # keep accepted and wrong flags in the reports


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # "aligned" | "skipped" | "failed"
    error: str | None = None  # one line, naming the file
    exit_code: int = 0
    quotes: int = 0
    flags: tuple[tuple[str, int], ...] = ()  # (severity, count) in report order
    worst: Severity | None = None  # the most severe flag, None for none
    rendered: str | None = None  # the report, when it is not written to a folder
    report_path: str | None = None
    sha256: str | None = None  # of the input's bytes, as its report records it
    report_sha256: str | None = None  # of the report's bytes as written, to tell an intact report on resume
    unresolved: int = 0  # quotes whose marker names a speaker the narration never names
    decided: int = 0  # flags the review file settles (accepted or wrong)

    def figures(self) -> dict[str, int]:
        """The overview's row: the same figures as the report's summary."""
        counts = dict(self.flags)
        return {"quotes": self.quotes, "error": counts.get("error", 0), "warning": counts.get("warning", 0),
                "info": counts.get("info", 0), "unresolved_speakers": self.unresolved, "decided": self.decided}

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class BatchSummary:
    files: int = 0
    aligned: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    flags: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    worst: Severity | None = None
    unresolved: int = 0
    decided: int = 0

    def add(self, outcome: FileOutcome) -> None:
        self.files += 1
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.quotes += outcome.quotes
        self.unresolved += outcome.unresolved
        self.decided += outcome.decided
        for severity, count in outcome.flags:
            self.flags[severity] = self.flags.get(severity, 0) + count
        if outcome.worst is not None and (self.worst is None or outcome.worst > self.worst):
            self.worst = outcome.worst

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.failed else 0

    def line(self) -> str:
        done = f"{self.aligned} aligned" + (f", {self.skipped} already done" if self.skipped else "")
        flags = ", ".join(f"{n} {severity}" for severity, n in self.flags.items())
        files = f"{self.files} file" + ("" if self.files == 1 else "s")
        extra = "".join([f"; {self.unresolved} unresolved speaker{'s' if self.unresolved != 1 else ''}"
                         if self.unresolved else "",
                         f"; {self.decided} decided flag{'s' if self.decided != 1 else ''} hidden" if self.decided else ""])
        # the figures of reports already done come from the manifest
        return f"{files} ({done}, {self.failed} failed); {self.quotes} quotes; flags: {flags}{extra}"


def expand_inputs(paths: Sequence[str]) -> tuple[list[str], list[FileOutcome]]:
    """Files to align, in order: each path as given, each folder's ``*.txt``
    (sorted, not recursive; ``*.report.txt`` reports left out).  Folders
    with no transcript come back as failures, so that they are counted."""
    files: list[str] = []
    problems: list[FileOutcome] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            try:
                names = os.listdir(path)
            except OSError as exc:
                problems.append(_failure(path, InputError(f"{path}: cannot list this folder ({exc.strerror or exc})")))
                continue
            found = sorted(
                os.path.join(path, name) for name in names
                if name.endswith(TRANSCRIPT_GLOB_SUFFIX) and not name.endswith(report_suffixes()["text"])
                and os.path.isfile(os.path.join(path, name))
            )
            if not found:
                problems.append(_failure(path, InputError(f"{path}: no *.txt transcripts in this folder")))
            files.extend(found)
        else:
            files.append(path)
    return list(dict.fromkeys(files)), problems


def report_paths(inputs: Sequence[str], out_dir: str, fmt: str) -> list[str]:
    """Where each input's report goes; refuses clashes, inputs as targets and
    names of aligner's own bookkeeping files before anything runs."""
    from .outputs import TEMP_PREFIX, TEMP_SUFFIX, check_out_dir
    from .textutil import display_path as shown

    check_out_dir(out_dir)
    suffix = report_suffixes()[fmt]
    manifest = os.path.join(out_dir, MANIFEST)
    targets: list[str] = []
    owner: dict[str, str] = {}
    for path in inputs:
        if path != "-" and os.path.exists(manifest) and _same(path, manifest):
            raise OutputError(f"{shown(path)}: is the resume manifest of {shown(out_dir)}, not a transcript")
        stem = "stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0]
        target = os.path.join(out_dir, stem + suffix)
        name = stem + suffix
        if name == MANIFEST or (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            raise OutputError(f"{shown(path)}: its report would be named {shown(name)}, the name of aligner's own "
                              "bookkeeping; rename the input")
        if fmt == "html" and stem + suffix == OVERVIEW:
            raise OutputError(f"{shown(path)}: its report would be {shown(target)}, the batch overview's name; "
                              "rename the transcript or align it into another folder")
        if target in owner:
            raise OutputError(f"{shown(owner[target])} and {shown(path)} would both write {shown(target)}; "
                              "align them into separate folders")
        owner[target] = path
        if path != "-" and os.path.exists(path) and os.path.exists(target) and _same(path, target):
            raise OutputError(f"{shown(target)}: refusing to overwrite an input file")
        targets.append(target)
    return targets


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run_key(settings: Settings, fmt: str, min_severity: str | None,
            view: tuple[tuple[str, object], ...] = ()) -> str:
    """What must match for an existing report to count as done."""
    run = settings.signature().to_dict()
    key = {"run": run, "format": fmt, "min_severity": min_severity}
    if view:
        key["view"] = dict(view)
    blob = json.dumps(key, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def read_manifest(out_dir: str) -> dict[str, ManifestEntry]:
    """Report file name → (input sha256, run key, worst flag severity,
    report sha256, the overview's figures) of the reports written so far.  A
    line cut short by an interrupted run, not valid UTF-8 or JSON, or without
    the worst severity or the report's own sha256 (written by an older
    version) is ignored: its report is redone.  A manifest that is a symbolic
    link or not a regular file is not read."""
    from .outputs import read_private_lines

    done: dict[str, ManifestEntry] = {}
    for raw in read_private_lines(os.path.join(out_dir, MANIFEST)):
        try:
            entry = json.loads(raw.decode("utf-8"))
            value = (entry["sha256"], entry["key"], _severity(entry["worst"]), entry["report_sha256"])
            figures = entry.get("figures") or {}
            if not isinstance(entry["report"], str) or not all(isinstance(v, str) for v in value[:2] + value[3:]) \
                    or not isinstance(figures, dict):
                continue
            done[entry["report"]] = value + (figures,)
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return done


def report_intact(path: str, sha256: str | None) -> bool:
    """The report at ``path`` is the one the manifest recorded, byte for byte
    (an emptied, truncated or replaced report is redone)."""
    if not sha256:
        return False
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha256


def align_batch(inputs: Sequence[str], settings: Settings, options: BatchOptions) -> Iterator[FileOutcome]:
    """Align every input; yield one outcome per input, in input order.

    Model errors (exit 4) are raised before the first file; everything that
    goes wrong with one file is an outcome with ``status == "failed"``.
    """
    from .model import load_embedder
    from .render import renderer
    from .sentences import warm_up_korean

    renderer(options.fmt)  # a format that cannot render fails here, once, not on every file
    embedder = load_embedder(settings.model)
    embedder.warm_up()
    if min(options.jobs, len(inputs)) > 1:
        # Workers fork from here and share the Korean splitter's pages.  One
        # process loads it only when a Korean text needs it: English inputs
        # would pay 1-2 s and ~500 MB for nothing (bench/README.md).
        warm_up_korean()
    targets: list[str | None] = [None] * len(inputs)
    known: dict[str, ManifestEntry] = {}
    key = run_key(settings, options.fmt, options.min_severity, options.view)
    if options.show_decided:
        key += "+decided"
    if options.out_dir is not None:
        from .outputs import make_out_dir

        targets = list(report_paths(inputs, options.out_dir, options.fmt))
        make_out_dir(options.out_dir)
        known = read_manifest(options.out_dir)
    tasks = []
    review_keys: dict[str | None, str] = {}  # one review file serves a whole folder: read it once
    for path, target in zip(inputs, targets):
        done = known.get(os.path.basename(target)) if target else None
        stdin = read_stdin() if path == "-" else None  # workers have no standard input
        task_key = key + _review_key(path, options, review_keys)  # new decisions redo the report
        matching = done if done is not None and done[1] == task_key else None
        tasks.append(_Task(path, target, matching[0] if matching else None, stdin, matching[2] if matching else None,
                           matching[3] if matching else None, task_key, matching[4] if matching else {}))
    outcomes = _run_tasks(tasks, settings, options)
    try:
        for task, outcome in zip(tasks, outcomes):
            if outcome.status == "aligned" and outcome.report_path:
                assert options.out_dir is not None  # reports are written only into an output folder
                _record(options.out_dir, outcome, task.key)
            yield outcome
            if outcome.failed and options.fail_fast:
                return
    finally:
        outcomes.close()


@dataclass(frozen=True)
class _Task:
    path: str
    target: str | None
    done_sha256: str | None  # the input's sha256 when a matching report is already there
    stdin: bytes | AlignerError | None = None
    done_worst: Severity | None = None  # the worst flag of that report, for --fail-on
    done_report_sha256: str | None = None  # the report's bytes as written then
    key: str = ""  # the run key, with the review's decisions
    done_figures: dict[str, Any] = field(default_factory=dict)  # that report's figures, for the overview


def read_stdin() -> bytes | AlignerError:
    """Standard input's bytes for a task (workers have none), or the error
    that reading it gave, to be that task's failure."""
    from .source import read_stdin_bytes

    try:
        return read_stdin_bytes()
    except AlignerError as exc:
        return exc


def _review_key(path: str, options: BatchOptions, known: dict[str | None, str]) -> str:
    if not options.reviews:
        return ""
    from .review import load_review, review_path

    where = review_path(path, options.review)
    if where not in known:
        try:
            review = load_review(where)
            known[where] = "" if review is None or not review.decisions else "-" + review.digest()
        except AlignerError:
            known[where] = "-unreadable"  # the task itself reports the error
    return known[where]


def _run_tasks(tasks: list[_Task], settings: Settings, options: BatchOptions) -> Generator[FileOutcome, None, None]:
    jobs = max(1, min(options.jobs, len(tasks)))
    if jobs == 1:
        _init_worker(settings, options, None)
        for task in tasks:
            yield _align_task(task)
        return
    methods = multiprocessing.get_all_start_methods()
    # fork shares the loaded model's pages; elsewhere each worker loads its own
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    cancelled = context.Event()
    threads = (os.cpu_count() or 1) // jobs  # the cores are shared out among the workers
    pool = context.Pool(jobs, initializer=_init_worker, initargs=(settings, options, cancelled, threads))
    try:
        yield from pool.imap(_align_task, tasks)
    except BaseException:  # stopped early: --fail-fast, Ctrl-C, an output error
        cancelled.set()  # tasks not started yet return at once
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


_worker: dict[str, Any] = {}


def _init_worker(settings: Settings, options: BatchOptions, cancelled: Event | None,
                 threads: int | None = None) -> None:
    _worker.update(settings=settings, options=options, cancelled=cancelled)
    if threads is not None:  # a worker process
        from .model import load_embedder

        load_embedder(settings.model).limit_threads(threads)  # see CachingEmbedder.limit_threads
        # Ctrl-C reaches the whole process group: the parent decides; a
        # terminated worker unwinds, so a report being written is discarded.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def _align_task(task: _Task) -> FileOutcome:
    from .model import load_embedder
    from .outputs import write_atomic
    from .pipeline import align
    from .render import filtered, renderer
    from .review import apply_review, load_review, review_path, undecided
    from .source import read_source, source_from_bytes

    settings: Settings = _worker["settings"]
    options: BatchOptions = _worker["options"]
    cancelled = _worker["cancelled"]
    if cancelled is not None and cancelled.is_set():
        return FileOutcome(task.path, "failed", error=f"{task.path}: not aligned (batch stopped)", exit_code=EXIT_PARTIAL)
    embedder = load_embedder(settings.model)
    try:
        if isinstance(task.stdin, AlignerError):
            raise task.stdin
        if task.stdin is not None:
            source = source_from_bytes(task.stdin, path="-", encoding=options.encoding)
        else:
            source = read_source(task.path, encoding=options.encoding)
        if task.done_sha256 == source.sha256 and task.target and report_intact(task.target, task.done_report_sha256):
            figures = task.done_figures
            return FileOutcome(task.path, "skipped", report_path=task.target, sha256=source.sha256,
                               worst=task.done_worst, quotes=int(figures.get("quotes", 0)),
                               flags=tuple((s, int(figures.get(s, 0))) for s in ("error", "warning", "info")),
                               unresolved=int(figures.get("unresolved_speakers", 0)),
                               decided=int(figures.get("decided", 0)))
        review = load_review(review_path(task.path, options.review)) if options.reviews else None
        report = align(source, settings=settings, embedder=embedder)
        counted = undecided(report, review)
        report = apply_review(report, review, show_decided=options.show_decided)
        shown = filtered(report, options.min_severity)
        text = renderer(options.fmt)(shown, **dict(options.view))
        if task.target:
            write_atomic(task.target, text, [task.path])
        report_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest() if task.target else None
        summary = shown.summary
        counts = summary["flags"]
        return FileOutcome(
            task.path, "aligned", quotes=len(report.quotes),
            flags=tuple((severity, counts[severity]) for severity in counts),
            # --fail-on looks at every flag, shown or hidden by --min-severity, but not at
            # those a reviewer accepted or called wrong
            worst=max((f.severity for f in counted), default=None),
            rendered=None if task.target else text, report_path=task.target, sha256=source.sha256,
            report_sha256=report_sha256,
            unresolved=summary["unresolved_speakers"], decided=summary["decided"],
        )
    except AlignerError as exc:
        return _failure(task.path, exc)
    except MemoryError:
        # Allocate nothing here: until this handler ends, the exception's
        # traceback keeps every frame of the failed alignment alive, and with
        # them the memory that ran out.  Building the error line now could
        # raise a second MemoryError, or make CPython 3.11 spin for ever
        # unwinding it (gh-132508: entering a cleanup handler allocates an int).
        pass
    except Exception as exc:
        if not options.catch_unexpected:
            raise
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        from .textutil import display_path, visible

        first = visible(first)
        return FileOutcome(task.path, "failed", exit_code=EXIT_PARTIAL,
                           error=f"{display_path(task.path)}: internal error ({type(exc).__name__}: {first}); please report it")
    finally:
        # Sentences rarely repeat across transcripts; a long batch must not
        # keep every vector it ever computed.
        embedder.clear_cache()
    # Only a MemoryError gets here, after its traceback (and the failed work) is freed.
    return _failure(task.path, InputError(OUT_OF_MEMORY))


def _failure(path: str, exc: AlignerError) -> FileOutcome:
    from .textutil import display_path

    message = str(exc)
    shown = display_path(path)
    name = "standard input" if path == "-" else shown
    if not message.startswith((shown, name)):
        message = f"{shown}: {message}"
    return FileOutcome(path, "failed", error=message, exit_code=exc.exit_code)


def _severity(worst: str | None) -> Severity | None:
    return None if worst is None else Severity(worst)


def _record(out_dir: str, outcome: FileOutcome, key: str) -> None:
    """Append to the manifest after the report is in place: a run killed in
    between only redoes that one report."""
    if outcome.path == "-" or not outcome.sha256:
        return  # standard input cannot be compared on a later run
    assert outcome.report_path is not None  # only reports written to a folder are recorded
    worst = outcome.worst.value if outcome.worst is not None else None
    # ASCII JSON: a file name that is not valid UTF-8 (lone surrogates) round-trips
    entry = {"report": os.path.basename(outcome.report_path), "input": os.path.abspath(outcome.path),
             "sha256": outcome.sha256, "key": key, "worst": worst, "report_sha256": outcome.report_sha256,
             "figures": outcome.figures()}
    from .outputs import append_private_line

    append_private_line(os.path.join(out_dir, MANIFEST), json.dumps(entry) + "\n")
