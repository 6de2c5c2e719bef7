"""Numbers, dates, ordinals, amounts and counts, normalised in both languages.

A quote says *"the third such launch"*, its rendering *"세 번째"*; a quote
says *"100 million dollars"*, the rendering *"1억 달러"*.  Comparing them
needs both sides reduced to the same value objects first: a
:class:`Quantity` holds the value, what kind of quantity it is (a count, an
ordinal, a year, a month, a day of the month, a time relative to now) and its
unit, with the span it was read from.

Plain functions over text, no model.  English and Korean each have their own
scanner, and :func:`find_quantities` runs both, because a Korean rendering may
hold an English amount (``$30 million``) and English MT a Korean date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .language import is_hangul_syllable

KINDS = ("count", "ordinal", "year", "month", "day", "decade", "relative")


@dataclass(frozen=True)
class Quantity:
    """One number read from a text.

    ``value`` is the number: a year for ``year``, 1–12 for ``month``, the day
    of the month for ``day``, a signed offset for ``relative`` (*last month*
    is −1 month, *this year* 0 years, *3년 전* −3 years).  It is None where the
    text gives no exact number (*several*, *수십*, *a few weeks ago*).
    ``unit`` is what a count counts (``dollar``, ``country``, ``person``,
    ``time``, ``year`` …) or the unit of time of a ``relative``; None for a
    bare number.  ``start``/``end`` index the text it was read from.
    """

    value: float | None
    kind: str
    unit: str | None
    start: int
    end: int
    text: str
    approximate: bool = False  # about, more than, 약, 이상, 여 …

    @property
    def vague(self) -> bool:
        return self.value is None


def same_value(a: Quantity, b: Quantity) -> bool | None:
    """Whether two quantities state the same value; None when either is vague.

    Approximate counts (*more than 30 million*, *3천만 달러 이상*) may differ
    by a tenth; everything else (years, days, ordinals, exact amounts) must be
    equal.
    """
    if a.value is None or b.value is None:
        return None
    if a.kind == b.kind == "relative" and a.unit != b.unit:
        return False  # last week is not last month: a relative time means nothing without its unit
    loose = (a.approximate or b.approximate) and a.kind == b.kind == "count"
    tolerance = 0.1 if loose else 1e-9
    return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value), 1e-9)


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number, date, ordinal, amount and count in ``text``, in order.

    Where the two scanners' readings overlap, the one that starts first and
    reads further wins, then the one that knows its unit.
    """
    found = _english_quantities(text) + _korean_quantities(text)
    found.sort(key=lambda q: (q.start, -(q.end - q.start), q.unit is None))
    kept: list[Quantity] = []
    for quantity in found:
        if not kept or quantity.start >= kept[-1].end:
            kept.append(quantity)
    return tuple(kept)


# ---------------------------------------------------------------------------
# Vocabulary

# What Korean counts with 건: cases, requests, reports.  Any words may
# describe them (1,400 new tracing requests = 1천400건의 새로운 생사 확인 요청).
_CASE_NOUNS = ("case", "cases", "request", "requests", "incident", "incidents", "report", "reports", "application",
               "applications", "complaint", "complaints", "petition", "petitions", "claim", "claims", "violation",
               "violations", "instance", "instances")
# English words after a number, and what they count.
_EN_UNITS = {
    "dollar": "dollar", "dollars": "dollar", "usd": "dollar", "won": "won", "yen": "yen", "euro": "euro",
    "euros": "euro", "yuan": "yuan", "pound": "pound", "pounds": "pound",
    "percent": "percent", "per cent": "percent", "percentage point": "point", "percentage points": "point",
    "people": "person", "persons": "person", "person": "person", "individuals": "person", "citizens": "person",
    "residents": "person", "soldiers": "person", "troops": "person", "defectors": "person", "refugees": "person",
    "workers": "person", "prisoners": "person", "children": "person", "victims": "person", "civilians": "person",
    "diplomats": "person", "officials": "person", "members": "person", "journalists": "person", "students": "person",
    "sailors": "person", "fishermen": "person", "nationals": "person", "detainees": "person", "hostages": "person",
    "abductees": "person", "migrants": "person", "women": "person", "men": "person", "staff": "person",
    "inspectors": "person", "experts": "person", "agents": "person", "hackers": "person", "crew": "person",
    "country": "country", "countries": "country", "nations": "country", "nation": "country",
    "member states": "country",
    "times": "time", "round": "time", "rounds": "time",
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
    "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "seconds": "second", "decade": "decade", "decades": "decade",
    "missile": "missile", "missiles": "missile", "rocket": "missile", "rockets": "missile",
    "launch": "launch", "launches": "launch",
    "mile": "mile", "miles": "mile", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "km": "km", "meter": "meter", "meters": "meter", "metre": "meter", "metres": "meter",
    "ton": "ton", "tons": "ton", "tonnes": "ton", "tonne": "ton",
    "warhead": "warhead", "warheads": "warhead", "ship": "ship", "ships": "ship", "vessels": "ship",
    "submarines": "ship", "warships": "ship", "tankers": "ship", "boats": "ship",  # 척
    "sites": "place", "locations": "place", "facilities": "place", "camps": "place", "bases": "place",  # 곳
    "posts": "place", "guard posts": "place", "places": "place", "branches": "place", "offices": "place",
    **{noun: "case" for noun in _CASE_NOUNS},
}
# Words that may stand between a number and its unit (16 consecutive years).
_EN_UNIT_GAP = {"consecutive", "straight", "more", "additional", "other", "further", "full", "new", "different",
                "separate", "successive", "whole", "entire", "member", "foreign", "nuclear", "ballistic",
                "innocent", "stolen"}
