"""meaning_shift: a quote term rendered with another meaning (degree, place, modality, stance, polarity).

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
* a hope, an expectation or a condition (*we hope*, *if*) stated as a fact,
  or a possibility or an option (*could consider*, *might*, *would be open
  to*, *is not ruling out*) reported as a decision, or a decision (*we will
  impose*) reported as a possibility (*부과할 수 있다*): a note;
* the speaker's stance on another step of one scale (``data/stance_words.tsv``:
  concern, regret < criticism < condemnation, 우려/유감 < 비판/개탄 <
  규탄/비난/분노): *deeply concerned* reported as *규탄했다*, *we condemn* as
  *expressed concern*.  Read only where both sides name a stance and the
  rendering names none at the speaker's level: a note;
* a polarity turned: the quote negates a verb (*we must not ignore*) and the
  rendering says no in no way, or the quote says no nowhere and the rendering
  negates a verb.  Korean says many positives through negated forms
  (경계를 늦추지 않겠다 "remain vigilant", 아끼지 않겠다 "fully"), and a
  negation is often rendered by a word that means no (거부 for "will not
  accept"): both are read as no turn.  A note.

The possibility and the negation are read in the clause that holds them,
which the rendering must carry best: a rendering of the other clause of
*we want talks, and we are not interested in confrontation* turns nothing.
Each of these is one signal read from words, so at most a note; no such
shift was in the tune split to calibrate a warning on.
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
from ..wordlists import stance_scale

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
                       "강경하게", "격렬히", "맹렬히", "적극", "적극적으로")
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
    # A stance word reported on another step of the scale in
    # ``data/stance_words.tsv`` (concern < criticism < condemnation): this
    # many steps apart is a note.
    stance_steps: int = 1
    # A possibility or a negation is read in the clause that holds it: the
    # rendering must carry that clause best among the sentence's clauses, and
    # at least this closely (a rendering that gives only the other clause of
    # "we seek talks, not conflict" turns nothing).
    clause_carried: float = 0.3


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
        flags += _venue_flags(report, quote, clear, glossary)
        flags += _modality_flags(report, quote, clear, embedder, settings)
        stance = _stance_flags(report, quote, clear, settings)
        if not stance and not is_korean(quote.quote.text):
            # A short stance sentence (is concerned by the launch) may carry
            # too few words for any rendering to pass `carries`: where the
            # whole quote states one stance, read it against the surest rendering.
            surest = max(quote.renderings, key=lambda r: r.score)
            if surest.score >= settings.clearly_renders and \
                    len({s.level for s in stances(report.text, quote.quote.start, quote.quote.end)}) == 1:
                whole = _Piece(quote.quote.start, quote.quote.end, quote.quote.text)
                stance = _stance_flags(report, quote, [(surest, whole)], settings)
        flags += stance
        flags += _polarity_flags(report, quote, clear, embedder, settings)
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
            if any(d.direction == -direction for d in said):
                continue  # the quote grades both ways ("some kind …, most likely …"): 가장 renders its "most"
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
                found += [_Place(key, a, a + len(word), word) for key in _compound_places(word, keys, glossary)]
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


def _compound_places(word: str, keys: "_PlaceKeys", glossary: Glossary) -> list[str]:
    """The countries a compound names: a longer country word at its start
    (북한인권 → 북한), or the one-syllable forms of 대북, 북핵, 한미, 남북.
    A place that opens a title (인도태평양사령관) says whose office it is."""
    for place, key in sorted(keys.korean.items(), key=lambda item: -len(item[0])):
        if len(place) >= 2 and word.startswith(place):
            rest = strip_particle(word[len(place):])
            return [] if rest and (glossary.title_suffix(rest) or is_title_word(rest, glossary)) else [key]
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


# The rendering keeps the vague party (역내, 주변국들): the country it also
# names is context (북한의 위협), not the region swapped for it.
_RENDERED_VAGUE = re.compile(_VAGUE_PARTIES.pattern + r"|역내|지역|주변국|주변 국가|인근 국가|이웃 나라|이웃 국가|이웃국|"
                             r"일부 국가|다른 나라|다른 국가|특정 국가", re.IGNORECASE)


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
        elif extra and not in_quote and not _RENDERED_VAGUE.search(rendering.text):
            vague = _VAGUE_PARTIES.search(text, piece.start, piece.end)
            if vague:
                flags.append(_party_flag(quote, vague.start(), vague.end(), vague.group(), extra[0], Severity.INFO))
    return flags


def _venues(text: str, start: int, end: int, glossary: Glossary) -> list[tuple[str, int, int]]:
    """The cities a span names as where something happens (English: after
    in, at or to; Korean: before 에서, 으로, 에), as (English name, start, end),
    leaving out the setting of a remark (제네바에서 열린 회견에서)."""
    body = text[start:end]
    found = []
    if is_korean(body):
        for korean, names in glossary.cities:
            for match in re.finditer(r"(?<![가-힣])" + re.escape(korean) + r"(?=에서|으로|로|에)", body):
                if re.match(r"에서\s*(?:열린|열렸|개최된|진행된|가진|한)(?![가-힣])", body[match.end():]):
                    continue
                found.append((names[0], start + match.start(), start + match.end()))
        return found
    for korean, names in glossary.cities:
        for english in names:
            pattern = r"\b(?:in|at|to)\s+(" + re.escape(english) + r")\b"
            for match in re.finditer(pattern, body, re.IGNORECASE):
                found.append((names[0], start + match.start(1), start + match.end(1)))
    return found


def _venue_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]],
                 glossary: Glossary) -> list[Flag]:
    """A venue swapped (the quote meets in Geneva, the rendering in 비엔나):
    one city the quote names as where something happens, one other city the
    rendering names so, neither named by the other side.  A note."""
    text = report.text
    flags = []
    for rendering, piece in pairs:
        said = _venues(text, piece.start, piece.end, glossary)
        told = _venues(text, rendering.start, rendering.end, glossary)
        said_only = [v for v in said if v[0] not in {t[0] for t in told}]
        told_only = [t for t in told if t[0] not in {v[0] for v in said}]
        if len({v[0] for v in said_only}) == 1 and len({t[0] for t in told_only}) == 1:
            _, a, b = said_only[0]
            _, c, d = told_only[0]
            flags.append(Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                              message=f"The quote speaks of '{text[a:b]}', but the narration renders it as "
                                      f"'{text[c:d]}'.",
                              quote=quote.id,
                              spans=(FlagSpan(a, b, text[a:b], "quote"), FlagSpan(c, d, text[c:d], "narration")),
                              suggestion=f"The speaker said '{text[a:b]}'."))
    return flags


def _party_flag(quote: Quote, start: int, end: int, said: str, told: _Place, severity: Severity) -> Flag:
    return Flag(id="", kind="meaning_shift", severity=severity,
                message=f"The quote speaks of '{said}', but the narration renders it as '{told.text}'.",
                quote=quote.id,
                spans=(FlagSpan(start, end, said, "quote"), FlagSpan(told.start, told.end, told.text, "narration")),
                suggestion=f"The speaker said '{said}'.")


# ---------------------------------------------------------------- modality

# A hope, an expectation or a condition, not a statement of fact.
_ENGLISH_MODAL = re.compile(r"\b(?:hope[sd]?|hoping|hopefully|wish(?:es|ed)?|expect(?:s|ed|ation)?|if|unless)\b",
                            re.IGNORECASE)
# (an urging keeps a hope as one: "we hope Pyongyang walks through it" → 호응을 촉구했다)
_KOREAN_MODAL = re.compile(r"희망|기대|바라|바란|바랐|원하|원한|[으]?면|경우|수 있|수도 있|가능|전망|예상|듯|것으로 보|길 |"
                           r"촉구|요구|당부|호소|주문|권고")
# First person plural: the narration may name the speaker's own side for it
# (we → 미국), which is no swap.
_WE = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)

# A possibility or an option, not a decision: "could consider", "might",
# "would be open to", "is not ruling out".  "may" in lower case only (the
# month is May); "consider" only with a modal or as "considering" ("we
# consider this a violation" is a judgement); "might" not as a noun
# ("military might"); "could not" is a past fact, not a possibility.
_ENGLISH_POSSIBILITY = re.compile(
    r"\b(?:(?:could|would|might|may|will)\s+(?:also\s+|still\s+|even\s+)?consider|considering|"
    r"(?-i:may)(?!\s+(?:I|we)\b)|(?<!military )(?<!economic )(?<!nuclear )(?<!naval )(?<!its )(?<!their )(?<!our )"
    r"might(?!\s*[,.;:!?)]|\s+(?:and|of|to)\b)|could(?!\s*(?:not\b|n[’']t))|possibly|possibility|possibilities|"
    r"(?<!as soon as )(?<!best )(?<!every )(?<!all )(?<!as much as )(?<!wherever )(?<!whenever )possible|"
    r"perhaps|maybe|potentially|options|(?:military|diplomatic|economic|nuclear) option|open to|rul(?:e|es|ing) out|"
    r"weighing)\b", re.IGNORECASE)
# Phrases with those words that weigh no possibility of the speaker's.
_POSSIBILITY_IDIOMS = re.compile(r"\bas (?:you|many of you|some of you|we) (?:may|might)\b|\bbe that as it may\b|"
                                 r"\bcome what may\b|\bif I (?:may|might|could)\b|\b(?:may|could) I\b|\bcould you\b|"
                                 r"\bmight as well\b|\bwhatever (?:\w+ )?(?:may|might)\b|\bas \w+ as possible\b|"
                                 r"\b(?:\w+est|last|only) (?:\w+ )?possible\b|"
                                 # the worst thing he could do; none of them could: no possibility weighed
                                 r"\b(?:worst|best|least|most|only) (?:thing|one|way)s? (?:\w+ ){0,2}could\b|"
                                 r"\b(?:none|no one|nobody|nothing)\b[^,.;]*?\bcould\b", re.IGNORECASE)
# The same in the rendering: a modal, an option under review, or one not excluded.
_KOREAN_POSSIBILITY = re.compile(r"수 있|수도 있|수는 있|검토|고려|가능|방안|열려|열어|배제|옵션|선택지|여지|"
                                 r"지도 모르|을지|ㄹ지|할지|아마|시사|모색|저울질|만약|경우|듯|용의|의향|수단|카드|"
                                 # a conjecture: seems (것 같다), is expected, presumed, feared
                                 r"것 같|것으로 보|것으로 알려|추정|추측|예상|전망|우려|모른|모르")
_ENGLISH_RENDERED_POSSIBILITY = re.compile(
    r"\b(?:could|might|may|can|would|consider\w*|possib\w*|perhaps|maybe|potential\w*|options?|open to|"
    r"rul\w* out|weigh\w*|mull\w*|explor\w*|likely|hint\w*|suggest\w*|if|willing\w*)\b", re.IGNORECASE)

# A decision or a plain future the speaker states ("we will impose", "we
# have decided") ...
_ENGLISH_DECISION = re.compile(r"(?<=\w)[’']ll\b|\b(?:will|shall|(?:are|is|am) going to|ha(?:ve|s) decided|decided|plans? to|"
                               r"intends? to)\b", re.IGNORECASE)
# ... in a sentence that weighs nothing: no modal, no ability, no condition
# (an ability, "will be able to", is rendered with 수 있다 too).
_ENGLISH_HEDGED = re.compile(r"\b(?:can|cannot|could|might|may|would|should|able|capable|possib\w*|perhaps|maybe|"
                             r"likely|unlikely|probably|if|unless|whether|hop\w*|expect\w*|consider\w*|options?|"
                             r"chances?|risk\w*|threat\w*|allow\w*|enabl\w*|let|lets|help\w*|potential\w*|"
                             r"opportunit\w*|wonder\w*)\b", re.IGNORECASE)
# The rendering makes it a possibility: the predicate hedged (부과할 수
# 있다, 검토하고 있다, 가능성이 있다), not an ability inside a phrase (할 수
# 있는 능력, 볼 수 있게).
_KOREAN_HEDGE = re.compile(r"수도\s?있|수\s?있(?:다|을\s?것|습니다|으며|지만|으나|겠)|검토(?:하고|할|하겠|중|키로)|"
                           r"고려(?:하고|할|하겠|중)|가능성(?:이|을|도|은)(?!\s?없)|지도\s?모른|여지가(?!\s?없)")
_ENGLISH_HEDGE = re.compile(r"\b(?:could|might|may|possibly|perhaps|maybe|consider\w*|weigh\w*|mull\w*|likely)\b",
                            re.IGNORECASE)


def _modal(text: str) -> re.Match[str] | None:
    """The hope, expectation or condition word in ``text``, if any."""
    return (_KOREAN_MODAL if is_korean(text) else _ENGLISH_MODAL).search(text)


def possibility(text: str) -> re.Match[str] | None:
    """The word with which an English quote sentence weighs a possibility or an option, if any."""
    idioms = [m.span() for m in _POSSIBILITY_IDIOMS.finditer(text)]
    return next((m for m in _ENGLISH_POSSIBILITY.finditer(text) if not any(a <= m.start() < b for a, b in idioms)),
                None)


def _possibility_kept(text: str) -> bool:
    """Whether a rendering keeps a possibility or an option in any form."""
    return bool((_KOREAN_POSSIBILITY if is_korean(text) else _ENGLISH_RENDERED_POSSIBILITY).search(text))


def _modality_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]], embedder: Embedder,
                    settings: MeaningShiftSettings) -> list[Flag]:
    """A rendering that clearly carries a quote sentence in which the speaker
    hopes, expects or sets a condition, or weighs a possibility or an option,
    and states it as a fact or a decision.  One signal (the modal word
    missing): a note, at most one per rendering and quote sentence."""
    flags = []
    for rendering, piece in pairs:
        word = _modal(piece.text)
        if word is not None and not _modal(rendering.text):
            flags.append(_turned_flag(report, quote, rendering, piece, word,
                                      "a hope, an expectation or a condition", "states it as a fact"))
            continue
        word = possibility(piece.text)
        if word is not None and not _possibility_kept(rendering.text) and \
                _clause_carried(report.text, piece, word, rendering, embedder, settings):
            flags.append(_turned_flag(report, quote, rendering, piece, word,
                                      "a possibility or an option", "reports it as a decision or a fact"))
            continue
        flags += _hedged_flags(report, quote, rendering, piece, embedder, settings)
    return flags


def _hedged_flags(report: Report, quote: Quote, rendering: Rendering, piece: _Piece, embedder: Embedder,
                  settings: MeaningShiftSettings) -> list[Flag]:
    """The other direction: the speaker states a decision ("we will
    impose"), and the rendering that carries it makes it a possibility
    (부과할 수 있다, 검토하고 있다)."""
    decision = _ENGLISH_DECISION.search(piece.text)
    if decision is None or _ENGLISH_HEDGED.search(piece.text):
        return []
    hedge = (_KOREAN_HEDGE if is_korean(rendering.text) else _ENGLISH_HEDGE).search(rendering.text)
    if hedge is None or not _clause_carried(report.text, piece, decision, rendering, embedder, settings):
        return []
    a, b = piece.start + decision.start(), piece.start + decision.end()
    c, d = rendering.start + hedge.start(), rendering.start + hedge.end()
    said, told = report.text[a:b], report.text[c:d]
    return [Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                 message=f"The speaker says '{said}' (a decision or a fact); the rendering makes it a possibility "
                         f"('{told}').",
                 quote=quote.id, spans=(FlagSpan(a, b, said, "quote"), FlagSpan(c, d, told, "narration")),
                 suggestion="Render the speaker's decision as one, without the possibility.")]


def _turned_flag(report: Report, quote: Quote, rendering: Rendering, piece: _Piece, word: re.Match[str],
                 what: str, how: str) -> Flag:
    """A note: the quote word ``word`` of ``piece`` (what it is), and the
    rendering that turns it (how)."""
    a, b = piece.start + word.start(), piece.start + word.end()
    said = report.text[a:b]
    return Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                message=f"The speaker says '{said}' ({what}); the rendering {how}.",
                quote=quote.id, spans=(FlagSpan(a, b, said, "quote"),
                                       FlagSpan(rendering.start, rendering.end, rendering.text, "narration")),
                suggestion=f"Keep the speaker's '{said}' in the rendering.")


# ---------------------------------------------------------------- clauses

# Where an English sentence divides into clauses: punctuation inside it, and
# the conjunctions that join clauses.
_ENGLISH_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[–—-]+\s+|\s+(?=(?:and|but|while|whereas|because|although|though)\s)",
                                   re.IGNORECASE)
# Korean: commas, and an eojeol that ends in a connective ending (-고, -며,
# -면서, -지만, -는데, -라고 / -다고 before the reporting verb).
_KOREAN_CLAUSE_BREAK = re.compile(r",\s*|(?<=[고며])\s+|(?<=지만)\s+|(?<=면서)\s+|(?<=는데)\s+")


def _clauses(text: str, start: int, end: int) -> list[_Piece]:
    """The clauses of ``text[start:end]``, as spans of ``text``."""
    body = text[start:end]
    pattern = _KOREAN_CLAUSE_BREAK if is_korean(body) else _ENGLISH_CLAUSE_BREAK
    cuts = [0] + [c for m in pattern.finditer(body) for c in (m.start(), m.end())] + [len(body)]
    spans = [(start + cuts[k], start + cuts[k + 1]) for k in range(0, len(cuts), 2)]
    return [_Piece(a, b, text[a:b]) for a, b in spans if text[a:b].strip()]


def _clause_carried(text: str, piece: _Piece, word: re.Match[str], rendering: Rendering, embedder: Embedder,
                    settings: MeaningShiftSettings) -> bool:
    """Whether ``rendering``, or one of its clauses, carries the clause of
    ``piece`` that holds the match ``word`` best among the piece's clauses,
    and closely enough (a rendering that joins the speaker's clauses in
    another order still gives each of them a clause of its own)."""
    clauses = _clauses(text, piece.start, piece.end)
    at = piece.start + word.start()
    holder = next((c for c in clauses if c.start <= at < c.end), None)
    if holder is None:
        return False
    probes = [rendering.text] + [c.text for c in _clauses(text, rendering.start, rendering.end)]
    return any(best is not None and best.start == holder.start and cosine >= settings.clause_carried
               for cosine, best in best_matches(embedder, probes, clauses))


# ---------------------------------------------------------------- stance


@dataclass(frozen=True)
class _Stance:
    start: int
    end: int
    text: str
    level: int  # its step on the scale of data/stance_words.tsv


# "Concerning" as a preposition (not "we are concerning about", a speaker's
# own English for "concerned"), and "concerned" for those involved: no stance.
_NOT_STANCE = re.compile(r"(?<!\bare )(?<!\bis )(?<!\bam )(?<!\bvery )(?<!\bdeeply )(?<!\bmost )(?<!\bso )"
                         r"\bconcerning\b(?! about)|\bas far as\b.*?\bconcerned\b|\b(?:parties|countries|nations|those|"
                         r"people|sides|states|agencies|authorities|all)\s+concerned\b|\bto whom it may concern\b",
                         re.IGNORECASE)


def stances(text: str, start: int, end: int) -> list[_Stance]:
    """The stance words of ``text[start:end]`` (concern, criticism,
    condemnation and their Korean counterparts), each with its level."""
    body = text[start:end]
    scale = stance_scale()
    found = []
    if is_korean(body):
        for word, level in scale.korean:
            for match in re.finditer(re.escape(word), body):
                eojeol = re.match(r"[^\s.,;:!?”’\"')]*", body[match.start():])  # the eojeol, not its punctuation
                stop = match.start() + (eojeol.end() if eojeol else len(word))
                begin = _with_degree(body, match.start(), KOREAN_INTENSIFIERS + KOREAN_DOWNTONERS)
                found.append(_Stance(start + begin, start + stop, body[begin:stop], level))
        return found
    skip = [m.span() for m in _NOT_STANCE.finditer(body)]
    for match in re.finditer(r"[A-Za-z]+", body):
        word = match.group().lower()
        level = next((lv for stem, lv in scale.english if word.startswith(stem)), 0)
        if level and not any(a <= match.start() < b for a, b in skip):
            begin = _with_degree(body, match.start(), tuple(ENGLISH_INTENSIFIERS | ENGLISH_DOWNTONERS))
            found.append(_Stance(start + begin, start + match.end(), body[begin:match.end()], level))
    return found


def _with_degree(body: str, at: int, degree_words: tuple[str, ...]) -> int:
    """Where a stance word starts with the degree word right before it
    (강력히 규탄, deeply concerned): the span a reviewer reads is both."""
    before = re.search(r"(\S+)\s+$", body[:at])
    if before and before.group(1).lower() in degree_words:
        return before.start(1)
    return at


def _stance_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]],
                  settings: MeaningShiftSettings) -> list[Flag]:
    """The speaker's strongest stance in a quote sentence (concern,
    criticism, condemnation) against the strongest in the rendering that
    clearly carries it: a rendering that names no stance at the speaker's
    level, but one steps above or below, turns it.  One signal: a note."""
    text = report.text
    flags = []
    for rendering, piece in pairs:
        said = stances(text, piece.start, piece.end)
        told = stances(text, rendering.start, rendering.end)
        if not said or not told:
            continue
        strongest = max(said, key=lambda s: s.level)
        if any(t.level == strongest.level for t in told):
            continue  # the speaker's stance is there, whatever else the narration adds
        rendered = max(told, key=lambda t: (abs(t.level - strongest.level), t.level))
        if abs(rendered.level - strongest.level) < settings.stance_steps:
            continue
        how = "stronger" if rendered.level > strongest.level else "weaker"
        flags.append(Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                          message=f"The narration renders '{strongest.text}' as '{rendered.text}', "
                                  f"a {how} stance than the speaker's.",
                          quote=quote.id,
                          spans=(FlagSpan(strongest.start, strongest.end, strongest.text, "quote"),
                                 FlagSpan(rendered.start, rendered.end, rendered.text, "narration")),
                          suggestion=f"The speaker said '{strongest.text}'."))
    return flags


# ---------------------------------------------------------------- polarity

# The quote negates: not, never, no ... but not in phrases that affirm
# ("not only", "no doubt", "never been stronger", "cannot overstate") or that
# a possibility already reads ("not ruling out").
_ENGLISH_NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|cannot|nothing|none|nobody|nowhere)\b|n[’']t\b",
                               re.IGNORECASE)
_ENGLISH_AFFIRMING = re.compile(
    r"\bnot (?:only|just|merely|least|to mention)\b|\bif not\b|\bwhether or not\b|\bno (?:doubt|matter|question|"
    r"less|more than|surprise|secret|exception)\b|\bnothing (?:but|less|short)\b|\bnone other\b|\bsecond to none\b|"
    r"\bnever (?:been|before|more)\b|\b(?:cannot|can[’']t|could(?:n[’']t| not)) (?:overstate|stress|emphasi[sz]e|"
    r"underestimate|agree more|help)\b|\b(?:not|n[’']t) (?:be )?(?:rul\w* out|hesitate|let up|relent|stop|give up|waver)\b|"
    r"^\s*no\b,|\bno one can deny\b|\bspare no\b|\bno stone\b|\bmake no mistake\b|\bno wonder\b|\bno small\b|"
    r"\bno (?:later|sooner|fewer) than\b|\bno\.\s*\d|\b(?:never|not|n[’']t) forget\b|"
    # a spokesperson's deflection, rendered as 언급을 피했다 or 기다려 달라
    r"\b(?:not|n[’']t) (?:going to |gonna )?(?:get ahead of|get into|go into|speculate|preview)\b", re.IGNORECASE)
# A word that says no by itself: refuses, opposes, unacceptable, groundless.
_ENGLISH_NO_WORDS = (
    r"\b(?:refus\w*|reject\w*|den(?:y|ies|ied|ial)|oppos\w*|declin\w*|fail\w*|prohibit\w*|ban|bann\w*|halt\w*|"
    r"stop\w*|ceas\w*|avoid\w*|refrain\w*|prevent\w*|without|lack\w*|absen\w*|unable|impossible|unaccept\w*|"
    r"unclear|unknown|unlikely|unwilling|hardly|barely|rarely|seldom|few|little|abandon\w*|resist\w*|"
    r"insufficient|inadequate|invalid|illegal\w*|unlawful|illegitimate|wrong|false|dismiss\w*|doubt\w*|"
    r"skeptic\w*|sceptic\w*|far from|unfortunately|inappropriate|unnecessary|unfair|unjust\w*|unwell|unhappy|"
    r"unsafe|unstable|unaware|unsure|unhealthy|unfit|unfinished|unresolved|unmet|unanswered|unchanged|"
    # irreversible, inevitable, groundless: 되돌릴 수 없는, 피할 수 없는, 근거 없는
    r"(?:un|in|im|ir|il|non)[a-z]+(?:able|ible|ably|ibly)|[a-z]+less(?:ly|ness)?)\b")
# The quote says no in a word of its own, or in a word that Korean often
# renders with a negated form (continue → 멈추지 않고, the same → 다르지 않다,
# difficult → 쉽지 않다, many → 적지 않은, only → 지나지 않는다): no
# rendering that negates is read as a turn against such a quote.
_ENGLISH_NEGATIVE_WORDS = re.compile(
    _ENGLISH_NO_WORDS + r"|\b(?:unless|until|ignor\w*|neglect\w*|instead|rather than|vigilan\w*|continu\w*|"
    r"remain\w*|keep|kept|always|ever|unprecedented|regardless|spare|hesitat\w*|tireless\w*|constant\w*|"
    r"endless\w*|steadfast|unwavering|difficult|hard|tough|rare|small|minor|similar|same|many|considerable|"
    r"significant|only|merely|mere|just|yet|except|beyond|lose|lost|miss\w*|free)\b", re.IGNORECASE)
# A rendering that says no, broadly: a negator or a word that means no (거부
# for "will not accept", 피했다 for "I won't comment", 경고 or 규탄 for
# "we will not tolerate", 막아야 for "never again").
_KOREAN_RENDERED_NO = re.compile(
    r"않|(?<![가-힣])안\s|(?<![가-힣잘])못|없|지\s?말|말아|말라|말자|아니|모르|몰라|불가|거부|거절|반대|부인|부정|금지|불허|"
    r"중단|포기|배제|피하|피했|피할|자제|삼가|아끼|아꼈|실패|결코|절대|전혀|아무|그만|멈추|멈췄|차단|저지|방지|억제|"
    r"부족|미흡|어렵|힘들|일축|철회|취소|불충분|불법|부당|부적절|불필요|비판|비난|규탄|경고|"
    r"부답|무응답|불참|불응|불발|미정|미확인|미지수|불인정|불투명|불분명|불확실|무산|무효|침묵|묵살|몰랐|모른|"
    r"무관|무혐의|소수|드물|아닌|아님|피한|피해야|"
    r"막아|막을|막겠|막기|막는|막았")
_ENGLISH_RENDERED_NO = re.compile(r"\b(?:not|never|no|nor|neither|cannot|nothing|none|nobody|without)\b|n[’']t\b|"
                                  + _ENGLISH_NO_WORDS, re.IGNORECASE)
# A rendering that turns a verb negative: -지 않, -지 못, 안 / 못 before a
# verb, -지 말, 아니다, 수 없 ... but not the negated forms that affirm
# (경계를 늦추지 않겠다 "remain vigilant", 아끼지 않겠다 "fully", 뿐만 아니라
# "not only", 수밖에 없다 "must", 쉽지 않다 "difficult", 적지 않은 "many").
_KOREAN_VERB_NEGATION = re.compile(r"[지치]\s?않|지\s?못|(?<![가-힣])안\s+[가-힣]|(?<![가-힣잘])못\s+[가-힣]|지\s?말|"
                                   r"아니(?!면)|수\s?없")
_KOREAN_AFFIRMING = re.compile(
    r"뿐만?\s?아니|만이\s?아니|아니라|늦추지\s?않|아끼지\s?않|주저하지\s?않|마다하지\s?않|게을리하지\s?않|소홀히\s?하지\s?않|"
    r"멈추지\s?않|포기하지\s?않|굴하지\s?않|배제하지\s?않|배제할\s?수\s?없|않을\s?수\s?없|수밖에\s?없|지\s?않으면\s?안|"
    r"않을까|않느냐|않는가|않나|않았나|못지않|아닐\s?수\s?없|다름\s?아니|않는\s?한|않도록|못하도록|쉽지\s?않|적지\s?않|"
    r"흔치\s?않|만만치\s?않|심상치\s?않|예사롭지\s?않|녹록지\s?않|다르지\s?않|지나지\s?않|않은\s?채|아닌가|"
    r"아니겠|아니고|우연치\s?않|우연찮|잊지\s?않|변함\s?없|끊임\s?없|틀림\s?없|아낌\s?없|빠짐\s?없|예외\s?없|관계\s?없|상관\s?없|다름\s?없|"
    r"여지가\s?없|의심의\s?여지|두말할\s?나위|말할\s?것도\s?없|물론|"
    # 시간이 얼마 남지 않았다 ("time is running out"), 끊이지 않는 ("constant"),
    # 멀지 않았다 ("soon"), 마지않다 ("deeply")
    r"남지\s?않|끊이지\s?않|멀지\s?않|그치지\s?않|마지\s?않")
# The speaker asks for or expects something: the narration often states
# that it is not yet so (북한이 협상에 복귀하지 않고 있다며 복귀를 촉구했다),
# or asks for its opposite not to happen (약속을 어기지 않기를 기대했다).
_ENGLISH_DIRECTIVE = re.compile(r"\b(?:urg\w*|call(?:s|ed|ing)? (?:on|upon|for)|expect\w*|hop\w*|want\w*|wish\w*|"
                                r"ask\w*|should|must|need\w*|demand\w*|press\w*|encourag\w*|insist\w*)\b",
                                re.IGNORECASE)
_RENDERED_DIRECTIVE = re.compile(r"촉구|요구|기대|희망|바라|바란|바랐|당부|주문|권고|호소|압박|"
                                 r"\b(?:urg\w*|call\w* (?:on|upon|for)|expect\w*|hop\w*|demand\w*|ask\w*)\b",
                                 re.IGNORECASE)


def _quote_negation(text: str) -> re.Match[str] | None:
    """The word with which an English quote sentence negates, if any."""
    if text.rstrip("”\"’' ").endswith("?"):
        return None  # a question negates rhetorically ("why would we not talk?")
    affirming = [m.span() for m in _ENGLISH_AFFIRMING.finditer(text)]
    return next((m for m in _ENGLISH_NEGATION.finditer(text)
                 if not any(a <= m.start() < b for a, b in affirming)), None)


def _says_no(text: str) -> bool:
    """Whether a text says no in any way: a negator, or a word that means no."""
    if is_korean(text):
        return bool(_KOREAN_RENDERED_NO.search(text))
    return bool(_ENGLISH_RENDERED_NO.search(text))


def _rendered_negation(text: str) -> re.Match[str] | None:
    """The negated verb of a rendering, if it turns one (affirming forms aside)."""
    if is_korean(text):
        negation, affirming_pattern = _KOREAN_VERB_NEGATION, _KOREAN_AFFIRMING
    else:
        negation, affirming_pattern = _ENGLISH_NEGATION, _ENGLISH_AFFIRMING
    affirming = [m.span() for m in affirming_pattern.finditer(text)]
    return next((m for m in negation.finditer(text) if not any(a <= m.start() < b for a, b in affirming)), None)


def _polarity_flags(report: Report, quote: Quote, pairs: list[tuple[Rendering, _Piece]], embedder: Embedder,
                    settings: MeaningShiftSettings) -> list[Flag]:
    """The quote negates a verb ("we must not ignore") and the rendering
    that clearly carries that clause says no in no way; or the quote says
    no nowhere and the rendering negates a verb in the clause that carries
    the quote sentence.  One signal: a note."""
    assert quote.quote is not None  # checked by detect
    text = report.text
    flags = []
    # any negator at all, even in an affirming phrase ("never forget" → 잊지 않겠다)
    whole_quote_says_no = bool(_ENGLISH_NEGATION.search(quote.quote.text) or
                               _ENGLISH_NEGATIVE_WORDS.search(quote.quote.text))
    for rendering, piece in pairs:
        negation = _quote_negation(piece.text)
        if negation is not None:
            if not _says_no(rendering.text) and _clause_carried(text, piece, negation, rendering, embedder, settings):
                flags.append(_turned_flag(report, quote, rendering, piece, negation,
                                          "a negation", "states it positively"))
            continue
        if whole_quote_says_no or _ENGLISH_DIRECTIVE.search(piece.text) or _RENDERED_DIRECTIVE.search(rendering.text):
            continue
        turned = _rendered_negation(rendering.text)
        if turned is None:
            continue
        clauses = _clauses(text, rendering.start, rendering.end)
        at = rendering.start + turned.start()
        holder = next((c for c in clauses if c.start <= at < c.end), None)
        scores = [cosine for cosine, _ in best_matches(embedder, [c.text for c in clauses], [piece])]
        if holder is None or not scores:
            continue
        k = clauses.index(holder)
        if scores[k] >= settings.clause_carried and scores[k] == max(scores):
            a, b = rendering.start + turned.start(), rendering.start + turned.end()
            flags.append(Flag(id="", kind="meaning_shift", severity=Severity.INFO,
                              message=f"The rendering negates ('{text[a:b]}') what the speaker states positively.",
                              quote=quote.id,
                              spans=(FlagSpan(piece.start, piece.end, piece.text, "quote"),
                                     FlagSpan(a, b, text[a:b], "narration")),
                              suggestion="Render the speaker's statement without the negation."))
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
