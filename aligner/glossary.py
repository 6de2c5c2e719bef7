"""The title glossary: Korean titles and bodies with their English renderings.

Kept as a data file (``data/titles.tsv``) so that newsrooms can add their own
with ``--glossary FILE`` without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .errors import InputError


@dataclass(frozen=True)
class Glossary:
    titles: tuple[tuple[str, tuple[str, ...]], ...]  # (korean, english renderings), longest Korean first
    orgs: tuple[tuple[str, tuple[str, ...]], ...]
    places: tuple[tuple[str, tuple[str, ...]], ...] = ()  # countries: a marker may carry one, never as a name
    modifiers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # 선임, 고위, 전: parts of a title, never of a name
    documents: tuple[tuple[str, tuple[str, ...]], ...] = ()  # 보도자료, 성명: a source that is no person
    # 제네바, 평양: a place in a marker or a post (주제네바), never a name; not a
    # party to a story as a country is (meaning_shift reads ``places`` only)
    cities: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def english(self, korean_title: str) -> tuple[str, ...]:
        for ko, en in self.titles:
            if korean_title.endswith(ko):
                return en
        return ()

    def korean_title(self, english: str) -> str | None:
        """The Korean title an English title ends with ("UN spokesman" →
        대변인), longest English rendering first, if any."""
        low = " ".join(english.lower().split())
        found = [(len(en), ko) for ko, renderings in self.titles for en in renderings
                 if low == en or low.endswith(" " + en)]
        return max(found)[1] if found else None

    def title_suffix(self, token: str) -> str | None:
        """The glossary title a token ends with (미국대사 → 대사), if any."""
        for ko, _ in self.titles:
            if token.endswith(ko):
                return ko
        return None

    def is_org(self, token: str) -> bool:
        return any(token == ko or token.startswith(ko) for ko, _ in self.orgs)

    def is_place(self, token: str) -> bool:
        return any(token == ko for ko, _ in self.places + self.cities)

    def is_modifier(self, token: str) -> bool:
        return any(token == ko for ko, _ in self.modifiers)

    def is_document(self, token: str) -> bool:
        return any(token == ko for ko, _ in self.documents)

    def office(self, title: str) -> str:
        """The office a title belongs to: its glossary title without the
        office suffix or a rank prefix (대변인실, 부대변인, 수석대변인 → 대변인).
        The spokesperson's office speaks through any of its spokespeople."""
        suffix = self.title_suffix(title) or title
        if suffix.endswith(OFFICE_SUFFIX) and len(suffix) > len(OFFICE_SUFFIX):
            suffix = suffix[: -len(OFFICE_SUFFIX)]
        for prefix in RANK_PREFIXES:
            if suffix.startswith(prefix) and self.title_suffix(suffix[len(prefix):]) == suffix[len(prefix):]:
                return suffix[len(prefix):]
        return suffix

    def with_bodies(self, names: Iterable[str]) -> "Glossary":
        """This glossary with more bodies (a transcript's own: see
        :func:`aligner.analysis.document_bodies`)."""
        known = {ko for ko, _ in self.orgs}
        extra = tuple((name, ()) for name in sorted(set(names) - known))
        if not extra:
            return self
        return replace(self, orgs=tuple(sorted(self.orgs + extra, key=lambda item: -len(item[0]))))

    def all_english_titles(self) -> frozenset[str]:
        return frozenset(word for _, en in self.titles + self.orgs for word in en)


# 대변인실: the office, not a person.  Rank prefixes make a deputy or a chief of
# the same office (부대변인, 수석대변인); a deputy's prefix also makes a different
# person from the office's head (부대변인 is not the 대변인), a chief's does not.
OFFICE_SUFFIX = "실"
DEPUTY_PREFIXES = ("부", "차", "부차")
RANK_PREFIXES = DEPUTY_PREFIXES + ("수석",)

# title: a person's role; org: a body; place: a country or region; modifier:
# a word that qualifies a title (선임, 고위, 전); document: what a body speaks
# through ([텍스트: 재무부 보도자료]), never a person's name; city: a place
# (주제네바) that is no party to a story.
KINDS = ("title", "org", "place", "modifier", "document", "city")


def _parse(text: str, origin: str) -> list[tuple[str, tuple[str, ...], str]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip():
            raise InputError(f"{origin}:{number}: expected 'KOREAN<TAB>english|english[<TAB>title|org|place|modifier|document]'")
        kind = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "title"
        if kind not in KINDS:
            raise InputError(f"{origin}:{number}: kind must be one of {', '.join(KINDS)}, not '{kind}'")
        english = tuple(w.strip().lower() for w in parts[1].split("|") if w.strip())
        rows.append((parts[0].strip(), english, kind))
    return rows


@lru_cache(maxsize=8)
def load_glossary(extra_path: str | None = None) -> Glossary:
    rows = _parse(resources.files("aligner").joinpath("data/titles.tsv").read_text("utf-8"), "titles.tsv")
    if extra_path:
        from .source import read_bytes

        path = Path(extra_path)
        try:
            rows += _parse(read_bytes(extra_path).decode("utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{extra_path}: cannot read glossary ({exc})") from None
        except InputError as exc:
            raise InputError(f"glossary {exc}") from None
    merged: dict[tuple[str, str], tuple[str, ...]] = {}
    for ko, en, kind in rows:
        merged[(ko, kind)] = tuple(dict.fromkeys(merged.get((ko, kind), ()) + en))

    def ordered(kind: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        items = [(ko, en) for (ko, k), en in merged.items() if k == kind]
        return tuple(sorted(items, key=lambda item: -len(item[0])))

    return Glossary(titles=ordered("title"), orgs=ordered("org"), places=ordered("place"),
                    modifiers=ordered("modifier"), documents=ordered("document"), cities=ordered("city"))
