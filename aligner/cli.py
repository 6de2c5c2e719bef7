"""The command line: thin click commands over library calls.

Library errors (:class:`~aligner.errors.AlignerError`) become one line on
stderr and the exit code of their family; see the README's exit-code table.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import EXIT_FLAGS, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_USAGE, OUT_OF_MEMORY, AlignerError, InputError
from .model import DEFAULT_MODEL
from .render import align_formats, output_format, pair_formats, report_formats
from .render.terminal import MAX_WIDTH, is_terminal, terminal_width, wants_colour
from .report import SEVERITIES

if TYPE_CHECKING:
    from .batch import FileOutcome
    from .outputs import TextSink
    from .settings import Settings

_Decorated = TypeVar("_Decorated", bound=Callable[..., Any])


class SafePath(click.Path):
    """click.Path whose complaints show the file name with control characters
    escaped (aligner.textutil), like every other error line."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            from .textutil import one_line

            # click declares ``message`` final: the same error, its message on one line
            raise click.BadParameter(one_line(exc.message), ctx=exc.ctx, param=exc.param,
                                     param_hint=exc.param_hint) from None


def error_line(message: str) -> str:
    """The one line every failure ends as: ``aligner: error: …``."""
    from .textutil import one_line

    return "aligner: error: " + " ".join(one_line(str(message)).split())


class AlignerGroup(click.Group):
    """The command group that ends every failure the same way: library errors,
    click's usage errors and bad options, and an unloadable model all become
    one line ``aligner: error: …`` on stderr and the exit code of the README's
    table; never a traceback, never click's several-line usage block."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        out_of_memory = False
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare "aligner": the help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(error_line(exc.format_message() + hint), err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            click.echo(error_line(exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        except AlignerError as exc:
            click.echo(error_line(str(exc)), err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt, EOFError):
            click.echo("aligner: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except MemoryError:
            out_of_memory = True  # the line is written below, once the failed work is freed (aligner.errors)
        if out_of_memory:
            click.echo(error_line(OUT_OF_MEMORY), err=True)
            sys.exit(EXIT_INPUT)
        if isinstance(result, int):  # click.exceptions.Exit, e.g. after --help or --version
            sys.exit(result)
        sys.exit(0)


def model_options(func: _Decorated) -> _Decorated:
    func = click.option("--settings", "settings_file", type=SafePath(dir_okay=False), default=None,
                        help="TOML file of setting overrides (see 'aligner settings').")(func)
    func = click.option("--glossary", type=SafePath(dir_okay=False), default=None,
                        help="Extra title glossary (TSV: KOREAN<TAB>english|english[<TAB>title|org|place|modifier]).")(func)
    func = click.option("--model", default=DEFAULT_MODEL, show_default=True,
                        help="Embedding model: the embedded default, or any sentence-transformers name or path.")(func)
    return func


def _read_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from .config import defaults_for, load_config

    _path, values = load_config(value)
    if values:
        ctx.default_map = {**defaults_for(ctx.command, values), **(ctx.default_map or {})}
    return value


def config_option(func: _Decorated) -> _Decorated:
    """``--config FILE``, else ``aligner.toml`` in the working folder: defaults
    for this command's options (the command line wins)."""
    return click.option("--config", "config_file", type=SafePath(dir_okay=False), default=None,
                        is_eager=True, expose_value=False, callback=_read_config,
                        help="Settings file (default: aligner.toml in the working folder, when there is one).")(func)


def terminal_options(func: _Decorated) -> _Decorated:
    func = click.option("-v", "--verbose", is_flag=True,
                        help="Also print the run's settings line (version, model, every setting).")(func)
    func = click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
                        help="Colour: auto uses it on a terminal unless NO_COLOR is set; always and never "
                             "override both.")(func)
    func = click.option("--width", type=click.IntRange(min=40, max=MAX_WIDTH), default=None,
                        help="Columns of the text view (default: COLUMNS, else the terminal's, else 100).")(func)
    return func


def build_settings(model: str, glossary: str | None, settings_file: str | None) -> Settings:
    """The settings tree for a command: defaults, the file's overrides, the
    options; checked once (the same check the library runs)."""
    from .pipeline import check_settings
    from .settings import Settings, load_settings

    return check_settings(load_settings(settings_file, Settings(model=model, glossary=glossary)))


