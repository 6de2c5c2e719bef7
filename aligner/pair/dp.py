"""Monotone alignment of two sentence sequences by dynamic programming.

A path from (0, 0) to (n, m) is a sequence of links; a link of type (a, b)
takes the next ``a`` sentences of the first sequence and the next ``b`` of
the second, for the types in :data:`LINK_TYPES` (vecalign's and
bertalign's: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and 3-1, 1-3).  A *scorer* gives each possible
link a score, and the best path maximises their sum.

Two implementations of the same recurrence:

- :func:`align_reference` fills the whole (n+1)×(m+1) table, one cell at a
  time, with plain Python: slow, quadratic, obviously right.  The tests
  check the fast one against it.
- :func:`align_banded` fills only a band of cells around a guessed path,
  one row at a time with numpy; :func:`align_adaptive` starts with a narrow
  band around the diagonal and widens it only where the best path runs
  along the band's edge (a sign the band cut off a better one).  With a
  constant band width the work is linear in the documents' length, which is
  vecalign's approximation in a simpler form.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import numpy as np

# The brief's six types, and 3-1 / 1-3: segmenters cut the two languages
# differently (an English line of three short sentences that the Korean
# writes as one is common in the corpus), and bertalign allows such links too.
LINK_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
_NEG = -math.inf

# A link as (first indices, second indices); a path is a tuple of them.
Link = tuple[tuple[int, ...], tuple[int, ...]]


class LinkScorer(Protocol):
    def scores(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """For each j in ``js``: the score of the link of type (a, b) that ends
        at cell (i, j), i.e. takes first[i-a:i] and second[j-b:j].  Callers
        only ask for i >= a and j >= b.  A score of -inf forbids a link,
        except for 0-1 links, whose scores must be finite (they are summed
        along a row)."""


@dataclass(frozen=True)
class Alignment:
    """A best path: its links as (first indices, second indices), and its score."""

    links: tuple[Link, ...]
    score: float
    cells: int  # table cells filled: the work done, for checking the cost stays linear


@dataclass(frozen=True)
class Band:
    """For each row i (0..n) of the table, the inclusive column range [lo[i], hi[i]] filled."""

    lo: tuple[int, ...]
    hi: tuple[int, ...]

    @property
    def cells(self) -> int:
        return sum(high - low + 1 for low, high in zip(self.lo, self.hi))

    def contains(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.lo) and self.lo[i] <= j <= self.hi[i]


def path_links(links: Sequence[tuple[int, int]]) -> tuple[Link, ...]:
    """Turn a sequence of link types into index tuples (starting at 0, 0)."""
    out = []
    i = j = 0
    for a, b in links:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return tuple(out)


def path_score(scorer: LinkScorer, links: Iterable[Link]) -> float:
    """The total score of a path given as index tuples, asked of the scorer link by link."""
    total = 0.0
    i = j = 0
    for first, second in links:
        i, j = i + len(first), j + len(second)
        total += float(scorer.scores(len(first), len(second), i, np.array([j]))[0])
    return total


def align_reference(scorer: LinkScorer, n: int, m: int,
                    allowed: Callable[[int, int], bool] | None = None,
                    link_types: Sequence[tuple[int, int]] = LINK_TYPES) -> Alignment:
    """The best path over every cell (or every cell ``allowed`` admits), cell by cell."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    cells = 1
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0) or (allowed is not None and not allowed(i, j)):
                continue
            cells += 1
            for a, b in link_types:
                previous = best.get((i - a, j - b))
                if previous is None:
                    continue
                score = previous[0] + float(scorer.scores(a, b, i, np.array([j]))[0])
                if score > best.get((i, j), (_NEG, None))[0]:
                    best[(i, j)] = (score, (a, b))
    if (n, m) not in best or best[(n, m)][0] == _NEG:
        raise ValueError("no path through the allowed cells")
    types = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = best[(i, j)][1]
        assert step is not None  # only (0, 0) has no step, and the walk stops there
        a, b = step
        types.append((a, b))
        i, j = i - a, j - b
    return Alignment(path_links(types[::-1]), best[(n, m)][0], cells)


