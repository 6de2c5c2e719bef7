"""meaning_shift: a quote term rendered with another meaning: a degree, a country, a hope.

The shifts a reviewer can act on, and that words alone reveal, are shifts of
degree: *some concerns* reported as *깊이 우려* (deeply concerned), *most
despicably fabricated* as *maliciously fabricated*.  So this detector reads
degree words on both sides (intensifiers and downtoners, English and Korean)
and compares each quote sentence with the rendering sentence that carries it:

* the quote hedges (*some*, *slightly*) and the rendering intensifies, or the
  quote intensifies and the rendering hedges: warning;
* same language (MT narration), the word diff replaces an intensified term
  with another term that drops the intensifier (*most despicably* →
  *maliciously*): warning; an intensifier simply left out: a note.

A quote that states no degree leaves the narration free to add one (leads
often say *강하게 비난했다*): that is not flagged.

Where a sentence surely linked to the quote (rendering score
``clearly_renders``) carries a quote sentence, two more shifts:

* a country swapped: the rendering names one the whole quote never names, in
  place of one the quote sentence names and the rendering leaves out (the
  quote says *Japan*, the narration *중국*); a country named where the quote
  only says *the region* or *neighbors*.  Both are notes: no swap was in the
  tune split to calibrate a warning on, and a country the narration adds for
  context (the speaker's own side, 북한 for "the regime") looks the same to
  words alone.
  First person plural in the quote sentence (*we*, *our*) lets the narration
  name the speaker's side, so no swap is read there;
* a hope, an expectation or a condition (*we hope*, *if*) stated as a fact:
  a note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..attribution import is_cue
from ..glossary import Glossary, load_glossary
from ..markers import is_title_word
from ..names import strip_particle
from ..comparisons import ComparisonSettings, rendering_diff
from ..language import is_korean
from ..phrases import best_matches, content_words
from ..report import Flag, FlagSpan, Quote, Rendering, Report, Severity, Span
from . import Detector
from ..sentences import split_english, split_korean

if TYPE_CHECKING:
    from ..model import Embedder

ENGLISH_INTENSIFIERS = frozenset("""
most very extremely deeply strongly highly seriously gravely utterly absolutely totally completely greatly
profoundly terribly incredibly particularly especially truly entirely hugely vastly severely fiercely
vehemently enormously immensely exceedingly intensely firmly sharply bitterly harshly
sharp steep dramatic dramatically massive drastic drastically
""".split())
ENGLISH_DOWNTONERS = frozenset("some somewhat slightly fairly partly partially moderately marginally "
                               "mildly".split())
# Idioms that read as degree words but are not: "to put it mildly" intensifies.
_ENGLISH_IDIOMS = re.compile(r"put it mildly|at the very least|most of|some of|the most part", re.IGNORECASE)
# Adverbs only: adjectives such as 심각한 describe a thing (대기오염이 심각한
# 베이징), they do not grade the speaker's verb.
KOREAN_INTENSIFIERS = ("매우", "깊이", "크게", "강하게", "강력히", "강력하게", "심각하게", "극히", "극도로", "가장", "너무",
                       "몹시", "굉장히", "대단히", "아주", "완전히", "전적으로", "절대", "심히", "엄중히", "단호히",
                       "강경하게", "격렬히", "맹렬히")
KOREAN_DOWNTONERS = ("다소", "약간", "조금", "일부", "어느 정도", "일정 부분", "소폭", "다소간")



@dataclass(frozen=True)
class MeaningShiftSettings:
    # A rendering sentence carries a quote sentence when this is its best
    # cosine among the quote's sentences (and no other sentence is closer).
    carries: float = 0.3
    # The two degree words must grade the same thing: the words they modify
    # (concerns / 우려하고: 0.50) must be this close.  Unrelated pairs seen on
    # held-out news text: 0.05-0.14.
    heads_related: float = 0.35
    # A country swapped (the quote says Japan, the narration 중국) or a hope
    # stated as a fact is read only in a sentence surely linked to the quote
    # (rendering score) that carries the quote sentence (cosine ``carries``):
    # words alone cannot tell a swap from context the narration adds.  The
    # swap itself lowers the cosine (0.45 for a one-word swap), so the link
    # is what is asked to be sure.
    clearly_renders: float = 0.8


@dataclass(frozen=True)
class Degree:
    start: int
    end: int
    text: str  # the degree word and the word it modifies
    direction: int  # +1 intensifies, -1 hedges
    head: str = ""  # the word it modifies


def detect(report: Report, *, embedder: Embedder | None = None, glossary: Glossary | None = None,
           settings: MeaningShiftSettings = MeaningShiftSettings(),
           comparisons: ComparisonSettings = ComparisonSettings(), **_: object) -> list[Flag]:
    if embedder is None:
        return []
    glossary = glossary or load_glossary()
    flags: list[Flag] = []
    for quote in report.quotes:
        if quote.quote is None or not quote.renderings or is_cue(quote):
            continue
        same = [r for r in quote.renderings if is_korean(r.text) == is_korean(quote.quote.text)]
        pairs = _carried_sentences(report, quote, embedder)
        flags += _degree_flags(report, quote, pairs, embedder, settings)
        flags += [f for r in same for f in _diff_flags(report, quote, r, comparisons)]
        # a soundbite already given in Korean (TV scripts) is restated, not rendered
        clear = [] if is_korean(quote.quote.text) else _closest_renderings(pairs, settings)
        flags += _place_flags(report, quote, clear, glossary)
        flags += _modality_flags(report, quote, clear)
    return _one_per_span(flags)


def _closest_renderings(pairs: list[tuple[Rendering, _Piece, float]],
                        settings: MeaningShiftSettings) -> list[tuple[Rendering, "_Piece"]]:
    """Per quote sentence, the one rendering that carries it best, when that
    rendering is surely linked: a lead that summarises the story is not read
    against each soundbite's words."""
    best: dict[int, tuple[Rendering, _Piece, float]] = {}
    for rendering, piece, cosine in pairs:
        if cosine >= settings.carries and rendering.score >= settings.clearly_renders and \
                cosine > best.get(piece.start, (None, None, -1.0))[2]:
            best[piece.start] = (rendering, piece, cosine)
    return [(rendering, piece) for rendering, piece, _ in best.values()]


