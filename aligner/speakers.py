"""Stage 2b: who speaks — the marker's speaker resolved to the narration.

The marker gives a surname and a title (``폼페오 장관``); the narration names
the person fully once (``마이크 폼페오 국무장관은``) and by surname later.
The resolved name is the fullest mention the narration writes, in its own
script: Hangul in Korean narration, Latin in English narration (matched by
romanization, see :mod:`aligner.names`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .glossary import Glossary
from .markers import english_title_words, is_title_word
from .language import has_hangul, is_hangul_syllable
from .names import hangul_similarity, name_similarity, strip_particle
from .report import Span, Speaker
from .segments import Segment
from .wordlists import korean_surnames, word_set



@dataclass(frozen=True)
class SpeakerSettings:
    latin_match: float = 78  # name_similarity of true pairs is 80–100, unrelated names < 50
    hangul_match: float = 80
    # A looser match is accepted where the narration writes the marker's own
    # title right after the name (나워트 대변인 for [노어트 대변인]): jamo
    # similarity of outlet spellings drops to 67, but so does that of
    # unrelated names (오바마/오마르).
    hangul_match_with_title: float = 65
    # A Korean surname alone with the marker's title after it (김 대사 for
    # [김성 대사]); 이 and 전 also read "this" and "former": less sure.
    surname_only_score: float = 80
    ambiguous_surname_score: float = 60
    # A speaker taken from what the narration attributes to a role-only
    # marker ([유엔 대변인]) is less sure than one the marker names.
    attributed_confidence: float = 0.8

# Words that stand before a name but are not part of it.
_KO_STOP = word_set("name_stopwords_korean.txt")
_EN_STOP = word_set("name_stopwords_english.txt") | word_set("english_body_words.txt")
_LATIN_TOKEN = re.compile(r"[A-Z][A-Za-z'’]*(?:-[A-Za-z'’]+)*")
_HANGUL_TOKEN = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z\-·]*")


@dataclass(frozen=True)
class _Mention(Span):
    score: float


def resolve_speaker(
    marker_name: str | None,
    marker_title: str | None,
    narration: list[Segment],
    nearby: list[Segment],
    narration_lang: str,
    glossary: Glossary,
    settings: SpeakerSettings = SpeakerSettings(),
) -> Speaker:
    """Resolve a marker's speaker against the narration.

    ``narration`` is every narration sentence of the story; ``nearby`` the
    sentences around the quote, used when the marker names nobody (``[ACT 1…]``,
    ``[국무부 대변인]``) to take the person the narration attributes it to.
    """
    mentions: list[_Mention] = []
    if marker_name:
        if narration_lang == "en" and has_hangul(marker_name):
            mentions = _latin_mentions(marker_name, narration, settings, english_title_words(glossary))
        else:
            mentions = _hangul_mentions(marker_name, narration, glossary, settings, marker_title)
    elif nearby and not _only_a_body(marker_title, glossary):
        attributed = _attributed_name(marker_title, nearby, narration_lang, glossary)
        if attributed:
            mentions = _hangul_mentions(attributed, narration, glossary, settings) if has_hangul(attributed) else \
                _latin_exact_mentions(attributed, narration, english_title_words(glossary))
    if not mentions:
        return Speaker(name=None, title=_english_title(marker_title, narration_lang, glossary),
                       mentions=(), confidence=0.0)
    # the fullest name (박지혜 over 박); of two Latin spellings as full (Pak
    # Ung-chol / Park Woong-chul), the commoner
    written = Counter(m.text for m in mentions)
    fullest = max(mentions, key=lambda m: (len(m.text.split()), m.score, len(m.text) if has_hangul(m.text) else 0,
                                           written[m.text], len(m.text), -m.start))
    confidence = max(m.score for m in mentions) / 100.0
    if not marker_name:
        confidence *= settings.attributed_confidence  # taken from the attribution, not the marker
    spans = tuple(Span(m.start, m.end, m.text) for m in sorted(mentions, key=lambda m: m.start))
    return Speaker(name=fullest.text, title=_english_title(marker_title, narration_lang, glossary),
                   mentions=spans, confidence=confidence)


def _english_title(title: str | None, narration_lang: str, glossary: Glossary) -> str | None:
    if not title or narration_lang != "en":
        return title
    english = glossary.english(title.split()[-1])
    return english[0] if english else title


def _hangul_mentions(
    name: str, narration: list[Segment], glossary: Glossary, settings: SpeakerSettings, title: str | None = None
) -> list[_Mention]:
    """Mentions of a Hangul (or same-script) name, each extended leftwards to
    the given names the narration writes before the surname (마이크 폼페오), or
    rightwards for names written surname first (사카이 히로시 외무상)."""
    words = name.split()
    key = words[-1]
    wanted = glossary.title_suffix(title.split()[-1]) if title else None
    if len(words) == 1 and len(key) == 1 and wanted:
        return _lone_surname_mentions(key, narration, glossary, wanted)
    mentions: list[_Mention] = []
    for segment in narration:
        for match in re.finditer(re.escape(key), segment.text):
            mention = _extend_left(segment, match.start(), match.end(), 100.0, glossary, tuple(words[:-1]))
            if mention.start - segment.start == match.start():
                mention = _extend_right(segment, mention, glossary)
            mentions.append(mention)
    # The surname alone with the title (김 대사, 쑨 대사) names the same person
    # after the full name (김성, 쑨밍하오): a mention too.
    surname_mentions = _surname_mentions(key, narration, glossary, title, settings)
    if mentions or surname_mentions:
        return mentions + [m for m in surname_mentions if all(m.end <= n.start or m.start >= n.end for n in mentions)]
    # Spelling drift (노어트/나워트, 볼튼/볼턴): fuzzy over the narration's words.
    for segment in narration:
        for match in _HANGUL_TOKEN.finditer(segment.text):
            bare = strip_particle(match.group())
            if len(bare) < 2:
                continue
            score = hangul_similarity(key, bare)
            floor = settings.hangul_match
            if wanted and score >= settings.hangul_match_with_title:
                if _title_follows(segment.text[match.end() :], wanted, glossary):
                    floor = settings.hangul_match_with_title
            if score >= floor:
                mentions.append(_extend_left(segment, match.start(), match.start() + len(bare), score, glossary))
    return mentions


def _lone_surname_mentions(surname: str, narration: list[Segment], glossary: Glossary,
                           wanted: str) -> list[_Mention]:
    """A marker that gives a surname and a title ([녹취: 박 연구원]): the
    narration's words that start with that surname as a word and are followed
    by the same title: the surname alone (박 연구원), a full name in one word
    (박지혜 연구원도, 쑨밍하오 대사는) or a given name before it (앤드루 박 연구원).  Another
    title (앤드루 박 하원의원, 박 의원) is another person; the syllable inside
    a word (압박) is no name."""
    mentions: list[_Mention] = []
    for segment in narration:
        text = segment.text
        for match in re.finditer(r"(?<![가-힣])" + re.escape(surname) + r"[가-힣]*", text):
            word = match.group()
            name = word if word == surname else strip_particle(word)
            if name != surname and not (korean_surname(name) == surname or 3 <= len(name) <= 4):
                continue  # a full name in one word: Korean (박지혜) or Chinese (쑨밍하오)
            if not _title_follows(text[match.start() + len(name):], wanted, glossary):
                continue
            end = match.start() + len(name)
            mentions.append(_extend_left(segment, match.start(), end, 100.0, glossary) if name == surname
                            else _Mention(segment.start + match.start(), segment.start + end, name, 100.0))
    return mentions


def korean_surname(name: str) -> str | None:
    """The surname of a Korean full name written as one word of 2-4 syllables
    (``data/korean_surnames.tsv``), for a marker that gives a full name (김성,
    남궁민) while the narration writes the surname and the title (김 대사)."""
    if not 2 <= len(name) <= 4 or not all(is_hangul_syllable(ch) for ch in name):
        return None
    surnames = korean_surnames()
    if name[:2] in surnames.double and len(name) >= 3:
        return name[:2]
    return name[0] if name[0] in surnames.single and len(name) <= 3 else None


def _surname_mentions(name: str, narration: list[Segment], glossary: Glossary, title: str | None,
                      settings: SpeakerSettings) -> list[_Mention]:
    """The surname alone, as a word, with the marker's title right after it:
    김성 대사 is 김 대사 in the narration.  Without a title to confirm it a
    one-syllable surname would match too much."""
    surname = korean_surname(name)
    sure = surname is not None and surname not in korean_surnames().ambiguous
    if surname is None and 3 <= len(name) <= 4 and all(is_hangul_syllable(ch) for ch in name):
        surname = name[0]  # a Chinese name written as one word (쑨밍하오 → 쑨 대사): less sure
    wanted = glossary.title_suffix(title.split()[-1]) if title else None
    if not surname or not wanted:
        return []
    mentions = []
    for segment in narration:
        for match in re.finditer(r"(?<![가-힣])" + re.escape(surname) + r"(?= )", segment.text):
            if _title_follows(segment.text[match.end():], wanted, glossary):
                mentions.append(_Mention(segment.start + match.start(), segment.start + match.end(), surname,
                                         settings.surname_only_score if sure else settings.ambiguous_surname_score))
    return mentions


def _title_follows(rest: str, wanted: str, glossary: Glossary) -> bool:
    """Whether the marker's title follows within three words (bodies such as 국무부 may stand between)."""
    for word in rest.split(None, 3)[:3]:
        bare = strip_particle(word)
        if glossary.title_suffix(bare) == wanted:
            return True
        if not is_title_word(bare, glossary):
            return False
    return False


