"""Pair alignment with the real embedded model: link types on documents
built for the test, anchors, the scores links carry, and the corpus
measurement that the README quotes (on a few documents)."""
from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.pair.align import PairSettings, align_pair
from aligner.pair.anchors import find_anchors
from aligner.pair.evaluate import evaluate_documents, make_documents, read_parallel_corpus
from aligner.pair.sentences import sentences_of
from conftest import dedent, shared_corpus

# Five Korean news sentences and their English, written for these tests.
KO = [
    "미국 국무부는 북한의 탄도미사일 발사를 강력히 규탄했습니다.",
    "국무부 대변인은 이번 발사가 유엔 안보리 결의를 위반한 것이라고 말했습니다.",
    "한국과 일본 정부도 긴급 회의를 열고 대응 방안을 논의했습니다.",
    "전문가들은 북한이 조만간 추가 도발에 나설 수 있다고 경고했습니다.",
    "유엔 안보리는 다음 주 회의를 열어 이 문제를 다룰 예정입니다.",
]
EN = [
    "The U.S. State Department strongly condemned North Korea's ballistic missile launch.",
    "A State Department spokesperson said the launch violated UN Security Council resolutions.",
    "The governments of South Korea and Japan also held emergency meetings to discuss how to respond.",
    "Experts warned that North Korea could soon carry out further provocations.",
    "The UN Security Council plans to take up the issue at a meeting next week.",
]


def link_types(report):
    return [link.type for link in report.links]


def texts(report, link):
    return report.link_text(link, "ko"), report.link_text(link, "en")


def test_a_faithful_translation_is_all_one_to_one(embedder):
    report = align_pair("\n".join(KO), "\n".join(EN), embedder=embedder)
    assert link_types(report) == ["1-1"] * 5
    assert all(link.score > 0.4 for link in report.links)
    assert report.flags == ()


def test_a_dropped_korean_sentence_is_a_one_zero_link_and_an_omission(embedder):
    report = align_pair("\n".join(KO), "\n".join(EN[:2] + EN[3:]), embedder=embedder)
    assert link_types(report) == ["1-1", "1-1", "1-0", "1-1", "1-1"]
    gap = report.links[2]
    assert report.link_text(gap, "ko") == KO[2]
    assert [(f.kind, f.link) for f in report.flags] == [("omission", gap.id)]
    assert report.flags[0].spans[0].text == KO[2]


def test_an_added_english_sentence_is_a_zero_one_link_and_an_addition(embedder):
    added = "The launch came hours after a summit between the two Koreas ended without agreement."
    report = align_pair("\n".join(KO), "\n".join(EN[:3] + [added] + EN[3:]), embedder=embedder)
    assert link_types(report) == ["1-1", "1-1", "1-1", "0-1", "1-1", "1-1"]
    assert report.link_text(report.links[3], "en") == added
    assert [f.kind for f in report.flags] == ["addition"]


def test_two_english_sentences_written_as_one_is_a_two_one_link(embedder):
    merged = ("A State Department spokesperson said the launch violated UN Security Council resolutions, "
              "and the governments of South Korea and Japan also held emergency meetings to discuss how to respond.")
    report = align_pair("\n".join(KO), "\n".join([EN[0], merged, EN[3], EN[4]]), embedder=embedder)
    assert link_types(report) == ["1-1", "2-1", "1-1", "1-1"]
    assert texts(report, report.links[1]) == (f"{KO[1]} {KO[2]}", merged)


def test_one_korean_sentence_split_in_two_is_a_one_two_link(embedder):
    merged = ("국무부 대변인은 이번 발사가 유엔 안보리 결의를 위반한 것이라고 말했고, "
              "한국과 일본 정부도 긴급 회의를 열고 대응 방안을 논의했습니다.")
    report = align_pair("\n".join([KO[0], merged, KO[3], KO[4]]), "\n".join(EN), embedder=embedder)
    assert link_types(report) == ["1-1", "1-2", "1-1", "1-1"]