def _carried_sentences(report: Report, quote: Quote, embedder: Embedder) -> list[tuple[Rendering, "_Piece", float]]:
    """Each rendering with the quote sentence it carries best, and the cosine."""
    text = report.text
    span = quote.quote
    assert span is not None  # checked by detect
    split = split_korean if is_korean(span.text) else split_english
    sentences = [(span.start + a, span.start + b) for a, b in (split(span.text) or [(0, len(span.text))])]
    pieces = [_Piece(a, b, text[a:b]) for a, b in sentences]
    pairs = []
    for rendering in quote.renderings:
        cosine, piece = best_matches(embedder, [rendering.text], pieces)[0]
        if piece is not None:
            pairs.append((rendering, piece, cosine))
    return pairs


# ---------------------------------------------------------------- degree words


def degrees(text: str, start: int, end: int) -> list[Degree]:
    """The degree words of ``text[start:end]``, each with the word after it."""
    body = text[start:end]
    found = []
    if is_korean(body):
        for words, direction in ((KOREAN_INTENSIFIERS, 1), (KOREAN_DOWNTONERS, -1)):
            for word in words:
                for match in re.finditer(rf"(?<![가-힣]){re.escape(word)}(?![가-힣])\s*(\S*)", body):
                    found.append(Degree(start + match.start(), start + match.end(), match.group(), direction,
                                        match.group(1).strip(".,")))
        return found
    idioms = [m.span() for m in _ENGLISH_IDIOMS.finditer(body)]
    for match in re.finditer(r"\b[A-Za-z]+\b", body):
        word = match.group().lower()
        if any(a <= match.start() < b for a, b in idioms):
            continue
        direction = 1 if word in ENGLISH_INTENSIFIERS else -1 if word in ENGLISH_DOWNTONERS else 0
        if direction:
            modified = re.match(r"\s+[A-Za-z][A-Za-z’'-]*", body[match.end():])
            stop = match.end() + (modified.end() if modified else 0)
            found.append(Degree(start + match.start(), start + stop, body[match.start():stop], direction,
                                modified.group().strip() if modified else ""))
    return found


