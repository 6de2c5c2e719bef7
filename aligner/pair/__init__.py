"""Pair mode: a Korean transcript and its English version, sentence by sentence.

>>> from aligner.pair import align_pair, render
>>> from aligner import read_source
>>> report = align_pair(read_source("samples/pair/briefing_blinken.ko.txt"),
...                     read_source("samples/pair/briefing_blinken.en.txt"))
>>> [(f.kind, f.severity) for f in report.flags]
[('name_variant', 'warning'), ('number_mismatch', 'error'), ('omission', 'warning'), ('altered_quote', 'error')]

Stages, each a module of plain functions over frozen dataclasses:
``sentences`` (the segments of each version) → ``anchors`` (shared markers
and quotes) → ``scoring``/``lexical`` (link scores) → ``dp`` (the banded
monotone alignment, checked against a plain reference) → ``flags`` →
``report`` (``aligner.pair/1``) → ``render`` (text, JSON, HTML, TMX).
``galechurch`` is the length-only baseline and ``evaluate`` scores either
against gold links.
"""
from __future__ import annotations

from .align import PairSettings, align_pair
from .render import render
from .report import PairReport

__all__ = ["PairReport", "PairSettings", "align_pair", "render"]
