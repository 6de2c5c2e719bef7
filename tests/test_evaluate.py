"""The scorer (spec/gold.md) on hand-made gold and reports, the evaluate
command, and acceptance floors on the samples and the development corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, shared_corpus

from aligner.cli import cli

from aligner.errors import GoldError
from aligner.evaluate import (
    Counts, evaluate_paths, find_pairs, gold_path_for, load_gold, normalise, render_scores, score_report, squash,
)
from aligner.report import Flag, FlagSpan, Marker, Quote, Rendering, Report, RunSignature, SourceInfo, Span, Speaker


# --- hand-made reports -----------------------------------------------------------------------------

def make_quote(n, marker, quote=None, speaker=None, renderings=()):
    return Quote(
        id=f"q{n}",
        marker=Marker(0, len(marker), marker, None, None, None, True, "녹취"),
        quote=Span(0, len(quote), quote) if quote is not None else None,
        speaker=Speaker(name=speaker, title=None, mentions=(), confidence=1.0 if speaker else 0.0),
        renderings=tuple(Rendering(0, len(t), t, "after", 0.9) for t in renderings),
    )


def make_flag(n, kind, quote, *texts, severity="warning"):
    return Flag(id=f"f{n}", kind=kind, severity=severity, message="m", quote=quote,
                spans=tuple(FlagSpan(0, len(t), t, "narration") for t in texts))


def make_report(quotes=(), flags=()):
    return Report(source=SourceInfo("x.txt", "0" * 64, "utf-8", "ko", 0),
                  run=RunSignature("0", "test", ()), segments=(), quotes=tuple(quotes), flags=tuple(flags))


def gold(*quotes, flags=()):
    return {"schema": "aligner.gold/1", "narration_lang": "ko", "quotes": list(quotes), "flags": list(flags)}


def gq(marker, quote, speaker, *renderings):
    return {"marker": marker, "quote": quote, "speaker": speaker, "renderings": list(renderings)}


M1, M2 = "[녹취: 폼페오 장관]", "[녹취: 김성 대사]"
R1 = "폼페오 장관은 이날 백악관에서 협상에 진전이 있었다고 말했습니다."
R2 = "여전히 가야 할 길이 멀다고 덧붙였습니다."


def test_normalisation():
    assert normalise("“Hello,”  he\n said ‘yes’") == "Hello, he said yes"
    assert squash("“Hello,”  he\n said ‘yes’") == "Hello,hesaidyes"
    assert normalise(None) == ""


def test_perfect_match():
    report = make_report([make_quote(1, M1, "I returned late last night.", "마이크 폼페오", [R1, R2])])
    counts = score_report(report, gold(gq(M1, "I returned late", "마이크 폼페오", "폼페오 장관은 이날 백악관에서", "여전히 가야 할 길이")))
    assert (counts.quotes, counts.quotes_linked, counts.speakers_right) == (1, 1, 1)
    assert (counts.rendering_tp, counts.rendering_reported, counts.rendering_gold) == (2, 2, 2)
    assert counts.scores()["renderings"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert counts.misses == []


def test_rendering_prefix_and_finer_split():
    # the report split the gold sentence finer: the gold prefix starts with the report's rendering
    report = make_report([make_quote(1, M1, "I returned.", None, ["폼페오 장관은 이날", "전혀 다른 문장입니다."])])
    counts = score_report(report, gold(gq(M1, "I returned", None, "폼페오 장관은 이날 백악관에서")))
    assert counts.rendering_tp == 1 and counts.rendering_reported == 2
    assert any("extra rendering" in m for m in counts.misses)
    # too short a piece does not count
    report = make_report([make_quote(1, M1, "I returned.", None, ["폼페오"])])
    assert score_report(report, gold(gq(M1, "I returned", None, "폼페오 장관은 이날 백악관에서"))).rendering_tp == 0


def test_whitespace_and_quote_style_are_ignored():
    report = make_report([make_quote(1, "[녹취:  폼페오 장관]", "“I returned\nlate” last night.", None,
                                     ["그는 ‘최대 압박’을\n계속하겠다고 말했습니다."])])
    counts = score_report(report, gold(gq("[녹취: 폼페오 장관]", '"I returned late', None, "그는 '최대 압박'을 계속하겠다고")))
    assert counts.quotes_linked == 1 and counts.rendering_tp == 1


def test_missed_quote():
    report = make_report([make_quote(1, M1, "I returned.", "마이크 폼페오", [R1])])
    counts = score_report(report, gold(
        gq(M1, "I returned", "마이크 폼페오", "폼페오 장관은 이날"),
        gq(M2, "All material", "Kim Seong", "모든 내용이", "김 대사는"),
    ))
    assert counts.quotes == 2 and counts.quotes_linked == 1 and counts.speakers_right == 1
    assert counts.rendering_gold == 3 and counts.rendering_tp == 1
    assert counts.scores()["quote_links"] == 0.5
    assert any("quote 2 not linked" in m for m in counts.misses)


def test_wrong_quote_text_or_marker_is_not_a_link():
    report = make_report([make_quote(1, M1, "We made progress.", None)])
    assert score_report(report, gold(gq(M1, "I returned", None))).quotes_linked == 0
    report = make_report([make_quote(1, M2, "I returned.", None)])
    assert score_report(report, gold(gq(M1, "I returned", None))).quotes_linked == 0


def test_marker_with_no_quote():
    report = make_report([make_quote(1, M2)])
    assert score_report(report, gold(gq(M2, None, None))).quotes_linked == 1
    report = make_report([make_quote(1, M2, "Something.")])
    assert score_report(report, gold(gq(M2, None, None))).quotes_linked == 0


def test_damaged_marker_matches_by_its_start():
    report = make_report([make_quote(1, "[녹취: 폼페오 장관", "I want to thank.", None)])
    assert score_report(report, gold(gq("[녹취: 폼페오 장관", "I want", None))).quotes_linked == 1


@pytest.mark.parametrize("gold_name, got, right", [
    ("Kim Seong", "Kim Seong", True),
    ("Kim Seong", "Kim  Seong", True),
    ("Kim Seong", "Kim Song", True),  # ratio 94 >= 90
    ("Kim Seong", "Kim Jong", False),  # ratio 82
    ("마이크 폼페오", "폼페오", False),
    (None, None, True),
    (None, "Kim Seong", False),
    ("Kim Seong", None, False),
])
def test_speaker_ratio(gold_name, got, right):
    report = make_report([make_quote(1, M2, "All material.", got)])
    assert score_report(report, gold(gq(M2, "All material", gold_name))).speakers_right == int(right)


def test_report_quotes_without_gold_count_against_precision():
    report = make_report([make_quote(1, M1, "I returned.", None, [R1]), make_quote(2, M2, "All.", None, [R2])])
    counts = score_report(report, gold(gq(M1, "I returned", None, "폼페오 장관은 이날")))
    assert counts.rendering_reported == 2 and counts.rendering_tp == 1
    assert counts.scores()["renderings"]["precision"] == 0.5


def test_flag_matching_by_kind_quote_and_evidence():
    quotes = [make_quote(1, M1, "I returned.", None), make_quote(2, M2, "All material.", None)]
    gold_flags = [
        {"kind": "misquote", "quote": 2, "evidence": "human waste"},
        {"kind": "name_variant", "quote": None, "evidence": "Taekseong Oh"},
        {"kind": "omission", "quote": 1, "evidence": "when will be the second summit"},
    ]
    flags = [
        make_flag(1, "misquote", "q2", "such as 'human waste'", severity="error"),  # span contains the evidence
        make_flag(2, "name_variant", None, "Taek-Sung Oh", "Taekseong"),  # span contained in the evidence
        make_flag(3, "omission", "q2", "when will be the second summit"),  # wrong quote
        make_flag(4, "addition", "q1", "whatever"),  # a kind the gold does not list
        make_flag(5, "typography", None, "– .", severity="info"),  # info: outside precision
    ]
    counts = score_report(make_report(quotes, flags), gold(gq(M1, "I returned", None), gq(M2, "All material", None),
                                                           flags=gold_flags))
    assert counts.flags_gold == 3 and counts.flags_found == 2
    assert counts.per_kind == {"misquote": [1, 1], "name_variant": [1, 1], "omission": [0, 1]}
    assert counts.flags_reported == 4 and counts.flags_reported_right == 2
    scores = counts.scores()["flags"]
    assert scores["recall"] == pytest.approx(2 / 3) and scores["precision"] == 0.5


def test_flag_on_a_quote_the_report_did_not_link_is_not_found():
    report = make_report([make_quote(1, M1, "Other words.", None)], [make_flag(1, "misquote", "q1", "human waste")])
    counts = score_report(report, gold(gq(M1, "I returned", None),
                                       flags=[{"kind": "misquote", "quote": 1, "evidence": "human waste"}]))
    assert counts.flags_found == 0


def test_counts_add_up():
    total = Counts()
    for _ in range(2):
        report = make_report([make_quote(1, M1, "I returned.", "마이크 폼페오", [R1])])
        total.add(score_report(report, gold(gq(M1, "I returned", "마이크 폼페오", "폼페오 장관은 이날"),
                                            flags=[{"kind": "omission", "quote": 1, "evidence": "x"}])))
    assert (total.quotes, total.quotes_linked, total.rendering_tp, total.flags_gold) == (2, 2, 2, 2)
    assert total.per_kind == {"omission": [0, 2]}
    assert Counts().scores()["quote_links"] is None


def test_gold_files(tmp_path):
    bad = tmp_path / "bad.gold.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError):
        load_gold(bad)
    bad.write_text(json.dumps({"schema": "other/1", "quotes": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="aligner.gold/1"):
        load_gold(bad)
    with pytest.raises(GoldError):
        load_gold(tmp_path / "missing.gold.json")
    assert gold_path_for(tmp_path / "a.txt") == tmp_path / "a.gold.json"
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "orphan.gold.json").write_text("{}", encoding="utf-8")
    assert find_pairs([tmp_path]) == [(tmp_path / "a.txt", tmp_path / "a.gold.json")]
    with pytest.raises(GoldError):
        evaluate_paths([tmp_path / "nothing_here"])


def test_transcript_without_gold(tmp_path):
    (tmp_path / "a.txt").write_text("제목\n본문입니다.\n", encoding="utf-8")
    with pytest.raises(GoldError, match="no gold file"):
        evaluate_paths([tmp_path / "a.txt"])


# --- the evaluate command --------------------------------------------------------------------------------

def run_cli(*args):
    # In-process, so the model is loaded once per session (tests/test_cli.py runs the real process).
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def samples_cli():
    result = run_cli("evaluate", str(SAMPLES))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_evaluate_command_prints_rows_and_total(samples_cli):
    lines = samples_cli.splitlines()
    assert lines[0].split() == ["file", "links", "spkr", "rP", "rR", "rF1", "flagR", "flagP"]
    names = sorted(p.name for p in SAMPLES.glob("*.gold.json"))
    rows = [line for line in lines if line.split() and line.split()[0].endswith(".txt")]
    assert [row.split()[0] for row in rows] == [n.replace(".gold.json", ".txt")[:44] for n in names]
    total = [line for line in lines if line.startswith("TOTAL")]
    assert len(total) == 1
    assert total[0].split()[1] == "1.00"  # quote links


def test_evaluate_command_json_and_verbose():
    result = run_cli("evaluate", "-f", "json", str(SAMPLES / "ko_trilateral_fm_meeting_labels.txt"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"files", "total"}
    assert list(data["files"]) == ["ko_trilateral_fm_meeting_labels.txt"]
    assert data["total"]["quote_links"] == 1.0
    verbose = run_cli("evaluate", "-v", str(SAMPLES / "ko_house_hearing_name_variant.txt"))
    assert verbose.exit_code == 0 and "TOTAL" in verbose.stdout


def test_evaluate_command_errors(tmp_path):
    (tmp_path / "a.txt").write_text("제목\n본문입니다.\n", encoding="utf-8")
    result = run_cli("evaluate", str(tmp_path / "a.txt"))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [result.stderr.strip()] and result.stderr.startswith("aligner: error: ")


# --- acceptance floors ------------------------------------------------------------------------------------

def floors(path, links, speakers, f1):
    scores = evaluate_paths([path]).total.scores()
    assert scores["quote_links"] >= links, scores
    assert scores["speakers"] >= speakers, scores
    assert scores["renderings"]["f1"] >= f1, scores
    return scores


def test_samples_floors(embedder):
    # measured at 1.00 / 1.00 / 0.89 (rendering F1) when this test was written
    floors(SAMPLES, links=1.0, speakers=0.9, f1=0.75)


def _measure_corpus_module():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "measure_corpus.py"
    spec = importlib.util.spec_from_file_location("measure_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(shared_corpus() is None, reason="the development corpus (../shared/corpus) is not beside the clone")
def test_corpus_floors_on_both_sides_of_the_split(embedder):
    """eval/split.tsv: thresholds are chosen on `tune`; `check` is only measured.
    Floors sit a little under what was measured when this was written (tune /
    check): speakers 1.00 / 1.00, rendering F1 0.80 / 0.78; no false error."""
    measure_corpus = _measure_corpus_module()
    parts = measure_corpus.measure(shared_corpus(), embedder=embedder)
    assert sorted(len(files) for files in parts.values()) == [22, 22]
    for part, files in parts.items():
        counts = measure_corpus.total(files)
        scores = counts.scores()
        assert scores["quote_links"] == 1.0, (part, scores)
        assert scores["speakers"] >= 0.97, (part, scores)
        assert scores["renderings"]["f1"] >= 0.76, (part, scores)
        assert counts.errors_right == counts.errors_reported, (part, counts.misses)


def test_render_scores_text():
    report = make_report([make_quote(1, M1, "I returned.", None, [R1])])
    from aligner.evaluate import Evaluation

    counts = score_report(report, gold(gq(M1, "I returned", None, "폼페오 장관은 이날")))
    text = render_scores(Evaluation(files=[("one.txt", counts)], total=counts))
    assert "one.txt" in text and "TOTAL" in text and text.endswith("\n")
    assert json.loads(render_scores(Evaluation(files=[("one.txt", counts)], total=counts), fmt="json"))["total"]


@pytest.mark.slow
def test_invented_sets_floors(embedder):
    """eval/invented: 118 transcripts reviewers wrote blind (no threshold was
    chosen on them).  Floors under what was measured after their reports
    were worked through: speakers 0.99, rendering F1 0.90, error precision 20/20."""
    path = Path(__file__).resolve().parent.parent / "eval" / "invented"
    result = evaluate_paths([path])
    scores = result.total.scores()
    assert len(result.files) == 118
    assert scores["quote_links"] == 1.0, scores
    assert scores["speakers"] >= 0.95, scores
    assert scores["renderings"]["f1"] >= 0.88, scores
    assert result.total.errors_right == result.total.errors_reported, result.total.misses
