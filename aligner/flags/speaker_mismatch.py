"""speaker_mismatch: the marker's title disagrees with the title the
narration gives the person it attributes the quote to.

``[녹취: 라마르 대변인]`` over a quote the narration gives to *Deputy Spokesman
Stefan Lamarre* gives the reader the wrong office.  A role-only marker
(``[유엔 대변인]``, ``[유엔 사무총장 대변인실]``) names an office, and any of
its spokespeople (a deputy too) speaks for it: that is no mismatch.  Titles are
compared through the glossary, and only where they really differ: a title
that names its ministry or country is the same title (장관 / 국무장관, 대사 /
미국대사, *minister* / *Foreign Minister*), while a rank word makes another
office (대변인 / 부대변인, *spokesman* / *Deputy Spokesman*, 대사 / 대사대리).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..attribution import speaker_words
from ..glossary import DEPUTY_PREFIXES, Glossary, load_glossary
from ..markers import english_title_words, is_title_word
from ..language import has_hangul
from ..names import hangul_similarity, name_similarity, strip_particle
from ..report import Flag, FlagSpan, Quote, Rendering, Report, Severity, Span
from ..segments import Segment
from . import Detector

# Korean prefixes and suffixes that change the office, not just specify it.
_KO_RANK_PREFIXES = DEPUTY_PREFIXES
_KO_RANK_SUFFIXES = ("대리",)
# English words before a title that change the office.
_EN_RANK_WORDS = {"deputy", "vice", "assistant", "acting", "under", "associate", "principal"}
# Words that say the title is a past one: the person may speak in a new role.
_FORMER = {"former", "ex", "전", "前"}


@dataclass(frozen=True)
class SpeakerMismatchSettings:
    # How many words before an English mention its title is looked for
    # (U.S. Ambassador to the UN Margaret Hammond; Treasury Under Secretary
    # for Terrorism and Financial Intelligence Bradley Osgood: eight).
    english_title_reach: int = 8
    # A rendering this sure (its score) that gives the quote's words to a
    # titled person other than the marker's is a different person speaking.
    surely_linked: float = 0.85
    # A looser link is enough when the person it credits speaks elsewhere in
    # the transcript (a second signal: a known speaker, not a passing mention).
    linked_to_other_speaker: float = 0.7
    # A Hangul name this close (0-100) to a capitalised word of the quote is someone
    # the speaker talks about (names.name_similarity).
    named_in_quote: float = 80.0
    # The person a sure rendering credits is someone else, not the marker's
    # person spelled another way (폴렌스키 / 폴란스키: 90), when their names are
    # under this close (names.hangul_similarity, 0-100; 류창 / 할보르센: 13):
    # a sure link and an unrelated name are two signals, a warning.  Not
    # measured on the corpus, which has no such quote; the invented sets
    # have two, both right.
    unrelated_name: float = 50.0


@dataclass(frozen=True)
class NarrationTitle:
    """The title the narration writes next to one mention of the speaker."""

    korean: tuple[str, ...]  # glossary titles it stands for (one in Korean narration)
    english: str | None  # the English title as written, for English narration
    rank: str | None  # a rank word written with it (deputy, 부)
    start: int  # the span of title and name together
    end: int


def detect(report: Report, *, glossary: Glossary | None = None,
           settings: SpeakerMismatchSettings = SpeakerMismatchSettings(), **_: object) -> list[Flag]:
    glossary = glossary or load_glossary()
    flags = []
    english = report.source.narration_lang == "en"
    around = _around(report)
    speakers_by_key = _speakers_by_key(report)
    for quote in report.quotes:
        other = _another_person(report, quote, glossary, english, settings, around, speakers_by_key)
        if other is not None:
            flags.append(_person_flag(report, quote, *other, settings))
            continue
        marker_title = _marker_title(quote, glossary)
        if marker_title is None:
            continue
        titles = [t for t in (_english_title(report.text, m, glossary, settings) if english
                              else _korean_title(report.text, m, glossary) for m in quote.speaker.mentions) if t]
        verdicts = [_verdict(marker_title, t, glossary) for t in titles]
        if not titles and not quote.marker.speaker:
            # A title-only marker ([녹취: 유엔 대변인]) whose speaker the narration
            # never names under that title: read who the renderings quote.  They
            # may also name others, so only a rank apart counts (하크 부대변인은).
            titles = _rendering_attributions(report, quote, glossary, english, settings)
            verdicts = ["rank" if _verdict(marker_title, t, glossary) == "rank" else "same" for t in titles]
        if not titles or "same" in verdicts:
            continue
        if english and any(_apposition_names(report.text, m, marker_title, glossary) for m in quote.speaker.mentions):
            continue  # General Thomas Whitmore, commander of …: a rank before the name, the office after it
        if not english and any(_described_before(report.text, m, marker_title, glossary)
                               for m in quote.speaker.mentions):
            continue  # 육군 대장인 토머스 브래드퍼드 주한미군사령관: the marker's rank, then the office
        if any(_verdict(other_title, t, glossary) == "same" for other_title in _marker_titles(quote, glossary)
               for t in titles):
            continue  # a rank beside the office (주한미군사령관 대장): the office agrees
        if not quote.marker.speaker and any(glossary.office(marker_title) == glossary.office(k)
                                            for t in titles for k in t.korean):
            continue  # a role-only marker names the office; any of its spokespeople speaks for it
        # The marker and the narration name the same person with titles a
        # rank apart (부대변인 / 대변인): worth a look, but the reader is not
        # misled about who spoke.  Another office altogether is the warning too;
        # an error would need a different person, which titles alone never show.
        severity = Severity.WARNING
        title = titles[verdicts.index("rank")] if "rank" in verdicts else titles[0]
        flags.append(_flag(report, quote, title, severity, marker_title))
    return flags


def _marker_titles(quote: Quote, glossary: Glossary) -> list[str]:
    """Every glossary title word of the marker's title, as :func:`_marker_title` reads the last."""
    found = []
    for word in (quote.marker.title or "").split():
        suffix = glossary.title_suffix(word)
        if suffix:
            found.append(word if word.endswith(suffix) else suffix)
    return found