# Determiners after "of" between a figure and its unit (28,500 of our troops).
_OF_DETERMINERS = {"our", "the", "their", "its", "these", "those", "his", "her", "your"}
# Hyphenated compounds (six-party talks, a 70-year-old man, a five-day visit).
_EN_HYPHEN_UNITS = {"party": "party", "way": "party", "nation": "country", "year": "year", "month": "month",
                    "week": "week", "day": "day", "hour": "hour", "year-old": "age", "years-old": "age"}

_EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
              "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}
_EN_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11,
    "dec.": 12,
}
# Words before May/March that make them months, not verbs.
_EN_MONTH_CUES = {"in", "last", "since", "early", "late", "mid", "this", "next", "of", "until", "by", "from",
                  "through", "during", "before", "after", "since"}
_EN_APPROX = ("about", "around", "some", "nearly", "almost", "approximately", "roughly", "over", "more than",
              "less than", "fewer than", "at least", "up to", "close to", "upwards of", "at most", "under",
              "an estimated", "estimated")
_EN_TIME_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
                  "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade"}

# Korean units right after a number, and what they count.
_KO_UNITS = {
    "퍼센트포인트": "point", "%포인트": "point", "%p": "point", "퍼센트": "percent", "프로": "percent", "%": "percent",
    "달러": "dollar", "유로": "euro", "위안": "yuan", "엔": "yen", "파운드": "pound", "원": "won",
    "개국": "country", "개 나라": "country", "개 국가": "country", "나라": "country", "국가": "country",
    "명": "person", "사람": "person", "차례": "time", "번": "time", "회": "time", "라운드": "time",
    "개월": "month", "달": "month", "주일": "week", "시간": "hour", "분": "minute", "초": "second", "해": "year",
    "발": "missile", "킬로미터": "km", "km": "km", "마일": "mile", "미터": "meter", "톤": "ton", "자": "party",
    "척": "ship", "대": "vehicle", "개": "item", "가지": "item", "곳": "place", "살": "age", "세": "age",
    "세기": "century", "건": "case",
}
_KO_UNIT_OF = {unit.replace(" ", ""): canonical for unit, canonical in _KO_UNITS.items()}
_KO_UNIT_AFTER = re.compile("|".join(re.escape(u).replace("\\ ", r"\s?")
                                     for u in sorted(_KO_UNITS, key=len, reverse=True)))
# One-syllable units that, after a space, usually start another word (세 대사, 자 그럼).
_KO_UNITS_GLUED_ONLY = ("세", "대", "자", "해", "초", "분", "회", "원")
_KO_BIG = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}
_KO_SMALL = {"십": 10, "백": 100, "천": 1_000}
_KO_NATIVE = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6,
              "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_NATIVE_COUNTERS = ("차례", "번째", "번", "명", "개국", "나라", "개월", "달", "해", "가지", "발", "척", "곳", "개",
                       "주", "사람", "시간", "건")