def _extend_left(segment: Segment, start: int, end: int, score: float, glossary: Glossary,
                 given: tuple[str, ...] = ()) -> _Mention:
    """A mention extended over the given names written before it: words that
    read as given names, or the marker's own (오를란도, whose 도 reads as a particle)."""
    text = segment.text
    begin = start
    for _ in range(2):
        before = text[:begin].rstrip(" ")
        # one space (two in scraped copy) before the name, never a line break
        if not before or not 1 <= begin - len(before) <= 2:
            break
        word = re.search(r"[^\s]+$", before)
        if not word:
            break
        around = text[max(0, word.start() - 12):end]
        offset = max(0, word.start() - 12)
        if word.group() not in given and (is_title_word(word.group(), glossary) or
                                          not _is_given_name(word.group(), (around, word.start() - offset,
                                                                            word.end() - offset))):
            break  # 탈북민 김영철, 한국계 미국인 이차희: who they are, not their given name
        begin = word.start()
    # The surname may carry a particle (폼페오는): the mention ends at the name.
    return _Mention(segment.start + begin, segment.start + end, text[begin:end], score)


def _extend_right(segment: Segment, mention: _Mention, glossary: Glossary) -> _Mention:
    text = segment.text
    end = mention.end - segment.start
    gap = re.match(r" {1,2}", text[end:])
    if not gap:
        return mention
    words = text[end + gap.end() :].split(None, 2)
    if len(words) < 2 or not _is_given_name(words[0]) or is_title_word(words[0], glossary):
        return mention
    if not (is_title_word(strip_particle(words[1]), glossary) or glossary.title_suffix(strip_particle(words[1]))):
        return mention
    new_end = end + gap.end() + len(words[0])
    start = mention.start - segment.start
    return _Mention(mention.start, segment.start + new_end, text[start:new_end], mention.score)