def _marker_title(quote: Quote, glossary: Glossary) -> str | None:
    """The glossary title at the end of the marker's title (유엔 대변인 → 대변인)."""
    for word in reversed((quote.marker.title or "").split()):
        suffix = glossary.title_suffix(word)
        if suffix:
            return word if word.endswith(suffix) else suffix
    return None


def _verdict(marker_title: str, title: NarrationTitle, glossary: Glossary) -> str:
    """'same', 'rank' (one office a rank above or below the other) or 'other'."""
    if title.rank:
        # Deputy Spokesman against 대변인 is a rank apart; against 부대변인 it is the same.
        if any(_rank_apart(k, marker_title) for k in title.korean) or not title.korean:
            return "same" if _rank_in_korean(marker_title) else "rank"
    verdicts = [_compare_korean(marker_title, k) for k in title.korean]
    if "same" in verdicts:
        return "same"
    return "rank" if "rank" in verdicts else "other"


def _rank_in_korean(title: str) -> bool:
    return title.startswith(_KO_RANK_PREFIXES) or title.endswith(_KO_RANK_SUFFIXES)


def _rank_apart(a: str, b: str) -> bool:
    return a != b and (a.endswith(b) or b.endswith(a))


def _compare_korean(marker_title: str, narration_title: str) -> str:
    if marker_title == narration_title:
        return "same"
    longer, shorter = sorted((marker_title, narration_title), key=len, reverse=True)
    if longer.endswith(shorter):
        prefix = longer[: -len(shorter)]
        return "rank" if prefix in _KO_RANK_PREFIXES else "same"  # 국무장관 / 장관: the same office
    if longer.startswith(shorter) and longer[len(shorter):] in _KO_RANK_SUFFIXES:
        return "rank"  # 대사대리 / 대사
    return "other"


