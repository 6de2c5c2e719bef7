"""Text primitives, one definition each: which script a character or a span
is in (the language of a span, from the share of Hangul among its letters),
the quotation marks, and how wide text is on a terminal.

DESIGN.md measured that the Hangul share separates Korean from English
reliably, so no language-identification package is needed.
"""
from __future__ import annotations

# Quotation marks: those that open, those that close, and all of them (the
# straight marks and ' do both).
OPEN_QUOTES = "“\"‘'„«「『"
CLOSE_QUOTES = "”\"’'»」』"
QUOTE_CHARS = "“”\"‘’'„«»「」『』"
# The marks that can close a quote opened by each mark (an inner ‘no’ does
# not close a “…” quote).
QUOTE_CLOSERS = {"“": "”\"", "\"": "\"”", "”": "”\"", "‘": "’'", "'": "'’", "„": "“”\"", "«": "»", "「": "」", "『": "』"}
# Curly and angled marks as their straight forms, for comparing texts that
# were typed with different marks.
STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'", "„": '"', "«": '"', "»": '"'})


def is_hangul(ch: str) -> bool:
    """A Hangul syllable or jamo."""
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def is_hangul_syllable(ch: str) -> bool:
    """A composed Hangul syllable (가-힣), not a lone jamo."""
    return "\uac00" <= ch <= "\ud7a3"


def hangul_share(text: str) -> float | None:
    """Share of Hangul among letters, or None when the text has no letters."""
    letters = hangul = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if is_hangul(ch):
                hangul += 1
    if not letters:
        return None
    return hangul / letters


# The one definition of "this text is Korean": Hangul is at least half of its
# letters.  DESIGN.md measured that the share separates the two languages
# reliably; spans in between are mixed (see detect_language).
KOREAN_SHARE = 0.5


def is_korean(text: str) -> bool:
    return (hangul_share(text) or 0.0) >= KOREAN_SHARE


def has_hangul(text: str) -> bool:
    """Whether any Hangul (a syllable or a jamo) is in the text."""
    return any(is_hangul(ch) for ch in text)


def detect_language(text: str) -> str:
    """'ko', 'en', 'mixed' or 'und' (no letters)."""
    share = hangul_share(text)
    if share is None:
        return "und"
    if share >= 0.7:
        return "ko"
    if share <= 0.1:
        return "en"
    return "mixed"


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide characters (Hangul,
    CJK, full-width forms) two, combining marks and control characters none."""
    from wcwidth import wcwidth

    return sum(max(0, wcwidth(ch)) for ch in text)