_KO_NATIVE_ORDINALS = {"첫": 1, "첫째": 1, "둘째": 2, "셋째": 3, "넷째": 4, "다섯째": 5}
_KO_DAY_WORDS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "열흘": 10}
_KO_RELATIVE = {
    "지난해": (-1, "year"), "작년": (-1, "year"), "올해": (0, "year"), "금년": (0, "year"), "내년": (1, "year"),
    "지난달": (-1, "month"), "이달": (0, "month"), "이번 달": (0, "month"), "다음 달": (1, "month"),
    "다음달": (1, "month"), "지난주": (-1, "week"), "지난 주": (-1, "week"), "이번 주": (0, "week"),
    "다음 주": (1, "week"), "다음주": (1, "week"), "어제": (-1, "day"), "오늘": (0, "day"), "내일": (1, "day"),
    "그저께": (-2, "day"), "엊그제": (-2, "day"),
}
_KO_APPROX_BEFORE = ("약", "대략", "거의", "최소", "최대", "무려")
_KO_APPROX_AFTER = re.compile(r"\s?(?:[가-힣]{0,2}\s?)?(?:이상|이하|넘|가량|정도|쯤|남짓|미만|안팎|가까이|내외|이내|초과)")

# ---------------------------------------------------------------------------
# English

_EN_TOKEN = re.compile(r"\$?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:st|nd|rd|th|s)?%?"
                       r"|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.|[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z\d]")
_DIGITS = re.compile(r"^(\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(st|nd|rd|th|s)?(%)?$")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().rstrip(".")  # Sept. → sept


# What each English reader returns: the quantities read at a token and the
# index of the token after them, or None when the reader does not apply.
_Reading = tuple[list[Quantity], int] | None


def _english_quantities(text: str) -> list[Quantity]:
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    readers = (_relative_en, _date_en, _frequency_en, _ordinal_en, _digits_en, _words_en, _vague_en)
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        for reader in readers:
            reading = reader(text, tokens, i)
            if reading is not None:
                quantities, i = reading
                out.extend(quantities)
                break
        else:
            i += 1
    return out


def _span(text: str, tokens: list[_Token], first: int, after_last: int, **fields: Any) -> Quantity:
    start, end = tokens[first].start, tokens[after_last - 1].end
    return Quantity(start=start, end=end, text=text[start:end], **fields)


def _approximate_before(tokens: list[_Token], i: int) -> bool:
    before = " ".join(t.low for t in tokens[max(0, i - 3) : i])
    return before.endswith(_EN_APPROX)


def _unit_after(tokens: list[_Token], j: int) -> tuple[str | None, int]:
    """What a number ending before token j counts, read from the words after
    it, and the index after those words."""
    if j + 2 < len(tokens) and j > 0 and tokens[j - 1].text[:1].isdigit() and tokens[j].low == "of" \
            and tokens[j + 1].low in _OF_DETERMINERS:
        unit, after = _unit_after(tokens, j + 2)  # 28,500 of our troops (one of the members stays a pronoun)
        if unit is not None:
            return unit, after
    for gap in (0, 1, 2):
        k = j + gap
        if k >= len(tokens):
            break
        if gap and not (tokens[k - 1].low in _EN_UNIT_GAP or tokens[k - 1].text[:1].isupper()
                        and tokens[k - 1].text[:1].isalpha()):
            described = next((m for m in range(k, min(k + 2, len(tokens))) if tokens[m].low in _CASE_NOUNS), None)
            if described is not None and all(t.low.isalpha() and t.low == t.text for t in tokens[j:described]):
                return "case", described + 1
            break
        two = f"{tokens[k].low} {tokens[k + 1].low}" if k + 1 < len(tokens) else ""
        if two in _EN_UNITS:
            return _EN_UNITS[two], k + 2
        if tokens[k].low in _EN_UNITS:
            return _EN_UNITS[tokens[k].low], k + 1
    return None, j


def _hyphen_unit(word: str) -> str | None:
    """The unit of a hyphenated compound's tail (six-party → party)."""
    for tail, unit in _EN_HYPHEN_UNITS.items():
        if word.endswith("-" + tail):
            return unit
    return None


def _glued_to_identifier(text: str, start: int) -> bool:
    """Digits that belong to a name: Hwasong-15, F-35, G7, KN-23, COVID-19."""
    before = text[max(0, start - 2) : start]
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    return len(before) == 2 and before[1] == "-" and before[0].isalpha()


