"""The Korean phrase table of ``aligner diff``: a pair only where the model is
sure of it, else the quote phrase unpaired; "no source" never on text that a
rendering carries.  The cases are hand-written Korean renderings of English
quotes (tools/phrase_table_cases.py), faithful except where they list added
clauses."""
from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, dedent

from aligner.cli import cli
from aligner.comparisons import phrase_table
from aligner.phrases import align_phrases

sys.path.insert(0, str(ROOT / "tools"))
from calibrate_phrase_table import build, overlap, right_pair, stretches  # noqa: E402
from phrase_table_cases import CASES  # noqa: E402


def table_of(case, embedder):
    text, quote, renderings = build(case)
    alignment = align_phrases(text, quote.quote, renderings, embedder)
    return text, renderings, phrase_table(quote, alignment, embedder)


@pytest.mark.parametrize("case", CASES, ids=[c["quote"][:30] for c in CASES])
def test_every_pair_shown_is_right_and_no_carried_text_is_called_unsourced(case, embedder):
    text, renderings, rows = table_of(case, embedder)
    carries, added = stretches(text, case, renderings[0].start)
    for row in rows:
        if row.status == "paired":
            assert right_pair(row, carries), (row.quote.text, row.narration.text)
        if row.status == "no source":
            clause = (row.narration.start, row.narration.end)
            assert not any(overlap(clause, k) for k, _q in carries), row.narration.text
            assert any(overlap(clause, a) for a in added), row.narration.text


def test_faithful_renderings_have_no_unsourced_text(embedder):
    faithful = [case for case in CASES if not case["added"]]
    assert len(faithful) >= 5
    for case in faithful:
        _text, _renderings, rows = table_of(case, embedder)
        assert not [r for r in rows if r.status == "no source"], case["quote"]


def test_added_clauses_are_named_when_every_quote_phrase_is_paired(embedder):
    named = []
    for case in CASES:
        _text, _renderings, rows = table_of(case, embedder)
        if case["added"] and all(r.status == "paired" for r in rows if r.quote is not None):
            named += [r.narration.text for r in rows if r.status == "no source"]
    assert any("국제법 위반" in clause for clause in named)
    assert any("7차 핵실험" in clause for clause in named)


def test_an_unsure_pair_is_shown_unpaired(embedder):
    case = next(c for c in CASES if c["quote"].startswith("In my opinion"))
    _text, _renderings, rows = table_of(case, embedder)
    opinion = next(r for r in rows if r.quote is not None and r.quote.text == "In my opinion")
    assert opinion.status == "unpaired" and opinion.narration is None


TRANSCRIPT = dedent("""
    미 국무부 “대화 제의 여전히 유효”

    미 국무부는 북한과의 대화에 열려 있다는 입장을 거듭 밝혔습니다.

    제임스 하퍼 국무부 대변인은 정례 브리핑에서 북한 문제에 관한 질문을 받았습니다.

    [녹취: 하퍼 대변인] “Our door remains open. We are ready to meet without preconditions.”

    하퍼 대변인은 미국의 대화 제의는 여전히 유효하며 전제 조건 없이 만날 준비가 돼 있다고 말했습니다.

    VOA 뉴스 이지훈입니다.
""")


def test_the_diff_view_shows_the_idiom_unpaired_and_nothing_unsourced(tmp_path):
    path = tmp_path / "briefing.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    view = CliRunner().invoke(cli, ["diff", "--width", "120", str(path)]).stdout
    assert "phrases (quote → narration; a pair only where the model is sure of it):" in view
    assert "    unpaired        Our door remains open" in view
    assert "no source" not in view
    paired = [line for line in view.splitlines() if line.startswith("    paired")]
    assert paired and "We are ready to meet without preconditions" in paired[0] and "전제 조건 없이" in paired[0]