def _degree_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece, float]], embedder: Embedder,
                  settings: MeaningShiftSettings) -> list[Flag]:
    """A quote sentence that hedges (or intensifies) against the rendering
    sentence that carries it, which does the opposite."""
    text = report.text
    flags = []
    for rendering, piece, cosine in pairs:
        if cosine < settings.carries:
            continue
        said = [d for d in degrees(text, piece.start, piece.end) if d.direction]
        told = [d for d in degrees(text, rendering.start, rendering.end) if d.direction]
        for direction in (-1, 1):
            quote_side = [d for d in said if d.direction == direction]
            narration_side = [d for d in told if d.direction == -direction]
            if not quote_side or not narration_side or any(d.direction == direction for d in told):
                continue
            pair = _same_thing(quote_side, narration_side, embedder, settings.heads_related)
            if pair is not None:
                flags.append(_flag(quote, *pair, stronger=direction < 0, severity=Severity.WARNING))
    return flags


def _same_thing(said: list[Degree], told: list[Degree], embedder: Embedder,
                related: float) -> tuple[Degree, Degree] | None:
    """The quote and narration degree words that grade related words, if any."""
    candidates = [(a, b) for a in said for b in told if a.head and b.head]
    if not candidates:
        return None
    vectors = embedder.encode([c[0].head for c in candidates] + [c[1].head for c in candidates])
    n = len(candidates)
    scores = [float(vectors[k] @ vectors[n + k]) for k in range(n)]
    best = max(range(n), key=scores.__getitem__)
    return candidates[best] if scores[best] >= related else None


_Piece = Span  # a sentence of a quote, as offsets into the report text


# ---------------------------------------------------------------- same-language word diff


def _diff_flags(report: Report, quote: Quote, rendering: Rendering, comparisons: ComparisonSettings) -> list[Flag]:
    """An intensified quote term replaced by a term without the intensifier."""
    assert quote.quote is not None  # checked by detect
    flags = []
    for run in rendering_diff(quote.quote, rendering, comparisons).runs:
        if run.op not in ("replace", "delete"):
            continue
        old = " ".join(t.text for t in run.old)
        new = " ".join(t.text for t in run.new)
        said = [d for d in degrees(old, 0, len(old)) if d.direction > 0]
        if not said or any(d.direction > 0 for d in degrees(new, 0, len(new))):
            continue
        if len(run.old) > 4 or len(run.new) > 4:
            continue  # a long rewrite, not a term
        if any(_superlative(t.text) for t in run.new):
            continue  # *most powerful* → *strongest*: the degree kept in the word's form
        # from the degree word on (*are completely groundless* → *completely groundless*)
        degree_at = next(k for k, t in enumerate(run.old) if t.text.lower() in ENGLISH_INTENSIFIERS)
        first, last = run.old[degree_at], run.old[-1]
        quote_side = Degree(first.start, last.end, report.text[first.start:last.end], 1)
        told = [t for t in run.new if content_words(t.text)]
        if run.op == "replace" and told:
            a, b = told[0].start, told[-1].end
            flags.append(_flag(quote, quote_side, Degree(a, b, report.text[a:b], 0), stronger=False,
                               severity=Severity.WARNING))
        elif run.op == "delete":
            flags.append(_flag(quote, quote_side, None, stronger=False, severity=Severity.INFO))
    return flags


def _superlative(word: str) -> bool:
    low = word.lower()
    return low in ("best", "worst", "most", "utmost", "foremost") or (len(low) > 5 and low.endswith("est")
                                                                       and low not in _NOT_SUPERLATIVE)


# Words ending in -est that grade nothing.
_NOT_SUPERLATIVE = frozenset({"interest", "request", "protest", "contest", "suggest", "arrest", "harvest", "honest",
                              "modest", "latest", "invest", "digest", "forest", "conquest", "manifest", "behest",
                              "earnest", "inquest", "unrest", "midwest", "northwest", "southwest"})


# ---------------------------------------------------------------- places and parties


@dataclass(frozen=True)
class _Place:
    key: str  # one name per country (미/미국/미국의 → 미국)
    start: int
    end: int
    text: str