def _relative_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """yesterday, last month, this year, two months ago, a couple of months back."""
    low = tokens[i].low
    value: float | None
    if low in ("yesterday", "today", "tomorrow"):
        value = {"yesterday": -1, "today": 0, "tomorrow": 1}[low]
        return [_span(text, tokens, i, i + 1, value=value, kind="relative", unit="day")], i + 1
    if low in ("last", "this", "next", "past") and i + 1 < len(tokens) and tokens[i + 1].low in (
            "day", "week", "month", "year", "decade"):
        value = {"last": -1, "past": -1, "this": 0, "next": 1}[low]
        unit = _EN_TIME_UNITS[tokens[i + 1].low]
        return [_span(text, tokens, i, i + 2, value=value, kind="relative", unit=unit)], i + 2
    if low in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].low in ("couple", "few"):
        value = 2.0 if tokens[i + 1].low == "couple" else None
        j = i + 2 + (i + 2 < len(tokens) and tokens[i + 2].low == "of")
    elif low in ("several", "few", "many"):
        value, j = None, i + 1
    elif low in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].low in _EN_TIME_UNITS:
        value, j = 1.0, i + 1
    else:
        words = _word_number(tokens, i)
        digits = _DIGITS.match(tokens[i].text)
        if words:
            value, j = words
        elif digits and not (digits.group(1) or digits.group(4) or digits.group(5)):
            value, j = float(digits.group(2).replace(",", "")), i + 1
        else:
            return None
    if j + 1 >= len(tokens) or tokens[j].low not in _EN_TIME_UNITS:
        return None
    direction = tokens[j + 1].low
    if direction in ("from", "hence") and not (direction == "hence" or j + 2 < len(tokens) and tokens[j + 2].low == "now"):
        return None
    if direction not in ("ago", "back", "earlier", "later", "hence", "from"):
        return None
    sign = 1 if direction in ("later", "hence", "from") else -1
    after = j + (3 if direction == "from" else 2)
    offset = None if value is None else sign * value
    return [_span(text, tokens, i, after, value=offset, kind="relative", unit=_EN_TIME_UNITS[tokens[j].low],
                  approximate=value is None or tokens[i + 1].low == "couple")], after


def _date_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """June, June 16, June 16, 2018, June 2018, 16 June (months are capitalised)."""
    token = tokens[i]
    month = _EN_MONTHS.get(token.text.lower()) or _EN_MONTHS.get(token.low)
    if month is None or not token.text[:1].isupper() or (len(token.low) <= 4 and token.low not in (
            "may", "june", "july") and not token.text.endswith(".")):
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    number = re.fullmatch(r"(\d{1,4})(?:st|nd|rd|th)?", nxt.text) if nxt else None
    prev = tokens[i - 1].low if i else ""
    if token.low in ("may", "march") and not (number or prev in _EN_MONTH_CUES):
        return None  # the verb
    out = [_span(text, tokens, i, i + 1, value=month, kind="month", unit=None)]
    j = i + 1
    if number and len(number.group(1)) <= 2 and 1 <= int(number.group(1)) <= 31:
        out.append(_span(text, tokens, j, j + 1, value=int(number.group(1)), kind="day", unit=None))
        j += 1
        if j + 1 < len(tokens) and tokens[j].text == "," and re.fullmatch(r"\d{4}", tokens[j + 1].text):
            out.append(_span(text, tokens, j + 1, j + 2, value=int(tokens[j + 1].text), kind="year", unit=None))
            j += 2
    elif number and len(number.group(1)) == 4:
        out.append(_span(text, tokens, j, j + 1, value=int(number.group(1)), kind="year", unit=None))
        j += 1
    return out, j


def _frequency_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    if tokens[i].low in ("twice", "thrice"):
        value = 2 if tokens[i].low == "twice" else 3
        return [_span(text, tokens, i, i + 1, value=value, kind="count", unit="time")], i + 1
    return None


def _ordinal_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """third, twenty-first, 3rd, the 16th (a day of the month)."""
    low = tokens[i].low
    parts = low.split("-")
    value = _EN_ORDINALS.get(low)
    if value is None and len(parts) == 2 and parts[0] in _EN_TENS and parts[1] in _EN_ORDINALS:
        value = _EN_TENS[parts[0]] + _EN_ORDINALS[parts[1]]
    digits = _DIGITS.match(tokens[i].text)
    if value is None and digits and digits.group(4) in ("st", "nd", "rd", "th") and not digits.group(1):
        if _glued_to_identifier(text, tokens[i].start):
            return None
        value = int(digits.group(2).replace(",", ""))
    if value is None:
        return None
    prev = tokens[i - 1].low if i else ""
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if low == "second" and (not nxt[:1].isalpha() or nxt in ("of", "and", "or")):
        return None  # "a second of silence", "in a second"
    if low == "first" and prev not in ("the", "its", "his", "her", "their", "our", "a", "this", "country's"):
        return None  # "first, we…", "at first", "first came"
    kind = "day" if _is_day_of_month(tokens, i, value) else "ordinal"
    return [_span(text, tokens, i, i + 1, value=value, kind=kind, unit=None)], i + 1


