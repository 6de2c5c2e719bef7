"""The number normaliser: English and Korean numbers, dates, ordinals,
amounts and counts reduced to the same value objects."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from aligner.numbers import Quantity, find_quantities, korean_number_value, same_value


def read(text: str) -> list[tuple]:
    return [(q.value, q.kind, q.unit) for q in find_quantities(text)]


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------
# English

@pytest.mark.parametrize("text, value, unit", [
    ("58 countries", 58, "country"),
    ("1,200 people", 1200, "person"),
    ("$30 million", 30_000_000, "dollar"),
    ("30 million dollars", 30_000_000, "dollar"),
    ("a hundred million dollars", 100_000_000, "dollar"),
    ("$1.3 billion", 1_300_000_000, "dollar"),
    ("$5m", 5_000_000, "dollar"),
    ("two dozen people", 24, "person"),
    ("one hundred and fifty people", 150, "person"),
    ("twenty-five countries", 25, "country"),
    ("16 consecutive years", 16, "year"),
    ("50 percent", 50, "percent"),
    ("50%", 50, "percent"),
    ("three times", 3, "time"),
    ("twice", 2, "time"),
    ("six-party talks", 6, "party"),
    ("a 70-year-old man", 70, "age"),
])
def test_english_counts(text, value, unit):
    quantity = only(text)
    assert (quantity.value, quantity.kind, quantity.unit) == (value, "count", unit)


@pytest.mark.parametrize("text, value", [
    ("the third committee", 3), ("the 3rd committee", 3), ("its sixth nuclear test", 6),
    ("the twenty-first century", 21), ("the first time", 1),
])
def test_english_ordinals(text, value):
    assert read(text) == [(value, "ordinal", None)]


@pytest.mark.parametrize("text, expected", [
    ("held on the 16th.", [(16, "day", None)]),
    ("on June 16, 2018", [(6, "month", None), (16, "day", None), (2018, "year", None)]),
    ("in May 2018", [(5, "month", None), (2018, "year", None)]),
    ("on 16 June 2018", [(16, "day", None), (6, "month", None), (2018, "year", None)]),
    ("on Sept. 9", [(9, "month", None), (9, "day", None)]),
    ("Since last March, we", [(3, "month", None)]),
    ("since 2005", [(2005, "year", None)]),
    ("in the 1990s", [(1990, "decade", None)]),
    ("this year", [(0, "relative", "year")]),
    ("last month", [(-1, "relative", "month")]),
    ("two months ago", [(-2, "relative", "month")]),
    ("yesterday", [(-1, "relative", "day")]),
])
def test_english_dates(text, expected):
    assert read(text) == expected


def test_a_couple_of_months_back_is_a_loose_relative_time():
    quantity = only("a couple of months back")
    assert (quantity.kind, quantity.unit, quantity.value, quantity.approximate) == ("relative", "month", -2, True)


@pytest.mark.parametrize("text", [
    "You may go now.", "They will march on.", "one of the members", "the next one", "We must speak with one voice.",
    "at first", "Wait a second.", "Hwasong-15", "an F-35 jet", "the G7 summit", "COVID-19", "at 21:30 hours",
    "It is so decided",
])
def test_english_words_that_are_not_quantities(text):
    assert read(text) == []


def test_approximate_amounts_are_marked():
    assert only("more than $30 million").approximate
    assert only("about 40 countries").approximate
    assert not only("40 countries").approximate


# ---------------------------------------------------------------------------
# Korean

@pytest.mark.parametrize("text, value, unit", [
    ("58개국", 58, "country"),
    ("30여 개국", 30, "country"),
    ("1억 달러", 100_000_000, "dollar"),
    ("1억1천만 달러", 110_000_000, "dollar"),
    ("2천500만 명", 25_000_000, "person"),
    ("3천 명", 3_000, "person"),
    ("13억 달러", 1_300_000_000, "dollar"),
    ("25퍼센트", 25, "percent"),
    ("두 차례", 2, "time"),
    ("한 차례", 1, "time"),
    ("열두 명", 12, "person"),
    ("16년 연속", 16, "year"),
    ("3일간", 3, "day"),
    ("하루 동안", 1, "day"),
    ("6자회담", 6, "party"),
])
def test_korean_counts(text, value, unit):
    quantity = only(text)
    assert (quantity.value, quantity.kind, quantity.unit) == (value, "count", unit)


@pytest.mark.parametrize("text, value", [
    ("세 번째 ICBM", 3), ("3번째", 3), ("첫 번째", 1), ("제3차 회의", 3), ("2차 정상회담", 2), ("두 번째", 2),
])
def test_korean_ordinals(text, value):
    assert read(text) == [(value, "ordinal", None)]


@pytest.mark.parametrize("text, expected", [
    ("16일", [(16, "day", None)]),
    ("지난 11월", [(11, "month", None)]),
    ("2018년 6월", [(2018, "year", None), (6, "month", None)]),
    ("7월 4일", [(7, "month", None), (4, "day", None)]),
    ("6월 1일부터", [(6, "month", None), (1, "day", None)]),
    ("1990년대", [(1990, "decade", None)]),
    ("지난해", [(-1, "relative", "year")]),
    ("올해", [(0, "relative", "year")]),
    ("지난달", [(-1, "relative", "month")]),
    ("3년 전", [(-3, "relative", "year")]),
    ("두 달 전", [(-2, "relative", "month")]),
])
def test_korean_dates(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["한국", "세대", "세 대사", "일본", "화성-15형", "오전 10:30에", "한번에"])
def test_korean_words_that_are_not_quantities(text):
    assert read(text) == []


def test_korean_approximate_amounts_are_marked():
    assert only("1억 달러가 넘는").approximate
    assert only("100여명").approximate
    assert only("3천만 달러 이상").approximate
    assert not only("45개국이").approximate


def test_a_range_gives_both_ends_the_unit():
    assert read("129~130달러") == [(129, "count", "dollar"), (130, "count", "dollar")]


def test_vague_korean_counts_have_no_value():
    quantity = only("수 주 동안")
    assert quantity.vague and quantity.unit == "week"


# ---------------------------------------------------------------------------
# The same value, both languages

@pytest.mark.parametrize("english, korean", [
    ("third", "세 번째"), ("3rd", "세 번째"), ("100 million dollars", "1억 달러"), ("a hundred million dollars", "1억 달러"),
    ("$30 million", "3천만 달러"), ("58 countries", "58개국"), ("twice", "두 차례"), ("16 consecutive years", "16년 연속"),
    ("the 16th.", "16일"), ("last November", "지난 11월"), ("last month", "지난달"), ("12.3 trillion times", "12조3천억 번"),
])
def test_english_and_korean_readings_agree(english, korean):
    a, b = only(english), only(korean)
    assert (a.kind, a.unit) == (b.kind, b.unit)
    assert same_value(a, b)


def test_spans_index_the_text():
    text = "지난 5월부터 45개국이 모였고, since last March, 40 countries met on the 16th."
    for quantity in find_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text


def test_same_value_tolerates_rounding_only_when_approximate():
    exact = only("40 countries")
    assert same_value(exact, only("40개국"))
    assert not same_value(exact, only("42개국"))
    assert same_value(only("about 40 countries"), only("42개국"))
    assert same_value(exact, only("수십 개국")) is None


# ---------------------------------------------------------------------------
# Properties

def korean_units(n: int, *, separators: bool) -> str:
    """An integer written with Korean units: 123456789 → 1억2345만6789."""
    parts = []
    for unit, size in (("조", 10**12), ("억", 10**8), ("만", 10**4)):
        if n >= size:
            parts.append(f"{n // size:,}{unit}" if separators else f"{n // size}{unit}")
            n %= size
    if n or not parts:
        parts.append(f"{n:,}" if separators else str(n))
    return "".join(parts)


def english_words(n: int) -> str:
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
           "sixteen seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def under_thousand(k: int) -> str:
        words = []
        if k >= 100:
            words += [ones[k // 100], "hundred"]
            k %= 100
        if k >= 20:
            words.append(tens[k // 10] + (f"-{ones[k % 10]}" if k % 10 else ""))
        elif k or not words:
            words.append(ones[k])
        return " ".join(words)

    words = []
    for scale, size in (("billion", 10**9), ("million", 10**6), ("thousand", 10**3)):
        if n >= size:
            words += [under_thousand(n // size), scale]
            n %= size
    if n or not words:
        words.append(under_thousand(n))
    return " ".join(words)


@given(st.integers(min_value=1, max_value=10**13))
def test_an_integer_in_digits_separators_and_korean_units_has_one_value(n):
    readings = {f"{n} 달러", f"{n:,} 달러", f"{korean_units(n, separators=False)} 달러",
                f"{korean_units(n, separators=True)} 달러", f"${n:,}"}
    for text in readings:
        quantity = only(text)
        assert (quantity.value, quantity.unit) == (n, "dollar"), text


@given(st.integers(min_value=1, max_value=999_999_999))
def test_an_integer_in_english_words_has_its_value(n):
    quantity = only(f"{english_words(n)} countries")
    assert (quantity.value, quantity.unit) == (n, "country")


@given(st.integers(min_value=1, max_value=10**13))
def test_korean_number_value_reads_what_korean_units_write(n):
    assert korean_number_value(korean_units(n, separators=False)) == n
    assert korean_number_value(korean_units(n, separators=True)) == n


@given(st.text(alphabet=st.sampled_from(list("0123456789,. 만억천백년월일명개국달러 thirdmonyaglsct$%~-")), max_size=40))
def test_any_text_gives_sorted_non_overlapping_spans_of_itself(text):
    found = find_quantities(text)
    for quantity in found:
        assert text[quantity.start:quantity.end] == quantity.text
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start


@pytest.mark.parametrize("text, expected", [
    # A day word with a particle glued on is still a count.
    ("휴일은 한 달에 이틀뿐이었다고", [("이틀", 2, "day")]),
    ("사흘밖에 남지 않았다", [("사흘", 3, "day")]),
    ("이틀이 걸렸다", [("이틀", 2, "day")]),
    # One period before another quantity is a rate ("a day", "a month"), not a count.
    ("하루 14시간씩 일했고", [("14시간", 14.0, "hour")]),
    ("1년에 두 차례 훈련한다", [("두 차례", 2.0, "time")]),
    ("하루 평균 300명이 넘었다", [("300명", 300.0, "person")]),
    # A period that counts itself stays; so does 하루 alone; 하루빨리 is an adverb.
    ("한 달 동안 5차례", [("한 달", 1.0, "month"), ("5차례", 5.0, "time")]),
    ("하루가 지났다", [("하루", 1, "day")]),
    ("하루빨리 돌아와야", []),
])
def test_korean_day_words_and_rates(text, expected):
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == expected


def test_rate_in_narration_is_not_a_mismatched_count(align_text):
    """'fourteen hours a day, two days off a month' rendered 하루 14시간, 한 달에 이틀뿐:
    every number agrees (the rate's 하루 is not the quote's 'two days')."""
    report = align_text(
        "렌퀴스트 연구원은 방문한 현장의 노동 실태를 전했습니다.\n\n"
        "[녹취: 렌퀴스트 연구원] “Workers were on the job fourteen hours a day, with only two days off a month.”\n\n"
        "렌퀴스트 연구원은 노동자들이 하루 14시간씩 일했고, 휴일은 한 달에 이틀뿐이었다고 밝혔습니다.\n")
    assert [f for f in report.flags if f.kind == "number_mismatch"] == []


@pytest.mark.parametrize("text, unit", [
    ("roughly seventy submarines", "ship"),  # 척
    ("at least six new guard posts", "place"),  # 곳
    ("two detention camps", None),  # a modifier the list does not know: no unit, never compared
    ("three facilities", "place"),
])
def test_english_nouns_counted_by_korean_counters_have_their_unit(text, unit):
    assert [q.unit for q in find_quantities(text)] == [unit]
