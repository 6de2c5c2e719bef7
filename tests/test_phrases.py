"""Phrase alignment: chunking of quotes and renderings, and the pairing of
quote phrases with the rendering phrases that carry them (real model)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.flags.omission import OmissionSettings, _support
from aligner.phrases import (Phrase, PhraseSettings, align_phrases, english_phrases, korean_phrases, lexical_overlap,
                             split_phrases, word_windows)
from aligner.report import Span


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


# ---------------------------------------------------------------------------
# chunking

def test_english_clauses_cut_at_punctuation_and_conjunctions():
    text = "We made real progress, and while there is still a long way to go, we can see a path."
    assert [p.text for p in english_phrases(text, 0, len(text))] == [
        "We made real progress", "and while there is still a long way to go", "we can see a path"]


def test_english_clauses_never_cross_a_sentence_end():
    text = "We returned last night. And then we met the President."
    phrases = [p.text for p in english_phrases(text, 0, len(text))]
    assert phrases == ["We returned last night", "And then we met the President"]


def test_names_joined_by_and_stay_in_one_clause():
    text = "China and Russia are responsible for the collapse of the regime."
    assert [p.text for p in english_phrases(text, 0, len(text))] == [text.rstrip(".")]


def test_korean_clauses_cut_after_connective_endings_but_not_auxiliaries():
    text = "장관은 여러 방안을 검토하고 있다며, 여기에는 부채 유예도 포함된다고 말했습니다."
    phrases = [p.text for p in korean_phrases(text, 0, len(text))]
    assert phrases == ["장관은 여러 방안을 검토하고 있다며", "여기에는 부채 유예도 포함된다고 말했습니다"]


def test_word_windows_are_runs_of_words_with_their_offsets():
    text = "xx 진정한 진전을 이뤄낸 방북을"
    windows = word_windows(text, 3, len(text), 1, 2)
    assert [w.text for w in windows] == ["진정한", "진전을", "이뤄낸", "방북을",
                                         "진정한 진전을", "진전을 이뤄낸", "이뤄낸 방북을"]
    assert all(text[w.start:w.end] == w.text for w in windows)


def test_lexical_overlap_counts_content_words_up_to_inflection():
    assert lexical_overlap("fabricated by defectors", "defector who fabricated it") == 1.0
    assert lexical_overlap("the most despicably fabricated", "maliciously fabricated") == 0.5
    assert lexical_overlap("of the and", "anything") == 0.0


sentences = st.lists(
    st.sampled_from(["We will act", "and they know it", "because time is short", "North Korea",
                     "장관은 검토하고", "있다며,", "말했습니다.", "China and Russia", "—", "...", ",", "“quoted”", "(note)"]),
    min_size=1, max_size=12,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(prefix=st.text(alphabet="ab \n", max_size=5), body=sentences)
def test_phrases_are_ordered_disjoint_and_index_the_text(prefix, body):
    text = prefix + body + " tail"
    start, end = len(prefix), len(prefix) + len(body)
    phrases = split_phrases(text, start, end)
    for phrase in phrases:
        assert start <= phrase.start < phrase.end <= end
        assert text[phrase.start:phrase.end] == phrase.text
        assert phrase.text == phrase.text.strip()
    assert all(a.end <= b.start for a, b in zip(phrases, phrases[1:]))
    words = [w for w in body.split() if any(c.isalnum() for c in w)]
    covered = " ".join(p.text for p in phrases)
    assert all(w.strip("“”(),.") in covered for w in words)  # no word is lost


# ---------------------------------------------------------------------------
# alignment

KOREAN_TEXT = ("“We will double the rail budget next year, and we will inspect every bridge in Ohio. "
               "Who will pay the lawyers of the victims?”\n"
               "장관은 내년 철도 예산을 두 배로 늘리고 오하이오의 모든 교량을 점검하겠다고 말했습니다.\n")


def test_each_quote_phrase_is_paired_with_the_korean_window_that_carries_it(embedder):
    quote = span_of(KOREAN_TEXT, KOREAN_TEXT[1:KOREAN_TEXT.index("”")])
    rendering = span_of(KOREAN_TEXT, KOREAN_TEXT.splitlines()[1])
    alignment = align_phrases(KOREAN_TEXT, quote, [rendering], embedder, "ko")
    assert [p.quote.text for p in alignment.pairs] == [
        "We will double the rail budget next year", "and we will inspect every bridge in Ohio",
        "Who will pay the lawyers of the victims"]
    budget, bridges, lawyers = alignment.pairs
    assert budget.narration is not None and "예산" in budget.narration.text
    assert bridges.narration is not None and "교량" in bridges.narration.text
    assert lawyers.narration is None  # no rendering carries the question
    assert alignment.dropped == (lawyers.quote,)
    for pair in alignment.pairs:
        assert KOREAN_TEXT[pair.quote.start:pair.quote.end] == pair.quote.text
        if pair.narration:
            assert KOREAN_TEXT[pair.narration.start:pair.narration.end] == pair.narration.text
            assert rendering.start <= pair.narration.start and pair.narration.end <= rendering.end


def test_the_phrase_table_and_the_omission_detector_share_one_carried_cut_off(embedder):
    # One setting: at any cut-off, the phrase alignment leaves a clause
    # uncarried exactly when the omission detector finds no carrier for it.
    quote = span_of(KOREAN_TEXT, KOREAN_TEXT[1:KOREAN_TEXT.index("”")])
    rendering = span_of(KOREAN_TEXT, KOREAN_TEXT.splitlines()[1])
    lawyers = align_phrases(KOREAN_TEXT, quote, [rendering], embedder, "ko").pairs[2]
    carriers = [Phrase(rendering.start, rendering.end, rendering.text)]
    default = PhraseSettings().carried_cosine
    assert lawyers.score < default
    for cut in (default, lawyers.score - 0.01, lawyers.score + 0.01):
        phrases = PhraseSettings(carried_cosine=cut)
        shown_carried = align_phrases(KOREAN_TEXT, quote, [rendering], embedder, "ko", phrases).pairs[2]
        omission_carried = _support(KOREAN_TEXT, lawyers.quote, carriers, embedder, OmissionSettings(), phrases)
        assert (shown_carried.narration is not None) == (omission_carried == 1.0) == (lawyers.score >= cut)


ENGLISH_TEXT = ("“These claims were invented by our rivals, and we will publish the full audit next week.”\n"
                "The minister said the claims were fabricated by rivals, and he attacked the opposition leader.\n")


def test_same_language_pairs_are_lexical_and_unsourced_clauses_are_listed(embedder):
    quote = span_of(ENGLISH_TEXT, ENGLISH_TEXT[1:ENGLISH_TEXT.index("”")])
    rendering = span_of(ENGLISH_TEXT, ENGLISH_TEXT.splitlines()[1])
    alignment = align_phrases(ENGLISH_TEXT, quote, [rendering], embedder, "en")
    claims, audit = alignment.pairs
    assert claims.narration is not None and "claims were fabricated by rivals" in claims.narration.text
    assert audit.narration is None
    assert [p.text for p in alignment.unsourced] == ["and he attacked the opposition leader"]


def test_no_renderings_drop_every_phrase(embedder):
    quote = span_of(ENGLISH_TEXT, ENGLISH_TEXT[1:ENGLISH_TEXT.index("”")])
    alignment = align_phrases(ENGLISH_TEXT, quote, [], embedder, "en")
    assert alignment.pairs and all(p.narration is None for p in alignment.pairs)
    assert alignment.unsourced == ()
