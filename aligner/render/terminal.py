"""What the terminal views share: how wide the terminal is, whether to
colour, how to mark text, and wrapping by visible width (colour codes take
no columns, Hangul two)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TextIO

from ..language import display_width
from ..report import Flag
from ..textutil import visible

DEFAULT_WIDTH = 100  # when the output is not a terminal and COLUMNS is not set
MIN_WIDTH = 40
MAX_WIDTH = 1000  # wider is a mistake (COLUMNS=1000000000), not a terminal
SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "·"}
# The view's own escape sequences start with this stand-in while it is built:
# a lone surrogate, which no decoded transcript holds, so that every ESC that
# came from the transcript or a file name is shown escaped (aligner.textutil)
# and only the view's colours reach the terminal (see finish).
ESC = "\ud800"
_ANSI = re.compile("[\x1b\ud800]\\[[0-9;]*m")


def visible_width(text: str) -> int:
    """Columns a terminal gives ``text``: colour codes take none, wide characters two."""
    return display_width(_ANSI.sub("", text))


def strip_colour(text: str) -> str:
    return _ANSI.sub("", text)


def terminal_width(width: int | None = None, stream: TextIO | None = None) -> int:
    """``--width`` when given, else ``COLUMNS``, else the terminal's width when
    ``stream`` is one, else 100; between 40 and 1000 (COLUMNS can say anything)."""
    if width:
        return max(MIN_WIDTH, min(width, MAX_WIDTH))
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, min(int(columns), MAX_WIDTH))
    if stream is not None and is_terminal(stream):
        try:
            return max(MIN_WIDTH, min(os.get_terminal_size(stream.fileno()).columns, MAX_WIDTH))
        except (OSError, ValueError, AttributeError):
            pass
    return DEFAULT_WIDTH


def flags_by_quote(flags: tuple[Flag, ...]) -> dict[str | None, tuple[Flag, ...]]:
    """Each quote's flags (None: the document's), in report order, grouped
    once: a view that scanned every flag for each quote would grow with the
    square of the quotes."""
    grouped: dict[str | None, list[Flag]] = {}
    for flag in flags:
        grouped.setdefault(flag.quote, []).append(flag)
    return {quote_id: tuple(group) for quote_id, group in grouped.items()}


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def wants_colour(choice: str, stream: TextIO, *, to_file: bool = False) -> bool:
    """``--color``: ``always`` and ``never`` decide; ``auto`` colours a terminal
    unless ``NO_COLOR`` is set (https://no-color.org) or the output is a file."""
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    return not os.environ.get("NO_COLOR") and is_terminal(stream)


@dataclass(frozen=True)
class Style:
    """How a terminal view marks text: git ``--word-diff`` marks when plain,
    colours when ``color``."""

    color: bool

    def removed(self, text: str) -> str:
        return f"{ESC}[31m{text}{ESC}[39m" if self.color else f"[-{text}-]"

    def added(self, text: str) -> str:
        return f"{ESC}[32m{text}{ESC}[39m" if self.color else f"{{+{text}+}}"

    def evidence(self, text: str) -> str:
        # Bold+underline off (22;24), not a full reset, so a surrounding red/green run keeps its colour.
        return f"{ESC}[1;4m{text}{ESC}[22;24m" if self.color else f">>{text}<<"

    def severity(self, severity: str, label: str | None = None) -> str:
        label = label or f"{SEVERITY_MARK[severity]} {severity}"
        if not self.color:
            return label
        code = {"error": "1;31", "warning": "33", "info": "2"}[severity]
        return f"{ESC}[{code}m{label}{ESC}[m"

    def heading(self, text: str) -> str:
        return f"{ESC}[1m{text}{ESC}[m" if self.color else text

    def dim(self, text: str) -> str:
        return f"{ESC}[2m{text}{ESC}[22m" if self.color else text

    def legend(self) -> str:
        return (f"legend: {self.removed('only in the quote')} {self.added('only in the narration')} "
                f"{self.evidence('flag evidence')}")


def wrap(text: str, indent: str, subsequent: str | None = None, width: int = DEFAULT_WIDTH) -> list[str]:
    """``text`` on lines of at most ``width`` visible columns: broken at
    spaces, never inside a colour code, and inside a word only when the word
    alone is wider than a line (a long URL)."""
    subsequent = indent + "  " if subsequent is None else subsequent
    lines: list[str] = []
    current, current_width = indent, visible_width(indent)
    fresh = True
    for word in text.split(" "):
        word_width = visible_width(word)
        if not fresh and current_width + 1 + word_width > width:
            lines.append(current)
            current, current_width, fresh = subsequent, visible_width(subsequent), True
        if fresh:
            while current_width + word_width > width and ESC not in word and len(word) > 1:
                room = width - current_width
                cut = 0
                while cut < len(word) and display_width(word[:cut + 1]) <= room:
                    cut += 1
                if cut == 0:
                    break
                lines.append(current + word[:cut])
                word = word[cut:]
                word_width = visible_width(word)
                current, current_width = subsequent, visible_width(subsequent)
            current += word
            current_width += word_width
            fresh = False
        else:
            current += " " + word
            current_width += 1 + word_width
    lines.append(current)
    return lines


def finish(view: str) -> str:
    """The finished view for the terminal: every control character from the
    transcript or a file name shown escaped (:func:`aligner.textutil.visible`),
    and only the view's own colour codes turned into real escape sequences."""
    return visible(view, keep=ESC).replace(ESC, "\x1b")