def _is_day_of_month(tokens: list[_Token], i: int, value: int) -> bool:
    """*the 16th*, *June 16th*, *16th of June*: an ordinal that no noun follows."""
    if not 1 <= value <= 31:
        return False
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if prev is not None and prev.text[:1].isupper() and prev.low in _EN_MONTHS:
        return True
    if nxt == "of" and i + 2 < len(tokens) and tokens[i + 2].low in _EN_MONTHS:
        return True
    if prev is None or prev.low != "the":
        return False
    no_noun_follows = not nxt[:1].isalpha() or nxt in (
        "and", "that", "when", "at", "in", "to", "he", "she", "they", "it", "during", "with", "after", "before")
    # "the 16th." is a date; "the third." usually refers back to an ordinal noun.
    return no_noun_follows and (tokens[i].text[:1].isdigit() or i >= 2 and tokens[i - 2].low in (
        "on", "since", "until", "by", "from"))


def _digits_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """16, 1,200, 3.5, $30 million, 12.3 trillion, 50%, 2005, the 1990s."""
    token = tokens[i]
    digits = _DIGITS.match(token.text)
    if not digits or digits.group(4) in ("st", "nd", "rd", "th") or _glued_to_identifier(text, token.start):
        return None
    if ":" in (text[token.start - 1 : token.start], text[token.end : token.end + 1]):
        return None  # a time of day (21:30) or a verse, not a quantity
    if _next_is_hangul(text, token.end) and not token.text.startswith("$"):
        return None  # 16일, 58개국: the Korean scanner reads these with their units
    number = float(digits.group(2).replace(",", "") + (digits.group(3) or ""))
    if digits.group(4) == "s":
        if 1000 <= number <= 2100:
            return [_span(text, tokens, i, i + 1, value=number, kind="decade", unit=None)], i + 1
        return None
    approximate = _approximate_before(tokens, i)
    if digits.group(5):
        return [_span(text, tokens, i, i + 1, value=number, kind="count", unit="percent",
                      approximate=approximate)], i + 1
    j = i + 1
    while j < len(tokens) and tokens[j].low in _EN_SCALES and tokens[j].low != "hundred" or (
            j < len(tokens) and tokens[j].low == "hundred" and j == i + 1):
        number *= _EN_SCALES[tokens[j].low]
        j += 1
    if digits.group(1):
        if j == i + 1 and j < len(tokens) and tokens[j].start == token.end and tokens[j].low in ("m", "bn", "k"):
            number *= {"m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}[tokens[j].low]  # $5m
            j += 1
        return [_span(text, tokens, i, j, value=number, kind="count", unit="dollar", approximate=approximate)], j
    if j < len(tokens) and tokens[j].text == "%":
        return [_span(text, tokens, i, j + 1, value=number, kind="count", unit="percent",
                      approximate=approximate)], j + 1
    if j == i + 1 and j < len(tokens) and 1 <= number <= 31 and not digits.group(3) and \
            tokens[j].text[:1].isupper() and tokens[j].low in _EN_MONTHS:
        return [_span(text, tokens, i, i + 1, value=number, kind="day", unit=None)], j  # 16 June
    unit, k = _unit_after(tokens, j)
    if unit is None and j + 1 < len(tokens) and tokens[j].text == "-":  # a 70-year-old man
        unit = _hyphen_unit("-" + tokens[j + 1].low)
        k = j + 2 if unit else j
    if unit is None and j == i + 1 and not digits.group(3) and "," not in token.text and 1900 <= number <= 2100:
        return [_span(text, tokens, i, i + 1, value=number, kind="year", unit=None)], j
    return [_span(text, tokens, i, k, value=number, kind="count", unit=unit, approximate=approximate)], k


def _next_is_hangul(text: str, position: int) -> bool:
    rest = text[position : position + 2].lstrip()
    return bool(rest) and is_hangul_syllable(rest[0])


def _word_number(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """A number spelled in words from token i (*a hundred million*, *two dozen*,
    *twenty-five*, *one hundred and fifty*): (value, index after it)."""
    total = current = 0.0
    seen = False
    j = i
    while j < len(tokens):
        low = tokens[j].low
        parts = low.split("-")
        if len(parts) == 2 and parts[0] in _EN_TENS and parts[1] in _EN_ONES:
            current += _EN_TENS[parts[0]] + _EN_ONES[parts[1]]
        elif low in _EN_ONES:
            current += _EN_ONES[low]
        elif low in _EN_TENS:
            current += _EN_TENS[low]
        elif low in ("a", "an") and not seen and j + 1 < len(tokens) and tokens[j + 1].low in (
                "hundred", "thousand", "million", "billion", "trillion", "dozen"):
            current = 1
        elif low == "hundred" and seen:
            current = (current or 1) * 100
        elif low in ("thousand", "million", "billion", "trillion") and seen:
            total += (current or 1) * _EN_SCALES[low]
            current = 0
        elif low == "dozen" and seen:
            current = (current or 1) * 12
        elif low == "and" and seen and tokens[j - 1].low in ("hundred", "thousand") and j + 1 < len(tokens) and (
                tokens[j + 1].low in _EN_ONES or tokens[j + 1].low.split("-")[0] in _EN_TENS):
            pass  # one hundred and fifty
        else:
            break
        seen = True
        j += 1
    return (total + current, j) if seen else None


def _words_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """Numbers in words, with a hyphenated unit (six-party) or a unit after them."""
    low = tokens[i].low
    parts = low.split("-")
    if len(parts) >= 2 and (parts[0] in _EN_ONES or parts[0] in _EN_TENS) and _hyphen_unit(low):
        count = _EN_ONES.get(parts[0], _EN_TENS.get(parts[0]))
        return [_span(text, tokens, i, i + 1, value=count, kind="count", unit=_hyphen_unit(low))], i + 1
    words = _word_number(tokens, i)
    if words is None:
        return None
    value, j = words
    unit, k = _unit_after(tokens, j)
    if low == "one" and j == i + 1 and unit is None:
        return None  # "one of them", "the next one", "one voice"
    if low in ("a", "an") and tokens[j - 1].low == "dozen" and unit is None:
        return None
    approximate = _approximate_before(tokens, i)
    return [_span(text, tokens, i, k, value=value, kind="count", unit=unit, approximate=approximate)], k


def _vague_en(text: str, tokens: list[_Token], i: int) -> _Reading:
    """*dozens of people*, *several countries*: a count with no exact number."""
    low = tokens[i].low
    if low not in ("dozens", "hundreds", "thousands", "millions", "billions", "several", "numerous"):
        return None
    j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].low == "of")
    unit, k = _unit_after(tokens, j)
    if unit is None:
        return None
    return [_span(text, tokens, i, k, value=None, kind="count", unit=unit, approximate=True)], k


