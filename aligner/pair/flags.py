"""Flags per link: what the English version lost, added or changed.

- ``omission``: Korean content with no English (a 1-0 link);
- ``addition``: English content with no Korean (a 0-1 link);
- ``meaning_shift``: a link whose two sides say different things (low
  similarity; anchors excepted, they are the same text);
- ``number_mismatch``: a number, date or amount the two sides state
  differently (``aligner/numbers.py`` reads both languages);
- ``name_variant``: a Korean name the English spells otherwise than its
  usual spelling, or two ways in one document (블링컨 → *Blincoln*);
- ``altered_quote``: a speaker's English quote that the English version
  does not copy word for word.

Severities follow ``spec/report.md``: a wrong number or a changed quote
changes what a reader believes was said (error); gaps and drift need a
reviewer's look (warning); typography and gaps in captions or bylines are
cosmetic (info).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..flags.number_mismatch import compare as compare_numbers
from ..language import has_hangul
from ..names import name_similarity
from ..numbers import Quantity, find_quantities
from ..worddiff import diff_texts
from .anchors import comparable_text
from ..report import Severity
from .report import PairFlag, PairLink, PairReport, PairSpan
from .sentences import PairSentence

CONTENT_KINDS = ("headline", "narration", "marker", "quote")
# name_similarity (0-100) at which an English word is taken as the
# rendering of a Korean name.  True transliterations score 80-100 and
# unrelated names 0-40 (DESIGN.md); 셔먼/Sherman scores 67.
NAME_MATCH = 65.0
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*\b")


def detect_flags(report: PairReport, *, shift_below: float = 0.25) -> tuple[PairFlag, ...]:
    flags: list[PairFlag] = []
    renderings: list[_NameRendering] = []
    for link in report.links:
        ko = [report.sentence(i) for i in link.ko]
        en = [report.sentence(i) for i in link.en]
        if not en:
            flags.append(_gap(link, ko, "omission", report))
        elif not ko:
            flags.append(_gap(link, en, "addition", report))
        else:
            if link.anchor is None and link.score is not None and link.score < shift_below:
                flags.append(_meaning_shift(link, ko, en))
            if link.anchor == "quote":
                flags.extend(_altered_quote(link, ko[0], en[0]))
            flags.extend(_number_mismatches(link, ko, en))
            if link.anchor is None:
                renderings.extend(name_renderings(link, ko, en))
    flags.extend(_name_variants(renderings))
    order = {link.id: n for n, link in enumerate(report.links)}
    flags.sort(key=lambda f: (order[f.link], -f.severity.rank))
    return tuple(replace(f, id=f"f{n}") for n, f in enumerate(flags, 1))


def _whole(sentence: PairSentence) -> PairSpan:
    return PairSpan(sentence.side, sentence.start, sentence.end, sentence.text)


def _gap(link: PairLink, sentences: list[PairSentence], kind: str, report: PairReport) -> PairFlag:
    lone = sentences[0]
    content = lone.kind in CONTENT_KINDS
    nearest = "" if link.score is None else f" (the closest {'English' if kind == 'omission' else 'Korean'} " \
                                            f"sentence nearby scores {link.score:.2f})"
    if kind == "omission":
        message = f"The English version has nothing for this Korean {lone.kind}{nearest}."
    else:
        message = f"This English {lone.kind} has nothing in the Korean version{nearest}."
    return PairFlag(id="", kind=kind, severity=Severity.WARNING if content else Severity.INFO, message=message,
                    link=link.id, spans=tuple(_whole(s) for s in sentences))


def _meaning_shift(link: PairLink, ko: list[PairSentence], en: list[PairSentence]) -> PairFlag:
    return PairFlag(id="", kind="meaning_shift", severity=Severity.WARNING,
                    message=f"The English says something else than the Korean here (similarity {link.score:.2f}).",
                    link=link.id, spans=tuple(_whole(s) for s in ko + en))


def _altered_quote(link: PairLink, ko: PairSentence, en: PairSentence) -> list[PairFlag]:
    if comparable_text(ko.text) == comparable_text(en.text):
        return []
    runs = [r for r in diff_texts(ko.text, en.text, ko.start, en.start) if r.op != "equal"]
    if not runs:
        return []  # only case or quotation-mark style differ
    words_changed = any(any(ch.isalnum() for t in r.old + r.new for ch in t.text) for r in runs)
    spans = []
    for run in runs:
        if run.new:
            spans.append(PairSpan("en", run.new[0].start, run.new[-1].end, en.text[run.new[0].start - en.start:
                                                                                  run.new[-1].end - en.start]))
        if run.old:
            spans.append(PairSpan("ko", run.old[0].start, run.old[-1].end, ko.text[run.old[0].start - ko.start:
                                                                                  run.old[-1].end - ko.start]))
    changed = "; ".join(
        f"'{' '.join(t.text for t in r.old) or '—'}' → '{' '.join(t.text for t in r.new) or '—'}'" for r in runs[:3])
    if words_changed:
        return [PairFlag(id="", kind="altered_quote", severity=Severity.ERROR,
                         message=f"The English version changes the speaker's quote: {changed}.", link=link.id,
                         spans=tuple(spans), suggestion=ko.text)]
    return [PairFlag(id="", kind="altered_quote", severity=Severity.INFO,
                     message=f"The English version changes the quote's punctuation: {changed}.", link=link.id,
                     spans=tuple(spans), suggestion=ko.text)]


def _quantities(sentences: list[PairSentence]) -> tuple[Quantity, ...]:
    found = []
    for s in sentences:
        for q in find_quantities(s.text):
            found.append(Quantity(q.value, q.kind, q.unit, q.start + s.start, q.end + s.start, q.text,
                                  q.approximate))
    return tuple(found)


def _number_mismatches(link: PairLink, ko: list[PairSentence], en: list[PairSentence]) -> list[PairFlag]:
    ko_numbers, en_numbers = _quantities(ko), _quantities(en)
    if not ko_numbers or not en_numbers:
        return []
    flags = []
    seen: set[tuple[int, int]] = set()
    for gap in compare_numbers(ko_numbers, en_numbers):
        seen.add((gap.quoted.start, gap.rendered.start))
        flags.append(_number_flag(link, gap.quoted, gap.rendered, gap.strong))
    for gap in compare_numbers(en_numbers, ko_numbers):
        if (gap.rendered.start, gap.quoted.start) not in seen:
            flags.append(_number_flag(link, gap.rendered, gap.quoted, gap.strong))
    return flags


def _number_flag(link: PairLink, korean: Quantity, english: Quantity, strong: bool) -> PairFlag:
    return PairFlag(id="", kind="number_mismatch", severity=Severity.ERROR if strong else Severity.WARNING,
                    message=f"The Korean says '{korean.text}' but the English says '{english.text}'.", link=link.id,
                    spans=(PairSpan("ko", korean.start, korean.end, korean.text),
                           PairSpan("en", english.start, english.end, english.text)),
                    suggestion=korean.text)


@dataclass(frozen=True)
class _NameRendering:
    """A Korean name and the English words a link renders it with."""

    link: str
    hangul: str
    hangul_span: PairSpan
    english: str
    english_span: PairSpan
    korean_spelling: str | None  # a Latin spelling the Korean side itself gives, 블링컨(Blinken)


def name_renderings(link: PairLink, ko: list[PairSentence], en: list[PairSentence]) -> list[_NameRendering]:
    """Each Korean proper name of the link with the English name that sounds
    most like it, where one does (``names.name_similarity``)."""
    candidates = [(m.group(), s, m.start()) for s in en for m in _LATIN_NAME.finditer(s.text)]
    korean_latin = [(m.group(), s, m.start()) for s in ko for m in _LATIN_NAME.finditer(s.text)]
    if not candidates:
        return []
    found = []
    for sentence in ko:
        for name, start in korean_names(sentence.text):
            best = max(candidates, key=lambda c: name_similarity(name, c[0]))
            if name_similarity(name, best[0]) < NAME_MATCH:
                continue
            own = [c for c in korean_latin if name_similarity(name, c[0]) >= NAME_MATCH]
            word, english_sentence, offset = best
            found.append(_NameRendering(
                link.id, name, PairSpan("ko", sentence.start + start, sentence.start + start + len(name), name),
                word, PairSpan("en", english_sentence.start + offset, english_sentence.start + offset + len(word), word),
                own[0][0] if own else None))
    return found


def korean_names(text: str) -> list[tuple[str, int]]:
    """Hangul proper nouns of two or more syllables (Kiwi's NNP), with their
    offsets; multi-word names come as one word each."""
    from ..sentences import kiwi

    names = []
    for token in kiwi().tokenize(text):
        if token.tag != "NNP":
            continue
        for match in re.finditer(r"[가-힣]{2,}", text[token.start:token.start + token.len]):
            if has_hangul(match.group()) and match.group() not in _NOT_NAMES:
                names.append((match.group(), token.start + match.start()))
    return names


# Proper nouns that English translates rather than transliterates; their
# "rendering" would only be a chance resemblance.
_NOT_NAMES = {"미국", "북한", "한국", "남한", "중국", "일본", "러시아", "유엔", "백악관", "국무부", "국방부", "의회", "하원", "상원",
              "유럽", "평양", "서울", "워싱턴", "뉴욕"}


@lru_cache(maxsize=1)
def usual_spellings() -> dict[str, str]:
    """Hangul name → the spelling English news uses (``data/names.tsv``)."""
    table = {}
    text = resources.files("aligner").joinpath("data/names.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            hangul, english = line.split("\t")[:2]
            table[hangul.strip()] = english.strip()
    return table


def _spelling_key(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


def _name_variants(renderings: list[_NameRendering]) -> list[PairFlag]:
    """A rendering that differs from the name's usual spelling: the house
    list's, else the Latin spelling the Korean text gives, else the one the
    English version uses most for the same Korean name."""
    by_name: dict[str, list[_NameRendering]] = {}
    for rendering in renderings:
        by_name.setdefault(rendering.hangul, []).append(rendering)
    flags = []
    for hangul, group in by_name.items():
        usual = usual_spellings().get(hangul) or next((r.korean_spelling for r in group if r.korean_spelling), None)
        source = "its usual spelling" if hangul in usual_spellings() else "the Korean text's own spelling"
        if usual is None:
            spellings = [r.english for r in group]
            if len({_spelling_key(s) for s in spellings}) < 2:
                continue
            usual = max(spellings, key=lambda s: (spellings.count(s), -spellings.index(s)))
            source = "the spelling used elsewhere in the English version"
        usual_words = {_spelling_key(w) for w in usual.split()}
        for rendering in group:
            if _spelling_key(rendering.english) in usual_words:
                continue
            if max(fuzz.ratio(_spelling_key(rendering.english), word) for word in usual_words) < 50:
                continue  # a different person, not a different spelling
            flags.append(PairFlag(
                id="", kind="name_variant", severity=Severity.WARNING,
                message=f"The English writes {hangul} as '{rendering.english}'; {source} is '{usual}'.",
                link=rendering.link, spans=(rendering.hangul_span, rendering.english_span), suggestion=usual))
    return flags