def places(text: str, start: int, end: int, glossary: Glossary) -> list[_Place]:
    """The countries a span names: Korean words (중국은, 미 국무부) or English
    names (China, the DPRK, Pyongyang), each under one key per country."""
    keys = _place_keys(glossary)
    found = []
    if is_korean(text[start:end]):
        for match in re.finditer(r"[가-힣]+", text[start:end]):
            word = match.group()
            following = text[start + match.end():end].split(None, 1)[:1]
            if word in keys.korean and following and is_title_word(strip_particle(following[0]), glossary):
                continue  # 미국 국무부, 중국 외교부: whose office it is, not a party
            a = start + match.start()
            for candidate in dict.fromkeys((word, strip_particle(word), re.sub(r"(?:의|과|와|도|은|는|이|가|을|를|에)$", "", word))):
                if candidate in keys.korean:
                    found.append(_Place(keys.korean[candidate], a, a + len(candidate), candidate))
                    break
            else:
                # a country inside a compound still names it: 북한인권, 대북, 한미, 남북
                found += [_Place(key, a, a + len(word), word) for key in _compound_places(word, keys)]
        return found
    offices = glossary.all_english_titles()
    for english, key in keys.english:
        for match in re.finditer(r"(?<![\w.])" + re.escape(english) + r"(?![\w])", text[start:end], re.IGNORECASE):
            a, b = start + match.start(), start + match.end()
            after = text[b:end].lower().lstrip(" '’s").split()
            if any(" ".join(after[:n]).strip(",.") in offices for n in (1, 2, 3)):
                continue  # the US State Department: whose office it is, not a party
            if not any(p.start <= a < p.end or a <= p.start < b for p in found):
                found.append(_Place(key, a, b, text[a:b]))
    return found


# One-syllable country names inside compounds (대북 제재, 북핵, 한미 동맹,
# 남북 관계, 미중 갈등): the syllable and the country it stands for.
_COMPOUND_SYLLABLES = {"북": "북한", "남": "한국", "한": "한국", "미": "미국", "중": "중국", "일": "일본", "러": "러시아"}
_COMPOUNDS = re.compile(r"^(?:대|방|친|반)?(?P<first>[북남한미중일러])(?P<second>[북남한미중일러])?"
                        r"(?:핵|미|중|일|러|한|북|관계|동맹|정상|회담|간|대화|협상|갈등)?")


def _compound_places(word: str, keys: "_PlaceKeys") -> list[str]:
    """The countries a compound names: a longer country word at its start
    (북한인권 → 북한), or the one-syllable forms of 대북, 북핵, 한미, 남북."""
    for place, key in sorted(keys.korean.items(), key=lambda item: -len(item[0])):
        if len(place) >= 2 and word.startswith(place):
            return [key]
    match = _COMPOUNDS.match(word)
    if not match or len(word) > 4 or match.end() < 2:
        return []
    found = [match.group("first")] + ([match.group("second")] if match.group("second") else [])
    if len(found) == 1 and not word.startswith(("대", "방", "친", "반")) and word[1:2] not in ("핵",):
        return []  # 미사일, 한편, 중요: a syllable alone is a country only in a known compound
    if word.startswith("대중"):
        return []  # 대중: the public, far more often than "toward China"
    return [keys.korean.get(_COMPOUND_SYLLABLES[s], _COMPOUND_SYLLABLES[s]) for s in found]


@dataclass(frozen=True)
class _PlaceKeys:
    korean: dict[str, str]  # Korean word -> key
    english: tuple[tuple[str, str], ...]  # (English name, key), longest first


@lru_cache(maxsize=8)
def _place_keys(glossary: Glossary) -> _PlaceKeys:
    """Korean and English names of the glossary's places, grouped into one
    key per country: forms that share an English name are one country."""
    key_of: dict[str, str] = {}
    owner: dict[str, str] = {}  # English name -> key
    for korean, names in glossary.places:
        if any(e.startswith("in ") for e in names):
            continue  # 주한, 주일: "in Korea", a post, not a party
        key = next((owner[e] for e in names if e in owner), korean)
        key_of[korean] = key
        for e in names:
            owner.setdefault(e, key)
    english = tuple(sorted(((e, k) for e, k in owner.items() if len(e) >= 2), key=lambda p: -len(p[0])))
    return _PlaceKeys(key_of, english)


# A quote that speaks of a region or of others without naming them.
_VAGUE_PARTIES = re.compile(r"\b(?:the|this|that) (?:region|area|neighbou?rhood)\b|\bneighbou?r(?:s|ing countries)\b|"
                            r"\b(?:some|other|certain) countries\b", re.IGNORECASE)