def align_banded(scorer: LinkScorer, n: int, m: int, band: Band,
                 link_types: Sequence[tuple[int, int]] = LINK_TYPES) -> Alignment:
    """The best path through the cells of ``band``, one row at a time.

    Links that come from an earlier row are vectorised over the row; the
    one link that stays in its row (0-1, a second-side sentence alone)
    chains along it, and is solved with a running maximum: the best way to
    reach column k by 0-1 links is the best start column t ≤ k plus the
    0-1 scores of columns t+1..k, a prefix sum.
    """
    if len(band.lo) != n + 1 or band.lo[0] != 0 or band.hi[n] != m:
        raise ValueError("the band must run from (0, 0) to (n, m)")
    rows: list[np.ndarray] = []
    moves: list[np.ndarray] = []
    if (0, 1) not in link_types or (1, 0) not in link_types:
        raise ValueError("the link types must include 1-0 and 0-1, or some documents have no path")
    horizontal = len(link_types)  # move code for the in-row 0-1 link
    for i in range(n + 1):
        lo, hi = band.lo[i], band.hi[i]
        columns = np.arange(lo, hi + 1)
        best = np.full(len(columns), _NEG)
        move = np.full(len(columns), -1, dtype=np.int8)
        if i == 0 and lo == 0:
            best[0] = 0.0
        for code, (a, b) in enumerate(link_types):
            if a == 0 or i < a:
                continue
            previous = columns - b
            p_lo, p_hi = band.lo[i - a], band.hi[i - a]
            reachable = (previous >= p_lo) & (previous <= p_hi)
            if not reachable.any():
                continue
            candidate = np.full(len(columns), _NEG)
            candidate[reachable] = rows[i - a][previous[reachable] - p_lo] + scorer.scores(a, b, i, columns[reachable])
            better = candidate > best
            best[better] = candidate[better]
            move[better] = code
        if len(columns) > 1:
            steps = np.zeros(len(columns))
            steps[1:] = scorer.scores(0, 1, i, columns[1:])
            prefix = np.cumsum(steps)
            start_value = best - prefix
            running = np.maximum.accumulate(start_value)
            # the column where the running maximum was last reached: a start
            # at k itself wins ties, so a 0-1 chain is used only when better
            start = np.where(start_value >= running, np.arange(len(columns)), 0)
            start = np.maximum.accumulate(start)
            chained = start < np.arange(len(columns))
            chained &= np.isfinite(running)
            best[chained] = running[chained] + prefix[chained]
            move[chained] = horizontal
        rows.append(best)
        moves.append(move)
    final = rows[n][m - band.lo[n]]
    if not np.isfinite(final):
        raise ValueError("no path through the band")
    types = []
    i, j = n, m
    while (i, j) != (0, 0):
        code = int(moves[i][j - band.lo[i]])
        a, b = (0, 1) if code == horizontal else link_types[code]
        types.append((a, b))
        i, j = i - a, j - b
    return Alignment(path_links(types[::-1]), float(final), band.cells)


def band_around(links: Iterable[Link], n: int, m: int, half_width: int) -> Band:
    """The cells within ``half_width`` columns of a path's cells in each row.

    ``links`` is a path as index tuples; a link from (i0, j0) to (i1, j1)
    covers rows i0..i1 at columns j0..j1, so consecutive rows always share
    a column and the band holds a whole path.
    """
    lows = [m] * (n + 1)
    highs = [0] * (n + 1)
    i = j = 0
    lows[0] = highs[0] = 0
    for first, second in links:
        i1, j1 = i + len(first), j + len(second)
        for row in range(i, i1 + 1):
            lows[row] = min(lows[row], j)
            highs[row] = max(highs[row], j1)
        i, j = i1, j1
    lo = [max(0, low - half_width) for low in lows]
    hi = [min(m, high + half_width) for high in highs]
    return Band(tuple(lo), tuple(hi))


