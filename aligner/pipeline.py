"""The whole pipeline: text → segments → quotes → renderings → flags → report."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__
from .glossary import load_glossary
from .model import DEFAULT_MODEL, Embedder, load_embedder
from .quotes import link_quotes
from .renderings import QuoteUnit, RenderingSettings, find_renderings
from .report import Quote, Report, RunSignature, SourceInfo, Speaker
from .segments import narration_language, segment
from .source import Source, source_from_text
from .speakers import resolve_speaker


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    glossary: str | None = None
    renderings: RenderingSettings = field(default_factory=RenderingSettings)
    flags: bool = True

    def signature(self) -> RunSignature:
        settings = (("glossary", self.glossary),) + self.renderings.as_settings()
        return RunSignature(version=__version__, model=self.model, settings=settings)


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
    settings = settings or Settings()
    if isinstance(source, str):
        source = source_from_text(source)
    embedder = embedder or load_embedder(settings.model)
    glossary = load_glossary(settings.glossary)
    text = source.text
    lang = narration_language(text)
    segments = segment(text, lang)
    links = link_quotes(segments, glossary)
    index_of = {s.id: i for i, s in enumerate(segments)}
    narration = [s for s in segments if s.kind == "narration"]

    speakers: list[Speaker] = []
    for link in links:
        position = index_of[link.marker_segment.id]
        nearby = _nearby_narration(segments, position)
        speakers.append(resolve_speaker(link.marker.speaker, link.marker.title, narration, nearby, lang, glossary))

    units = []
    linked = []
    for link, speaker in zip(links, speakers):
        if link.quote is None:
            continue
        keys = tuple(k for k in (
            (link.marker.speaker or "").split()[-1:] + [m.text.split()[-1] for m in speaker.mentions]
        ) if k)
        units.append(QuoteUnit(index=index_of[link.marker_segment.id], text=link.quote.text,
                               speaker_keys=tuple(dict.fromkeys(keys))))
        linked.append(link)
    found = find_renderings(segments, units, embedder, settings.renderings)
    renderings_of = {id(link): r for link, r in zip(linked, found)}

    quotes = tuple(
        Quote(id=f"q{n}", marker=link.marker, quote=link.quote, speaker=speaker,
              renderings=renderings_of.get(id(link), ()))
        for n, (link, speaker) in enumerate(zip(links, speakers), 1)
    )
    notes = () if quotes else ("no recording markers found: the transcript has no quotes to check",)
    report = Report(
        source=SourceInfo(path=source.path, sha256=source.sha256, encoding=source.encoding,
                          narration_lang=lang, chars=source.chars),
        run=settings.signature(),
        segments=tuple(segments),
        quotes=quotes,
        flags=(),
        notes=notes,
        text=text,
    )
    if settings.flags:
        from .flags import detect_flags

        report = detect_flags(report, embedder=embedder, glossary=glossary)
    return report


def _nearby_narration(segments, position: int, reach: int = 2):
    """Narration sentences right after, then right before, a marker."""
    after = [s for s in segments[position + 1 :] if s.kind == "narration"][:reach]
    before = [s for s in reversed(segments[:position]) if s.kind == "narration"][:reach]
    return after + before
