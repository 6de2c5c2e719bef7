"""Pair mode end to end: two versions → sentences → anchors → links → flags → report."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .. import __version__
from ..errors import InputError
from ..model import DEFAULT_MODEL, Embedder, load_embedder
from ..report import RunSignature
from ..segments import narration_language
from ..source import Source, source_from_text
from .anchors import Anchor, find_anchors
from .dp import LINK_TYPES, Alignment, Link, align_adaptive
from .lexical import SharedTokens
from .galechurch import GALE_CHURCH_LINK_TYPES, GaleChurchScorer, length_probability
from .report import PairLink, PairReport, PairSource
from .scoring import EmbeddingScorer, ScoreSettings, embed_blocks
from .sentences import PairSentence, sentences_of

METHODS = ("embeddings", "gale-church")
# How far (in sentences, each way) a one-sided link looks on the other side
# for the nearest sentence it might have matched, reported as its score.
NEAREST_REACH = 3


@dataclass(frozen=True)
class PairSettings:
    model: str = DEFAULT_MODEL
    method: str = "embeddings"
    scoring: ScoreSettings = field(default_factory=ScoreSettings)
    half_width: int = 12  # starting half-width of the DP band, in sentences
    anchors: bool = True
    # A two-sided link whose similarity is below this is a meaning shift.
    # True pairs of the parallel corpus score below 0.25 2.8% of the time.
    shift_below: float = 0.25
    flags: bool = True

    def signature(self) -> RunSignature:
        settings: tuple[tuple[str, object], ...] = (("mode", "pair"), ("method", self.method), ("half_width", self.half_width),
                           ("anchors", self.anchors), ("shift_below", self.shift_below))
        if self.method == "embeddings":
            settings += self.scoring.as_settings()
        model = self.model if self.method == "embeddings" else "none (sentence lengths)"
        return RunSignature(version=__version__, model=model, settings=settings)


def align_pair(ko: Source | str, en: Source | str, *, settings: PairSettings | None = None,
               embedder: Embedder | None = None) -> PairReport:
    """Align a Korean transcript with its English version and flag what the
    translation lost, added or changed.

    ``ko`` and ``en`` are :class:`~aligner.source.Source` objects (see
    :func:`aligner.read_source`) or the texts themselves.
    """
    settings = settings or PairSettings()
    if settings.method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {settings.method!r}")
    ko_source = ko if isinstance(ko, Source) else source_from_text(ko, path="<korean>")
    en_source = en if isinstance(en, Source) else source_from_text(en, path="<english>")
    _check_languages(ko_source, en_source)
    ko_sentences = sentences_of(ko_source.text, "ko")
    en_sentences = sentences_of(en_source.text, "en")
    anchors = find_anchors(ko_sentences, en_sentences) if settings.anchors else ()
    scorer: EmbeddingScorer | GaleChurchScorer
    if settings.method == "embeddings":
        scorer = embedding_scorer(embedder or load_embedder(settings.model), [s.text for s in ko_sentences],
                                  [s.text for s in en_sentences], settings.scoring)
        link_types = LINK_TYPES
    else:
        scorer = GaleChurchScorer(_lengths(ko_sentences), _lengths(en_sentences))
        link_types = GALE_CHURCH_LINK_TYPES
    alignment = align_sentences(scorer, len(ko_sentences), len(en_sentences), anchors,
                                half_width=settings.half_width, link_types=link_types)
    anchored = {(a.ko, a.en): a.kind for a in anchors}
    links: list[PairLink] = []
    ko_at = en_at = 0  # where the path stands before each link
    for n, (first, second) in enumerate(alignment.links, 1):
        links.append(PairLink(
            id=f"l{n}", ko=tuple(ko_sentences[k].id for k in first), en=tuple(en_sentences[e].id for e in second),
            score=_link_score(scorer, first, second, ko_at, en_at),
            anchor=anchored.get((first[0], second[0])) if len(first) == len(second) == 1 else None))
        ko_at, en_at = ko_at + len(first), en_at + len(second)
    report = PairReport(
        ko_source=_pair_source(ko_source, "ko"), en_source=_pair_source(en_source, "en"), run=settings.signature(),
        ko=ko_sentences, en=en_sentences, links=tuple(links), flags=(), ko_text=ko_source.text, en_text=en_source.text)
    if settings.flags:
        from dataclasses import replace

        from .flags import detect_flags

        report = replace(report, flags=detect_flags(report, shift_below=settings.shift_below))
    return report


def embedding_scorer(embedder: Embedder, ko_texts: list[str], en_texts: list[str],
                     scoring: ScoreSettings = ScoreSettings()) -> EmbeddingScorer:
    """The link scorer of the embedding DP: both sides' sentences and runs
    embedded, the hubness correction, and the tokens the two sides share."""
    return EmbeddingScorer.build(embed_blocks(embedder, ko_texts), embed_blocks(embedder, en_texts), scoring,
                                 SharedTokens.of(ko_texts, en_texts))


def align_sentences(scorer: EmbeddingScorer | GaleChurchScorer, n: int, m: int, anchors: tuple[Anchor, ...], *,
                    half_width: int = 12, link_types: Sequence[tuple[int, int]] = LINK_TYPES) -> Alignment:
    """The best path that links every anchor 1-1: each stretch between two
    anchors is aligned on its own, so the work stays linear when anchors are
    many and the band need not reach across them."""
    links: list[Link] = []
    score = 0.0
    cells = 0
    ko_start = en_start = 0
    for ko_stop, en_stop in [(a.ko, a.en) for a in anchors] + [(n, m)]:
        part = align_adaptive(scorer.part(ko_start, ko_stop, en_start, en_stop), ko_stop - ko_start,
                              en_stop - en_start, half_width=half_width, link_types=link_types)
        links += [(tuple(k + ko_start for k in first), tuple(e + en_start for e in second))
                  for first, second in part.links]
        score += part.score
        cells += part.cells
        if (ko_stop, en_stop) != (n, m):
            links.append(((ko_stop,), (en_stop,)))
        ko_start, en_start = ko_stop + 1, en_stop + 1
    return Alignment(tuple(links), score, cells)


def _link_score(scorer: EmbeddingScorer | GaleChurchScorer, first: tuple[int, ...], second: tuple[int, ...], ko_at: int, en_at: int) -> float | None:
    """Two-sided: how well the sides match (cosine, or Gale–Church's length
    probability).  One-sided, with embeddings: the best cosine the lone
    sentence reaches against the other side's sentences around the place it
    sits in the path (low: clearly unmatched)."""
    if isinstance(scorer, EmbeddingScorer):
        if first and second:
            return float(scorer.cosine(len(first), len(second), first[-1] + 1, np.array([second[-1] + 1]))[0])
        lone, others, at = (scorer.ko.runs[0][first[0]], scorer.en.runs[0], en_at) if first else \
            (scorer.en.runs[0][second[0]], scorer.ko.runs[0], ko_at)
        window = others[max(0, at - NEAREST_REACH):at + NEAREST_REACH]
        return float(np.max(window @ lone)) if len(window) else None
    if first and second:
        ko_chars = scorer.ko_lengths[list(first)].sum()
        en_chars = scorer.en_lengths[list(second)].sum()
        return float(length_probability(np.array([ko_chars]), np.array([en_chars]), scorer.chars_per_korean_char,
                                        scorer.variance)[0])
    return None


def _lengths(sentences: tuple[PairSentence, ...]) -> np.ndarray:
    return np.array([len(s.text) for s in sentences], dtype=float)


def _pair_source(source: Source, lang: str) -> PairSource:
    from ..textutil import display_path

    return PairSource(path=display_path(source.path), sha256=source.sha256, encoding=source.encoding, lang=lang,
                      chars=source.chars)


def _check_languages(ko: Source, en: Source) -> None:
    ko_lang, en_lang = narration_language(ko.text), narration_language(en.text)
    if ko_lang == "en" and en_lang == "ko":
        raise InputError(f"{ko.path} reads as English and {en.path} as Korean: give the Korean version first")
    if ko_lang == en_lang == "ko":
        raise InputError(f"both {ko.path} and {en.path} read as Korean: pair mode needs a Korean and an English version")
    if ko_lang == en_lang == "en":
        raise InputError(f"both {ko.path} and {en.path} read as English: pair mode needs a Korean and an English version")
