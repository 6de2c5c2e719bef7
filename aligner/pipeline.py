"""The whole pipeline: text → segments → quotes → renderings → flags → report."""
from __future__ import annotations

import os

from .analysis import analyse
from .errors import InputError, UsageError
from .glossary import load_glossary
from .model import Embedder, load_embedder
from .renderings import RenderingSettings, find_renderings
from .report import Quote, Report, SourceInfo, published, with_source_text
from .settings import Settings
from .source import Source, source_from_text
from .textutil import display_path, plain_spaces


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
    text = plain_spaces(source.text)  # the analysis reads no-break spaces as spaces
    analysis = analyse(text, glossary, settings, embedder)
    linked = [n for n, unit in enumerate(analysis.units) if unit is not None]
    found, nearest = find_renderings(list(analysis.segments), [unit for unit in analysis.units if unit is not None],
                                     embedder, settings.renderings, analysis.stories)
    renderings_of = dict(zip(linked, found))
    nearest_of = dict(zip(linked, nearest))
    quotes = tuple(
        Quote(id=f"q{n + 1}", marker=link.marker, quote=link.quote, speaker=speaker,
              renderings=renderings_of.get(n, ()), nearest=nearest_of.get(n, 0.0))
        for n, (link, speaker) in enumerate(zip(analysis.links, analysis.speakers))
    )
    notes = () if quotes else ("no recording markers found: the transcript has no quotes to check",)
    report = Report(
        source=SourceInfo(path=display_path(source.path), sha256=source.sha256, encoding=source.encoding,
                          narration_lang=analysis.narration_lang, chars=source.chars),
        run=settings.signature(),
        segments=analysis.segments,
        quotes=quotes,
        flags=(),
        notes=notes,
        text=text,
    )
    if settings.flags:
        from .flags import detect_flags

        report = detect_flags(report, embedder=embedder, glossary=analysis.glossary, settings=settings.detectors,
                              phrases=settings.phrases, comparisons=settings.comparisons, analysis=analysis)
    return published(with_source_text(report, source.text))


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