def _korean_title(text: str, mention: Span, glossary: Glossary) -> NarrationTitle | None:
    """The title after a Korean mention (마크 토너 국무부 부대변인은): the first
    title word after the name, with only bodies (국무부, 유엔주재) between."""
    after = text[mention.end : mention.end + 60].split("\n")[0]
    position = mention.end
    found = None
    for raw in re.finditer(r"\S+", after):
        word = strip_particle(raw.group())
        if word in _FORMER:
            return None
        suffix = glossary.title_suffix(word)
        if suffix:
            end = position + raw.start() + len(word)
            if not text[position + raw.start() : end].endswith(suffix):
                return found
            # the head of a compound title is its last title word
            # (사무총장 부대변인: the Secretary-General's deputy spokesman)
            found = NarrationTitle((suffix if word == suffix else _narration_title_word(word, glossary),), None, None,
                                   mention.start, end)
            if word != raw.group():
                return found  # a particle closes the title (부대변인은)
            continue
        if found is not None or not is_title_word(word, glossary):
            return found
    return found


def _another_person(report: Report, quote: Quote, glossary: Glossary, english: bool,
                    settings: SpeakerMismatchSettings, around: tuple[list[Segment], list[int]],
                    speakers_by_key: dict[str, set[str | None]]) -> tuple[NarrationTitle, Rendering] | None:
    """A titled person other than the marker's named speaker to whom a surely
    linked rendering gives the quote's words (*[녹취: 길버트 대사]* … *윌리엄스
    대사는 … 말했습니다*), in a sentence that never names the speaker."""
    if not quote.marker.speaker:
        return None
    not_names = english_title_words(glossary)
    names = {w for w in speaker_words(quote)
             if len(w) >= 2 and not is_title_word(w, glossary) and w.lower() not in not_names}
    own = {m.text.split()[-1] for m in quote.speaker.mentions}
    for rendering in quote.renderings:
        # A sure link, or, where the narration never names the marker's person
        # (a second signal), the sentence right next to the recording; or a
        # looser link that credits another speaker of the transcript.
        loose = rendering.score >= settings.linked_to_other_speaker
        if not (rendering.score >= settings.surely_linked or loose
                or quote.speaker.name is None and _next_to(around, quote, rendering)):
            continue
        if any(name in rendering.text for name in names):
            continue
        for title in _rendering_attributions(report, quote, glossary, english, settings, (rendering,)):
            person = report.text[title.start:title.end].split()[0]
            key = strip_particle(person)
            if rendering.score < settings.surely_linked and \
                    (key in own or not speakers_by_key.get(key, set()) - {quote.speaker.name}):
                continue  # a looser link counts only when it credits another speaker of the transcript
            assert quote.quote is not None  # only a quote's own words have renderings
            if not _named_in_quote(person, quote.quote.text, settings) and \
                    not _title_in_quote(title, quote.quote.text, glossary):  # the speaker talks about them
                return title, rendering
    return None


def _name_closeness(a: str, b: str) -> float:
    """0-100: how alike two written names sound, in Hangul or Latin letters."""
    if has_hangul(a) and has_hangul(b):
        return hangul_similarity(a, b)
    if has_hangul(a) != has_hangul(b):
        return name_similarity(a, b) if has_hangul(a) else name_similarity(b, a)
    return fuzz.ratio(a.lower(), b.lower())


def _speakers_by_key(report: Report) -> dict[str, set[str | None]]:
    """Each surname (last word of a mention, as the narration writes it) →
    the speakers it names: worked out once per report, not per quote."""
    found: dict[str, set[str | None]] = {}
    for quote in report.quotes:
        for mention in quote.speaker.mentions:
            found.setdefault(mention.text.split()[-1], set()).add(quote.speaker.name)
    return found


# What a noun before a name takes to describe the person (대장인 …, 대장이자 …).
_DESCRIBING = re.compile(r"(?:인|이자|이며|으로|출신인|출신의|의)$")


