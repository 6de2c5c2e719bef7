"""Stage 4: translation gaps, each found by a registered detector.

A detector is one module in this package that defines ``DETECTOR``: its name,
the flag kinds it raises, whether it needs the embedding model, and a frozen
dataclass of its thresholds (spaCy-style: a component registered with its
config).  The pipeline walks the registry; the settings tree
(:class:`FlagSettings`) holds one settings object per detector and goes into
the run signature.  Adding a detector is adding one module.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..comparisons import ComparisonSettings
from ..glossary import Glossary
from ..phrases import PhraseSettings
from ..report import Flag, Report

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model import Embedder


@dataclass(frozen=True)
class Detector:
    name: str
    kinds: tuple[str, ...]
    needs_embedder: bool
    settings: type  # a frozen dataclass whose defaults are the tuned thresholds
    detect: Callable[..., list[Flag]]


@dataclass(frozen=True)
class NoSettings:
    """For detectors with nothing to tune."""


@lru_cache(maxsize=1)
def registry() -> tuple[Detector, ...]:
    """Every detector module's ``DETECTOR``, by name."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        if isinstance(getattr(loaded, "DETECTOR", None), Detector):
            found.append(loaded.DETECTOR)
    return tuple(sorted(found, key=lambda d: d.name))


def flag_kinds() -> tuple[str, ...]:
    return tuple(kind for detector in registry() for kind in detector.kinds)


@dataclass(frozen=True)
class FlagSettings:
    """The detectors' settings, one object per registered detector."""

    by_name: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        given = dict(self.by_name)
        unknown = set(given) - {d.name for d in registry()}
        if unknown:
            raise ValueError(f"no detector named {', '.join(sorted(unknown))}")
        complete = tuple((d.name, given.get(d.name) or d.settings()) for d in registry())
        object.__setattr__(self, "by_name", complete)

    def __getitem__(self, name: str) -> Any:
        return dict(self.by_name)[name]

    def items(self) -> Iterator[tuple[str, Any]]:
        return iter(self.by_name)

    def as_settings(self) -> tuple[tuple[str, Any], ...]:
        return tuple((f"flags.{name}.{f.name}", getattr(settings, f.name))
                     for name, settings in self.by_name for f in fields(settings))


def detect_flags(report: Report, *, embedder: Embedder | None = None, glossary: Glossary | None = None,
                 settings: FlagSettings | None = None,
                 phrases: PhraseSettings | None = None, comparisons: ComparisonSettings | None = None,
                 analysis: Analysis | None = None) -> Report:
    """Run every registered detector over a report and return it with its flags.

    ``phrases`` and ``comparisons`` are the settings the detectors share with
    the diff view (how phrases are cut and when one is carried; which quote
    sentences a word diff compares with).  ``analysis`` is the transcript's
    :class:`~aligner.analysis.Analysis` (the pipeline passes it; a saved
    report is read without one): detectors read what it holds instead of
    working it out again."""
    settings = settings or FlagSettings()
    phrases = phrases or PhraseSettings()
    comparisons = comparisons or ComparisonSettings()
    found: list[Flag] = []
    for detector in registry():
        if detector.needs_embedder and embedder is None:
            continue
        found.extend(detector.detect(report, embedder=embedder, glossary=glossary, settings=settings[detector.name],
                                     phrases=phrases, comparisons=comparisons, analysis=analysis))
    from .flood import collapse_floods

    found = collapse_floods(found)
    ordered = sorted(found, key=lambda f: (_first_offset(f), -f.severity.rank, f.kind))
    numbered = tuple(replace(flag, id=f"f{n}") for n, flag in enumerate(ordered, 1))
    return replace(report, flags=numbered)


def _first_offset(flag: Flag) -> int:
    return min((s.start for s in flag.spans), default=0)
