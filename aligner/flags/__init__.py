"""Stage 4: translation gaps, each found by a named detector module."""
from __future__ import annotations

from dataclasses import replace

from ..report import Flag, Report, SEVERITY_RANK


def detect_flags(report: Report, *, embedder=None, glossary=None) -> Report:
    """Run every detector over a report and return it with its flags."""
    from . import name_variant, number_mismatch, speaker_mismatch, structural, typography, untranslated
    from . import addition, meaning_shift, misquote, omission

    found: list[Flag] = []
    for detector in (structural.detect, number_mismatch.detect, name_variant.detect, speaker_mismatch.detect,
                     typography.detect, untranslated.detect, misquote.detect, omission.detect,
                     meaning_shift.detect, addition.detect):
        found.extend(detector(report, embedder=embedder, glossary=glossary))
    from .flood import collapse_floods

    found = collapse_floods(found)
    ordered = sorted(found, key=lambda f: (_first_offset(f), -SEVERITY_RANK[f.severity], f.kind))
    numbered = tuple(replace(flag, id=f"f{n}") for n, flag in enumerate(ordered, 1))
    return replace(report, flags=numbered)


def _first_offset(flag: Flag) -> int:
    return min((s.start for s in flag.spans), default=0)
