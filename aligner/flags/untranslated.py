"""untranslated: text left in the other language where the narration should
carry a translation.

Machine translation of Korean copy leaves Korean words it could not handle
(*the 3rd phase of the 한미연합훈련*); Korean copy may leave a whole English
clause untranslated.  Markers are Korean by design and quotes are the
speaker's own language, so only prose segments are read.  A gloss in
parentheses (*Kim Jong Un (김정은)*) or a phrase in quotation marks is the
writer's choice, not a gap.
"""
from __future__ import annotations

import re

from ..language import is_korean
from ..report import Flag, FlagSpan, Report, Severity
from . import Detector, NoSettings

_HANGUL_RUN = re.compile(r"[가-힣]+(?:[\s·\-]+[가-힣]+)*")
# Two or more English words in a row: a clause, or a lowercase term the
# translator left (ship-to-ship transfer); :func:`_untranslated_english`
# tells them from names and acronyms.
# (An apostrophe inside a word only: ‘very concerned’ stays enclosed.)
_ENGLISH_WORD = r"[A-Za-z](?:[A-Za-z'’\-]*[A-Za-z])?"
_ENGLISH_RUN = re.compile(_ENGLISH_WORD + r"(?:[ ,]+" + _ENGLISH_WORD + r")+")
_PROSE_KINDS = ("narration", "headline", "signoff")


def detect(report: Report, **_: object) -> list[Flag]:
    lang = report.source.narration_lang
    if lang not in ("en", "ko"):
        return []
    owner = {r.start: q.id for q in report.quotes for r in q.renderings}
    flags = []
    for segment in report.segments:
        if segment.kind not in _PROSE_KINDS:
            continue
        runs = _HANGUL_RUN if lang == "en" else _ENGLISH_RUN
        for match in runs.finditer(segment.text):
            if lang == "ko" and not _untranslated_english(match.group()):
                continue
            enclosed = _enclosed(segment.text, match.start(), match.end())
            if lang == "ko" and enclosed:
                continue
            start, end = segment.start + match.start(), segment.start + match.end()
            # A Korean word inside an English sentence is a gap for sure; a
            # sentence mostly in Korean may be a line the segmenter took for
            # narration, so it only gets a note.
            mostly_english = not is_korean(segment.text)
            severity = Severity.WARNING if lang == "en" and mostly_english and not enclosed and \
                segment.kind != "signoff" else Severity.INFO
            other = "Korean" if lang == "en" else "English"
            own = "English" if lang == "en" else "Korean"
            flags.append(Flag(
                id="", kind="untranslated", severity=severity,
                message=f"{other} text '{match.group()}' was left untranslated in the {own} narration.",
                quote=owner.get(segment.start), spans=(FlagSpan(start, end, report.text[start:end], "narration"),),
            ))
    return flags


def _enclosed(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside parentheses or quotation marks."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    pairs = (("(", ")"), ("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("「", "」"), ("[", "]"))
    return any(before.endswith(a) and after.startswith(b) for a, b in pairs)


def _untranslated_english(run: str) -> bool:
    """An English clause (four words or more, two of them lowercase) or a
    term in lowercase words (ship-to-ship transfer, working-level talks); not
    a run of names or acronyms (NBC News Today Show, Joint Chiefs of Staff)."""
    words: list[str] = re.findall(_ENGLISH_WORD, run)
    lowercase = sum(w[0].islower() for w in words)
    return lowercase >= 2 and (len(words) >= 4 or lowercase == len(words))


DETECTOR = Detector("untranslated", ("untranslated",), needs_embedder=False, settings=NoSettings, detect=detect)