# ---------------------------------------------------------------------------
# Korean

_KO_NUMBER = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?[십백천])?(?:\s?[만억조])?"
    r"(?:\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?[십백천])?(?:\s?[만억조])?)*"
)
_KO_NATIVE_RE = re.compile(
    r"(?<![가-힣])(열\s?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)|스물\s?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)|스무|"
    r"서른|마흔|쉰|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?(" + "|".join(_KO_NATIVE_COUNTERS) + r")"
)
_KO_ORDINAL_RE = re.compile(r"(?<![가-힣])(첫째|둘째|셋째|넷째|다섯째|첫)(\s?번째)?")
# A day word ends at a space or mark, a time word (동안, 만에) or a particle
# (이틀뿐, 사흘밖에, 하루씩, 이틀이); 하루빨리 or 하루하루 are other words.
_KO_DAY_WORD_RE = re.compile(r"(?<![가-힣])(" + "|".join(_KO_DAY_WORDS) + r")"
                             r"(?=[\s,.]|동안|간|만에|새|째|뒤|후|전|$|뿐|씩|밖에"
                             r"|(?:은|는|이|가|을|를|의|에|도|만|까지|부터)(?![가-힣]))")
# One period before another quantity is a rate, not a count: 하루 14시간 is
# "fourteen hours a day", 한 달에 이틀 "two days a month", 1년에 두 차례 "twice a year".
_KO_RATE_GAP = re.compile(r"(?:에|마다|당)?\s*(?:평균|최대|최소|약)?\s*")
_KO_RELATIVE_RE = re.compile(
    r"(?<![가-힣])(" + "|".join(sorted(map(re.escape, _KO_RELATIVE), key=len, reverse=True)) + r")")
_KO_VAGUE_RE = re.compile(r"(?<![가-힣])(수십|수백|수천|수만|수억|수|몇|여러)\s?(개국|명|차례|번|개월|달|주|년|일|시간)(\s?전)?")


def korean_number_value(raw: str) -> float:
    """The value of digits written with Korean units: ``1억1천만`` → 110,000,000,
    ``2천500만`` → 25,000,000, ``12조3천억`` → 12,300,000,000,000, ``3.5`` → 3.5."""
    total = group = 0.0
    for number, small, big in re.findall(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)?\s?([십백천])?\s?([만억조])?", raw):
        if not (number or small or big):
            continue
        value = float(number.replace(",", "")) if number else 1.0
        if small:
            value *= _KO_SMALL[small]
        if number or small:
            group += value
        if big:
            total += (group or 1) * _KO_BIG[big]
            group = 0.0
    return total + group