def _described_before(text: str, mention: Span, marker_title: str, glossary: Glossary) -> bool:
    """Whether the narration gives the marker's title just before this
    mention of the speaker (*육군 대장인 토머스 브래드퍼드*)."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    for word in text[line_start:mention.start].split()[-3:]:
        bare = _DESCRIBING.sub("", word.strip(",")) or word
        if bare == marker_title or glossary.title_suffix(bare) == glossary.title_suffix(marker_title) is not None:
            return True
    return False


def _apposition_names(text: str, mention: Span, marker_title: str, glossary: Glossary) -> bool:
    """Whether the apposition after an English mention (", commander of the
    Combined Forces,") gives the marker's office."""
    match = re.match(r"\s*,\s*(?:the\s+)?([A-Za-z][A-Za-z\- ]{2,40}?)\s+(?:of|to|for|at|in)\b", text[mention.end:mention.end + 120])
    if match is None:
        return False
    phrase = match.group(1).lower()
    return any(phrase == english or phrase.endswith(" " + english)
               for korean in {marker_title, glossary.title_suffix(marker_title) or marker_title}
               for english in glossary.english(korean))


def _around(report: Report) -> tuple[list[Segment], list[int]]:
    """Narration, markers and quotes in order, and their starts: worked out
    once per report so finding a quote's neighbours is a bisection."""
    around = [s for s in report.segments if s.kind in ("narration", "marker", "quote")]
    return around, [s.start for s in around]


def _next_to(around: tuple[list[Segment], list[int]], quote: Quote, rendering: Rendering) -> bool:
    """Whether the rendering is the narration sentence right after the quote
    or right before its marker."""
    assert quote.quote is not None  # only a quote's own words have renderings
    segments, starts = around
    after = bisect.bisect_left(starts, quote.quote.end)
    before = bisect.bisect_left(starts, quote.marker.start) - 1
    return any(0 <= k < len(segments) and segments[k].kind == "narration" and segments[k].start == rendering.start
               for k in (after, before))


def _title_in_quote(title: NarrationTitle, quote_text: str, glossary: Glossary) -> bool:
    """Whether the quote speaks of the other person by their office (*the
    Secretary-General* for 구테흐스 사무총장): the speaker reports on them."""
    lowered = quote_text.lower()
    renderings = {en for korean in title.korean for en in glossary.english(korean)}
    if title.english:
        renderings.add(title.english.lower())
    return any(re.search(rf"\b{re.escape(en)}\b", lowered) for en in renderings if en)


def _named_in_quote(person: str, quote_text: str, settings: SpeakerMismatchSettings) -> bool:
    bare = strip_particle(person)
    if bare in quote_text:
        return True
    if not has_hangul(bare):
        return False
    return any(name_similarity(bare, word) >= settings.named_in_quote
               for word in re.findall(r"[A-Z][A-Za-z'’\-]+", quote_text))


def _rendering_attributions(report: Report, quote: Quote, glossary: Glossary, english: bool,
                            settings: SpeakerMismatchSettings,
                            renderings: tuple[Rendering, ...] | None = None) -> list[NarrationTitle]:
    """The titled people the renderings attribute words to: *하크 부대변인은*,
    *Deputy Spokesman Lamarre said*."""
    found = []
    not_names = english_title_words(glossary)
    for rendering in quote.renderings if renderings is None else renderings:
        if english:
            for name in re.finditer(r"(?<=[a-z] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*(?= said| added| told| stressed| emphasized)",
                                    rendering.text):
                start = name.start()
                for token in re.finditer(r"\S+", name.group()):  # Spokesperson Michael Trent: the title goes first
                    if token.group().lower() not in not_names or token.end() == len(name.group()):
                        break
                    start = name.start() + token.end() + 1
                span = Span(rendering.start + start, rendering.start + name.end(), rendering.text[start:name.end()])
                title = _english_title(report.text, span, glossary, settings)
                if title:
                    found.append(title)
            continue
        for match in re.finditer(r"(?P<name>[가-힣]{2,}) (?P<title>[가-힣]+?)(?:은|는)(?=\s)", rendering.text):
            word = match.group("title")
            if glossary.title_suffix(word) and not is_title_word(match.group("name"), glossary):
                start = rendering.start + match.start()
                found.append(NarrationTitle((_longest_title(word, glossary),), None, None, start,
                                            rendering.start + match.end("title")))
    return found


def _narration_title_word(word: str, glossary: Glossary) -> str:
    """The office a narration title word names, its rank kept as the marker's
    is (부국장 stays 부국장 where the glossary knows only 국장: reading it as
    국장 would make the same title a rank apart from the marker's)."""
    longest = _longest_title(word, glossary)
    prefix = word[: len(word) - len(longest)]
    return word if prefix in _KO_RANK_PREFIXES else longest


def _longest_title(word: str, glossary: Glossary) -> str:
    """미국대사 → 대사, 국무장관 → 국무장관: the longest glossary title the word ends with."""
    return next((ko for ko, _ in glossary.titles if word.endswith(ko)), word)


def _english_title(text: str, mention: Span, glossary: Glossary,
                   settings: SpeakerMismatchSettings = SpeakerMismatchSettings()) -> NarrationTitle | None:
    """The title before an English mention (UN Deputy Spokesman Stefan Lamarre)."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[line_start : mention.start]
    words = list(re.finditer(r"[A-Za-z][A-Za-z.\-’']*", before))[-settings.english_title_reach:]
    # Only the words right before the name, up to a sentence or clause break.
    for i in range(len(words) - 1, 0, -1):
        if re.search(r"[,;:.!?”\"]\s*$", before[words[i - 1].end() : words[i].start()]):
            words = words[i:]
            break
    lowered = [w.group().lower().rstrip(".") for w in words]
    renderings = sorted(((en, ko) for ko, ens in glossary.titles for en in ens), key=lambda p: -len(p[0].split()))
    for end in range(len(lowered), 0, -1):
        for english, _ in renderings:
            size = len(english.split())
            if end - size < 0 or " ".join(lowered[end - size : end]) != english:
                continue
            if end - size > 0 and lowered[end - size - 1] in _FORMER:
                return None
            korean = tuple(ko for ko, ens in glossary.titles if english in ens)
            rank = next((w for w in english.split() if w in _EN_RANK_WORDS), None)
            if rank is None and end - size > 0 and lowered[end - size - 1] in _EN_RANK_WORDS:
                rank = lowered[end - size - 1]
                start_word = end - size - 1
                korean = ()  # an office the glossary does not hold (acting spokesman)
            else:
                start_word = end - size
            start = line_start + words[start_word].start()
            return NarrationTitle(korean, " ".join(w.group() for w in words[start_word:end]), rank, start,
                                  mention.end)
    return None


def _person_flag(report: Report, quote: Quote, title: NarrationTitle, rendering: Rendering,
                 settings: SpeakerMismatchSettings) -> Flag:
    narration = report.text[title.start : title.end]
    unrelated = max((_name_closeness(strip_particle(said), word) for said in narration.split()
                     for word in (quote.marker.speaker or "").split()), default=100.0) < settings.unrelated_name
    if rendering.score >= settings.surely_linked and unrelated:
        severity = Severity.WARNING
        message = (f"The marker names '{quote.marker.speaker}', but the narration gives these words to "
                   f"'{narration}', another person.")
    else:
        # One signal (a looser link, or a name that may be the marker's
        # spelled otherwise): a note.
        severity = Severity.INFO
        message = (f"The marker names '{quote.marker.speaker}', but the narration gives these words to "
                   f"'{narration}': a different person, or a wrong name in one of them.")
    return Flag(id="", kind="speaker_mismatch", severity=severity, message=message, quote=quote.id,
                spans=(FlagSpan(quote.marker.start, quote.marker.end, quote.marker.text, "marker"),
                       FlagSpan(title.start, title.end, narration, "narration")))


def _flag(report: Report, quote: Quote, title: NarrationTitle, severity: Severity, marker_title: str) -> Flag:
    narration = report.text[title.start : title.end]
    message = (f"The marker gives the speaker as '{quote.marker.title}', but the narration attributes the quote "
               f"to '{narration}'.")
    # With one glossary title on the narration's side, the marker as the
    # narration would have it is a concrete suggestion ([녹취: 유엔 부대변인]).
    suggestion = None
    if len(title.korean) == 1 and marker_title in quote.marker.text:
        head, _, tail = quote.marker.text.rpartition(marker_title)
        suggestion = head + title.korean[0] + tail
    return Flag(id="", kind="speaker_mismatch", severity=severity, message=message, quote=quote.id,
                spans=(FlagSpan(quote.marker.start, quote.marker.end, quote.marker.text, "marker"),
                       FlagSpan(title.start, title.end, narration, "narration")),
                suggestion=suggestion)


DETECTOR = Detector("speaker_mismatch", ("speaker_mismatch",), needs_embedder=False,
                    settings=SpeakerMismatchSettings, detect=detect)
