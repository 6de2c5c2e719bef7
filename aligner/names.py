"""Person names across scripts: romanization keys, Hangul token helpers.

A Hangul surname in a marker (보즈키르) must find its Latin form in English
narration (Bozkir).  Revised Romanization alone scores poorly (62 for
Bozkir), so both sides are reduced to a loose phonetic key first (DESIGN.md:
drop the epenthetic *eu*, *eo*→*o*, initial *g*→*k* …), which lifts true
pairs above 80 while unrelated names stay near 30.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz


# Particles that follow a Korean noun; stripped before a token is compared.
_PARTICLES = ("으로부터", "에게서", "으로는", "에서는", "에게는", "이라고", "라고", "에게", "에서", "으로", "까지", "부터",
              "처럼", "보다", "과의", "와의", "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만")


def strip_particle(token: str) -> str:
    for particle in _PARTICLES:
        if token.endswith(particle) and len(token) - len(particle) >= 2:
            return token[: -len(particle)]
    return token


@lru_cache(maxsize=4096)
def romanize(hangul: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    romanized: str = Romanizer(hangul).romanize()
    return romanized


def _common_key(key: str) -> str:
    key = key.replace("eo", "o").replace("ae", "a").replace("oe", "we").replace("lr", "l").replace("rl", "l")
    key = key.replace("w", "u")  # both sides alike: 황 hwang ~ Hwang, 하워드 hawo ~ Howard
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    return key


@lru_cache(maxsize=4096)
def korean_name_keys(hangul: str) -> tuple[str, ...]:
    """Loose phonetic keys of a Hangul name (보즈키르 → bojkir): one per
    plausible way English spells its vowels (바버 → baber, 김성 → kimsong/kimsung)."""
    roman = romanize(hangul).lower()
    roman = re.sub(r"[^a-z]", "", roman)
    if roman.startswith("g"):
        roman = "k" + roman[1:]
    roman = re.sub(r"(?<=[bcdfghjklmnpqrstvwxz])eu", "", roman)  # epenthetic vowel after a consonant
    roman = re.sub(r"eu$", "", roman)
    # English writes the Korean 어 as o, u or a (Callahan → 캘러헌), and a final 어 as -er.
    variants = {roman, re.sub(r"eo$", "er", roman), roman.replace("eo", "u"), roman.replace("eo", "a")}
    if roman.startswith("i"):
        variants.add("l" + roman)  # 이 → Lee
    if roman.startswith("r"):
        variants.add("l" + roman[1:])  # 리퍼트 → Lippert
    # McCune-Reischauer, as North Korean names are written: an initial ㅂ, ㄷ, ㅈ
    # is p, t, ch (박 Pak, 정 Chong); 김 is already k (above).
    variants |= {re.sub(r"^b", "p", v) for v in variants} | {re.sub(r"^d", "t", v) for v in variants} \
        | {re.sub(r"^j", "ch", v) for v in variants}
    return tuple(sorted({_common_key(v) for v in variants}))


def korean_name_key(hangul: str) -> str:
    return korean_name_keys(hangul)[0]


@lru_cache(maxsize=4096)
def latin_name_keys(latin: str) -> tuple[str, ...]:
    """Loose phonetic keys of a Latin name (Bozkir → bojkir, Price → pris):
    one per plausible way Korean writes it (Smith → 스미스 but Thompson → 톰슨;
    Kirby → 커비; Brown → 브라운)."""
    key = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z]", "", key)
    key = key.replace("ph", "f").replace("ck", "k").replace("sch", "sh")
    # c before e/i is s in English (Price → 프라이스) and ch in Italian (Vicetti → 비체티);
    # ch is k in Christopher (크리스토퍼) but ch in a romanised Korean name (Chol → 철)
    soft_c = [re.sub(r"c(?=[eiy])", "s", key).replace("c", "k"),
              re.sub(r"c(?=[ei])", "\0", key).replace("c", "k").replace("\0", "ch"),
              re.sub(r"c(?=[eiy])", "s", key.replace("ch", "\0")).replace("c", "k").replace("\0", "ch")]
    return tuple(sorted({k for variant in soft_c for k in _latin_keys(variant)}))


def _latin_keys(key: str) -> set[str]:
    """The keys of one spelling of a Latin name (see :func:`latin_name_keys`)."""
    key = re.sub(r"t[sz]", "ch", key)  # Horowitz → 호로위츠, Roberts → 로버츠
    key = key.replace("z", "j").replace("x", "ks").replace("sh", "sy")
    # Bradshaw → 브래드쇼, Austin → 오스틴; but German and Norwegian au is 아우 (Haug → 하우그)
    spellings = {key.replace("aw", "o").replace("au", "o"), key.replace("aw", "o")}
    keys = set()
    for spelling in spellings:
        keys |= _vowel_keys(spelling)
    return keys


def _vowel_keys(key: str) -> set[str]:
    key = key.replace("oo", "u").replace("ee", "i")  # Joon → 준, Greenfield → 그린필드
    key = key.replace("v", "b").replace("f", "p")  # Korean writes v as ㅂ and f as ㅍ
    if key.startswith("g"):
        key = "k" + key[1:]  # as on the Korean side: 김 gim → Kim
    keys = set()
    for variant in {key, key.replace("ow", "aw"), re.sub(r"[eiu]r(?=[bcdfghjklmnpqstvwxz])", "o", key)}:
        variant = re.sub(r"r(?=[bcdfghjklmnpqstvwxz])", "", variant)  # non-rhotic: Hartman → hatman
        variant = variant.replace("y", "i") if len(variant) > 2 else variant
        variant = re.sub(r"e$", "", variant)
        keys |= {variant.replace("th", "t"), variant.replace("th", "s")}
    return {_common_key(k) for k in keys}


def latin_name_key(latin: str) -> str:
    return latin_name_keys(latin)[0]


def name_similarity(hangul: str, latin: str) -> float:
    """0–100: how well a Hangul name and a Latin name sound alike."""
    return max(fuzz.ratio(a, b) for a in korean_name_keys(hangul) for b in latin_name_keys(latin))


def hangul_similarity(a: str, b: str) -> float:
    """0–100 over decomposed jamo, so 노어트/나워트 or 볼튼/볼턴 score high."""
    return fuzz.ratio(unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b))



