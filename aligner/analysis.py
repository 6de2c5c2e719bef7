"""The analysis of one transcript, computed once and read by every stage.

:func:`analyse` does everything that needs no embedding: the narration's
language, the segments (sentences, each with its language; the Korean ones
cut in one pass of the Korean splitter), the story index, marker → quote
links, resolved speakers, and per linked quote what the rendering search
needs (its sentences included).  The stages after it (renderings, flags)
are plain functions that take this document instead of working any of it
out again; ``embedder`` is the model with its per-text cache, shared by
all of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import Glossary
from .names import strip_particle
from .language import has_hangul, is_korean
from .markers import is_title_word
from .model import Embedder
from .quotes import QuoteLink, link_quotes
from .renderings import QuoteUnit, quote_pieces
from .report import Speaker
from .segments import Segment, StoryIndex, narration_language, segment
from .sentences import split_english, split_korean_texts
from .settings import Settings
from .speakers import resolve_speaker

# Narration sentences each side of a marker searched for its speaker's name:
# far more than any one story holds; it only bounds the cost when a huge
# input has no sign-offs to cut it into stories.
SPEAKER_REACH = 150
# Narration sentences right after, then right before, a marker that may name
# its speaker when the story's narration does not.
NEARBY_REACH = 2


@dataclass(frozen=True)
class Analysis:
    """Everything found before any embedding is computed."""

    text: str
    narration_lang: str
    segments: tuple[Segment, ...]
    stories: StoryIndex
    links: tuple[QuoteLink, ...]  # one per marker, in transcript order
    speakers: tuple[Speaker, ...]  # one per link
    units: tuple[QuoteUnit | None, ...]  # per link, None where the marker has no quote
    embedder: Embedder | None = None  # the model and its cache, for the stages that embed
    glossary: Glossary | None = None  # the run's glossary with the bodies this transcript names


# A body as Korean copy introduces it, with its acronym: 세계식량계획(WFP),
# 유엔 세계식량계획, WFP가 …: never a person's name in a marker.
_BODY_WITH_ACRONYM = re.compile(r"(?<![가-힣])([가-힣]{2,})(?:\s?\(([A-Z][A-Z&]{1,7})\)|,\s?[A-Z][A-Z&]{1,7}(?:가|이|는|은)\s)")


def document_bodies(text: str) -> set[str]:
    return {match.group(1) for match in _BODY_WITH_ACRONYM.finditer(text)}


def analyse(text: str, glossary: Glossary, settings: Settings | None = None,
            embedder: Embedder | None = None) -> Analysis:
    settings = settings or Settings()
    glossary = glossary.with_bodies(document_bodies(text))
    lang = narration_language(text)
    segments = tuple(segment(text, lang))
    stories = StoryIndex.of(segments)
    links = tuple(link_quotes(list(segments), glossary))
    index_of = {s.id: i for i, s in enumerate(segments)}
    speakers = []
    positions = []
    fuller = _fuller_names(links)
    for link in links:
        position = index_of[link.marker_segment.id]
        positions.append(position)
        story = [segments[i] for i in stories.narration_window(position, SPEAKER_REACH)]
        nearby = [segments[i] for i in stories.nearby_narration(position, NEARBY_REACH)]
        name = _name_as_narration_shortens_it(link.marker.speaker, link.marker.title, story, glossary)
        title = link.marker.title
        if name is None and (behind := _person_behind_document(title, story, glossary)):
            name, title = behind, (title or "")[len(behind):].strip()
        speaker = resolve_speaker(name, title, story, nearby, lang, glossary, settings.speakers)
        if speaker.name is None and link.marker.speaker in fuller:
            # [녹취: 레이 차관보] after [녹취: 오스틴 레이 차관보]: the surname alone may not
            # be found where the full name is (a romanised narration).
            speaker = resolve_speaker(fuller[link.marker.speaker], link.marker.title, story, nearby, lang,
                                      glossary, settings.speakers)
        speakers.append(speaker)
    sentences = _quote_sentences([link.quote.text for link in links if link.quote is not None])
    units: list[QuoteUnit | None] = []
    for link, speaker, position in zip(links, speakers, positions):
        if link.quote is None:
            units.append(None)
            continue
        keys = [k for k in (link.marker.speaker or "").split()[-1:] + [m.text.split()[-1] for m in speaker.mentions]
                if k]
        units.append(QuoteUnit(index=position, text=link.quote.text, speaker_keys=tuple(dict.fromkeys(keys)),
                               pieces=tuple(quote_pieces(link.quote.text, sentences[link.quote.text]))))
    return Analysis(text, lang, segments, stories, links, tuple(speakers), tuple(units), embedder, glossary)


def _name_as_narration_shortens_it(name: str | None, title: str | None, story: list[Segment],
                                   glossary: Glossary) -> str | None:
    """A marker name cut after the word the narration uses on its own with
    the title (*스탠퍼드 담당관은* for *에밀리 스탠퍼드 영양 담당관*): the words
    after it belong to the title or a body the glossary does not know."""
    words = (name or "").split()
    title_words = (title or "").split()
    if len(words) < 2 or not title_words or not has_hangul(name or ""):
        return name
    office = glossary.office(title_words[-1])
    text = "\n".join(segment.text for segment in story)
    for k in range(len(words) - 2, -1, -1):
        # The narration's title may be the marker's or another rank of the same
        # office (킴 국장 for 아시아 부국장): either way the word before it is the name's end.
        if any(glossary.office(title) == office for title in _titles_after(words[k], text, glossary)):
            return " ".join(words[: k + 1])
    return name


def _titles_after(word: str, text: str, glossary: Glossary) -> list[str]:
    """The titles the narration writes right after ``word`` (폼페오 장관은 → 장관)."""
    found = []
    for match in re.finditer(rf"(?<!\S){re.escape(word)} (\S+)", text):
        title = strip_particle(match.group(1))
        if glossary.title_suffix(title):
            found.append(title)
    return found


def _person_behind_document(title: str | None, story: list[Segment], glossary: Glossary) -> str | None:
    """The person whose document a marker without a title names (폼페오 인터뷰):
    the word before the document is a name only where the narration writes it
    as one, with a title after it (폼페오 장관은); otherwise it is the body
    that speaks (국제앰네스티 보고서)."""
    words = (title or "").split()
    if len(words) != 2 or not glossary.is_document(words[-1]) or is_title_word(words[0], glossary):
        return None
    text = "\n".join(segment.text for segment in story)
    return words[0] if _titles_after(words[0], text, glossary) else None


def _fuller_names(links: tuple[QuoteLink, ...]) -> dict[str, str]:
    """A one-word marker name → the one longer marker name of the document
    that ends with it (레이 → 오스틴 레이); none where two people share it."""
    longer: dict[str, set[str]] = {}
    for link in links:
        words = (link.marker.speaker or "").split()
        if len(words) >= 2:
            longer.setdefault(words[-1], set()).add(" ".join(words))
    return {surname: next(iter(names)) for surname, names in longer.items() if len(names) == 1}


def _quote_sentences(texts: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Each quote's sentences: the Korean quotes in one pass of the splitter."""
    distinct = list(dict.fromkeys(texts))
    korean = [t for t in distinct if is_korean(t)]
    found = dict(zip(korean, split_korean_texts(korean)))
    return {t: found[t] if t in found else split_english(t) for t in distinct}
