"""The few failure families aligner knows, each with its own exit code.

The CLI maps these to one clear line on stderr and the exit code below;
library users catch :class:`AlignerError`.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FLAGS = 1  # --fail-on found a flag at or above the threshold
EXIT_USAGE = 2  # click's own code for bad options
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_OUTPUT = 5
EXIT_PARTIAL = 6  # a batch finished but some inputs failed
EXIT_INTERRUPTED = 130  # Ctrl-C

# MemoryError is no AlignerError (any allocation can raise it), but it ends a
# run like one: the input is too large for the memory this process may use,
# exit code 3.  Handlers build this line only once the failed work is gone
# (see aligner.batch._align_task and aligner.cli.AlignerGroup.main).
OUT_OF_MEMORY = ("out of memory while aligning this input (a memory limit such as ulimit -v, "
                 "or too little memory for its size)")


class AlignerError(Exception):
    """Base class: a failure aligner can explain in one line.

    The line is safe to print: file names and text inside it show control
    characters and undecodable bytes escaped (:func:`aligner.textutil.visible`),
    on one line."""

    exit_code = EXIT_INPUT

    def __str__(self) -> str:
        from .textutil import one_line

        return one_line(super().__str__())


class InputError(AlignerError):
    """The input cannot be read as a transcript (missing, empty, binary, undecodable…)."""

    exit_code = EXIT_INPUT


class ModelError(AlignerError):
    """The embedding model cannot be loaded or used."""

    exit_code = EXIT_MODEL


class OutputError(AlignerError):
    """A report cannot be written where it was asked to go."""

    exit_code = EXIT_OUTPUT


class UsageError(AlignerError):
    """An argument that cannot work (an empty file name, a width too large…)."""

    exit_code = EXIT_USAGE


class GoldError(AlignerError):
    """A gold annotation file is missing fields or is not valid JSON."""

    exit_code = EXIT_INPUT