MARKED_KO = dedent("""
    국무부는 북한에 대화를 거듭 제안했습니다.
    [녹취: 프라이스 대변인] “We have no hostile intent toward the DPRK.”
    프라이스 대변인은 이날 정례 브리핑에서 이같이 말했습니다.
    그는 미국이 조건 없이 만날 준비가 돼 있다고 강조했습니다.
    [녹취: 프라이스 대변인] “Our offer stands.”
    국무부는 북한의 답을 기다리고 있다고 덧붙였습니다.
""")
MARKED_EN = dedent("""
    The State Department has repeatedly offered dialogue to North Korea.
    [녹취: 프라이스 대변인] “We have no hostile intent toward the DPRK.”
    Spokesman Price said this at a regular briefing on the day.
    [녹취: 프라이스 대변인] “Our offer stands.”
    The State Department added that it is waiting for North Korea's answer.
""")


def test_shared_markers_and_quotes_are_anchors():
    ko, en = sentences_of(MARKED_KO, "ko"), sentences_of(MARKED_EN, "en")
    anchors = find_anchors(ko, en)
    assert [(a.kind, ko[a.ko].text, en[a.en].text) for a in anchors] == [
        ("marker", "[녹취: 프라이스 대변인]", "[녹취: 프라이스 대변인]"),
        ("quote", "“We have no hostile intent toward the DPRK.”", "“We have no hostile intent toward the DPRK.”"),
        ("marker", "[녹취: 프라이스 대변인]", "[녹취: 프라이스 대변인]"),
        ("quote", "“Our offer stands.”", "“Our offer stands.”"),
    ]
    # the second marker pairs with the second, not the first (same text twice)
    assert [a.ko for a in anchors] == [1, 2, 5, 6] and [a.en for a in anchors] == [1, 2, 4, 5]


def test_anchored_links_and_a_drop_between_anchors(embedder):
    report = align_pair(MARKED_KO, MARKED_EN, embedder=embedder)
    assert [(link.type, link.anchor) for link in report.links] == [
        ("1-1", None), ("1-1", "marker"), ("1-1", "quote"), ("1-1", None), ("1-0", None),
        ("1-1", "marker"), ("1-1", "quote"), ("1-1", None)]
    assert report.link_text(report.links[4], "ko").startswith("그는 미국이 조건 없이")
    assert [f.kind for f in report.flags] == ["omission"]


def test_one_sided_links_score_their_nearest_neighbour_and_two_sided_their_similarity(embedder):
    report = align_pair("\n".join(KO), "\n".join(EN[:2] + EN[3:]), embedder=embedder)
    vectors = embedder.encode([KO[2]] + EN)
    nearest = max(float(vectors[0] @ vectors[k]) for k in (1, 2, 4, 5))
    assert report.links[2].score == pytest.approx(nearest, abs=1e-5)
    first = embedder.encode([KO[0], EN[0]])
    assert report.links[0].score == pytest.approx(float(first[0] @ first[1]), abs=1e-5)


def test_the_korean_version_must_come_first(embedder):
    with pytest.raises(InputError, match="Korean version first"):
        align_pair("\n".join(EN), "\n".join(KO), embedder=embedder)
    with pytest.raises(InputError, match="both"):
        align_pair("\n".join(KO), "\n".join(KO), embedder=embedder)


def test_gale_church_runs_on_the_same_documents_without_a_model():
    report = align_pair("\n".join(KO), "\n".join(EN), settings=PairSettings(method="gale-church"))
    assert len(report.links) >= 4
    assert report.run.model.startswith("none")
    assert all(link.score is None or 0 <= link.score <= 1 for link in report.links)


CORPUS = shared_corpus() / "parallel" if shared_corpus() else None


@pytest.mark.skipif(CORPUS is None or not CORPUS.is_dir(), reason="the parallel corpus is not beside the checkout")
def test_corpus_documents_embeddings_beat_lengths(embedder):
    ko, en = read_parallel_corpus(CORPUS)
    documents = make_documents(ko, en, count=6, sentences=30, seed=5)
    result = evaluate_documents(documents, embedder=embedder)
    dp, gc = (result.methods[m].scores() for m in ("embeddings", "gale-church"))
    assert dp["strict"]["f1"] >= 0.85 and dp["lax"]["f1"] >= 0.92
    assert dp["strict"]["f1"] > gc["strict"]["f1"] + 0.2