def diagonal_path(n: int, m: int) -> tuple[Link, ...]:
    """The straight line from (0, 0) to (n, m) as a path: row i ends at the
    column nearest i * m / n."""
    types: list[tuple[int, int]] = []
    column = 0
    for i in range(1, n + 1):
        target = round(i * m / n)
        if target == column:
            types.append((1, 0))
        else:
            types.append((1, 1))
            types.extend([(0, 1)] * (target - column - 1))
        column = target
    types.extend([(0, 1)] * (m - column))
    return path_links(types)


# Coarse-to-fine (vecalign): above this many sentences, a scorer that can
# summarise blocks of COARSE_FACTOR sentences is first aligned block by
# block, and the fine band is laid around that path instead of the diagonal.
COARSE_ABOVE = 64
COARSE_FACTOR = 4
_COARSE_LINK_TYPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def align_adaptive(scorer: LinkScorer, n: int, m: int, *, half_width: int = 12,
                   max_half_width: int = 384, link_types: Sequence[tuple[int, int]] = LINK_TYPES) -> Alignment:
    """The best path in a band around a guide path, widened (doubling, around
    the last path) while the path runs along an inner edge of the band.

    The guide is the diagonal, or, for long documents and a scorer with a
    ``coarse(factor)`` method, the path of the same alignment done on blocks
    of sentences (recursively): the drift that drops and additions build up
    over a long document is then in the guide, and the band stays narrow.
    """
    cells = 0
    coarse = getattr(scorer, "coarse", None)
    if coarse is not None and max(n, m) > COARSE_ABOVE:
        factor = COARSE_FACTOR
        blocks = align_adaptive(coarse(factor), -(-n // factor), -(-m // factor), half_width=half_width,
                                max_half_width=max_half_width, link_types=_COARSE_LINK_TYPES)
        cells += blocks.cells
        path = expand_path(blocks.links, factor, n, m)
        width = max(half_width, 2 * factor)
    else:
        path = diagonal_path(n, m)
        width = half_width
    while True:
        band = band_around(path, n, m, width)
        result = align_banded(scorer, n, m, band, link_types)
        cells += result.cells
        if width >= max_half_width or not _hugs_edge(result.links, band, m):
            return Alignment(result.links, result.score, cells)
        path = result.links
        width *= 2


def expand_path(block_links: Iterable[Link], factor: int, n: int, m: int) -> tuple[Link, ...]:
    """A path over blocks of ``factor`` sentences as a path over sentences
    (its links are as long as the blocks; :func:`band_around` only needs
    where each link starts and ends)."""
    links: list[Link] = []
    for first, second in block_links:
        ko = tuple(range(first[0] * factor, min(n, (first[-1] + 1) * factor))) if first else ()
        en = tuple(range(second[0] * factor, min(m, (second[-1] + 1) * factor))) if second else ()
        if ko or en:
            links.append((ko, en))
    return tuple(links)


def _hugs_edge(links: Iterable[Link], band: Band, m: int, margin: int = 2) -> bool:
    i = j = 0
    for first, second in links:
        i, j = i + len(first), j + len(second)
        lo, hi = band.lo[i], band.hi[i]
        if (lo > 0 and j - lo < margin) or (hi < m and hi - j < margin):
            return True
    return False


@dataclass(frozen=True)
class TableScorer:
    """Scores read from full tables, one per link type: ``tables[(a, b)][i, j]``
    is the score of the link of type (a, b) ending at (i, j).  For tests and
    small problems."""

    tables: dict[tuple[int, int], Any]  # (a, b) -> an (n + 1, m + 1) array

    def scores(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return np.asarray(self.tables[(a, b)][i, np.asarray(js)], dtype=float)
