"""A saved report renders in every view without aligning again: the types
that check themselves (Severity, flag kinds, spans), the report's JSON
Schema, Report.from_dict, the output-format table and ``aligner render``."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, SEEDS
from invariants import check_report

from aligner import align, read_source
from aligner.cli import cli
from aligner.errors import EXIT_INPUT
from aligner.render import (
    FORMATS,
    align_formats,
    output_format,
    pair_formats,
    renderer,
    report_formats,
)
from aligner.render.diff import render_diff_view
from aligner.report import (
    Flag,
    FlagSpan,
    Report,
    Severity,
    Span,
    load_report,
    source_text,
)

TRANSCRIPTS = sorted(p.relative_to(ROOT) for p in list(SAMPLES.glob("*.txt")) + list(SEEDS.glob("*.txt")))
VIEWS = ("json", "jsonl", "text", "md", "html")
EN_SAMPLE = "samples/en_mt_state_dept_cyber_name_variant.txt"  # English narration: no phrase tables


@pytest.fixture(scope="module")
def reports(embedder):
    """Each sample and seed's report, aligned once (relative paths, as the CLI records them)."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return {str(path): align(read_source(str(path)), embedder=embedder) for path in TRANSCRIPTS}
    finally:
        os.chdir(cwd)


def invoke(*args):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args], prog_name="aligner")
    finally:
        os.chdir(cwd)


def test_every_report_fits_the_schema_and_round_trips(reports):
    for path, report in reports.items():
        data = report.to_dict()
        check_report(data, report.text)  # the schema included
        saved = Report.from_dict(json.loads(json.dumps(data)))
        assert saved == report, path
        assert saved.text == report.text, path  # rebuilt from the JSON alone (the source hash says so)
        assert source_text(data["segments"], data["source"]["chars"]) == report.text, path
        assert saved.to_dict() == data, path


def test_every_view_of_a_saved_report_is_the_live_view(reports):
    for path, report in reports.items():
        saved = Report.from_dict(json.loads(renderer("json")(report)))
        for fmt in VIEWS:
            options = {"width": 100, "color": False} if output_format(fmt).terminal else {}
            assert renderer(fmt)(saved, **options) == renderer(fmt)(report, **options), (path, fmt)
        assert render_diff_view(saved, width=100) == render_diff_view(report, width=100), path


def test_render_equals_align_for_every_format(tmp_path):
    saved = tmp_path / "report.json"
    assert invoke("align", "-f", "json", "-o", saved, EN_SAMPLE).exit_code == 0
    for fmt in ("text", "md", "html"):
        aligned = invoke("align", "-f", fmt, "--width", 100, "--color", "never", EN_SAMPLE)
        rendered = invoke("render", "-f", fmt, "--width", 100, "--color", "never", saved)
        assert rendered.exit_code == 0, rendered.output
        assert rendered.stdout == aligned.stdout, fmt
    diffed = invoke("diff", "--width", 100, "--color", "never", EN_SAMPLE)
    rendered = invoke("render", "-f", "diff", "--width", 100, "--color", "never", saved)
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout == diffed.stdout
    assert "[-" in rendered.stdout or "{+" in rendered.stdout  # a word diff, not an empty view


def test_render_loads_no_model_and_aligns_nothing(tmp_path, reports, monkeypatch):
    import aligner.model
    import aligner.pipeline

    def refuse(*_args, **_kwargs):
        raise AssertionError("render must not load the model or align")

    saved = tmp_path / "saved.json"
    saved.write_text(renderer("json")(reports["samples/ko_state_dept_briefing_misquote_omission.txt"]), "utf-8")
    monkeypatch.setattr(aligner.model, "load_embedder", refuse)
    monkeypatch.setattr(aligner.pipeline, "align", refuse)
    out = tmp_path / "view.html"
    result = invoke("render", "-f", "html", "-o", out, saved)
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    result = invoke("render", "-f", "diff", saved)
    assert result.exit_code == 0, result.output
    assert "phrases: (not aligned)" in result.stdout  # Korean renderings: the table needs the model


