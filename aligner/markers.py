"""Recording markers: where they are in a line and what they say.

Real copy writes them many ways (DESIGN.md): ``[녹취: 이름 직함]``, a note in
parentheses, no space after the colon, no closing bracket, ``[텍스트: …]``,
a bare speaker label ``[국무부 대변인]`` or ``[이름 / 직함]``, script cues
``[ACT 1: …]``.  This module finds them and splits them into parts; it knows
nothing of quotes or narration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .glossary import Glossary
from .language import QUOTE_CHARS, has_hangul, is_hangul_syllable
from .wordlists import word_set

# Labels that say "what follows is the speaker's own words", in Korean copy
# and as machine translation writes them (녹취 → Recording, 텍스트 → Text).
_LABELS = (r"녹취|텍스트|인터뷰|자막|성명|ACT\s*\d*|SOT|SOUND|AUDIO|RECORDING|RECORDED|AUDIO\s+RECORDING|SOUNDBITE"
           r"|TEXT|INTERVIEW|STATEMENT|CAPTION|SUBTITLE|VOICE")
_LABELLED = re.compile(rf"\[\s*({_LABELS})\s*(?::|：|(?=\s)|(?=\]))", re.IGNORECASE)
_LABEL_AT_START = re.compile(rf"^({_LABELS})\s*(?::|：)?\s*", re.IGNORECASE)
# Production cues in brackets: a picture, music, applause.  They introduce
# no one's words, so they are never markers, whatever follows them.
_PRODUCTION_CUE = re.compile(
    r"\[\s*(사진|자료\s*사진|영상|동영상|그래픽|지도|이미지|음악|배경\s*음악|효과음|현장음|박수|웃음|"
    r"PHOTO|PICTURE|VIDEO|MUSIC|GRAPHIC|MAP|IMAGE|APPLAUSE|LAUGHTER)\s*(?:[:：][^\]\[]*)?\]",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\(([^()]*)\)\s*$")
# A bare label is short: a name and a title, not a bracketed sentence.
_BARE_LABEL_MAX = 40
_PARTICLE_END = re.compile(r"(은|는|이|가|을|를|에게|에서|의|와|과|도|로|으로)$")
_WORD = re.compile(r"[^\s/]+")


@dataclass(frozen=True)
class MarkerParts:
    label: str | None  # 녹취, 텍스트, ACT… or None for a bare speaker label
    speaker: str | None  # the name as the marker writes it (surname only, often)
    title: str | None
    note: str | None
    closed: bool  # has its closing bracket


@dataclass(frozen=True)
class MarkerMatch:
    start: int  # offsets into the line
    end: int
    parts: MarkerParts


def labelled_marker_starts(text: str, start: int, end: int) -> list[int]:
    """Where labelled markers (``[녹취…``, ``[텍스트…``) begin in ``text[start:end]``,
    found without copying the span (it may be a whole file on one line)."""
    return [match.start() for match in _LABELLED.finditer(text, start, end)]


def is_production_cue(line: str) -> bool:
    """Whether ``line`` opens with a bracketed production cue (``[사진: …]``,
    ``[음악]``) rather than a speaker's label."""
    return _PRODUCTION_CUE.match(line.lstrip()) is not None


def find_marker(line: str, *, at_line_start_only: bool = False) -> MarkerMatch | None:
    """The first marker in ``line``, or None.

    A labelled marker (``[녹취: …``) may stand anywhere in the line; a bare
    ``[…]`` label counts only at the start of a line and only when it is short.
    """
    labelled = _LABELLED.search(line)
    if labelled and (not at_line_start_only or not line[: labelled.start()].strip()):
        start = labelled.start()
    elif line.lstrip().startswith("[") and not is_production_cue(line):
        start = len(line) - len(line.lstrip())
        close = line.find("]", start)
        inner = line[start + 1 : close] if close >= 0 else ""
        if close < 0 or not _is_speaker_label(inner):
            return None
    else:
        return None
    end, closed = _marker_end(line, start)
    content = line[start + 1 : end - 1 if closed else end]
    return MarkerMatch(start, end, _split_content(content, closed))


# Page furniture and credits use these ([ad_1], [서울=연합뉴스], [사진=VOA 캡처],
# [2021-08-31]); a speaker label (a name, a title, a slash between) does not.
_NOT_IN_LABEL = re.compile(r"[=_@#<>{}|\\;:+*%&\d]|https?|www\.")


def _is_speaker_label(inner: str) -> bool:
    """Whether a bare bracketed text reads as a speaker label (``[국무부 대변인]``,
    ``[이름 / 직함]``, ``[Spokesman Ned Price]``), not page furniture, a
    dateline or a credit, nor a bracketed sentence."""
    inner = inner.strip()
    if not inner or len(inner) > _BARE_LABEL_MAX or inner[-1] in ".?!다" or _NOT_IN_LABEL.search(inner):
        return False
    letters = [c for c in inner if c.isalpha()]
    if not letters:
        return False
    # all-lowercase Latin ([ad], [advertisement], [sponsored]) is markup, not a name
    return not (all(c.isascii() for c in letters) and inner == inner.lower())


def _marker_end(line: str, start: int) -> tuple[int, bool]:
    close = line.find("]", start)
    next_open = line.find("[", start + 1)
    if close >= 0 and (next_open < 0 or close < next_open):
        return close + 1, True
    # No closing bracket: the marker runs to the quotation mark that opens the
    # quote (``[녹취: 폼페오 장관“I want…``) or to the end of the line.
    for i in range(start + 1, len(line)):
        if line[i] in QUOTE_CHARS:
            while i > start + 1 and line[i - 1].isspace():
                i -= 1  # a segment never ends in whitespace
            return i, False
    end = len(line)
    while end > start + 1 and line[end - 1].isspace():
        end -= 1
    return end, False


def _split_content(content: str, closed: bool) -> MarkerParts:
    label = None
    body = content.strip()
    labelled = _LABEL_AT_START.match(body)
    if labelled:
        label = re.sub(r"\s+", " ", labelled.group(1)).strip()
        body = body[labelled.end() :]
    if label and label.upper().startswith("ACT"):
        # Script cues carry timings, not a speaker.
        return MarkerParts(label=label, speaker=None, title=None, note=body or None, closed=closed)
    note = None
    note_match = _NOTE.search(body)
    if note_match:
        note = note_match.group(1).strip() or None
        body = body[: note_match.start()].strip()
    # ``speaker`` holds the raw "name title" text here; split_speaker divides it
    # once a glossary is at hand.
    return MarkerParts(label=label, speaker=body or None, title=None, note=note, closed=closed)


def split_speaker(body: str | None, glossary: Glossary, *, closed: bool = True) -> tuple[str | None, str | None]:
    """Split a marker's speaker text into (name, title).

    The name is the first run of words that are neither title, body, place
    nor modifier, wherever it stands: ``마크 토너 국무부 부대변인`` → (마크 토너,
    국무부 부대변인); ``피터 비티그 유엔 주재 독일 대사`` → (피터 비티그, the rest);
    ``국무부 대변인 네드 프라이스`` → (네드 프라이스, 국무부 대변인).  Words of an
    unlisted title after the name stay in the name here; the speaker search
    then keys on the word the narration writes as a name (see
    :func:`aligner.speakers.resolve_speaker`).  ``로버트 팔라디노 / 미 국무부
    부대변인`` splits at the slash; ``국무부 대변인실 관계자`` → (None, the
    whole): no person is named.
    """
    if not body:
        return None, None
    if "/" in body:
        before, _, after = body.partition("/")
        return (before.strip() or None), (after.strip() or None)
    if not has_hangul(body):
        return _split_english_speaker(body, glossary)
    words = _WORD.findall(body)
    if words and glossary.is_document(words[-1].rstrip(",.")) and \
            not any(glossary.title_suffix(word.rstrip(",.")) for word in words):
        return None, " ".join(words)  # a body's document (국제앰네스티 보고서, NBC 방송 인터뷰): no person
    role = [is_title_word(word, glossary, truncated=not closed and k == len(words) - 1, leftmost=k == 0)
            or k + 1 < len(words) and words[k + 1] in _FIELD_OF for k, word in enumerate(words)]
    if len(words) >= 2 and not role[-1] and _compound_title(words[-1].rstrip(",."), glossary):
        role[-1] = True
    first = next((k for k, is_role in enumerate(role) if not is_role), None)
    if first is None:
        return None, " ".join(words) or None
    stop = next((k for k in range(first, len(words)) if role[k]), len(words))
    last = max(k for k, is_role in enumerate(role) if not is_role)
    if last > stop and last == len(words) - 2 and glossary.title_suffix(words[-1].rstrip(",.")):
        # Two runs (세계식량계획 중앙아시아 대표부 오스카 벨린 대표): a full name
        # right before the closing title is the name, and the first run a body
        # the glossary does not know.  One word there is more often the
        # title's field (마거릿 오든 유엔 북한인권 특별보고관).
        start = last
        while start > 0 and not role[start - 1]:
            start -= 1
        if last + 1 - start >= max(2, stop - first):
            first, stop = start, last + 1
    name = " ".join(words[first:stop])
    title = " ".join(words[:first] + words[stop:]) or None
    return name, title


def _split_english_speaker(body: str, glossary: Glossary) -> tuple[str | None, str | None]:
    """A marker as machine translation writes it (``Ambassador Grace Whitfield,
    US Special Envoy``; ``Kim Song, North Korean Ambassador``): the name is the
    run of capitalised words that ends the part before the first comma, after
    any titles, ranks and bodies, or opens a marker that ends on a title.
    ``State Department Spokesperson`` names no one."""
    head, _, rest = body.partition(",")
    words = head.split()
    titles = english_title_words(glossary)
    first = len(words)
    while first > 0 and _latin_name_word(words[first - 1], titles):
        first -= 1
    if first == len(words):
        # The name first, then the title (Ned Price State Department
        # Spokesperson; Halvorsen Director, Korean word order).
        lead = 0
        while lead < len(words) and _latin_name_word(words[lead], titles):
            lead += 1
        if lead == 0:
            return None, body.strip() or None
        first, stop = 0, lead
    else:
        stop = len(words)
    title = ", ".join(part for part in (" ".join(words[:first] + words[stop:]), rest.strip()) if part)
    return " ".join(words[first:stop]), title or None


def _latin_name_word(word: str, titles: frozenset[str]) -> bool:
    bare = word.strip(".,")
    return bool(bare) and bare[0].isupper() and not bare.isupper() and bare.lower() not in titles


@lru_cache(maxsize=8)  # per glossary: read for every English marker and rendering
def english_title_words(glossary: Glossary) -> frozenset[str]:
    return _ENGLISH_NOT_NAMES | frozenset(w for title in glossary.all_english_titles() for w in title.split())


def _compound_title(word: str, glossary: Glossary) -> bool:
    """A title the glossary does not list, closing a Korean marker: a compound
    of dictionary nouns (사무 + 차장 + 보, 총괄 + 조정관) ending as titles end.
    A foreign name is one word the analyser does not know (카스텔리안)."""
    if len(word) < 3 or not all(is_hangul_syllable(ch) for ch in word):
        return False
    if word[-1] not in {title[-1] for title, _ in glossary.titles}:
        return False
    return _dictionary_compound(word)


@lru_cache(maxsize=4096)
def _dictionary_compound(word: str) -> bool:
    from .sentences import kiwi

    tokens = [t for t in kiwi().tokenize(f"{word} 말했다") if t.start < len(word)]
    return len(tokens) >= 2 and all(t.tag == "NNG" for t in tokens)


# Words that stand before a name in English but are not part of it (one list,
# shared with the speaker search).
_ENGLISH_NOT_NAMES = word_set("name_stopwords_english.txt") | word_set("english_body_words.txt")


# A word before these names the field of a title (인권 담당 특사, 영양 담당 국장).
_FIELD_OF = ("담당", "전담")


# Bodies end like this (국무부, 대변인실, 유엔주재); so do some Korean given
# names, which is why these one-syllable endings never take the first word of
# a marker.  The longer ones (헤리티지재단, 국제적십자위원회, 국가안보회의,
# 주한미군) end no name, wherever they stand.
_SHORT_ORG_SUFFIXES = ("부", "실", "청", "처")
_LONG_ORG_SUFFIXES = ("주재", "대표부", "위원회", "대사관", "재단", "연구소", "협회", "대학", "대학교", "방송", "신문", "기구",
                      "은행", "사령부", "회의", "미군")


def is_title_word(word: str, glossary: Glossary, *, truncated: bool = False, leftmost: bool = False) -> bool:
    """Whether a marker word belongs to the title (or the body, place or
    modifier in it), not the name."""
    bare = word.rstrip(",.")
    if glossary.title_suffix(bare) or glossary.is_org(bare) or glossary.is_place(bare) or glossary.is_modifier(bare) \
            or glossary.is_document(bare):
        return True
    if len(bare) >= 3 and bare.endswith(("인", "계")) and glossary.is_place(bare[:-1]):
        return True  # who the person is, by country (미국인, 한국계): never a name
    if len(bare) >= 3 and bare.startswith("주") and (glossary.is_place(bare[1:]) or glossary.is_org(bare[1:])):
        return True  # 駐, where the post is (주태국, 주제네바, 주유엔): never a name
    if bare.isascii() and bare.isupper() and len(bare) >= 2:
        return True  # an acronym: a body (UN, IAEA, NBC), never a Korean marker's name
    if truncated and any(ko.startswith(bare) for ko, _ in glossary.titles):
        return True  # a marker cut off mid-title: [녹취: 프라이스 대
    if any(len(bare) > len(suffix) and bare.endswith(suffix) for suffix in _LONG_ORG_SUFFIXES):
        return True
    return not leftmost and len(bare) >= 3 and bare.endswith(_SHORT_ORG_SUFFIXES)
