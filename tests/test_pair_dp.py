"""The pair DP: the banded fast path against the plain quadratic reference
(RapidFuzz style), on small random score tables."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.pair.dp import (LINK_TYPES, Band, TableScorer, align_adaptive, align_banded, align_reference,
                             band_around, diagonal_path, path_links, path_score)
from aligner.pair.scoring import BlockVectors, EmbeddingScorer

# Scores on a coarse grid, so hypothesis also tries the many ties a real
# scorer never makes (where only the total, not the path, is unique).
score_values = st.sampled_from([-1.0, -0.5, 0.0, 0.1, 0.25, 0.5, 0.75, 1.0])


@st.composite
def tables(draw, max_side: int = 7):
    n = draw(st.integers(0, max_side))
    m = draw(st.integers(0, max_side))
    cells = (n + 1) * (m + 1)
    out = {}
    for link_type in LINK_TYPES:
        values = draw(st.lists(score_values, min_size=cells, max_size=cells))
        out[link_type] = np.array(values).reshape(n + 1, m + 1)
    return n, m, TableScorer(out)


def full_band(n: int, m: int) -> Band:
    return Band(tuple([0] * (n + 1)), tuple([m] * (n + 1)))


def assert_valid_path(links, n: int, m: int, link_types=LINK_TYPES):
    """Monotone, every sentence of each side exactly once, allowed link types only."""
    ko = [k for first, _ in links for k in first]
    en = [e for _, second in links for e in second]
    assert ko == list(range(n))
    assert en == list(range(m))
    for first, second in links:
        assert (len(first), len(second)) in link_types
        assert first or second


@settings(max_examples=300, deadline=None)
@given(tables())
def test_fast_full_band_finds_the_reference_optimum(problem):
    n, m, scorer = problem
    reference = align_reference(scorer, n, m)
    fast = align_banded(scorer, n, m, full_band(n, m))
    assert fast.score == pytest.approx(reference.score, abs=1e-9)
    assert_valid_path(fast.links, n, m)
    assert path_score(scorer, fast.links) == pytest.approx(fast.score, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(0, 3))
def test_banded_equals_reference_restricted_to_the_band(problem, half_width):
    n, m, scorer = problem
    band = band_around(diagonal_path(n, m), n, m, half_width)
    fast = align_banded(scorer, n, m, band)
    reference = align_reference(scorer, n, m, allowed=band.contains)
    assert fast.score == pytest.approx(reference.score, abs=1e-9)
    assert_valid_path(fast.links, n, m)
    assert all(band.contains(*end) for end in _ends(fast.links))


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(1, 3))
def test_adaptive_path_is_valid_and_never_beats_the_optimum(problem, half_width):
    n, m, scorer = problem
    result = align_adaptive(scorer, n, m, half_width=half_width)
    assert_valid_path(result.links, n, m)
    assert result.score <= align_reference(scorer, n, m).score + 1e-9
    assert path_score(scorer, result.links) == pytest.approx(result.score, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(tables(max_side=6))
def test_restricted_link_types_are_respected(problem):
    n, m, scorer = problem
    types = ((1, 1), (1, 0), (0, 1))
    fast = align_banded(scorer, n, m, full_band(n, m), types)
    assert_valid_path(fast.links, n, m, types)
    assert fast.score == pytest.approx(align_reference(scorer, n, m, link_types=types).score, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 4))
def test_band_around_the_diagonal_holds_a_path(n, m, half_width):
    path = diagonal_path(n, m)
    assert_valid_path(path, n, m, ((1, 1), (1, 0), (0, 1)))
    band = band_around(path, n, m, half_width)
    assert band.lo[0] == 0 and band.hi[n] == m
    for i in range(1, n + 1):
        assert band.lo[i] <= band.hi[i - 1]  # a step down is always possible


def _planted(n: int, m: int, types, rng) -> TableScorer:
    """Tables that reward one known path (score 1 per link) over noise in [-0.5, 0.4]."""
    tables = {t: rng.uniform(-0.5, 0.4, size=(n + 1, m + 1)) for t in LINK_TYPES}
    i = j = 0
    for a, b in types:
        i, j = i + a, j + b
        tables[(a, b)][i, j] = 1.0
    return TableScorer(tables)


def test_a_planted_path_far_from_the_diagonal_is_found_by_widening():
    # 30 English-only sentences at the start push the path 30 columns off
    # the diagonal; the first band (half-width 4) cannot hold it.
    rng = np.random.default_rng(7)
    types = [(0, 1)] * 30 + [(1, 1)] * 40 + [(2, 1), (1, 2), (1, 0), (1, 1)]
    n, m = sum(a for a, _ in types), sum(b for _, b in types)
    scorer = _planted(n, m, types, rng)
    result = align_adaptive(scorer, n, m, half_width=4)
    assert result.links == path_links(types)
    assert result.score == pytest.approx(align_reference(scorer, n, m).score)


def _synthetic(types, rng, dimension: int = 48, noise: float = 0.35) -> EmbeddingScorer:
    """An embedding scorer over made-up sentence vectors that follow a known
    path: each link is one or two random "meanings", written on each side
    as noisy copies (a side with two sentences splits the meanings)."""
    ko, en = [], []
    for a, b in types:
        meanings = rng.normal(size=(max(a, b), dimension))
        for side, count in ((ko, a), (en, b)):
            if count == 0:
                continue
            parts = np.array_split(meanings, count)
            side.extend(part.sum(axis=0) + noise * rng.normal(size=dimension) for part in parts)

    def vectors(rows):
        single = np.array(rows).reshape(-1, dimension)
        single /= np.linalg.norm(single, axis=1, keepdims=True)
        runs = [single]
        for size in (2, 3):
            sums = sum(single[k:len(single) - size + 1 + k] for k in range(size))
            runs.append(sums / np.linalg.norm(sums, axis=1, keepdims=True))
        return BlockVectors(tuple(runs), np.full(len(single), 100.0))

    return EmbeddingScorer(vectors(ko), vectors(en))


def _random_types(length: int, rng):
    kinds = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
    return [kinds[k] for k in rng.choice(len(kinds), length, p=[.72, .07, .07, .07, .07])]


def test_coarse_to_fine_follows_a_drifting_path():
    # 30 English-only sentences at the start, then a random walk of drops
    # and merges: the path runs far off the diagonal
    rng = np.random.default_rng(3)
    types = [(0, 1)] * 30 + _random_types(400, rng)
    n, m = sum(a for a, _ in types), sum(b for _, b in types)
    scorer = _synthetic(types, rng)
    result = align_adaptive(scorer, n, m, half_width=8)
    exact = align_banded(scorer, n, m, full_band(n, m))
    assert result.score == pytest.approx(exact.score)  # the optimum (ties make the path not unique)
    assert result.cells < exact.cells / 10
    planted = set(path_links(types))
    assert sum(link in planted for link in result.links) > 0.95 * len(planted)


def test_work_grows_linearly_with_length():
    """Cells filled, not seconds: doubling the documents doubles the work,
    even as drops and merges make the path drift ever further from the diagonal."""
    rng = np.random.default_rng(1)

    def cells_per_sentence(length: int) -> float:
        types = _random_types(length, rng)
        n, m = sum(a for a, _ in types), sum(b for _, b in types)
        return align_adaptive(_synthetic(types, rng), n, m).cells / max(n, m)

    per_sentence = [cells_per_sentence(length) for length in (250, 500, 1000, 2000, 4000)]
    assert max(per_sentence) < 1.25 * min(per_sentence)
    assert max(per_sentence) < 60  # about 2 * half-width + 1 cells a row, plus the coarse pass


def _ends(links):
    i = j = 0
    for first, second in links:
        i, j = i + len(first), j + len(second)
        yield i, j
