"""A one-line progress bar on standard error for long batches.

Drawn only where a person watches (a terminal) unless forced; redrawn at
most ten times a second so that thousands of small files do not spend their
time printing.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 28
_REDRAW_EVERY = 0.1  # seconds


class Progress:
    def __init__(self, total: int, *, enabled: bool, stream: TextIO | None = None, label: str = "aligning"):
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.label = label
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._width = 0

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (self.done == self.total or now - self._drawn_at >= _REDRAW_EVERY):
            self._draw(now)

    def echo(self, line: str) -> None:
        """Print a line (a per-file error) without tearing the bar."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
        self.stream.write(line + "\n")
        if self.enabled and self._width:
            self._draw(time.monotonic())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def _draw(self, now: float) -> None:
        self._drawn_at = now
        share = self.done / self.total if self.total else 1.0
        filled = int(share * _WIDTH)
        line = f"{self.label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total}"
        if self.failed:
            line += f", {self.failed} failed"
        elapsed = now - self._started
        if 0 < self.done < self.total:
            line += f", {_clock(elapsed / self.done * (self.total - self.done))} left"
        elif self.done == self.total:
            line += f" in {_clock(elapsed)}"
        pad = max(0, self._width - len(line))
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._width = len(line)


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
