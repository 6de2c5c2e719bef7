"""name_variant: one person or body named two ways in the same transcript.

Names drift in real copy: machine translation romanizes the same Korean name
twice (*Taek-Sung Oh* / *Taekseong Oh*, *Kim Min-su* / *Kim Min-soo*) or
garbles it (*Blinken* / *Blincoln*); Korean copy spells a foreign name two
ways (*피트 비티그* / *피터 비티그*, *볼튼* / *볼턴*).

Short forms are not variants: *Ned Price* then *Price*, *마이크 폼페오* then
*폼페오* are one spelling.  So names are compared per person: full names that
share a surname and differ in a similar given name, or surnames that differ
slightly where both stand as a person's name (after a given name, before or
after a title, in a marker).  Korean personal names written in Hangul never
vary, and 김정은 / 김정일 are two people, so those are never compared.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..glossary import Glossary, load_glossary
from ..markers import is_title_word
from ..names import hangul_similarity, strip_particle
from ..report import Flag, FlagSpan, Report, Severity
from ..segments import StoryIndex
from ..speakers import looks_inflected
from ..wordlists import korean_surnames, word_set
from . import Detector

if TYPE_CHECKING:
    from ..analysis import Analysis


@dataclass(frozen=True)
class NameVariantSettings:
    # Two Hangul spellings of one foreign name keep its consonants and differ
    # in vowels (볼튼/볼턴, 피트/피터, 노어트/나워트) or in how a final t is
    # written (데이빗/데이비드); then their jamo similarity is at least this
    # (67–88 for those; 라이스/라이트 keep the vowels but not the consonants).
    hangul_given_match: float = 60
    hangul_surname_match: float = 65
    latin_match: float = 80  # rapidfuzz ratio of the loose romanisation keys
    latin_skeleton_match: float = 85  # the same without vowels

_PROSE_KINDS = ("narration", "headline", "signoff", "other")


@dataclass(frozen=True)
class Mention:
    """One place a name is written: its words as written, and where."""

    words: tuple[str, ...]
    start: int
    end: int
    text: str
    side: str  # "narration" or "marker"

    @property
    def spelling(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Variant:
    """Two or more spellings of one name, each with where it is written."""

    spellings: tuple[str, ...]  # dominant first
    mentions: tuple[Mention, ...]

    @property
    def cosmetic(self) -> bool:
        """Only case, spacing or hyphens differ (Kim Jong Un / Kim Jong-un)."""
        return len({re.sub(r"[\s\-]", "", s).lower() for s in self.spellings}) == 1


def detect(report: Report, *, glossary: Glossary | None = None,
           settings: NameVariantSettings = NameVariantSettings(), analysis: Analysis | None = None,
           **_: object) -> list[Flag]:
    glossary = glossary or load_glossary()
    stories = analysis.stories if analysis is not None else None
    variants = latin_variants(report, settings, stories) + hangul_variants(report, glossary, settings, stories)
    return [_flag(variant) for variant in _without_short_forms(variants)]


def _without_short_forms(variants: list[Variant]) -> list[Variant]:
    """Drop a variant of surnames alone (스탠퍼드 / 스탠포드) when a variant of
    full names already shows the same spellings (에밀리 스탠퍼드 / 에밀리 스탠포드):
    one name, one flag, one suggestion."""
    full = [v for v in variants if all(" " in s for s in v.spellings)]

    def shown_in_full(variant: Variant) -> bool:
        return any(all(any(s == f.split()[-1] for f in other.spellings) for s in variant.spellings)
                   for other in full if other is not variant)

    return [v for v in variants if not shown_in_full(v)]


def _flag(variant: Variant) -> Flag:
    dominant, others = variant.spellings[0], variant.spellings[1:]
    # The fix follows the marker where one writes the name: the newsroom's
    # label for the recording, and what the reader sees beside the quote.
    in_marker = [m.spelling for m in variant.mentions if m.side == "marker"]
    fix = in_marker[0] if in_marker else dominant
    shown = [m for m in variant.mentions if m.spelling in others]
    shown.insert(0, next(m for m in variant.mentions if m.spelling == dominant))
    spans = tuple(FlagSpan(m.start, m.end, m.text, m.side) for m in sorted(shown, key=lambda m: m.start))
    # A short form (Briggs beside Hannah Briggs) is no other way of writing it.
    ways = [s for s in variant.spellings if not any(o.endswith(" " + s) for o in variant.spellings)]
    written = " / ".join(f"'{s}'" for s in ways)
    if variant.cosmetic:
        return Flag(id="", kind="name_variant", severity=Severity.INFO,
                    message=f"One name is written with different capitals, spaces or hyphens: {written}.",
                    quote=None, spans=spans, suggestion=fix)
    return Flag(id="", kind="name_variant", severity=Severity.WARNING,
                message=f"One name is written {len(ways)} ways in this transcript: {written}.",
                quote=None, spans=spans, suggestion=fix)


def stories_of(report: Report, mentions: list[Mention], index: StoryIndex | None = None) -> list[list[Mention]]:
    """Mentions per story: an archive holds many transcripts, and two people
    of two stories are not one name written two ways (this also keeps the
    pairwise comparison of spellings small).  ``index``: the analysis's
    story index of the report."""
    index = index or StoryIndex.of(report.segments)
    stories: list[list[Mention]] = [[] for _ in index.offsets]
    for mention in mentions:
        stories[index.story_at(mention.start)].append(mention)
    return [story for story in stories if story]


def _group(pairs: list[tuple[str, str]], mentions: list[Mention]) -> list[Variant]:
    """Variants from pairs of spellings of one name: pairs sharing a spelling
    join one group; the spelling written most often (then first) leads it."""
    groups: list[set[str]] = []
    for a, b in pairs:
        joined = [g for g in groups if a in g or b in g]
        merged = {a, b}.union(*joined) if joined else {a, b}
        groups = [g for g in groups if g not in joined] + [merged]
    counts = Counter(m.spelling for m in mentions)
    first_seen: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        first_seen.setdefault(m.spelling, m.start)
    variants = []
    for group in groups:
        spellings = tuple(sorted(group, key=lambda s: (-counts[s], first_seen.get(s, 0))))
        variants.append(Variant(spellings, tuple(m for m in mentions if m.spelling in group)))
    return sorted(variants, key=lambda v: min(m.start for m in v.mentions))


# ---------------------------------------------------------------------------
# Latin script

_LATIN_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)?")
# Capitalised words that are not names, or not names of people and bodies
# that vary: titles, function words at a sentence start, months, demonyms.
_LATIN_STOP = {
    "the", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "his", "her", "their", "its",
    "in", "on", "at", "as", "and", "but", "or", "for", "from", "with", "by", "to", "of", "a", "an", "if", "when",
    "meanwhile", "however", "also", "earlier", "later", "after", "before", "since", "according", "regarding",
    "asked", "reporter", "mr", "mrs", "ms", "dr", "said", "says", "there", "here", "then", "while",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "korea", "korean", "koreans", "american", "americans", "america", "china", "chinese", "japan", "japanese",
    "russia", "russian", "european", "north", "south", "east", "west", "united", "states", "nations", "news",
    "voa", "voice", "department", "state", "house", "white", "council", "security", "general", "assembly",
    "committee", "republic", "democratic", "peoples", "people", "international", "national", "foreign",
    "defense", "affairs", "ministry", "office", "government", "party", "workers", "peninsula", "forces",
}
_LATIN_TITLES = {"secretary", "president", "ambassador", "minister", "spokesman", "spokeswoman", "spokesperson",
                 "chairman", "chair", "adviser", "advisor", "envoy", "senator", "representative", "deputy",
                 "director", "general", "commander", "professor", "mr", "mrs", "ms", "dr", "reporter", "chief",
                 "secretary-general", "speaker", "official", "counselor", "coordinator", "leader", "chancellor"}


def latin_mentions(report: Report) -> list[Mention]:
    """Runs of capitalised name words in prose, split at words that are not names."""
    # A capitalised word also written in lower case is a common word at a
    # sentence start (Analysts, Spokesman), not a name; "jong" in Yo-jong is
    # part of a name, so words after a hyphen do not count.
    lowercase_words = set(re.findall(r"(?<![\w\-’'])[a-z][a-z\-]+\b", report.text))
    mentions = []
    for segment in report.segments:
        if segment.kind not in _PROSE_KINDS:
            continue
        run: list[re.Match[str]] = []
        for match in list(_LATIN_NAME_WORD.finditer(segment.text)) + [None]:
            joined = match is not None and run and segment.text[run[-1].end() : match.start()] == " "
            if match is not None and _is_latin_name_word(match.group(), lowercase_words) and (joined or not run):
                run.append(match)
                continue
            if run:
                start, end = segment.start + run[0].start(), segment.start + run[-1].end()
                mentions.append(Mention(tuple(m.group() for m in run), start, end, report.text[start:end],
                                        "narration"))
            run = [match] if match is not None and _is_latin_name_word(match.group(), lowercase_words) else []
    return mentions


def _is_latin_name_word(word: str, lowercase_words: set[str]) -> bool:
    low = word.lower()
    return low not in _LATIN_STOP and low not in _LATIN_TITLES and low not in lowercase_words and \
        low not in word_set("english_body_words.txt")  # a body's words (Intelligence, Rights), as the speaker search reads them


def latin_key(word: str, *, korean: bool = False) -> str:
    """A spelling key.  For Korean names it merges what romanization systems
    write differently (eo/u, oo/u, g/k, b/p, d/t, r/l: Taek-Sung / Taekseong →
    taeksung); for other names only spelling noise (case, hyphens, c/k, ph/f, s/z)."""
    key = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z]", "", key)
    key = key.replace("ph", "f").replace("ck", "k")
    key = re.sub(r"c(?![eiy])", "k", key).replace("z", "s")  # Osgood / Ozgood: one sound
    if korean:
        key = re.sub(r"r(?![aeiouy])", "", key)  # Park / Pak: an r before a consonant is not said
        for old, new in (("eo", "u"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("ae", "e"), ("ch", "j"), ("sh", "s"),
                         ("g", "k"), ("b", "p"), ("d", "t"), ("r", "l"), ("y", "i"), ("w", "u")):
            key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def _skeleton(key: str) -> str:
    return re.sub(r"[aeiou]", "", key)


def latin_words_alike(a: str, b: str, *, korean: bool = False,
                      settings: NameVariantSettings = NameVariantSettings()) -> bool:
    """Two spellings of one name word, not two words (Korea / Korean,
    Park / Parker, Jong-un / Jong-il, Kerry / Kelly)."""
    if a == b:
        return False
    key_a, key_b = latin_key(a, korean=korean), latin_key(b, korean=korean)
    if key_a == key_b:
        return True
    if min(len(key_a), len(key_b)) < 4 or key_a[0] != key_b[0]:
        return False
    if key_a.startswith(key_b) or key_b.startswith(key_a):
        return False  # a longer word, not another spelling
    return fuzz.ratio(key_a, key_b) >= settings.latin_match and \
        fuzz.ratio(_skeleton(key_a), _skeleton(key_b)) >= settings.latin_skeleton_match


def _korean_name(words: tuple[str, ...]) -> bool:
    return any(w.lower() in word_set("korean_surnames_latin.txt") for w in words) or any("-" in w for w in words)


def latin_variants(report: Report, settings: NameVariantSettings = NameVariantSettings(),
                   stories: StoryIndex | None = None) -> list[Variant]:
    variants = []
    for mentions in stories_of(report, latin_mentions(report), stories):
        in_person_context = {m.words for m in mentions if len(m.words) >= 2 or _after_title(m, report)}
        spellings = {m.words for m in mentions}
        pairs = [(" ".join(a), " ".join(b)) for a in spellings for b in spellings
                 if a < b and _same_latin_name(a, b, in_person_context, settings)]
        variants += _group(pairs, mentions)
    return variants


def _same_latin_name(a: tuple[str, ...], b: tuple[str, ...], in_person_context: set[tuple[str, ...]],
                     settings: NameVariantSettings) -> bool:
    if len(a) + len(b) >= 3 and re.sub(r"-", "", "".join(a)).lower() == re.sub(r"-", "", "".join(b)).lower():
        return True  # Kim Jong Un / Kim Jong-un: the same letters
    korean = _korean_name(a) and _korean_name(b)
    if len(a) == len(b) >= 2:
        # One person's full name: at least one word the same, the others alike;
        # a Korean name may have every word romanised anew (Pak Ung-chol / Park
        # Woong-chul), each still alike.
        same = [x == y for x, y in zip(a, b)]
        if (any(same) or korean) and all(s or latin_words_alike(x, y, korean=korean, settings=settings)
                                         for s, x, y in zip(same, a, b)):
            return True
    if a[-1] == b[-1] or min(len(a[-1]), len(b[-1])) < 5 or (len(a) >= 2 and len(b) >= 2):
        return False
    # A surname alone (Secretary Blincoln) against a surname used elsewhere
    # (Antony Blinken): both must stand as a person's name.
    return a in in_person_context and b in in_person_context and \
        latin_words_alike(a[-1], b[-1], korean=korean, settings=settings)


def _after_title(mention: Mention, report: Report) -> bool:
    before = report.text[max(0, mention.start - 40) : mention.start].split()[-3:]
    return any(word.lower().rstrip(".,") in _LATIN_TITLES for word in before)


# ---------------------------------------------------------------------------
# Hangul script

_HANGUL_WORD = re.compile(r"[가-힣]+")
# Words that stand before a title but are not names.
_NOT_NAMES = {"미국", "북한", "한국", "중국", "일본", "러시아", "유엔", "국무부", "국방부", "백악관", "의회", "정부", "당국",
              "현", "전", "신임", "전임", "고위", "관계", "담당", "주재", "유엔주재", "미", "이", "그", "한", "또", "당시",
              "대변인실", "외교", "국방", "공동", "부", "수석", "특별", "대북", "차석", "상임", "임시", "해당", "각국", "각",
              "녹취", "텍스트", "인터뷰", "자막", "성명", "한미", "한미일", "남북", "북미", "미북", "한일", "한중", "미중",
              "앞서", "전날", "이날", "여전히", "소속", "방문", "당시", "지난", "최근", "이번", "대해", "관련"}


# Endings of particles and the like, which no given name written before a
# surname has (김일성 주석이나 김정일); verb forms (출석한 데이비드 오코너) are
# told from names that end alike (브렌던, 산티아고) by speakers.looks_inflected.
_NOT_NAME_ENDINGS = ("의", "은", "는", "을", "를", "적", "에", "나", "도", "만", "다", "요", "들", "와", "과", "로")


def _is_hangul_name_word(word: str) -> bool:
    return 2 <= len(word) <= 6 and word not in _NOT_NAMES and bool(re.fullmatch(r"[가-힣]+", word))


def _is_given_name(word: str, context: tuple[str, int, int]) -> bool:
    """``context``: (text, start, end) of the word in its segment."""
    return _is_hangul_name_word(word) and len(word) <= 4 and not word.endswith(_NOT_NAME_ENDINGS) \
        and not looks_inflected(word, context)


def hangul_mentions(report: Report, glossary: Glossary) -> list[Mention]:
    """Person names in Korean prose and markers: the words before a title
    (볼턴 보좌관, 데이빗 오코너 차관보) and every other place those surnames
    are written, each with the given names written before it."""
    words_of = []  # (segment, side, [(word, stripped, start, end)])
    for segment in report.segments:
        if segment.kind in _PROSE_KINDS or segment.kind == "marker":
            side = "marker" if segment.kind == "marker" else "narration"
            words = [(m.group(), strip_particle(m.group()), segment.start + m.start(), segment.start + m.end())
                     for m in _HANGUL_WORD.finditer(segment.text)]
            words_of.append((segment, side, words))
    surnames: set[str] = set()
    for quote in report.quotes:
        if quote.marker.speaker:
            last = quote.marker.speaker.split()[-1]
            if _is_hangul_name_word(last):
                surnames.add(last)
    for _, _, words in words_of:
        for i, (word, bare, _, _) in enumerate(words):
            if glossary.title_suffix(bare) is None or i == 0:
                continue
            k = i - 1
            while k >= 0 and is_title_word(words[k][0], glossary) and words[k][0] not in surnames:
                k -= 1
            if k >= 0 and words[k][0] == words[k][1] and _is_hangul_name_word(words[k][0]) and \
                    not words[k][0].endswith(("에", "의", "은", "는", "을", "를", "와", "과")) and \
                    glossary.title_suffix(words[k][0]) is None:
                surnames.add(words[k][0])
    mentions = []
    for segment, side, words in words_of:
        for i, (word, bare, start, end) in enumerate(words):
            if word in surnames:
                bare = word  # a name that ends like a particle (하르트만, not 하르트 + 만)
            elif bare not in surnames:
                continue
            first = i
            while first > 0 and i - first < 2 and words[first - 1][0] == words[first - 1][1] and \
                    _is_given_name(words[first - 1][0], (segment.text, words[first - 1][2] - segment.start,
                                                         words[first - 1][3] - segment.start)) and \
                    words[first - 1][0] not in surnames and \
                    not is_title_word(words[first - 1][0], glossary) and \
                    report.text[words[first - 1][3] : words[first][2]] == " ":
                first -= 1
            begin = words[first][2]
            stop = start + len(bare)
            names = tuple(w[0] for w in words[first:i]) + (bare,)
            mentions.append(Mention(names, begin, stop, report.text[begin:stop], side))
    return mentions



def _korean_personal_name(word: str) -> bool:
    """김정은, 이성민: three syllables after a Korean surname, none of them the
    bare ㅡ syllables (트, 크, 스, 드 …) that only loanwords use for a lone
    consonant (노어트)."""
    return len(word) == 3 and word[0] in korean_surnames().common and not any(
        (ord(ch) - 0xAC00) % 28 == 0 and (ord(ch) - 0xAC00) // 28 % 21 == 18 for ch in word)


def hangul_variants(report: Report, glossary: Glossary, settings: NameVariantSettings = NameVariantSettings(),
                    stories: StoryIndex | None = None) -> list[Variant]:
    variants = []
    for mentions in stories_of(report, hangul_mentions(report, glossary), stories):
        spellings = {m.words for m in mentions}
        pairs = [(" ".join(a), " ".join(b)) for a in spellings for b in spellings
                 if a < b and _same_hangul_name(a, b, settings)]
        variants += _group(pairs, mentions)
    return variants


def _same_hangul_name(a: tuple[str, ...], b: tuple[str, ...], settings: NameVariantSettings) -> bool:
    if len(a) == len(b) >= 2 and a[-1] == b[-1]:
        # The same surname: given names spelled two ways (피트/피터 비티그).
        # A given name before a foreign surname is no Korean full name, even
        # when it starts like one (조너선 캘러핸).
        return all(x == y or _hangul_alike(x, y, settings.hangul_given_match, foreign=True)
                   for x, y in zip(a[:-1], b[:-1]))
    if len(a) == len(b) and a[:-1] == b[:-1]:
        # The surname spelled two ways (볼튼/볼턴), the given names, if any, the same.
        return _hangul_alike(a[-1], b[-1], settings.hangul_surname_match)
    return False


def _hangul_alike(a: str, b: str, threshold: float, *, foreign: bool = False) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):
        return False
    if not foreign and _korean_personal_name(a) and _korean_personal_name(b):
        return False  # 김정은 / 김정일: two people
    if consonants(a) == consonants(b):
        return hangul_similarity(a, b) >= threshold
    if consonants(_th_as_s(a)) == consonants(_th_as_s(b)):
        return hangul_similarity(_th_as_s(a), _th_as_s(b)) >= threshold
    return False


# English th is written ㅅ or ㄷ as a syllable's onset (조너선 / 조나단 for
# Jonathan): one sound, so one letter when spellings are compared.
_ONSET_D, _ONSET_S = "\u1103", "\u1109"


def _th_as_s(hangul: str) -> str:
    decomposed = unicodedata.normalize("NFD", hangul)
    return unicodedata.normalize("NFC", decomposed.replace(_ONSET_D, _ONSET_S))


def consonants(hangul: str) -> tuple[str, ...]:
    """The consonants of a Hangul word in order, the silent initial ㅇ left
    out and a final ㅅ read as the t it stands for in loanwords (빗 = 비드)."""
    out = []
    for jamo in unicodedata.normalize("NFD", hangul):
        name = unicodedata.name(jamo, "")
        if not name.startswith(("HANGUL CHOSEONG", "HANGUL JONGSEONG")):
            continue
        letter = name.split()[-1]
        if name.startswith("HANGUL CHOSEONG") and letter == "IEUNG":
            continue
        if name.startswith("HANGUL JONGSEONG") and letter == "SIOS":
            letter = "TIKEUT"
        out.append(letter)
    return tuple(out)


DETECTOR = Detector("name_variant", ("name_variant",), needs_embedder=False, settings=NameVariantSettings,
                    detect=detect)