def _korean_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for match in _KO_NUMBER.finditer(text):
        start = match.start()
        raw = match.group().rstrip()
        if _glued_to_identifier(text, start) or text[start - 1 : start] in (".", ",", "$", ":") or \
                text[match.end() : match.end() + 1] == ":":
            continue
        if not re.search(r"[만억조천백십]", raw) and not _next_is_hangul(text, start + len(raw)) and \
                text[start + len(raw) : start + len(raw) + 1] not in ("%", "~", "∼", "〜"):
            continue  # bare digits before English words are the English scanner's
        quantity = _korean_digits(text, start, start + len(raw), raw)
        if quantity is not None:
            out.append(quantity)
    out += _korean_native_counts(text)
    for match in _KO_ORDINAL_RE.finditer(text):
        if match.group(1) == "첫" and not match.group(2) and not re.match(r"\s?[가-힣]", text[match.end():]):
            continue
        out.append(Quantity(_KO_NATIVE_ORDINALS[match.group(1)], "ordinal", None, match.start(), match.end(),
                            match.group()))
    for match in _KO_DAY_WORD_RE.finditer(text):
        out.append(Quantity(_KO_DAY_WORDS[match.group(1)], "count", "day", match.start(), match.end(), match.group()))
    for match in _KO_RELATIVE_RE.finditer(text):
        value, unit = _KO_RELATIVE[match.group(1)]
        out.append(Quantity(value, "relative", unit, match.start(), match.end(), match.group()))
    for match in _KO_VAGUE_RE.finditer(text):
        unit = {"년": "year", "일": "day"}.get(match.group(2)) or _KO_UNITS.get(match.group(2), "week")
        kind = "relative" if match.group(3) else "count"
        out.append(Quantity(None, kind, unit, match.start(), match.end(), match.group(), approximate=True))
    starts = {q.start for q in out}
    return [q for q in out if not _is_rate_period(text, q, starts)]


def _is_rate_period(text: str, quantity: Quantity, starts: set[int]) -> bool:
    """Whether ``quantity`` is one calendar period that another quantity
    right after it is counted per (하루 14시간, 한 달에 이틀)."""
    if quantity.kind != "count" or quantity.value != 1 or quantity.unit not in ("day", "week", "month", "year"):
        return False
    gap = _KO_RATE_GAP.match(text, quantity.end)
    return gap is not None and gap.end() > quantity.end and gap.end() in starts


def _korean_native_counts(text: str) -> list[Quantity]:
    """한 차례, 두 번, 세 번째, 다섯 명, 두 달 전."""
    out = []
    for match in _KO_NATIVE_RE.finditer(text):
        words, counter = match.group(1), match.group(2)
        end = match.end()
        if counter == "번" and text[end : end + 1] == "째":
            counter, end = "번째", end + 1
        if not (counter in ("차례", "번째", "개국", "나라", "개월", "사람", "시간") or _word_ends(text, end)):
            continue  # 세대, 한국, 두번에 — a word that only starts like a count
        if match.group() in ("한번", "한번째"):
            continue  # 한번 (glued): "once", "give it a try" — not a count
        value = _native_value(words)
        start = match.start()
        if counter == "번째":
            out.append(Quantity(value, "ordinal", None, start, end, text[start:end]))
            continue
        unit = "time" if counter in ("차례", "번") else _KO_UNITS.get(counter, "week" if counter == "주" else None)
        relative = re.match(r"\s?전(?![가-힣])|\s?전에", text[end:])
        if relative and unit in ("month", "week", "year", "day"):
            stop = end + relative.end()
            out.append(Quantity(-value, "relative", unit, start, stop, text[start:stop]))
            continue
        out.append(Quantity(value, "count", unit, start, end, text[start:end], _approximate_after_ko(text, end)))
    return out


def _native_value(words: str) -> float:
    words = words.replace(" ", "")
    for tens in ("열", "스물"):
        if words.startswith(tens) and words[len(tens):] in _KO_NATIVE:
            return _KO_NATIVE[tens] + _KO_NATIVE[words[len(tens):]]
    return float(_KO_NATIVE[words])


def _word_ends(text: str, position: int) -> bool:
    """A counter ends its word here, or only a particle follows it."""
    return bool(re.match(r"(?:$|[\s.,)”’\"'·]|(?:은|는|이|가|을|를|의|에|에서|으로|로|도|만|간|동안|째|전|후|만에|씩|까지|부터|과|와)"
                         r"(?![가-힣]))", text[position:]))


def _approximate_after_ko(text: str, position: int) -> bool:
    return bool(_KO_APPROX_AFTER.match(text[position : position + 8]))


