"""The analysis document: computed once per transcript, read by every stage."""
from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from aligner import read_source
from aligner.analysis import analyse
from aligner.flags import detect_flags
from aligner.pipeline import align
from aligner.renderings import quote_pieces

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
KOREAN = SAMPLES / "ko_state_dept_briefing_misquote_omission.txt"


def test_analysis_holds_what_the_stages_read(glossary):
    text = read_source(str(KOREAN)).text
    analysis = analyse(text, glossary)
    assert analysis.narration_lang == "ko"
    assert all(text[s.start:s.end] == s.text for s in analysis.segments)
    assert analysis.stories.narration_at == tuple(i for i, s in enumerate(analysis.segments) if s.kind == "narration")
    assert len(analysis.links) == len(analysis.speakers) == len(analysis.units) > 0
    for link, unit in zip(analysis.links, analysis.units):
        assert (unit is None) == (link.quote is None)
        if unit is not None:
            assert analysis.segments[unit.index].id == link.marker_segment.id
            # the quote's sentences, split by the analysis, are what the renderer would split
            assert list(unit.pieces) == quote_pieces(unit.text)
    with pytest.raises(FrozenInstanceError):
        analysis.segments = ()  # type: ignore[misc]


def test_flags_are_the_same_with_the_analysis_or_worked_out_from_the_report(embedder, glossary):
    """A saved report has no analysis: the detectors work out the story
    index from its segments, and must find exactly what they found with it."""
    source = read_source(str(KOREAN))
    report = align(source, embedder=embedder)
    assert report.flags
    again = detect_flags(replace(report, flags=()), embedder=embedder, glossary=glossary)
    assert again.flags == report.flags
