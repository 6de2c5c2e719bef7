"""number_mismatch: a number, date, ordinal, amount or count in a quote that
its renderings state differently.

Only numbers the renderings are responsible for are compared: a quote number
is checked against the rendering numbers of the same kind and unit, and a quote
number that no rendering mentions is left alone (renderings summarise).  A
rendering number the quote lacks is left alone too: narration adds dates and
context of its own.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..language import is_korean
from ..numbers import Quantity, find_quantities, korean_units, same_value
from ..report import Flag, FlagSpan, Quote, Report, Severity
from . import Detector, NoSettings

# Kinds whose disagreement is plain to a reader: a different ordinal, year or
# month, or a count of the same stated unit (40 countries / 45개국).  Days of
# the month and times relative to now are weaker: narration adds the day of
# the event, and translators shift "this week" to the day of publication.
_STRONG_KINDS = ("ordinal", "year", "month", "decade", "count")


@dataclass(frozen=True)
class Discrepancy:
    """A quote quantity and the rendering quantity that states it otherwise."""

    quoted: Quantity
    rendered: Quantity
    strong: bool  # a plain contradiction (an error), not a question (a warning)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities speak of the same sort of thing: the same kind,
    and for counts and relative times the same stated unit."""
    if a.kind != b.kind:
        return False
    if a.kind == "relative" and {a.unit, b.unit} <= _CALENDAR_UNITS and a.unit != b.unit and \
            a.value is not None and b.value is not None and abs(a.value) == abs(b.value) == 1:
        # last month / 지난주: another stretch of the calendar (a question, never plain;
        # two weeks ago may well be last month, so only last/next against last/next)
        return True
    if a.kind in ("count", "relative"):
        return a.unit is not None and a.unit == b.unit or a.kind == "count" and _transposed(a, b)
    return True


_CALENDAR_UNITS = {"week", "month", "year"}


def _transposed(a: Quantity, b: Quantity) -> bool:
    """The same digits in another order (312 / 213): one figure mistyped,
    whatever each side says it counts."""
    if a.value is None or b.value is None or a.value == b.value:
        return False
    if not all(v > 0 and float(v).is_integer() for v in (a.value, b.value)):
        return False  # fractions and negatives are no typing slips
    digits = [str(int(v)) for v in (a.value, b.value)]
    return len(digits[0]) >= 3 and sorted(digits[0]) == sorted(digits[1])


def compare(quoted: tuple[Quantity, ...], rendered: tuple[Quantity, ...]) -> list[Discrepancy]:
    """Quote quantities that the renderings state with another value.

    Only numbers the rendering is responsible for are compared.  A quote
    number whose value the rendering states anywhere (in any form) is
    rendered; a rendering number whose value the quote states anywhere is
    accounted for.  What is left is paired one to one by kind and unit, nearest
    values first; a quote number left with no partner is simply not rendered.
    Bare numbers with no unit are never compared: without a unit, *15 meters
    (49 feet)* against *15m* looks like 49 against 15.
    """
    open_quoted = [q for q in quoted if not q.vague and not any(same_value(q, r) for r in rendered)]
    open_rendered = [r for r in rendered if not r.vague and not any(same_value(r, q) for q in quoted)]
    pairs = sorted(
        ((q, r) for q in open_quoted for r in open_rendered if comparable(q, r) and _could_be_one_figure(q, r)),
        key=_relative_difference,
    )
    found: list[Discrepancy] = []
    used: set[int] = set()
    for q, r in pairs:
        if id(q) in used or id(r) in used:
            continue
        used.update((id(q), id(r)))
        # A count is plain only in the same stated unit.  A day of the month
        # stays a question even beside the same month: the narration dates
        # its own event (9월 13일 회견에서) as well as the speaker's.
        strong = q.kind in _STRONG_KINDS and q.unit == r.unit
        found.append(Discrepancy(q, r, strong=strong))
    return sorted(found, key=lambda gap: gap.quoted.start)


def _relative_difference(pair: tuple[Quantity, Quantity]) -> float:
    quoted, rendered = pair[0].value, pair[1].value
    assert quoted is not None and rendered is not None  # vague quantities are never paired
    return abs(quoted - rendered) / max(abs(quoted), abs(rendered), 1e-9)


