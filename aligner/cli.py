"""The command line: thin click commands over library calls.

Library errors (:class:`~aligner.errors.AlignerError`) become one line on
stderr and the exit code of their family; see the README's exit-code table.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_FLAGS, AlignerError, OutputError
from .model import DEFAULT_MODEL
from .report import SEVERITIES, SEVERITY_RANK

FORMATS = ("text", "json", "jsonl", "md", "html")


def handle_errors(func):
    """Turn library errors into one clean line and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AlignerError as exc:
            click.echo(f"aligner: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("aligner: interrupted", err=True)
            sys.exit(130)

    return wrapper


def model_options(func):
    func = click.option("--glossary", type=click.Path(dir_okay=False), default=None,
                        help="Extra title glossary (TSV: KOREAN<TAB>english|english[<TAB>title|org]).")(func)
    func = click.option("--model", default=DEFAULT_MODEL, show_default=True,
                        help="Embedding model: the embedded default, or any sentence-transformers name or path.")(func)
    return func


def write_output(text: str, output: str | None, inputs: list[str]) -> None:
    """Write to stdout, or atomically to ``output`` (never over an input)."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from .outputs import write_atomic

    write_atomic(output, text, inputs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Check how a bilingual news transcript renders what people actually said."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", default=None, help="Write the report here instead of standard output.")
@model_options
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Hide flags below this severity from the report.")
@click.option("--fail-on", type=click.Choice(("error", "warning")), default=None,
              help="Exit with code 1 when a flag at or above this severity exists.")
@handle_errors
def align(inputs, fmt, output, model, glossary, encoding, min_severity, fail_on):
    """Align transcripts: link markers, quotes, speakers and renderings; flag gaps.

    INPUTS are transcript files, folders of *.txt, or - for standard input.
    """
    from .pipeline import Settings, align as run_align
    from .render import filtered, renderer
    from .source import read_source

    settings = Settings(model=model, glossary=glossary)
    paths = list(inputs)
    render = renderer(fmt)
    chunks = []
    worst = -1
    for path in paths:
        report = run_align(read_source(path, encoding=encoding), settings=settings)
        worst = max([worst] + [SEVERITY_RANK[f.severity] for f in report.flags])
        chunks.append(render(filtered(report, min_severity)))
    write_output("".join(chunks), output, paths)
    if fail_on and worst >= SEVERITY_RANK[fail_on]:
        sys.exit(EXIT_FLAGS)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@model_options
@click.option("-v", "--verbose", is_flag=True, help="List every miss: unlinked quotes, wrong speakers, extra and missed renderings and flags.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@handle_errors
def evaluate(paths, model, glossary, verbose, fmt):
    """Score aligner against gold annotations (*.gold.json beside each transcript)."""
    from .evaluate import evaluate_paths, render_scores

    result = evaluate_paths([Path(p) for p in paths], model=model, glossary=glossary)
    click.echo(render_scores(result, fmt=fmt, verbose=verbose), nl=False)


def main() -> None:
    cli(prog_name="aligner")
