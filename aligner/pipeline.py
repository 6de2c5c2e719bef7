"""The whole pipeline: text → segments → quotes → renderings → flags → report."""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass

from .errors import InputError, UsageError
from .glossary import load_glossary
from .model import Embedder, load_embedder
from .quotes import link_quotes
from .renderings import QuoteUnit, RenderingSettings, find_renderings
from .report import Quote, Report, SourceInfo, published
from .settings import Settings
from .segments import narration_language, segment, story_bounds, story_starts
from .source import Source, source_from_text
from .textutil import display_path
from .speakers import resolve_speaker


def align(
    source: Source | str,
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> Report:
    """Align one transcript and return its report.

    ``source`` is a :class:`~aligner.source.Source` (see :func:`aligner.read_source`)
    or the transcript text itself.
    """
    settings = check_settings(Settings() if settings is None else settings)
    if isinstance(source, str):
        source = source_from_text(source)
    elif isinstance(source, Source):
        source = source_from_text(source.text, path=source.path) if _suspect(source) else source
    else:
        raise InputError(f"align() takes a Source or the transcript text (str), not {type(source).__name__}")
    if embedder is not None and (isinstance(embedder, (str, bytes)) or not callable(getattr(embedder, "encode", None))):
        raise UsageError(f"embedder must have an encode() method, not be a {type(embedder).__name__}")
    embedder = embedder or load_embedder(settings.model)
    glossary = load_glossary(settings.glossary)
    structure = analyse_structure(source.text, glossary, settings)
    linked = [n for n, unit in enumerate(structure.units) if unit is not None]
    found, nearest = find_renderings(list(structure.segments), [structure.units[n] for n in linked], embedder,
                                     settings.renderings)
    renderings_of = dict(zip(linked, found))
    nearest_of = dict(zip(linked, nearest))
    quotes = tuple(
        Quote(id=f"q{n + 1}", marker=link.marker, quote=link.quote, speaker=speaker,
              renderings=renderings_of.get(n, ()), nearest=nearest_of.get(n, 0.0))
        for n, (link, speaker) in enumerate(zip(structure.links, structure.speakers))
    )
    notes = () if quotes else ("no recording markers found: the transcript has no quotes to check",)
    report = Report(
        source=SourceInfo(path=display_path(source.path), sha256=source.sha256, encoding=source.encoding,
                          narration_lang=structure.narration_lang, chars=source.chars),
        run=settings.signature(),
        segments=structure.segments,
        quotes=quotes,
        flags=(),
        notes=notes,
        text=source.text,
    )
    if settings.flags:
        from .flags import detect_flags

        report = detect_flags(report, embedder=embedder, glossary=glossary, settings=settings.detectors,
                              phrases=settings.phrases, comparisons=settings.comparisons)
    return published(report)


def check_settings(settings: Settings) -> Settings:
    """The one validation of run settings, for the CLI and the library alike:
    bad values are AlignerErrors (exit 2 or 3), never AttributeErrors later."""
    if not isinstance(settings, Settings):
        raise UsageError(f"settings must be aligner.Settings, not {type(settings).__name__}")
    if not isinstance(settings.model, str) or not settings.model.strip() or "\x00" in settings.model:
        raise UsageError(f"model must be a non-empty name or path, not {settings.model!r}")
    if settings.glossary is not None:
        if not isinstance(settings.glossary, (str, os.PathLike)) or not os.fspath(settings.glossary) \
                or "\x00" in str(os.fspath(settings.glossary)):
            raise UsageError(f"glossary must be a file name, not {settings.glossary!r}")
        load_glossary(os.fspath(settings.glossary))  # a bad glossary fails here, once (exit 3)
    r = settings.renderings
    if not isinstance(r, RenderingSettings):
        raise UsageError(f"renderings must be RenderingSettings, not {type(r).__name__}")
    for name in ("window", "lead", "max_renderings"):
        value = getattr(r, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
            raise UsageError(f"renderings.{name} must be a whole number from 0 to 10000, not {value!r}")
    if isinstance(r.threshold, bool) or not isinstance(r.threshold, (int, float)) or not 0.0 <= r.threshold <= 1.0:
        raise UsageError(f"renderings.threshold must be a number from 0 to 1, not {r.threshold!r}")
    from .comparisons import ComparisonSettings
    from .phrases import PhraseSettings

    for name, kind in (("phrases", PhraseSettings), ("comparisons", ComparisonSettings)):
        if not isinstance(getattr(settings, name), kind):
            raise UsageError(f"{name} must be {kind.__name__}, not {type(getattr(settings, name)).__name__}")
    if not isinstance(settings.flags, bool):
        raise UsageError(f"flags must be True or False, not {settings.flags!r}")
    return settings


def _suspect(source: Source) -> bool:
    """A Source built by hand rather than by read_source: check it as text."""
    if not isinstance(source.text, str) or not isinstance(source.path, str) or "\x00" in source.text \
            or not source.text.strip():
        return True
    try:
        source.text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@dataclass(frozen=True)
class Structure:
    """Everything found before any embedding is computed: segments, marker →
    quote links, resolved speakers, and what the rendering search needs."""

    narration_lang: str
    segments: tuple
    links: tuple
    speakers: tuple
    units: tuple  # a QuoteUnit per link, None where the marker has no quote


def analyse_structure(text: str, glossary, settings: Settings | None = None) -> Structure:
    settings = settings or Settings()
    lang = narration_language(text)
    segments = segment(text, lang)
    links = link_quotes(segments, glossary)
    index_of = {s.id: i for i, s in enumerate(segments)}
    narration_at = [i for i, s in enumerate(segments) if s.kind == "narration"]
    starts = story_starts(segments)
    speakers = []
    units = []
    fuller = _fuller_names(links)
    for link in links:
        position = index_of[link.marker_segment.id]
        story, nearby = _story_narration(segments, narration_at, starts, position), \
            _nearby_narration(segments, narration_at, position)
        speaker = resolve_speaker(link.marker.speaker, link.marker.title, story, nearby, lang, glossary,
                                  settings.speakers)
        if speaker.name is None and link.marker.speaker in fuller:
            # [녹취: 레이 차관보] after [녹취: 오스틴 레이 차관보]: the surname alone may not
            # be found where the full name is (a romanised narration).
            speaker = resolve_speaker(fuller[link.marker.speaker], link.marker.title, story, nearby, lang,
                                      glossary, settings.speakers)
        speakers.append(speaker)
        if link.quote is None:
            units.append(None)
            continue
        keys = [k for k in (link.marker.speaker or "").split()[-1:] + [m.text.split()[-1] for m in speaker.mentions] if k]
        units.append(QuoteUnit(index=position, text=link.quote.text, speaker_keys=tuple(dict.fromkeys(keys))))
    return Structure(lang, tuple(segments), tuple(links), tuple(speakers), tuple(units))


def _fuller_names(links) -> dict[str, str]:
    """A one-word marker name → the one longer marker name of the document
    that ends with it (레이 → 오스틴 레이); none where two people share it."""
    longer: dict[str, set[str]] = {}
    for link in links:
        words = (link.marker.speaker or "").split()
        if len(words) >= 2:
            longer.setdefault(words[-1], set()).add(" ".join(words))
    return {surname: next(iter(names)) for surname, names in longer.items() if len(names) == 1}


# Narration sentences each side of a marker searched for its speaker's name:
# far more than any one story holds; it only bounds the cost when a huge
# input has no sign-offs to cut it into stories.
SPEAKER_REACH = 150


def _story_narration(segments, narration_at: list[int], starts: list[int], position: int):
    """The narration of the marker's story, where its speaker is named.
    Bisection keeps the cost proportional to the story, not to the archive."""
    story, story_end = story_bounds(starts, position, len(segments))
    first = bisect.bisect_left(narration_at, story)
    last = bisect.bisect_left(narration_at, story_end)
    here = bisect.bisect_right(narration_at, position)
    window = narration_at[max(first, here - SPEAKER_REACH) : min(last, here + SPEAKER_REACH)]
    return [segments[i] for i in window]


def _nearby_narration(segments, narration_at: list[int], position: int, reach: int = 2):
    """Narration sentences right after, then right before, a marker."""
    here = bisect.bisect_right(narration_at, position)
    after = narration_at[here : here + reach]
    before = narration_at[max(0, here - reach) : here][::-1]
    return [segments[i] for i in after + before]
