"""Link scores of the pair DP: the hubness correction on made-up vectors."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.pair.scoring import BACKGROUND_NEIGHBOURS, BlockVectors, EmbeddingScorer, ScoreSettings


def blocks(single: np.ndarray) -> BlockVectors:
    single = single / np.linalg.norm(single, axis=1, keepdims=True)
    runs = [single]
    for size in (2, 3):
        sums = sum(single[k:len(single) - size + 1 + k] for k in range(size))
        runs.append(sums / np.linalg.norm(sums, axis=1, keepdims=True) if len(sums) else single[:0])
    return BlockVectors(tuple(runs), np.full(len(single), 50.0))


def nearest_mean(vector: np.ndarray, others: np.ndarray) -> float:
    cosines = np.sort(others @ vector)[::-1]
    return float(cosines[:BACKGROUND_NEIGHBOURS].mean())


def test_without_the_correction_similarity_is_the_cosine():
    rng = np.random.default_rng(3)
    scorer = EmbeddingScorer.build(blocks(rng.normal(size=(6, 16))), blocks(rng.normal(size=(7, 16))),
                                   ScoreSettings(background_weight=0.0))
    js = np.arange(1, 8)
    assert scorer.ko_background is None
    assert np.allclose(scorer.similarity(1, 1, 3, js), scorer.cosine(1, 1, 3, js))


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(2, 9), st.integers(0, 10_000), st.sampled_from([(1, 1), (2, 1), (1, 2), (2, 2), (3, 1)]))
def test_the_correction_is_each_side_s_mean_cosine_to_its_nearest_partners(n, m, seed, link):
    a, b = link
    if a > n or b > m:
        return
    rng = np.random.default_rng(seed)
    ko, en = blocks(rng.normal(size=(n, 12))), blocks(rng.normal(size=(m, 12)))
    weight = 0.3
    scorer = EmbeddingScorer.build(ko, en, ScoreSettings(background_weight=weight))
    i = n
    js = np.arange(b, m + 1)
    ko_run = ko.block(a, i)
    expected = [float(en.block(b, j) @ ko_run)
                - weight * (nearest_mean(ko_run, en.runs[0]) + nearest_mean(en.block(b, j), ko.runs[0])) / 2
                for j in js]
    assert np.allclose(scorer.similarity(a, b, i, js), expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 10), st.integers(3, 10), st.integers(0, 10_000), st.data())
def test_a_part_scores_its_links_as_the_whole_document_does(n, m, seed, data):
    """Anchored stretches are aligned on their own, but a sentence's hubness
    is measured against the whole other side, not just the stretch."""
    rng = np.random.default_rng(seed)
    scorer = EmbeddingScorer.build(blocks(rng.normal(size=(n, 12))), blocks(rng.normal(size=(m, 12))),
                                   ScoreSettings(background_weight=0.2))
    ko_start = data.draw(st.integers(0, n - 2))
    ko_stop = data.draw(st.integers(ko_start + 2, n))
    en_start = data.draw(st.integers(0, m - 2))
    en_stop = data.draw(st.integers(en_start + 2, m))
    part = scorer.part(ko_start, ko_stop, en_start, en_stop)
    for a, b in ((1, 1), (2, 1), (1, 2), (2, 2)):
        js = np.arange(b, en_stop - en_start + 1)
        for i in range(a, ko_stop - ko_start + 1):
            assert np.allclose(part.scores(a, b, i, js), scorer.scores(a, b, i + ko_start, js + en_start)), (a, b, i)


def test_a_sentence_close_to_everything_pays_more_than_a_specific_one():
    """The correction takes more off an English line that resembles every
    Korean sentence (a generic one such as "He said so.") than off a line that
    resembles only its own partner."""
    rng = np.random.default_rng(11)
    topics = rng.normal(size=(5, 32))
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    specific = topics[0] + 0.8 * rng.normal(size=32) / np.sqrt(32)
    generic = topics.mean(axis=0)
    scorer = EmbeddingScorer.build(blocks(topics), blocks(np.array([specific, generic])),
                                   ScoreSettings(background_weight=0.2))
    cosine = scorer.cosine(1, 1, 1, np.array([1, 2]))
    similarity = scorer.similarity(1, 1, 1, np.array([1, 2]))
    taken_off = cosine - similarity
    assert taken_off[1] > taken_off[0] > 0


def test_in_a_long_document_the_nearest_are_sought_near_the_proportional_place():
    """Linear work: a run's nearest sentences are looked for within
    BACKGROUND_REACH of its proportional place on the other side, not in the
    whole document."""
    from aligner.pair.scoring import BACKGROUND_REACH

    rng = np.random.default_rng(5)
    n, m = 300, 450
    ko, en = blocks(rng.normal(size=(n, 8))), blocks(rng.normal(size=(m, 8)))
    scorer = EmbeddingScorer.build(ko, en, ScoreSettings(background_weight=1.0))
    for size in (1, 2):
        for i in (0, 7, 150, n - size):
            centre = round((i + size / 2) * m / n)
            lo = min(max(0, centre - BACKGROUND_REACH), m - 2 * BACKGROUND_REACH - 1)
            window = en.runs[0][lo:lo + 2 * BACKGROUND_REACH + 1]
            expected = nearest_mean(ko.runs[size - 1][i], window)
            assert scorer.ko_background[size - 1][i] == pytest.approx(expected)
    whole = np.array([nearest_mean(v, en.runs[0]) for v in ko.runs[0]])
    assert (scorer.ko_background[0] <= whole + 1e-9).all() and (scorer.ko_background[0] < whole - 1e-6).any()
