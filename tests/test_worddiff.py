"""The word diff: tokens, runs, and the plain --word-diff marks that print them."""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from aligner.render.diff import Evidence, Style, format_runs
from aligner.worddiff import diff_texts, similarity, tokenize, word_diff

PLAIN = Style(color=False)


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]


def quote_side(plain: str) -> str:
    """The quote as a plain word diff tells it: narration-only parts dropped."""
    return re.sub(r"\{\+.*?\+\}", " ", plain).replace("[-", "").replace("-]", "")


def narration_side(plain: str) -> str:
    return re.sub(r"\[-.*?-\]", " ", plain).replace("{+", "").replace("+}", "")


def plain_diff(old: str, new: str) -> str:
    # One text holding both sides, so the renderer can read gaps at real offsets.
    text = old + "\n" + new
    return format_runs(text, diff_texts(old, new, 0, len(old) + 1), Evidence.of(()), PLAIN)


def test_tokens_keep_words_initialisms_numbers_and_split_glued_quotes():
    text = "the U.S. sent 30,000 ‘Riff-Raff’ People’s as’human waste’."
    assert [t.text for t in tokenize(text)] == [
        "the", "U.S.", "sent", "30,000", "‘", "Riff-Raff", "’", "People’s", "as", "’", "human", "waste", "’", "."]
    for token in tokenize(text, offset=7):
        assert text[token.start - 7:token.end - 7] == token.text


def test_case_and_quote_style_do_not_count_as_changes():
    runs = diff_texts("He said “Don’t go”", "he said \"don't go\"")
    assert [r.op for r in runs] == ["equal"]


def test_seed_misquote_shows_in_the_word_diff():
    quote = "All material contained in draft resolution are most despicably fabricated information by Riff-Raff defectors."
    narration = ("All the contents of the resolution are maliciously fabricated information produced by "
                 "North Korean defectors such as’human waste’.")
    plain = plain_diff(quote, narration)
    assert "[-Riff-Raff-]" in plain
    assert re.search(r"\{\+[^}]*human waste[^}]*\+\}", plain)
    assert "[-most despicably-]{+maliciously+}" in plain
    assert plain.startswith("All ") and plain.endswith(".")


def test_a_deletion_keeps_the_spacing_around_it():
    assert plain_diff("A B C D", "A B D") == "A B [-C-] D"
    assert plain_diff("A B D", "A B C D") == "A B {+C+} D"
    assert plain_diff("tonight.", "tonight!") == "tonight[-.-]{+!+}"


def test_similarity_counts_shared_tokens():
    assert similarity(diff_texts("a b c d", "a b c d")) == 1.0
    assert similarity(diff_texts("a b", "c d")) == 0.0
    assert similarity(diff_texts("a b c d", "a b x y")) == 0.5


words = st.text(alphabet="abcAB가나.,’'\"!?", min_size=1, max_size=6)
texts = st.lists(words, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_runs_give_back_both_token_sequences(old, new):
    runs = word_diff(tokenize(old), tokenize(new))
    assert [t for r in runs for t in r.old] == list(tokenize(old))
    assert [t for r in runs for t in r.new] == list(tokenize(new))
    for run in runs:
        if run.op == "equal":
            assert [t.key for t in run.old] == [t.key for t in run.new]
        else:
            assert run.old or run.new


@settings(max_examples=300, deadline=None)
@given(texts, texts)
@example("A. A.", ".A")  # the narration glues two words the quote spaces: the quote side must not
def test_the_plain_diff_reads_back_as_the_quote_and_the_narration(old, new):
    plain = plain_diff(old, new)
    assert keys(quote_side(plain)) == keys(old)
    assert keys(narration_side(plain)) == keys(new)


def _rendering(text: str, start: int):
    from aligner.report import Rendering

    return Rendering(start=start, end=start + len(text), text=text, position="after", score=0.9)


def test_a_rendering_of_one_sentence_is_diffed_against_that_sentence():
    from aligner.comparisons import rendering_diff
    from aligner.report import Span

    quote_text = ("The DPRK continues to rely on cyber theft to fund its weapons programs. "
                  "These are not a handful of rogue hackers. This is a state-directed enterprise.")
    narration = "He said these are not just a handful of hackers."
    text = quote_text + "\n" + narration
    diff = rendering_diff(Span(0, len(quote_text), quote_text), _rendering(narration, len(quote_text) + 1))
    assert (diff.window.first, diff.window.last, diff.window.sentences) == (2, 2, 3)
    assert diff.window.span.text == "These are not a handful of rogue hackers."
    plain = format_runs(text, diff.runs, Evidence.of(()), PLAIN)
    assert "DPRK" not in plain and "enterprise" not in plain
    assert "[-rogue-]" in plain


def test_a_rendering_of_the_whole_quote_is_diffed_against_the_whole_quote():
    from aligner.comparisons import rendering_diff
    from aligner.report import Span

    quote_text = "We will respond firmly. We will not be intimidated."
    narration = "He said they will respond firmly and will not be intimidated."
    diff = rendering_diff(Span(0, len(quote_text), quote_text), _rendering(narration, len(quote_text) + 1))
    assert diff.window.whole and diff.window.span.text == quote_text
