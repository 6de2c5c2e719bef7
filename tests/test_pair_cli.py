"""aligner pair and aligner pair-eval from the command line, on the
hand-written sample pair in samples/pair/."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.gold import check
from aligner.pair.align import align_pair
from aligner.pair.evaluate import line_of, load_gold_document, project_to_lines
from aligner.source import read_source
from conftest import SAMPLES, shared_corpus

KO = SAMPLES / "pair" / "briefing_blinken.ko.txt"
EN = SAMPLES / "pair" / "briefing_blinken.en.txt"
GOLD = SAMPLES / "pair" / "briefing_blinken.pairgold.json"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def sample(embedder):
    return align_pair(read_source(str(KO)), read_source(str(EN)), embedder=embedder)


def test_the_sample_pair_is_aligned_as_its_gold_says(sample):
    gold = load_gold_document(GOLD)
    index = {s.id: n for n, s in enumerate(sample.ko)} | {s.id: n for n, s in enumerate(sample.en)}
    links = [(tuple(index[k] for k in link.ko), tuple(index[e] for e in link.en)) for link in sample.links]
    predicted = project_to_lines(links, line_of(sample.ko_text, [s.start for s in sample.ko]),
                                 line_of(sample.en_text, [s.start for s in sample.en]))
    assert predicted == gold.gold


def test_the_sample_pair_flags_its_four_translation_faults(sample):
    found = [(f.kind, f.severity, [s.text for s in f.spans]) for f in sample.flags]
    assert found == [
        ("name_variant", "warning", ["블링컨", "Blincoln"]),
        ("number_mismatch", "error", ["12차례", "21 times"]),
        ("omission", "warning", ["블링컨 장관은 한국, 일본과의 긴밀한 공조도 강조했습니다."]),
        ("altered_quote", "error", ["South", "the Republic of"]),
    ]


def test_pair_text_view(sample):
    result = run("pair", "--width", 100, KO, EN)
    assert result.exit_code == 0, result.output
    assert "briefing_blinken.ko.txt ↔" in result.output
    assert "[녹취: 블링컨 장관]" in result.output and "│" in result.output
    assert "✖ error altered_quote" in result.output


def test_pair_json_to_a_file(tmp_path):
    out = tmp_path / "pair.json"
    result = run("pair", "-f", "json", "-o", out, KO, EN)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    check(data, "pair", str(out))  # the shipped schema, aligner/schemas/pair.schema.json
    assert data["schema"] == "aligner.pair/1"
    assert data["sources"]["ko"]["path"] == str(KO)
    assert data["summary"]["flag_kinds"] == {"altered_quote": 1, "name_variant": 1, "number_mismatch": 1, "omission": 1}
    assert [link["anchor"] for link in data["links"] if link["anchor"]] == ["marker", "quote", "marker", "quote"]


def test_pair_tmx_and_html():
    tmx = run("pair", "-f", "tmx", KO, EN)
    assert tmx.exit_code == 0
    units = ET.fromstring(tmx.output.encode("utf-8")).find("body").findall("tu")
    seg_texts = [u.find("tuv/seg").text for u in units]
    assert "VOA 뉴스 오택성입니다." in seg_texts
    assert not any(t.startswith("[녹취") or "12차례" in t for t in seg_texts)  # no anchors, no flagged links
    html = run("pair", "-f", "html", KO, EN)
    assert html.exit_code == 0 and html.output.startswith("<!DOCTYPE html>")


def test_pair_fail_on_and_input_errors(tmp_path):
    assert run("pair", "--fail-on", "error", KO, EN).exit_code == 1
    swapped = run("pair", EN, KO)
    assert swapped.exit_code == 3 and "Korean version first" in swapped.output
    missing = run("pair", KO, tmp_path / "nope.txt")
    assert missing.exit_code == 3 and "no such file" in missing.output


def test_pair_eval_on_the_sample_gold():
    result = run("pair-eval", "--method", "embeddings", SAMPLES / "pair")
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    row = next(line for line in result.output.splitlines() if line.startswith("embeddings"))
    assert row.split()[1:7] == ["1.000"] * 6


def test_pair_eval_without_anything_to_score_is_a_gold_error():
    result = run("pair-eval")
    assert result.exit_code == 3 and "nothing to score" in result.output


@pytest.mark.skipif(shared_corpus() is None, reason="the parallel corpus is not beside the checkout")
def test_pair_eval_builds_writes_and_rescores_corpus_documents(tmp_path):
    corpus = shared_corpus() / "parallel"
    built = run("pair-eval", "--corpus", corpus, "--docs", 2, "--sentences", 12, "--seed", 3, "--write", tmp_path,
                "-f", "json")
    assert built.exit_code == 0, built.output
    scores = json.loads(built.output)
    assert set(scores["methods"]) == {"embeddings", "gale-church"}
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["doc3-001.en.txt", "doc3-001.ko.txt", "doc3-001.pairgold.json",
                       "doc3-002.en.txt", "doc3-002.ko.txt", "doc3-002.pairgold.json"]
    again = json.loads(run("pair-eval", tmp_path, "-f", "json").output)
    assert again["methods"] == scores["methods"]


@pytest.mark.skipif(shared_corpus() is None, reason="the parallel corpus is not beside the checkout")
def test_pair_eval_leaves_out_the_audited_pairs(tmp_path):
    corpus = shared_corpus() / "parallel"
    audit = tmp_path / "audit.tsv"
    korean = (corpus / "korean-english-park.dev.ko").read_text(encoding="utf-8").splitlines()
    kept = 10
    # every pair but the last ten marked as noise: the documents can only come from those ten
    audit.write_text("line\tverdict\treason\n" + "".join(f"{n}\tnot\tx\n" for n in range(1, len(korean) - kept + 1)),
                     encoding="utf-8")
    out = tmp_path / "docs"
    result = run("pair-eval", "--corpus", corpus, "--audit", audit, "--docs", 3, "--sentences", kept, "--seed", 2,
                 "--method", "gale-church", "--write", out)
    assert result.exit_code == 0, result.output
    built = [p.read_text(encoding="utf-8") for p in sorted(out.glob("*.ko.txt"))]
    assert len(built) == 3
    starts = tuple(line[:12] for line in korean[-kept:])
    lines = [line for text in built for line in text.splitlines()]
    assert len(lines) >= 3 * (kept // 2)
    assert all(line.startswith(starts) for line in lines)  # a joined line starts as its first part
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tmaybe\tx\n", encoding="utf-8")
    refused = run("pair-eval", "--corpus", corpus, "--audit", bad, "--docs", 1)
    assert refused.exit_code == 3 and "verdict" in refused.output