def write_output(text: str, output: str | None, inputs: list[str], *, color: bool | None = None) -> None:
    """Write to stdout, or to ``output`` as :mod:`aligner.outputs` does (never over an input)."""
    from .outputs import write_output as write

    if output is None or output == "-":
        from .outputs import write_stdout

        write_stdout(text, color=color)
        return
    write(output, text, inputs)


@click.group(cls=AlignerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Check how a bilingual news transcript renders what people actually said."""


@cli.command()
@config_option
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(align_formats()), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", default=None, help="Write the report(s) here instead of standard output.")
@click.option("--out-dir", default=None, type=SafePath(file_okay=False),
              help="Write one report per input into this folder (input stem + format extension); "
                   "inputs whose report is already there for the same bytes and settings are skipped.")
@model_options
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Hide flags below this severity from the report.")
@click.option("--fail-on", type=click.Choice(("error", "warning")), default=None,
              help="Exit with code 1 when a flag at or above this severity exists.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes for many inputs (0: one per CPU).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: for several inputs when it is a terminal).")
@click.option("-q", "--quiet", is_flag=True,
              help="One file: print only its summary. Several: no progress bar and no closing summary "
                   "(errors still show).")
@click.option("--review", "review_file", default=None, type=SafePath(dir_okay=False),
              help="Review file of decisions about flags (default: aligner-review.json beside each transcript).")
@click.option("--show-decided", is_flag=True,
              help="Keep flags the review file accepts or calls wrong (hidden by default, and never counted by "
                   "--fail-on).")
@terminal_options
def align(inputs: tuple[str, ...], fmt: str, output: str | None, out_dir: str | None, model: str,
          glossary: str | None, settings_file: str | None, encoding: str | None, min_severity: str | None,
          fail_on: str | None, jobs: int, fail_fast: bool, progress: bool | None, quiet: bool,
          review_file: str | None, show_decided: bool, width: int | None, color: str, verbose: bool) -> None:
    """Align transcripts: link markers, quotes, speakers and renderings; flag gaps.

    INPUTS are transcript files, folders of *.txt, or - for standard input.
    One file fails with its own exit code; with several, each failure is one
    line on stderr, the rest go on, and the exit code is 6.

    Flags a reviewer accepted or called wrong (aligner review, or the HTML
    report's decisions) are hidden and not counted by --fail-on.
    """
    from .batch import BatchOptions, BatchSummary, align_batch, expand_inputs
    from .outputs import atomic_output, check_out_dir, check_target
    from .progress import Progress
    from .source import check_encoding

    if output is not None and out_dir is not None:
        raise click.UsageError("use either -o/--output or --out-dir, not both")
    if out_dir is not None:
        check_out_dir(out_dir)
    settings = build_settings(model, glossary, settings_file)
    files, problems = expand_inputs(inputs)
    single = len(inputs) == 1 and files == list(inputs) and not os.path.isdir(inputs[0])
    if not files:
        raise InputError(problems[0].error)
    if len(files) > 1 and not out_dir and not output_format(fmt).concatenates:
        raise click.UsageError(f"{len(files)} transcripts in --format {fmt} would not make one document; "
                               "use --format jsonl, or --out-dir for one report per input")
    if not single:
        check_encoding(encoding, "--encoding")  # once, not as a failure of every file
    if output is not None and output != "-":
        check_target(output, files)
    view: tuple[tuple[str, object], ...] = ()
    use_color = False
    if output_format(fmt).terminal:
        to_stdout = not out_dir and (output is None or output == "-")
        use_color = to_stdout and wants_colour(color, sys.stdout)
        view = (("width", terminal_width(width, sys.stdout if to_stdout else None)),
                ("color", use_color),
                ("verbose", verbose), ("quiet", quiet and single))
    options = BatchOptions(fmt=fmt, min_severity=min_severity, encoding=encoding, out_dir=out_dir,
                           jobs=jobs or os.cpu_count() or 1, fail_fast=fail_fast, catch_unexpected=not single,
                           view=view, reviews=True, review=review_file, show_decided=show_decided)
    show_progress = not quiet and (progress if progress is not None else (not single and is_terminal(sys.stderr)))
    bar = Progress(len(files) + len(problems), enabled=show_progress)
    summary = BatchSummary()
    for problem in problems:
        summary.add(problem)
        bar.echo(f"aligner: error: {problem.error}")
        bar.advance(failed=True)
    # --fail-fast stops at every failure, a folder with no transcript included
    stopped = problems[0] if fail_fast and problems else None
    overview: list[FileOutcome] | None = [] if out_dir and fmt == "html" else None
    try:
        if stopped is not None:
            raise _Stopped
        with _report_sink(output, files, atomic_output, use_color) as sink:
            for outcome in align_batch(files, settings, options):
                summary.add(outcome)
                if overview is not None:
                    overview.append(outcome)
                if outcome.failed:
                    bar.echo(f"aligner: error: {outcome.error}")
                    if single or fail_fast:
                        stopped = outcome
                        # leave the block by an exception: an -o file is not half-written
                        raise _Stopped
                elif outcome.rendered is not None:
                    sink.write(outcome.rendered)
                bar.advance(failed=outcome.failed)
    except _Stopped:
        pass
    if overview:
        assert out_dir is not None  # the overview is collected only for --out-dir
        _write_overview(out_dir, overview, files)
    bar.close()
    if not single and not quiet:
        click.echo(f"aligner: {summary.line()}", err=True)
    if stopped:
        sys.exit(stopped.exit_code)
    if summary.failed:
        sys.exit(summary.exit_code)
    if fail_on and summary.worst is not None and summary.worst >= fail_on:
        sys.exit(EXIT_FLAGS)


def _write_overview(out_dir: str, outcomes: list[FileOutcome], inputs: list[str]) -> None:
    """``OUT/index.html``: one row per transcript, linking to its report."""
    from .batch import OVERVIEW
    from .outputs import write_atomic
    from .render.overview import OverviewRow, render_overview

    rows = [OverviewRow(o.path, os.path.basename(o.report_path) if o.report_path and not o.failed else None,
                        o.figures(), o.status, o.error) for o in outcomes]
    write_atomic(os.path.join(out_dir, OVERVIEW), render_overview(rows, title=f"aligner: {out_dir}"), inputs)


class _Stopped(Exception):
    """The first failure ends a single-file run or a --fail-fast batch."""


@contextlib.contextmanager
def _report_sink(output: str | None, inputs: list[str],
                 atomic_output: Callable[[str, list[str]], contextlib.AbstractContextManager[TextSink]],
                 color: bool = False) -> Iterator[TextSink]:
    """Where reports go when not into a folder: stdout, or one file (see aligner.outputs)."""
    if output is None or output == "-":
        from .outputs import StdoutSink

        yield StdoutSink(color=color or None)  # click strips colour from a pipe unless told
        return
    # The file is opened at the first report, not before the alignment: a run
    # that dies without unwinding meanwhile (the kernel's OOM killer, a native
    # library that exits when a memory limit denies it) leaves no temporary file.
    with contextlib.ExitStack() as stack:
        sink = _OpenedOnFirstWrite(lambda: stack.enter_context(atomic_output(output, inputs)))
        yield sink
        sink.opened()  # a run with no report still leaves an empty file, as it always did


class _OpenedOnFirstWrite:
    """A report file that is opened (see aligner.outputs) when first written to."""

    def __init__(self, open_file: Callable[[], TextSink]) -> None:
        self._open_file = open_file
        self._handle: TextSink | None = None

    def opened(self) -> TextSink:
        if self._handle is None:
            self._handle = self._open_file()
        return self._handle

    def write(self, text: str) -> None:
        self.opened().write(text)


@cli.command()
@config_option
@click.argument("paths", nargs=-1, required=True, type=SafePath(exists=True))
@model_options
@click.option("-v", "--verbose", is_flag=True, help="List every miss: unlinked quotes, wrong speakers, extra and missed renderings and flags.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Scores as a readable table or as JSON.")
def evaluate(paths: tuple[str, ...], model: str, glossary: str | None, settings_file: str | None, verbose: bool,
             fmt: str) -> None:
    """Score aligner against gold annotations (*.gold.json beside each transcript)."""
    from .evaluate import evaluate_paths, render_scores

    result = evaluate_paths([Path(p) for p in paths], settings=build_settings(model, glossary, settings_file))
    write_output(render_scores(result, fmt=fmt, verbose=verbose), None, [])


@cli.command()
@config_option
@click.argument("path", metavar="FILE")
@click.option("-q", "--quote", "quote_ids", multiple=True, metavar="ID",
              help="Show only this quote (q3 or 3); repeat for several.")
@click.option("-o", "--output", default=None, help="Write the view here instead of standard output.")
@model_options
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@terminal_options
def diff(path: str, quote_ids: tuple[str, ...], output: str | None, model: str, glossary: str | None,
         settings_file: str | None, encoding: str | None, width: int | None, color: str, verbose: bool) -> None:
    """Show each quote beside what the narration made of it, with its flags.

    For each quote: marker, resolved speaker, quote, and each rendering. A
    rendering in the quote's language gets a word diff, in git's --word-diff
    marks; renderings in the other language get a phrase table (carried,
    dropped, and narration phrases with no source). The quote's flags follow.

    \b
    Plain marks:  [-only in the quote-]  {+only in the narration+}  >>flag evidence<<
    Colour marks: quote-only words red, narration-only words green,
                  flag evidence bold and underlined.
    """
    from .comparisons import compare_quotes
    from .model import load_embedder
    from .pipeline import align as run_align
    from .render.diff import render_diff
    from .source import read_source

    settings = build_settings(model, glossary, settings_file)
    to_file = output is not None and output != "-"
    if to_file:
        from .outputs import check_target

        assert output is not None  # to_file says so
        check_target(output, [path])
    report = run_align(read_source(path, encoding=encoding), settings=settings)
    wanted = None
    if quote_ids:
        wanted = {q if q.startswith("q") else f"q{q}" for q in quote_ids}
        unknown = sorted(wanted - {q.id for q in report.quotes})
        if unknown:
            raise click.BadParameter(f"{', '.join(unknown)} not in this transcript "
                                     f"(it has {len(report.quotes)} quotes)", param_hint="--quote")
    use_color = wants_colour(color, sys.stdout, to_file=to_file)
    comparisons = compare_quotes(report, load_embedder(model), wanted, settings=settings.comparisons,
                                 phrases=settings.phrases)
    text = render_diff(report, comparisons, color=use_color,
                       width=terminal_width(width, None if to_file else sys.stdout), verbose=verbose)
    # click would strip colour from a pipe: say so explicitly
    write_output(text, output, [path], color=use_color if not to_file else None)


@cli.command("render")
@click.argument("path", metavar="REPORT")
@click.option("-f", "--format", "fmt", type=click.Choice(report_formats()), default="text", show_default=True,
              help="View to render: the formats of 'aligner align', and diff (the word diff of 'aligner diff').")
@click.option("-o", "--output", default=None, help="Write the view here instead of standard output.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Hide flags below this severity.")
@terminal_options
def render_command(path: str, fmt: str, output: str | None, min_severity: str | None, width: int | None, color: str,
                   verbose: bool) -> None:
    """Render a saved JSON report (aligner align -f json) in another view.

    REPORT is an aligner.report/1 file, or - for standard input. Nothing is
    aligned again and no model is loaded: the views read the report alone, so
    they are the ones 'aligner align -f FORMAT' wrote for the same run. The
    diff view leaves out the phrase tables of cross-language renderings (they
    need the model: use 'aligner diff' on the transcript).
    """
    from .render import filtered
    from .report import load_report

    to_file = output is not None and output != "-"
    if to_file:
        from .outputs import check_target

        assert output is not None  # to_file says so
        check_target(output, [path])
    report = filtered(load_report(path), min_severity)
    found = output_format(fmt)
    view = {}
    use_color = False
    if found.terminal:
        use_color = wants_colour(color, sys.stdout, to_file=to_file)
        view = {"width": terminal_width(width, None if to_file else sys.stdout), "color": use_color,
                "verbose": verbose}
    # click would strip colour from a pipe: say so explicitly
    write_output(found.renderer()(report, **view), output, [path], color=use_color if not to_file else None)


@cli.command()
def example() -> None:
    """Print a short example transcript to try aligner on.

    \b
    aligner example > example.txt
    aligner align example.txt

    Korean narration with English quotes, written for aligner (the story and
    people are invented); it has a number the narration gets wrong and a
    name written two ways.
    """
    from importlib import resources

    click.echo(resources.files(__package__).joinpath("data", "example.txt").read_text(encoding="utf-8"), nl=False)


_KEYS = {"a": "accepted", "w": "wrong", "f": "fixed"}


@cli.command()
@config_option
@click.argument("path", metavar="FILE")
@click.option("--review", "review_file", default=None, type=SafePath(dir_okay=False),
              help="Review file to read and write (default: aligner-review.json beside FILE).")
@click.option("--all", "revisit", is_flag=True, help="Also walk flags that already have a decision.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Walk only flags at or above this severity.")
@model_options
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@terminal_options
def review(path: str, review_file: str | None, revisit: bool, min_severity: str | None, model: str,
           glossary: str | None, settings_file: str | None, encoding: str | None, width: int | None, color: str,
           verbose: bool) -> None:
    """Walk a transcript's flags one by one and record a decision for each.

    \b
    a  accept: the flag is right and the text stays as it is
    w  wrong:  the flag is a false alarm
    f  fixed:  the transcript has been corrected
    s  skip, q  quit (Ctrl-C and end of input quit too)

    Errors come first, then warnings, then info. Each decision is written at
    once, atomically, to the review file; aligner align then hides accepted
    and wrong flags and --fail-on no longer counts them. Decisions survive
    edits elsewhere in the transcript: a flag is known by its kind, its
    quote's words and its evidence's words, not by offsets.
    """
    from .pipeline import align as run_align
    from .render import filtered
    from .render.text import flag_card
    from .review import fingerprint, load_review, review_path, save_review, walk_order
    from .source import read_source

    if path == "-":
        raise click.BadParameter("review needs a transcript file, not standard input", param_hint="FILE")
    report = run_align(read_source(path, encoding=encoding), settings=build_settings(model, glossary, settings_file))
    report = filtered(report, min_severity)
    decisions = load_review(review_path(path, review_file))
    assert decisions is not None  # a transcript file (not standard input) always has a review path
    flags = [f for f in walk_order(report) if revisit or not decisions.decision(fingerprint(report, f))]
    columns = terminal_width(width, sys.stdout)
    use_color = wants_colour(color, sys.stdout)
    if not flags:
        click.echo(f"nothing to review: {len(report.flags)} flag{'s' if len(report.flags) != 1 else ''}, "
                   f"all decided in {decisions.path}")
        return
    made: dict[str, int] = {}
    skipped = 0
    for n, flag in enumerate(flags, 1):
        click.echo("")
        card = flag_card(report, flag, width=columns, color=use_color,
                         decision=decisions.decision(fingerprint(report, flag)))
        click.echo(f"[{n}/{len(flags)}] " + card, nl=False, color=use_color or None)
        try:
            key = click.prompt("  [a]ccept [w]rong [f]ixed [s]kip [q]uit", type=click.Choice(["a", "w", "f", "s", "q"]),
                               show_choices=False, default="s", show_default=False)
        except click.Abort:
            click.echo("")
            break
        if key == "q":
            break
        if key == "s":
            skipped += 1
            continue
        decisions.decide(report, flag, _KEYS[key])
        save_review(decisions, [path])
        made[_KEYS[key]] = made.get(_KEYS[key], 0) + 1
    total = sum(made.values())
    parts = ", ".join(f"{count} {decision}" for decision, count in made.items())
    click.echo(f"aligner: {total} decided" + (f" ({parts})" if parts else "") + f", {skipped} skipped; "
               + (f"written to {decisions.path}" if total else "nothing written"), err=True)


@cli.command()
@config_option
@click.argument("korean", metavar="KO_FILE")
@click.argument("english", metavar="EN_FILE")
@click.option("-f", "--format", "fmt", type=click.Choice(pair_formats()), default="text",
              show_default=True, help="Side by side in the terminal, aligner.pair/1 JSON, an HTML page, or TMX 1.4.")
@click.option("-o", "--output", default=None, help="Write here instead of standard output.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Embedding model: the embedded default, or any sentence-transformers name or path.")
@click.option("--encoding", default=None, help="Encoding of both inputs (default: detected).")
@click.option("--width", type=click.IntRange(min=40, max=MAX_WIDTH), default=None,
              help="Columns of the text view (default: the terminal's, or 100).")
@click.option("--fail-on", type=click.Choice(("error", "warning")), default=None,
              help="Exit with code 1 when a flag at or above this severity exists.")
def pair(korean: str, english: str, fmt: str, output: str | None, model: str, encoding: str | None,
         width: int | None, fail_on: str | None) -> None:
    """Align a Korean transcript with its English version, sentence by sentence.

    Shared markers and quotes anchor the alignment; links are 1-1, 1-2,
    2-1, 2-2 (and 1-3, 3-1), 1-0 (Korean with no English) or 0-1 (English
    with no Korean).  Flags: omission, addition, meaning_shift,
    number_mismatch, name_variant, altered_quote.  TMX holds the clean 1-1
    links for translation memories.
    """
    from .outputs import check_target
    from .pair.align import PairSettings, align_pair
    from .pair.render import render
    from .source import read_source

    if output is not None and output != "-":
        check_target(output, [korean, english])
    report = align_pair(read_source(korean, encoding=encoding), read_source(english, encoding=encoding),
                        settings=PairSettings(model=model))
    columns = terminal_width(width, sys.stdout)
    write_output(render(report, fmt, width=columns), output, [korean, english])
    if fail_on and any(f.severity >= fail_on for f in report.flags):
        sys.exit(EXIT_FLAGS)


@cli.command("pair-eval")
@config_option
@click.argument("paths", nargs=-1, type=SafePath(exists=True))
@click.option("--corpus", type=SafePath(exists=True, file_okay=False), default=None,
              help="Build test documents from this sentence-aligned corpus folder (*.ko / *.en, line i = line i).")
@click.option("--docs", "count", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents to build from --corpus.")
@click.option("--sentences", type=click.IntRange(min=2), default=40, show_default=True,
              help="Consecutive corpus pairs per built document.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the built documents' drops and merges.")
@click.option("--usable-only", is_flag=True,
              help="Build only from corpus pairs that pass the model-free noise rules (see docs/pair-report.md).")
@click.option("--audit", "audit_file", type=SafePath(exists=True, dir_okay=False), default=None,
              help="Leave out the corpus pairs this hand audit (TSV: line, verdict, reason) marks as not parallel; "
                   "docs/parallel-corpus-audit.tsv is the shared corpus's.")
@click.option("--write", "write_dir", type=SafePath(file_okay=False), default=None,
              help="Also write the built documents and their gold (*.pairgold.json) into this folder.")
@click.option("--method", type=click.Choice(("both", "embeddings", "gale-church")), default="both",
              show_default=True, help="Aligner to score: the embedding DP, the Gale-Church length baseline, or both.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Embedding model for the embedding DP.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Scores as a table or as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List every link that is not matched exactly.")
def pair_eval(paths: tuple[str, ...], corpus: str | None, count: int, sentences: int, seed: int, usable_only: bool,
              audit_file: str | None, write_dir: str | None, method: str, model: str, fmt: str,
              verbose: bool) -> None:
    """Score pair alignment against gold links: strict and lax F1.

    PATHS are *.pairgold.json files or folders of them (aligner.pairgold/1,
    docs/pair-report.md); --corpus builds documents with known drops and
    merges from a sentence-aligned corpus instead (or as well).
    """
    from .errors import GoldError
    from .model import load_embedder
    from .pair.align import PairSettings
    from .pair import evaluate as pair_evaluate

    documents = [pair_evaluate.load_gold_document(p)
                 for p in pair_evaluate.find_gold_documents([Path(p) for p in paths])] if paths else []
    if corpus:
        ko, en = pair_evaluate.read_parallel_corpus(Path(corpus))
        if audit_file:
            ko, en = pair_evaluate.without_audited(ko, en, pair_evaluate.read_audit(Path(audit_file)))
        if usable_only:
            ko, en = pair_evaluate.usable_pairs(ko, en)
        built = pair_evaluate.make_documents(ko, en, count=count, sentences=sentences, seed=seed)
        if write_dir:
            pair_evaluate.write_documents(built, Path(write_dir))
        documents += built
    if not documents:
        raise GoldError("nothing to score: give *.pairgold.json paths or --corpus")
    methods = ("embeddings", "gale-church") if method == "both" else (method,)
    embedder = load_embedder(model) if "embeddings" in methods else None
    result = pair_evaluate.evaluate_documents(documents, methods=methods, settings=PairSettings(model=model),
                                              embedder=embedder)
    write_output(pair_evaluate.render_pair_scores(result, fmt=fmt, verbose=verbose), None, [])

@cli.command("settings")
@click.option("--settings", "settings_file", type=SafePath(dir_okay=False), default=None,
              help="TOML file of overrides to apply before printing.")
@click.option("-f", "--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True,
              help="TOML (what --settings reads back) or JSON.")
def settings_command(settings_file: str | None, fmt: str) -> None:
    """Print the effective settings: every threshold and weight used.

    Save it, edit a value, and pass the file to 'aligner align --settings FILE'.
    The same values go into every report's run signature.
    """
    import json

    from .settings import to_toml

    tree = build_settings(DEFAULT_MODEL, None, settings_file).tree()
    write_output(to_toml(tree) if fmt == "toml" else json.dumps(tree, indent=2) + "\n", None, [])


def main() -> None:
    cli(prog_name="aligner")