def _korean_digits(text: str, start: int, end: int, raw: str) -> Quantity | None:
    """Digits in Korean text with what follows them: 16일, 2018년, 6월, 58개국, 1억 달러, 세 번째 …"""
    approximate = text[max(0, start - 4) : start].rstrip().endswith(_KO_APPROX_BEFORE)
    value = korean_number_value(raw)
    if text[end : end + 1] == "여":  # 58여 개국, 100여명: "more than"
        approximate = True
        end += 1
    rest = text[end:]
    after = rest.lstrip()
    gap = len(rest) - len(after)
    if text[max(0, start - 1) : start] == "제":  # 제3차
        start -= 1
    plain = not re.search(r"[만억조천백십]", raw)

    def make(kind: str, unit: str | None, length: int, value: float = value) -> Quantity:
        stop = end + gap + length if length else end
        return Quantity(value, kind, unit, start, stop, text[start:stop], approximate or _approximate_after_ko(text, stop))

    def relative(unit: str, length: int) -> Quantity | None:
        tail = after[length:]
        ago = re.match(r"\s?(?:전|前)(?![가-힣])|\s?전에|\s?전부터", tail)
        if not ago:
            return None
        stop = end + gap + length + ago.end()
        return Quantity(-value, "relative", unit, start, stop, text[start:stop], approximate)

    span_to = re.match(r"\s?[~∼〜]\s?(\d[\d,.]*(?:\s?[십백천만억조])*)", after)
    if span_to:  # 129~130달러: the first number of a range has the second's unit
        second_start = end + gap + span_to.start(1)
        second = _korean_digits(text, second_start, second_start + len(span_to.group(1)), span_to.group(1))
        if second is not None and second.kind in ("count", "year", "day", "month"):
            return make(second.kind, second.unit, 0)
    if text[start] == "제" or re.match(r"번째|차(?![가-힣]*(?:례|량|관|원))", after):
        return make("ordinal", None, 2 if after.startswith("번째") else 1)
    if plain and after.startswith("년대"):
        return make("decade", None, 2)
    if plain and after.startswith("년"):
        if value >= 1000 and not re.match(r"년\s?(?:간|동안|연속|만|째)", after):
            return make("year", None, 1)
        return relative("year", 1) or make("count", "year", 1)
    if plain and after.startswith("월") and 1 <= value <= 12 and gap == 0:
        return make("month", None, 1)
    if plain and after.startswith("일") and not re.match(r"일(?:본|대|부(?!터))", after):
        if 1 <= value <= 31 and gap == 0 and not re.match(r"일\s?(?:간|동안|만|째|연속)", after):
            return make("day", None, 1)
        return relative("day", 1) or make("count", "day", 1)
    if plain and re.match(r"주(?:일)?(?![년한재요민도택식장의관가])", after):
        length = 2 if after.startswith("주일") else 1
        return relative("week", length) or make("count", "week", length)
    if plain and after.startswith("주년"):
        return make("count", "anniversary", 2)
    if plain and after.startswith("시") and not after.startswith(("시간", "시장", "시민", "시설")):
        return make("count", "clock", 1)
    unit_match = _KO_UNIT_AFTER.match(after)
    if unit_match and not (gap and unit_match.group() in _KO_UNITS_GLUED_ONLY):
        unit = _KO_UNIT_OF[re.sub(r"\s", "", unit_match.group())]
        if unit in ("month", "year") and (found := relative(unit, unit_match.end())):
            return found
        return make("count", unit, unit_match.end())
    return make("count", None, 0)


@lru_cache(maxsize=4096)
def number_values(text: str) -> frozenset[float]:
    """The values of the numbers ``text`` states (13, 13개 and thirteen alike),
    leaving out 0 and 1, which "a", "one" and many Korean words carry."""
    return frozenset(q.value for q in find_quantities(text) if q.value is not None and q.value not in (0, 1))


def korean_units(value: int) -> str:
    """A whole number the way Korean copy writes it with 조, 억, 만 and 천:
    30,000,000 → 3천만, 1,700 → 1천700, 250,000,000 → 2억5천만."""
    parts = []
    for unit, size in (("조", 10**12), ("억", 10**8), ("만", 10**4)):
        count, value = divmod(value, size)
        if count:
            parts.append(_below_ten_thousand(count) + unit)
    if value or not parts:
        parts.append(_below_ten_thousand(value))
    return "".join(parts)


def _below_ten_thousand(value: int) -> str:
    thousands, rest = divmod(value, 1000)
    return (f"{thousands}천" if thousands else "") + (str(rest) if rest or not thousands else "")
