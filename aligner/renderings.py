"""Stage 3: the narration sentences that render each quote.

Narration renders a quote after it (most often), before it, split around it,
or in the story's lead.  Candidates are the narration sentences of the same
story within a window of the quote plus the story's lead; each is scored by
sentence-embedding similarity to the quote (the whole quote and each of its
sentences), with small bonuses for position and attribution cues.  Links are
chosen by rank and margin against the best candidate and against competing
quotes, not by one fixed cosine cutoff: DESIGN.md measured that absolute
cosines of loose paraphrases overlap with unrelated sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .model import Embedder, cosine_matrix
from .report import Rendering
from .segments import Segment
from .sentences import split_english, split_korean
from .language import hangul_share


@dataclass(frozen=True)
class RenderingSettings:
    window: int = 6  # narration sentences each side of the quote
    lead: int = 3  # first narration sentences of a story, always candidates
    margin: float = 0.10  # a link scores within this of the quote's best candidate
    floor: float = 0.30  # …and at least this
    max_renderings: int = 4
    adjacent_bonus: float = 0.08
    cue_bonus: float = 0.04

    def as_settings(self) -> tuple[tuple[str, object], ...]:
        return tuple((f"renderings.{k}", v) for k, v in self.__dict__.items())


# Lines that restate the quote or frame it ("…라는 겁니다", "이같이 말했습니다").
_CUE = re.compile(
    r"(라는\s*(?:겁니다|것입니다|지적입니다|설명입니다|주장입니다|얘기입니다|입장입니다)|이같이|이 같이|이렇게|다고\s*(?:말했|밝혔|강조했|덧붙였|설명했|지적했|주장했))"
    r"|\b(?:said|says|added|stressed|emphasized|emphasised|noted|argued|explained|told)\b"
)


@dataclass(frozen=True)
class QuoteUnit:
    """What the renderer needs to know of one linked quote."""

    index: int  # position of the quote's marker among all segments
    text: str
    speaker_keys: tuple[str, ...]  # surname / title strings that attribute a sentence to this speaker


def quote_pieces(text: str) -> list[str]:
    """The whole quote and, when it has several, each of its sentences."""
    spans = split_korean(text) if (hangul_share(text) or 0) >= 0.3 else split_english(text)
    pieces = [text] + [text[a:b] for a, b in spans if b - a >= 12]
    return list(dict.fromkeys(p for p in pieces if p.strip()))


def find_renderings(
    segments: list[Segment], quotes: list[QuoteUnit], embedder: Embedder, settings: RenderingSettings
) -> list[tuple[Rendering, ...]]:
    narration = [(i, s) for i, s in enumerate(segments) if s.kind == "narration"]
    if not quotes or not narration:
        return [() for _ in quotes]
    story_of = _stories(segments)
    candidates = [_candidates(q, narration, story_of, settings) for q in quotes]
    pieces = [quote_pieces(q.text) for q in quotes]
    sentence_ids = sorted({k for cands in candidates for k in cands})
    texts = [narration[k][1].text for k in sentence_ids] + [p for ps in pieces for p in ps]
    vectors = embedder.encode(texts)
    sentence_vec = {k: vectors[n] for n, k in enumerate(sentence_ids)}
    offset = len(sentence_ids)
    piece_vecs = []
    for ps in pieces:
        piece_vecs.append(vectors[offset : offset + len(ps)])
        offset += len(ps)

    # similarity[q][k]: best cosine between any piece of quote q and sentence k
    similarity: list[dict[int, float]] = []
    for q, cands in enumerate(candidates):
        if not cands:
            similarity.append({})
            continue
        matrix = cosine_matrix(piece_vecs[q], np.stack([sentence_vec[k] for k in cands]))
        similarity.append({k: float(v) for k, v in zip(cands, matrix.max(axis=0))})

    results: list[tuple[Rendering, ...]] = []
    for q, quote in enumerate(quotes):
        scored = []
        for k, sim in similarity[q].items():
            seg_index, sentence = narration[k]
            score = sim + _bonus(quote, seg_index, sentence, segments, settings)
            scored.append((score, sim, k))
        if not scored:
            results.append(())
            continue
        best = max(score for score, _, _ in scored)
        chosen = []
        for score, sim, k in sorted(scored, reverse=True):
            if score < best - settings.margin or sim < settings.floor:
                continue
            # A sentence closer in meaning to another quote belongs to that quote.
            rivals = [similarity[r].get(k) for r in range(len(quotes)) if r != q]
            if any(r is not None and r > sim + 0.05 for r in rivals):
                continue
            chosen.append((k, score))
            if len(chosen) >= settings.max_renderings:
                break
        renderings = []
        for k, score in sorted(chosen):
            seg_index, sentence = narration[k]
            renderings.append(Rendering(
                start=sentence.start, end=sentence.end, text=sentence.text,
                position="before" if seg_index < quote.index else "after",
                score=min(1.0, score), segment=sentence.id,
            ))
        results.append(tuple(renderings))
    return results


def _stories(segments: list[Segment]) -> list[int]:
    """Story number of each segment: a sign-off or a headline starts a new story
    (archives concatenate many transcripts)."""
    story, out, previous = 0, [], None
    for segment in segments:
        if segment.kind == "headline" and previous is not None:
            story += 1
        out.append(story)
        if segment.kind == "signoff":
            story += 1
        previous = segment
    return out


def _candidates(quote: QuoteUnit, narration, story_of, settings: RenderingSettings) -> list[int]:
    story = story_of[quote.index]
    in_story = [k for k, (i, _) in enumerate(narration) if story_of[i] == story]
    if not in_story:
        return []
    # narration position of the quote: first narration sentence after it
    after = next((k for k in in_story if narration[k][0] > quote.index), in_story[-1] + 1)
    near = [k for k in in_story if after - settings.window <= k < after + settings.window]
    return sorted(set(near) | set(in_story[: settings.lead]))


def _bonus(quote: QuoteUnit, seg_index: int, sentence: Segment, segments: list[Segment], settings) -> float:
    bonus = 0.0
    between = segments[min(seg_index, quote.index) + 1 : max(seg_index, quote.index)]
    if not any(s.kind == "narration" for s in between if s is not sentence):
        bonus += settings.adjacent_bonus if seg_index > quote.index else settings.adjacent_bonus / 2
    if _CUE.search(sentence.text) or any(key and key in sentence.text for key in quote.speaker_keys):
        bonus += settings.cue_bonus
    return bonus
