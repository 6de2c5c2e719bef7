"""Checks every report must pass, whatever its input: the offset contract of
spec/report.md and the segmentation invariant of aligner/segments.py."""
from __future__ import annotations


def check_report(report: dict, text: str) -> None:
    """``report`` is an ``aligner.report/1`` dict, ``text`` the decoded,
    newline-normalised source it was made from."""
    from aligner.report import validate_report

    validate_report(report)  # the shipped JSON Schema (aligner/schemas/report.schema.json)
    assert report["schema"] == "aligner.report/1"
    assert report["source"]["chars"] == len(text)
    check_segments(report["segments"], text)
    for quote in report["quotes"]:
        check_span(quote["marker"], text)
        if quote["quote"] is not None:
            check_span(quote["quote"], text)
        for mention in quote["speaker"]["mentions"]:
            check_span(mention, text)
        for rendering in quote["renderings"]:
            check_span(rendering, text)
    for flag in report["flags"]:
        assert flag["severity"] in ("error", "warning", "info")
        assert flag["quote"] is None or any(q["id"] == flag["quote"] for q in report["quotes"])
        for span in flag["spans"]:
            check_span(span, text)
    counts = {"error": 0, "warning": 0, "info": 0}
    for flag in report["flags"]:
        counts[flag["severity"]] += 1
    assert report["summary"]["flags"] == counts
    assert report["summary"]["quotes"] == len(report["quotes"])


def check_span(span: dict, text: str) -> None:
    assert 0 <= span["start"] <= span["end"] <= len(text), span
    assert span["text"] == text[span["start"] : span["end"]], span


def check_segments(segments: list[dict], text: str) -> None:
    """Sorted, non-overlapping, exact, no outer whitespace, and nothing but
    whitespace between them: the segments cover every visible character."""
    position = 0
    for segment in segments:
        check_span(segment, text)
        assert segment["start"] < segment["end"], segment
        assert segment["start"] >= position, (segment, position)
        assert not text[position : segment["start"]].strip(), (text[position : segment["start"]], segment)
        assert not segment["text"][0].isspace() and not segment["text"][-1].isspace(), segment
        position = segment["end"]
    assert not text[position:].strip(), text[position:]