def _place_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]], glossary: Glossary) -> list[Flag]:
    """A country swapped: the rendering names one the quote never names, in
    place of one the quote names and the rendering leaves out; or names one
    where the quote only says "the region".  Notes (see the module docstring)."""
    assert quote.quote is not None  # checked by detect
    text = report.text
    in_quote = places(text, quote.quote.start, quote.quote.end, glossary)
    quoted_keys = {p.key for p in in_quote}
    flags = []
    for rendering, piece in pairs:
        told = places(text, rendering.start, rendering.end, glossary)
        told_keys = {p.key for p in told}
        extra = [p for p in told if p.key not in quoted_keys]
        said = [p for p in places(text, piece.start, piece.end, glossary) if p.key not in told_keys]
        if len({p.key for p in extra}) == 1 and len({p.key for p in said}) == 1 and not _WE.search(piece.text):
            flags.append(_party_flag(quote, said[0].start, said[0].end, said[0].text, extra[0], Severity.INFO))
        elif extra and not in_quote:
            vague = _VAGUE_PARTIES.search(text, piece.start, piece.end)
            if vague:
                flags.append(_party_flag(quote, vague.start(), vague.end(), vague.group(), extra[0], Severity.INFO))
    return flags


def _party_flag(quote: Quote, start: int, end: int, said: str, told: _Place, severity: Severity) -> Flag:
    return Flag(id="", kind="meaning_shift", severity=severity,
                message=f"The quote speaks of '{said}', but the narration renders it as '{told.text}'.",
                quote=quote.id,
                spans=(FlagSpan(start, end, said, "quote"), FlagSpan(told.start, told.end, told.text, "narration")),
                suggestion=f"The speaker said '{said}'.")


# ---------------------------------------------------------------- modality

# A hope, an expectation or a condition, not a statement of fact.  (Polarity
# is not read: Korean says many positives through negated forms, 경계를
#늦추지 않겠다 for "remain vigilant", and presence of a negator flagged only
# such litotes on the tune split.)
_ENGLISH_MODAL = re.compile(r"\b(?:hope[sd]?|hoping|hopefully|wish(?:es|ed)?|expect(?:s|ed|ation)?|if|unless)\b",
                            re.IGNORECASE)
_KOREAN_MODAL = re.compile(r"희망|기대|바라|바란|바랐|원하|원한|[으]?면|경우|수 있|수도 있|가능|전망|예상|듯|것으로 보|길 ")
# First person plural: the narration may name the speaker's own side for it
# (we → 미국), which is no swap.
_WE = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)


def _modal(text: str) -> re.Match[str] | None:
    """The hope, expectation or condition word in ``text``, if any."""
    return (_KOREAN_MODAL if is_korean(text) else _ENGLISH_MODAL).search(text)


def _modality_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]]) -> list[Flag]:
    """A rendering that clearly carries a quote sentence in which the speaker
    hopes, expects or sets a condition, and states it as a fact.  One signal
    (the modal word missing): a note."""
    flags = []
    for rendering, piece in pairs:
        word = _modal(piece.text)
        if word is not None and not _modal(rendering.text):
            a, b = piece.start + word.start(), piece.start + word.end()
            flags.append(Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                              message=f"The speaker says '{word.group()}' (a hope, an expectation or a condition); "
                                      "the rendering states it as a fact.",
                              quote=quote.id, spans=(FlagSpan(a, b, report.text[a:b], "quote"),
                                                     FlagSpan(rendering.start, rendering.end, rendering.text,
                                                              "narration")),
                              suggestion=f"Keep the speaker's '{word.group()}' in the rendering."))
    return flags


# ---------------------------------------------------------------- flags


def _flag(quote: Quote, said: Degree, told: Degree | None, *, stronger: bool, severity: Severity) -> Flag:
    spans = [FlagSpan(said.start, said.end, said.text, "quote")]
    if told is not None:
        spans.append(FlagSpan(told.start, told.end, told.text, "narration"))
        how = "stronger" if stronger else "weaker"
        message = f"The narration renders '{said.text}' as '{told.text}', a {how} meaning than the speaker's."
    else:
        message = f"The narration leaves out the degree of '{said.text}', a weaker meaning than the speaker's."
    return Flag(id="", kind="meaning_shift", severity=severity, message=message, quote=quote.id,
                spans=tuple(spans), suggestion=f"The speaker said '{said.text}'.")


def _one_per_span(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple[str | None, tuple[tuple[int, int], ...]]] = set()
    unique = []
    for flag in flags:
        key = (flag.quote, tuple((s.start, s.end) for s in flag.spans))
        if key not in seen:
            seen.add(key)
            unique.append(flag)
    return unique


DETECTOR = Detector("meaning_shift", ("meaning_shift",), needs_embedder=True, settings=MeaningShiftSettings,
                    detect=detect)