def _is_given_name(word: str, context: tuple[str, int, int] | None = None) -> bool:
    """``context``: (text, start, end) of the word in its sentence, so that the
    analyser reads it with its neighbours."""
    if word in _KO_STOP or not _HANGUL_TOKEN.fullmatch(word):
        return False
    # particles never end a given name; a name that merely ends in the same
    # syllable (오스발도, 페드로) does, as the analyser reads it in context
    if strip_particle(word) != word or word.endswith(("의", "은", "는", "이", "가", "을", "를", "적", "에")):
        if context is None or _reads_a_particle(*context):
            return False
    # an adnominal or connective ending (방문한, 알려진, 방문 중인, 증인으로 나온,
    # 참석하고) does; a name that merely ends in the same syllable (파르한,
    # 브랜던, 산티아고, 디에고) does not: the analyser, reading the word with its
    # neighbours, tells them apart (without them, the commonest endings decide)
    if looks_inflected(word, context):
        return False
    if any(ch.isdigit() for ch in word):
        return False
    if has_hangul(word):
        return 1 <= len(word) <= 10 and not word.endswith(("장관", "대사", "대변인", "의장", "대통령"))
    return word[:1].isupper() and word.lower().strip(".,") not in _EN_STOP  # Envoy, Admiral: a title