def test_a_saved_report_renders_where_its_transcript_is_gone(tmp_path, reports):
    report = reports["samples/ko_state_dept_briefing_misquote_omission.txt"]
    data = report.to_dict()
    data["source"]["path"] = str(tmp_path / "gone.txt")  # not there: the text comes from the JSON alone
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    loaded = load_report(str(saved))
    assert loaded.text == report.text
    assert loaded.quotes == report.quotes and loaded.flags == report.flags


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(quotes="text"), "quotes: \"text\" is not of type 'array'"),
    (lambda d: d["flags"][0].update(severity="fatal"), "flags[0].severity"),
    (lambda d: d["flags"][0].update(kind="gossip"), "unknown flag kind 'gossip'"),
    (lambda d: d.update(schema="aligner.report/9"), "not an aligner.report/1 file"),
    (lambda d: d.pop("segments"), "'segments' is a required property"),
    (lambda d: d["segments"][0].update(end=10**6), "segments[0]: offsets 0-1000000"),
    (lambda d: d["source"].update(chars=10**12), "source.chars"),
])
def test_a_bad_report_is_one_line_with_exit_3(tmp_path, reports, change, words):
    data = reports["samples/ko_state_dept_briefing_misquote_omission.txt"].to_dict()
    change(data)
    saved = tmp_path / "bad.json"
    saved.write_text(json.dumps(data), "utf-8")
    result = invoke("render", saved)
    assert result.exit_code == EXIT_INPUT, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), result.stderr
    assert words in lines[0]
    assert "bad.json" in lines[0]


def test_a_transcript_is_not_a_report():
    result = invoke("render", EN_SAMPLE)
    assert result.exit_code == EXIT_INPUT
    assert "not valid JSON" in result.stderr


def test_severity_is_ordered_by_rank_and_written_as_its_name():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.ERROR > "warning" and Severity.WARNING >= "warning" and not Severity.INFO >= "warning"
    assert max([Severity.WARNING, Severity.ERROR, Severity.INFO]) is Severity.ERROR
    assert sorted(Severity) == [Severity.INFO, Severity.WARNING, Severity.ERROR]
    assert json.dumps({"severity": Severity.ERROR}) == '{"severity": "error"}'
    assert Severity.WARNING == "warning" and f"{Severity.INFO}" == "info"
    with pytest.raises(ValueError):
        Severity("fatal")


def test_flags_check_their_kind_severity_and_sides():
    span = FlagSpan(3, 7, "word", "quote")
    flag = Flag("f1", "omission", "warning", "m", None, (span,))
    assert flag.severity is Severity.WARNING
    assert isinstance(span, Span) and span.to_dict() == {"start": 3, "end": 7, "text": "word", "side": "quote"}
    with pytest.raises(ValueError, match="flag kind"):
        Flag("f1", "gossip", "warning", "m", None, ())
    with pytest.raises(ValueError):
        Flag("f1", "omission", "severe", "m", None, ())
    with pytest.raises(ValueError, match="side"):
        FlagSpan(0, 1, "x", "left")


def test_one_table_gives_every_format_choice_and_suffix(tmp_path):
    from aligner.batch import report_paths
    from aligner.cli import align as align_command
    from aligner.cli import pair as pair_command
    from aligner.cli import render_command

    def choices(command):
        return tuple(next(p for p in command.params if p.name == "fmt").type.choices)

    assert choices(align_command) == align_formats() == ("text", "json", "jsonl", "md", "html")
    assert choices(render_command) == report_formats() == align_formats() + ("diff",)
    assert choices(pair_command) == pair_formats() == ("text", "json", "html", "tmx")
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names)) and len({f.suffix for f in FORMATS}) == len(FORMATS)
    for fmt in FORMATS:  # every renderer named in the table exists
        if fmt.report:
            assert callable(fmt.renderer())
        if fmt.pair:
            assert callable(fmt.pair_renderer())
    assert report_paths(["a/x.txt"], str(tmp_path), "md") == [str(tmp_path / "x.md")]
