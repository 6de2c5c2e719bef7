"""Shared numbers and Latin words: the prefix-count fast path against plain
set intersections, and what counts as a kept token."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.pair.lexical import SharedTokens, kept_tokens


def test_kept_tokens_are_number_values_and_latin_words():
    assert kept_tokens("미 식품의약국(FDA)은 1억 달러를 1992년에 지원했다.") == {"fda", "#1e+08", "#1992"}
    assert kept_tokens("The FDA gave $100 million in 1992.") >= {"fda", "#1e+08", "#1992"}
    assert "the" not in kept_tokens("The FDA said.") and "#1" not in kept_tokens("one country")


WORDS = ["FDA", "CNN", "NATO", "1992", "3", "Obama", "유엔", "회의", "the", "Seoul"]
sentences = st.lists(st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join), max_size=7)


@settings(max_examples=200, deadline=None)
@given(sentences, sentences, st.data())
def test_shared_counts_equal_set_intersections(korean, english, data):
    tokens = SharedTokens.of(korean, english)
    n, m = len(korean), len(english)
    if not n or not m:
        return
    a = data.draw(st.integers(1, min(3, n)))
    b = data.draw(st.integers(1, min(3, m)))
    i = data.draw(st.integers(a, n))
    js = list(range(b, m + 1))
    expected = [len(frozenset().union(*map(kept_tokens, korean[i - a:i])) & frozenset().union(*map(kept_tokens, english[j - b:j])))
                for j in js]
    assert tokens.shared(a, i, b, js).tolist() == expected
    # a part counts as the whole does on the same sentences
    ko_start, en_start = data.draw(st.integers(0, i - a)), data.draw(st.integers(0, b - 1 if b else 0))
    part = tokens.part(ko_start, n, en_start, m)
    shifted = [j - en_start for j in js if j - b >= en_start]
    assert part.shared(a, i - ko_start, b, shifted).tolist() == expected[len(js) - len(shifted):]