def looks_inflected(word: str, context: tuple[str, int, int] | None = None) -> bool:
    """Whether a Hangul word is a verb or adjective form (방문한, 알려진,
    참석하고), not a name that merely ends in the same syllable (파르한, 브랜던,
    산티아고).  ``context``: (text, start, end) of the word in its sentence,
    so that the analyser reads it with its neighbours; without it, the
    commonest endings decide."""
    if not (_adnominal_final(word) or word.endswith(("고", "며", "서"))):
        return False
    return _is_inflected(*context) if context else word.endswith(("인", "한", "된", "던", "할", "고", "며", "서"))


def _adnominal_final(word: str) -> bool:
    """Whether the last syllable closes on ㄴ or ㄹ, as an adnominal form does
    (나온, 나선, 이끌)."""
    last = ord(word[-1]) - 0xAC00
    return 0 <= last < 11172 and last % 28 in (4, 8)


@lru_cache(maxsize=4096)
def _reads_a_particle(context: str, start: int, end: int) -> bool:
    """Whether Kiwi reads a particle in ``context[start:end]`` (미국도 = 미국 + 도)."""
    from .sentences import kiwi

    return any(token.tag.startswith("J") for token in kiwi().tokenize(context) if start <= token.start < end)


@lru_cache(maxsize=4096)
def _is_inflected(context: str, start: int, end: int) -> bool:
    """Whether Kiwi reads ``context[start:end]`` as a verb or adjective form
    (방문한 = 방문+하+ㄴ, 방문 중인), not a noun.  The word is read with its
    neighbours: alone, 파르한 looks like 파르+하+ㄴ; before 하크 it is a name."""
    from .sentences import kiwi

    # an ending alone is not enough (브랜던 reads 브랜/NNG + 던/ETM): a verb
    # or adjective stem must carry it
    return any(token.tag in ("VV", "VA", "VX", "XSV", "XSA", "VCP") or (token.form == "중" and token.tag == "NNB")
               for token in kiwi().tokenize(context) if start <= token.start < end)


def _latin_mentions(name: str, narration: list[Segment], settings: SpeakerSettings,
                    titles: frozenset[str]) -> list[_Mention]:
    """Latin-script mentions of a Hangul name (English narration)."""
    mentions: list[_Mention] = []
    for segment in narration:
        tokens = list(_LATIN_TOKEN.finditer(segment.text))
        for i, first in enumerate(tokens):
            for width in (1, 2, 3):
                window = tokens[i : i + width]
                if len(window) < width or not _adjacent(segment.text, window):
                    break
                if any(t.group().lower().rstrip(".") in _EN_STOP for t in window):
                    break
                candidate = segment.text[window[0].start() : window[-1].end()]
                score = max(name_similarity(name.replace(" ", ""), candidate),
                            name_similarity(name.split()[-1], candidate))
                if score >= settings.latin_match:
                    mentions.append(_extend_latin(segment, tokens, i, i + width - 1, score, titles))
    return _best_per_place(mentions)


def _adjacent(text: str, window: list[re.Match[str]]) -> bool:
    return all(text[a.end() : b.start()] in (" ", "  ", "-") for a, b in zip(window, window[1:]))


_AFTER_PREPOSITION = re.compile(r"\b(?:to|of|in|for|at|from|on)\s+$")


