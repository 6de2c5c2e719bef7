"""Pair evaluation: strict and lax scores, projection onto lines, and the
documents built from the parallel corpus with known gold."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.errors import GoldError
from aligner.pair.evaluate import (EditRates, join_english, join_korean, make_documents, project_to_lines,
                                   read_audit, read_parallel_corpus, score_links, usable_pair, without_audited)
from aligner.pair.sentences import sentences_of
from conftest import shared_corpus

CORPUS = shared_corpus() / "parallel" if shared_corpus() else None
needs_corpus = pytest.mark.skipif(CORPUS is None or not CORPUS.is_dir(), reason="the parallel corpus is not beside the checkout")


def test_score_links_strict_and_lax():
    gold = (((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,)))
    predicted = (((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)))
    counts = score_links(gold, predicted).scores()
    # strict: 3 of 5 predicted links are gold links, 3 of 4 gold links were predicted
    assert counts["strict"]["precision"] == pytest.approx(3 / 5)
    assert counts["strict"]["recall"] == pytest.approx(3 / 4)
    # lax: (1,)-(1,) shares a pair with the 2-1 gold link; (2,)-() shares none
    assert counts["lax"]["precision"] == pytest.approx(4 / 5)
    assert counts["lax"]["recall"] == pytest.approx(4 / 4)


def test_projection_unites_links_that_share_a_line():
    # sentences 0 and 1 of the Korean side sit on line 0 (the segmenter cut it in two)
    ko_lines, en_lines = [0, 0, 1, 2], [0, 1, 2]
    links = (((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)))
    assert project_to_lines(links, ko_lines, en_lines) == (((0,), (0,)), ((1,), (1,)), ((2,), (2,)))
    split_english = (((0, 1), (0,)), ((2,), (1,)), ((3,), (2,)))
    # English sentences 0 and 1 share line 0: the first two links are one on lines
    assert project_to_lines(split_english, ko_lines, [0, 0, 1]) == (((0, 1), (0,)), ((2,), (1,)))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 25))
def test_built_documents_have_a_gold_that_covers_every_line_once(seed, sentences):
    ko = [f"한국어 문장 {n}번입니다." for n in range(40)]
    en = [f"English sentence number {n}." for n in range(40)]
    for document in make_documents(ko, en, count=2, sentences=sentences, seed=seed):
        ko_lines, en_lines = document.ko_text.splitlines(), document.en_text.splitlines()
        assert [k for link in document.gold for k in link[0]] == list(range(len(ko_lines)))
        assert [e for link in document.gold for e in link[1]] == list(range(len(en_lines)))
        for first, second in document.gold:
            assert (len(first), len(second)) in {(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)}
            if (len(first), len(second)) == (1, 1):  # an untouched pair is a corpus pair
                assert ko.index(ko_lines[first[0]]) == en.index(en_lines[second[0]])
        types = [(len(a), len(b)) for a, b in document.gold]
        assert all({types[n], types[n + 1]} != {(1, 0), (0, 1)} for n in range(len(types) - 1))


def test_built_documents_are_the_same_for_the_same_seed():
    ko = [f"문장 {n}번입니다." for n in range(100)]
    en = [f"Sentence {n}." for n in range(100)]
    first = make_documents(ko, en, count=3, sentences=30, seed=4)
    assert first == make_documents(ko, en, count=3, sentences=30, seed=4)
    assert first != make_documents(ko, en, count=3, sentences=30, seed=5)
    untouched = make_documents(ko, en, count=1, sentences=30, seed=4, rates=EditRates(0, 0, 0, 0))[0]
    assert all((len(a), len(b)) == (1, 1) for a, b in untouched.gold)


def test_joined_sentences_stay_one_sentence_for_the_segmenter():
    korean = join_korean("시는 2019년에 새 항만 계획을 발표했다.", "공사는 내년 봄에 시작될 예정이다.")
    english = join_english('She called it "the last piece of the puzzle."', "The new crane is known as Big Blue.")
    assert [s.text for s in sentences_of(korean, "ko")] == [korean]
    assert [s.text for s in sentences_of(english, "en")] == [english]


def test_usable_pair_rules():
    assert usable_pair("시는 2019년에 새 항만 계획을 발표했다.", "The city announced a new port plan in 2019.")
    assert not usable_pair("reluctant 꺼리는, 싫어하는", "The mayor was reluctant to comment.")
    assert not usable_pair("영어사전", "Where do we go from here?")
    assert not usable_pair("이 섬은 독일인 등산객들이 자주 찾는다.", "the northern Alps.")
    # an English parenthesis inside Korean is fine
    assert usable_pair("미 항공우주국(NASA)은 3일 새 탐사선의 발사를 다음 달로 연기했다.",
                       "NASA postponed the new probe's launch to next month on Tuesday.")


@needs_corpus
def test_the_parallel_corpus_reads_as_line_pairs():
    ko, en = read_parallel_corpus(CORPUS)
    assert len(ko) == len(en) == 1000


AUDIT = Path(__file__).resolve().parent.parent / "docs" / "parallel-corpus-audit.tsv"


def test_an_audit_names_lines_to_leave_out(tmp_path):
    audit = tmp_path / "audit.tsv"
    audit.write_text("# a reviewer's notes\nline\tverdict\treason\n2\tnot\tdictionary entry\n4\tshifted\tsplit late\n",
                     encoding="utf-8")
    assert read_audit(audit) == {2, 4}
    ko, en = without_audited(["가", "나", "다", "라", "마"], ["a", "b", "c", "d", "e"], read_audit(audit))
    assert (ko, en) == (["가", "다", "마"], ["a", "c", "e"])
    audit.write_text("3\tmaybe\tunsure\n", encoding="utf-8")
    with pytest.raises(GoldError, match="verdict"):
        read_audit(audit)
    with pytest.raises(GoldError, match="line 9"):
        without_audited(["가"], ["a"], frozenset({9}))


@needs_corpus
def test_the_shipped_audit_fits_the_shared_corpus():
    ko, en = read_parallel_corpus(CORPUS)
    audited = read_audit(AUDIT)
    assert 0 < len(audited) < len(ko) // 10  # a few noisy pairs, not a filter by score
    kept_ko, kept_en = without_audited(ko, en, audited)
    assert len(kept_ko) == len(kept_en) == len(ko) - len(audited)
    # every scraped dictionary entry (two Latin words and Hangul glosses) is among them
    entries = {n + 1 for n, line in enumerate(ko) if re.fullmatch(r"[a-z][a-z -]+ [가-힣, ]+", line.strip())}
    assert entries and entries <= audited
