"""Accept / ignore that persists: fingerprints that survive edits elsewhere,
the review file's round trip, align hiding decided flags (and --fail-on not
counting them), and ``aligner review`` walking flags in the terminal."""
from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest
from click.testing import CliRunner
from conftest import SEED

from aligner.cli import cli
from aligner.errors import EXIT_FLAGS, EXIT_INPUT, InputError
from aligner.review import (DEFAULT_NAME, SCHEMA, Review, apply_review, fingerprint, load_review, save_review,
                            undecided, walk_order)


def invoke(*args, input=None, cwd=None):
    here = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, prog_name="aligner")
    finally:
        os.chdir(here)


@pytest.fixture()
def transcript(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def by_kind(report, kind):
    return next(f for f in report.flags if f.kind == kind)


def test_fingerprint_survives_edits_elsewhere_and_changes_with_the_evidence(align_text, seed_report):
    text = seed_report.text
    # a new first line and a reworded sentence in another story: every offset after them moves
    edited = "Correction appended at the desk.\n" + text.replace("declared the adoption", "announced the adoption")
    moved = align_text(edited, path=str(SEED))
    before = {f.kind: fingerprint(seed_report, f) for f in seed_report.flags if f.quote == "q3"}
    after = {f.kind: fingerprint(moved, f) for f in moved.flags if f.quote == "q3"}
    assert before and before == after
    assert by_kind(moved, "misquote").spans[0].start != by_kind(seed_report, "misquote").spans[0].start
    # whitespace and quotation-mark style do not matter either
    misquote = by_kind(seed_report, "misquote")
    restyled = replace(misquote, spans=tuple(replace(s, text=s.text.replace(" ", "  ")) for s in misquote.spans))
    assert fingerprint(seed_report, restyled) == fingerprint(seed_report, misquote)
    # the evidence or the kind changing makes it another flag
    other = replace(misquote, spans=(replace(misquote.spans[0], text="human rights"),) + misquote.spans[1:])
    assert fingerprint(seed_report, other) != fingerprint(seed_report, misquote)
    assert fingerprint(seed_report, replace(misquote, kind="addition")) != fingerprint(seed_report, misquote)


def test_the_quote_words_are_part_of_the_fingerprint(seed_report):
    misquote = by_kind(seed_report, "misquote")
    q3 = seed_report.quote_by_id("q3")
    reworded = replace(q3, quote=replace(q3.quote, text=q3.quote.text.replace("Riff-Raff", "riff-raff")))
    other = replace(seed_report, quotes=tuple(reworded if q.id == "q3" else q for q in seed_report.quotes))
    assert fingerprint(other, misquote) != fingerprint(seed_report, misquote)


def test_review_file_round_trip(tmp_path, seed_report):
    path = tmp_path / DEFAULT_NAME
    review = Review(str(path))
    misquote, variant = by_kind(seed_report, "misquote"), by_kind(seed_report, "name_variant")
    review.decide(seed_report, misquote, "accepted")
    review.decide(seed_report, variant, "wrong")
    save_review(review)
    data = json.loads(path.read_text("utf-8"))
    assert data["schema"] == SCHEMA
    assert [d["decision"] for d in data["decisions"]] == [
        d for _fp, d in sorted([(fingerprint(seed_report, misquote), "accepted"),
                                (fingerprint(seed_report, variant), "wrong")])]
    assert {d["kind"] for d in data["decisions"]} == {"misquote", "name_variant"}
    again = load_review(str(path))
    assert again.decisions == review.decisions
    assert again.to_json() == path.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [DEFAULT_NAME], "a temporary file was left behind"


def test_a_missing_review_file_is_an_empty_review_and_a_broken_one_an_input_error(tmp_path):
    assert load_review(str(tmp_path / "none.json")).decisions == {}
    broken = tmp_path / "broken.json"
    for content in ("{not json", json.dumps({"schema": "other/1", "decisions": []}),
                    json.dumps({"schema": SCHEMA, "decisions": [{"fingerprint": "x", "decision": "maybe"}]})):
        broken.write_text(content, encoding="utf-8")
        with pytest.raises(InputError):
            load_review(str(broken))


def test_apply_review_hides_accepted_and_wrong_but_not_fixed(seed_report):
    review = Review("r.json")
    review.decide(seed_report, by_kind(seed_report, "misquote"), "accepted")
    review.decide(seed_report, by_kind(seed_report, "meaning_shift"), "wrong")
    review.decide(seed_report, by_kind(seed_report, "name_variant"), "fixed")
    shown = apply_review(seed_report, review)
    assert {f.kind for f in shown.flags} == {f.kind for f in seed_report.flags} - {"misquote", "meaning_shift"}
    assert len(shown.flags) == len(seed_report.flags) - 2
    assert shown.summary["decided"] == 2
    assert dict(shown.review.hidden_by_decision()) == {"accepted": 1, "wrong": 1}
    every = apply_review(seed_report, review, show_decided=True)
    assert every.flags == seed_report.flags and every.review.hidden == 0
    assert {f.kind for f in undecided(seed_report, review)} == {f.kind for f in shown.flags}
    flags = {f["kind"]: f for f in every.to_dict()["flags"]}
    assert flags["misquote"]["decision"] == "accepted" and flags["name_variant"]["decision"] == "fixed"
    assert "decision" not in flags["typography"]


def test_align_hides_decided_flags_says_how_many_and_fail_on_ignores_them(transcript, seed_report):
    assert invoke("align", "--fail-on", "error", transcript).exit_code == EXIT_FLAGS
    review = Review(str(transcript.parent / DEFAULT_NAME))
    review.decide(seed_report, by_kind(seed_report, "misquote"), "accepted")
    save_review(review)
    result = invoke("align", "--fail-on", "error", transcript)
    assert result.exit_code == 0, result.output
    assert "flags: 0 error" in result.output
    assert f"1 flag decided in {review.path} hidden (1 accepted; --show-decided shows them)" in " ".join(
        result.output.split())
    shown = invoke("align", "--show-decided", "-f", "json", "--fail-on", "error", transcript)
    assert shown.exit_code == 0, "a flag shown with --show-decided is still not counted by --fail-on"
    data = json.loads(shown.output)
    assert any(f["kind"] == "misquote" and f["decision"] == "accepted" for f in data["flags"])
    hidden = json.loads(invoke("align", "-f", "json", transcript).output)
    assert not any(f["kind"] == "misquote" for f in hidden["flags"])
    assert hidden["review"] == {"file": review.path, "hidden": 1, "decided": {"accepted": 1}}
    assert hidden["summary"]["decided"] == 1


def test_an_explicit_review_file_and_a_broken_one(transcript, tmp_path, seed_report):
    elsewhere = tmp_path / "decisions" / "mine.json"
    elsewhere.parent.mkdir()
    review = Review(str(elsewhere))
    review.decide(seed_report, by_kind(seed_report, "misquote"), "wrong")
    save_review(review)
    assert invoke("align", "--fail-on", "error", transcript).exit_code == EXIT_FLAGS  # beside it: none
    assert invoke("align", "--review", elsewhere, "--fail-on", "error", transcript).exit_code == 0
    elsewhere.write_text("[]", encoding="utf-8")
    result = invoke("align", "--review", elsewhere, transcript)
    assert result.exit_code == EXIT_INPUT
    (line,) = result.stderr.splitlines()
    assert line.startswith("aligner: error: ") and line.endswith(f"{elsewhere}: not an {SCHEMA} review file")


def test_review_command_walks_flags_and_writes_each_decision(transcript, seed_report):
    order = walk_order(seed_report)
    assert [f.severity for f in order] == sorted((f.severity for f in order),
                                                 key=["error", "warning", "info"].index)
    result = invoke("review", "--width", "80", transcript, input="a\nw\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("[a]ccept [w]rong [f]ixed [s]kip [q]uit") == 4
    assert f"[1/{len(order)}] ✖ error {order[0].kind}" in result.output
    assert "aligner: 2 decided (1 accepted, 1 wrong), 1 skipped" in result.stderr
    review = load_review(str(transcript.parent / DEFAULT_NAME))
    assert review.decision(fingerprint(seed_report, order[0])) == "accepted"
    assert review.decision(fingerprint(seed_report, order[1])) == "wrong"
    assert review.decision(fingerprint(seed_report, order[2])) is None
    # the next session starts with what is left; end of input stops it cleanly
    again = invoke("review", transcript, input="f\n")
    assert again.exit_code == 0, again.output
    assert f"[1/{len(order) - 2}] " in again.output and f"[2/{len(order) - 2}] " in again.output
    review = load_review(str(transcript.parent / DEFAULT_NAME))
    assert review.decision(fingerprint(seed_report, order[2])) == "fixed"
    assert sorted(p.name for p in transcript.parent.iterdir()) == [DEFAULT_NAME, "story.txt"]


def test_review_command_with_everything_decided(transcript, seed_report):
    review = Review(str(transcript.parent / DEFAULT_NAME))
    for flag in seed_report.flags:
        review.decide(seed_report, flag, "accepted")
    save_review(review)
    result = invoke("review", transcript)
    assert result.exit_code == 0
    assert result.output.startswith(f"nothing to review: {len(seed_report.flags)} flags, all decided")


def test_review_command_errors_are_one_line(transcript):
    result = invoke("review", "-")
    assert result.exit_code == 2 and result.stderr.startswith("aligner: error: ")
    result = invoke("review", transcript.parent / "nothere.txt")
    assert result.exit_code == EXIT_INPUT and len(result.stderr.splitlines()) == 1