def _extend_latin(segment: Segment, tokens: list[re.Match[str]], first: int, last: int, score: float,
                  titles: frozenset[str]) -> _Mention:
    """The mention widened over the given names before it, never over a title
    word (``titles``: the glossary's English titles, Nominee, Ambassador)."""
    text = segment.text
    begin = first
    while begin > 0 and first - begin < 2:
        previous = tokens[begin - 1]
        if text[previous.end() : tokens[begin].start()] not in (" ", "  "):
            break
        word = previous.group()
        if word.lower().rstrip(".") in _EN_STOP or word.lower().rstrip(".") in titles or word.isupper():
            break
        if _AFTER_PREPOSITION.search(text, 0, previous.start()):
            break  # Ambassador to Geneva Ri Chol-man: the post, not a given name
        begin -= 1
    start, end = tokens[begin].start(), tokens[last].end()
    return _Mention(segment.start + start, segment.start + end, text[start:end], score)


def _best_per_place(mentions: list[_Mention]) -> list[_Mention]:
    """Overlapping windows (Kim / Kim Seong) keep the best-scoring, widest one."""
    chosen: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.score, -(m.end - m.start))):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return chosen


def _latin_exact_mentions(name: str, narration: list[Segment], titles: frozenset[str]) -> list[_Mention]:
    surname = name.split()[-1]
    mentions = []
    for segment in narration:
        for match in re.finditer(r"\b" + re.escape(surname) + r"\b", segment.text):
            tokens = list(_LATIN_TOKEN.finditer(segment.text))
            index = next((k for k, t in enumerate(tokens) if t.start() == match.start()), None)
            if index is not None:
                mentions.append(_extend_latin(segment, tokens, index, index, 100.0, titles))
    return mentions


def _only_a_body(title: str | None, glossary: Glossary) -> bool:
    """Whether a marker with no name names a body or a document and no role
    (``[텍스트: 미 재무부 보도자료]``, ``[국무부 성명]``): the body speaks, and
    whoever the narration quotes nearby is not its voice."""
    if not title:
        return False
    return not any(glossary.title_suffix(word) for word in title.split()) and glossary.korean_title(title) is None


def _attributed_name(title: str | None, nearby: list[Segment], narration_lang: str, glossary: Glossary) -> str | None:
    """The person nearby narration attributes words to: "NAME TITLE은/는/이/가"
    in Korean, "TITLE NAME" in English.  With a marker title, the narration's
    title must agree with it."""
    # the marker's role, as the glossary's Korean title ([UN spokesman] → 대변인)
    korean = (title.split()[-1] if glossary.title_suffix(title.split()[-1]) else glossary.korean_title(title)) \
        if title else None
    wanted = glossary.office(korean) if korean else None
    for segment in nearby:
        if narration_lang == "en":
            found = _english_attribution(segment.text, wanted, glossary)
        else:
            found = _korean_attribution(segment.text, wanted, glossary)
        if found:
            return found
    return None


def _korean_attribution(text: str, wanted: str | None, glossary: Glossary) -> str | None:
    words = text.split()
    for j, word in enumerate(words):
        bare = strip_particle(word)
        suffix = glossary.title_suffix(bare)
        if not suffix or (wanted and glossary.office(suffix) != wanted):
            continue
        k = j - 1
        while k >= 0 and (is_title_word(words[k], glossary) or words[k] in ("주재", "미", "유엔")):
            k -= 1
        name_words: list[str] = []
        while k >= 0 and len(name_words) < 3 and _is_given_name(words[k]) and not is_title_word(words[k], glossary):
            name_words.insert(0, words[k])
            k -= 1
        if name_words:
            return " ".join(name_words)
    return None


def _english_attribution(text: str, wanted: str | None, glossary: Glossary) -> str | None:
    titles = glossary.english(wanted) if wanted else tuple(sorted(glossary.all_english_titles(), key=len, reverse=True))
    for title in titles:
        # The title in any case, the name in capitals (the name part is case-sensitive).
        match = re.search(r"(?i:\b" + re.escape(title) + r")\s+((?:[A-Z][A-Za-z'’\-]+\s?){1,3})", text)
        if match:
            return match.group(1).strip()
    return None
