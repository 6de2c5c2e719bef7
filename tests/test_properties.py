"""Property tests: for any text with random markers, segmentation covers the
text exactly without overlaps, and ``align`` never raises (real model)."""
from __future__ import annotations

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from invariants import check_report

from aligner import align, source_from_text
from aligner.glossary import load_glossary
from aligner.quotes import link_quotes
from aligner.segments import KINDS, segment
from aligner.sentences import split_english, split_korean

SYLLABLES = "가나다라마바사아자차카타파하국무부장관대변인은는이가을를에서했습니다고말밝혔북한미유엔의"
hangul_word = st.text(st.sampled_from(SYLLABLES), min_size=1, max_size=6)
any_hangul = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=4)
latin_word = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=1, max_size=9),
    st.sampled_from(["Mr.", "U.S.", "U.N.", "J.", "No.", "Dr.", "e.g.", "a.m.", "We", "said", "the", "VOA", "News"]),
)
punctuation = st.sampled_from([".", ". ", "다.", "습니다.", ",", "?", "!", "...", "..", "…", ":", ";", "–", "-", "·"])
quote_marks = st.sampled_from(["“", "”", '"', "‘", "’", "'", "„", "«", "»"])
brackets = st.sampled_from(["[", "]", "(", ")", "/", "：", "]“", "]”", "] “"])
marker_bits = st.sampled_from([
    "[녹취: ", "[녹취:", "[녹취 : ", "[텍스트: ", "[ACT 1: ", "[인터뷰: ", " 장관]", " 대사]", " 대변인]",
    "[녹취: 폼페오 장관]", "[녹취: 바버 특별고문(지난 11월)]", "[녹취: 폼페오 장관“", "[국무부 대변인]",
    "[앨리슨 모건 / 미 국무장관]", "[텍스트: 국무부 대변인실 관계자]", "(NBC 인터뷰)", "]",
])
phrases = st.sampled_from([
    "마이크 폼페오 국무장관은 ", "폼페오 장관은 이날 말했습니다. ", "Mr. Bozkir said ", "This is Taekseong Oh, VOA News.",
    "미국의 소리, 정주운입니다.", "VOA 뉴스", "VOA뉴스 김영교입니다.", "– .", "(자료사진)", "라는 겁니다.",
    "WE STILL HOPE…", "It is so decided", "Kim Seong ", "김성 대사는 ",
])
spaces = st.sampled_from([" ", " ", "  ", "\n", "\n", "\n\n", "\t", " \n ", "\u3000", "\u00a0"])
piece = st.one_of(hangul_word, hangul_word, any_hangul, latin_word, latin_word, punctuation, quote_marks, brackets,
                  marker_bits, marker_bits, phrases, spaces, spaces, spaces, st.integers(0, 2024).map(str))
transcripts = st.lists(piece, max_size=80).map("".join)


def check_cover(text: str, segments) -> None:
    """Sorted, non-overlapping, exact, stripped; only whitespace outside."""
    position = 0
    for n, s in enumerate(segments, 1):
        assert s.id == f"s{n}"
        assert s.kind in KINDS and s.lang in ("ko", "en", "mixed", "und")
        assert position <= s.start < s.end <= len(text), (s, position)
        assert s.text == text[s.start : s.end]
        assert not s.text[0].isspace() and not s.text[-1].isspace(), s
        assert not text[position : s.start].strip(), (text[position : s.start], s)
        position = s.end
    assert not text[position:].strip(), text[position:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts)
@example("[녹취: 폼페오 장관“I want…\n폼페오 장관은 말했습니다.")
@example("[녹취: 김성 대사]” We are…”  김 대사는 말했습니다.\n– .")
@example("[[[녹취:]]]“”\n\n[")
@example("제목\n[녹취: 김 대사] “a. b. c.\nd e f\n")
def test_segments_cover_the_text_exactly(text):
    check_cover(text, segment(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts, st.sampled_from(["ko", "en"]))
def test_cover_holds_for_either_narration_language(text, lang):
    check_cover(text, segment(text, lang))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts)
def test_every_quote_follows_its_marker(text):
    segments = segment(text)
    for i, s in enumerate(segments):
        if s.kind == "quote":
            assert i > 0 and segments[i - 1].kind == "marker", (segments[i - 1], s)
    links = link_quotes(segments, load_glossary())
    assert len(links) == sum(s.kind == "marker" for s in segments)
    for link in links:
        assert link.marker.text == text[link.marker.start : link.marker.end]
        if link.quote is not None:
            assert link.quote.text == text[link.quote.start : link.quote.end]
            assert link.quote_segment.start <= link.quote.start < link.quote.end <= link.quote_segment.end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts)
def test_leading_blank_lines_only_shift_offsets(text):
    assume(text.strip())
    base = [(s.kind, s.start, s.end) for s in segment(text)]
    shifted = [(s.kind, s.start - 3, s.end - 3) for s in segment("\n \n" + text)]
    assert shifted == base


def check_sentences(text: str, spans) -> None:
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert not text[position:start].strip()
        assert not text[start].isspace() and not text[end - 1].isspace()
        position = end
    assert not text[position:].strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(latin_word, latin_word, punctuation, quote_marks, spaces, hangul_word), max_size=60)
       .map("".join))
def test_english_splitter_covers_its_line(text):
    check_sentences(text, split_english(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(hangul_word, hangul_word, punctuation, quote_marks, spaces, latin_word), max_size=60)
       .map("".join))
def test_korean_splitter_covers_its_line(text):
    check_sentences(text, split_korean(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts)
@example("[녹취: 폼페오 장관“I want…\n폼페오 장관은 말했습니다.\n[녹취: 김 대사]\n")
def test_align_never_raises(embedder, text):
    assume(text.strip())
    source = source_from_text(text)
    report = align(source, embedder=embedder)
    data = report.to_dict()
    check_report(data, source.text)
    check_cover(source.text, report.segments)
    for quote in report.quotes:
        for rendering in quote.renderings:
            assert 0.0 <= rendering.score <= 1.0