def _could_be_one_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two counts could be one figure stated wrongly: small, close in
    size (40 / 45, 3.55 / 5.55), or off by a power of ten (억 read as billion).
    Five people against 750명 are two different figures of the same story."""
    if a.kind != "count" or not a.value or not b.value or max(abs(a.value), abs(b.value)) <= 12:
        return True  # small counts (two / five) are misread as readily as any
    ratio = max(abs(a.value), abs(b.value)) / min(abs(a.value), abs(b.value))
    if ratio < 3:
        return True
    power = math.log10(ratio)
    return abs(power - round(power)) < 0.005


def vague_against_dated(quoted: tuple[Quantity, ...], rendered: tuple[Quantity, ...]) -> list[Discrepancy]:
    """A quote's loose time (*a couple of months back*) that the rendering
    pins to a calendar date (*2018년 6월*): worth a reviewer's look, since the
    narration claims more precision than the speaker gave."""
    found = []
    for q in quoted:
        if q.kind != "relative" or q.unit not in ("month", "week", "year") or not q.approximate:
            continue
        if any(r.kind == "relative" and r.unit == q.unit for r in rendered):
            continue
        dated = [r for r in rendered if r.kind in ("month", "year")]
        if dated:
            date = dated[0]
            for nxt in dated[1:2]:  # 2018년 6월, June 2018: the whole date, not its year
                if nxt.start - date.end == 1 and nxt.kind != date.kind:
                    date = Quantity(date.value, date.kind, None, date.start, nxt.end, f"{date.text} {nxt.text}")
            found.append(Discrepancy(q, date, strong=False))
    return found


def detect(report: Report, **_: object) -> list[Flag]:
    flags: list[Flag] = []
    for quote in report.quotes:
        if quote.quote is None or not quote.renderings:
            continue
        quoted = _shifted(find_quantities(quote.quote.text), quote.quote.start)
        if not quoted:
            continue
        rendered = tuple(q for r in quote.renderings for q in _shifted(find_quantities(r.text), r.start))
        for gap in compare(quoted, rendered):
            flags.append(_flag(quote, gap, report))
        for gap in vague_against_dated(quoted, rendered):
            flags.append(_flag(quote, gap, report))
    return flags


def _shifted(quantities: tuple[Quantity, ...], offset: int) -> tuple[Quantity, ...]:
    return tuple(Quantity(q.value, q.kind, q.unit, q.start + offset, q.end + offset, q.text, q.approximate)
                 for q in quantities)


def _flag(quote: Quote, gap: Discrepancy, report: Report) -> Flag:
    quoted, rendered = gap.quoted, gap.rendered
    if quoted.kind == "relative" and rendered.kind in ("month", "year"):
        message = (f"The quote gives only a loose time ('{quoted.text}') but the narration dates it "
                   f"'{report.text[rendered.start:rendered.end]}'.")
    else:
        message = f"The quote says '{quoted.text}' but the narration says '{rendered.text}'."
    return Flag(
        id="", kind="number_mismatch", severity=Severity.ERROR if gap.strong else Severity.WARNING, message=message,
        quote=quote.id,
        spans=(FlagSpan(rendered.start, rendered.end, report.text[rendered.start:rendered.end], "narration"),
               FlagSpan(quoted.start, quoted.end, report.text[quoted.start:quoted.end], "quote")),
        suggestion=_fix(quoted, rendered, report),
    )


def _fix(quoted: Quantity, rendered: Quantity, report: Report) -> str | None:
    """The narration's figure corrected in the narration's own writing (4번째
    → 3번째, fourth → third in MT English), or nothing: a loose time the
    narration dated is not replaced by the speaker's vaguer words, and a
    figure written in words in another language has no safe rewrite."""
    if quoted.kind == "relative" or not isinstance(quoted.value, (int, float)):
        return None
    written = report.text[rendered.start:rendered.end]
    # The narration's language, not the figure's: 14% in Korean narration is
    # fixed as 40%, not as the quote's '40 percent'.
    narration_korean = report.source.narration_lang == "ko" or is_korean(written)
    if narration_korean == is_korean(quoted.text):
        return quoted.text
    korean_figure = re.findall(r"\d[\d,]*(?:[천만억조]\d*)+", written)
    if len(korean_figure) == 1 and float(quoted.value).is_integer() and quoted.value > 0:
        return written.replace(korean_figure[0], korean_units(int(quoted.value)))  # 3억 → 3천만, not 30000000억
    digits = re.findall(r"\d[\d,]*", written)
    if len(digits) == 1 and float(quoted.value).is_integer():
        return written.replace(digits[0], f"{int(quoted.value):,}" if "," in digits[0] else str(int(quoted.value)))
    return None


DETECTOR = Detector("number_mismatch", ("number_mismatch",), needs_embedder=False, settings=NoSettings, detect=detect)
