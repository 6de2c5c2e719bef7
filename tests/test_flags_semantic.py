"""The semantic gap detectors: misquote, meaning_shift, omission and addition.

Every transcript here is written for these tests (invented speakers and
stories).  Each kind has cases where it must fire and close cases where it
must not; all run the real pipeline with the real embedded model.
"""
from __future__ import annotations

import pytest
from conftest import dedent
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.attribution import is_clipped, quoted_phrases
from aligner.report import Span


def flags_of(report, kind: str):
    return [f for f in report.flags if f.kind == kind]


def spans_of(flag, side: str) -> list[str]:
    return [s.text for s in flag.spans if s.side == side]


def assert_spans_index_the_text(report):
    for flag in report.flags:
        for span in flag.spans:
            assert report.text[span.start:span.end] == span.text


# ---------------------------------------------------------------------------
# misquote

MT_MISQUOTE = dedent("""
    The Foreign Ministry criticized the fishing agreement. This is Lee Ha-na.
    Foreign Ministry spokesman Adam Kessler said at a briefing on the 4th that the agreement was unfair.
    [녹취: 케슬러 대변인] “This agreement was drafted by a small circle of lobbyists. It ignores the fishermen who depend on these waters.”
    Spokesman Kessler said the agreement was drafted by a small group of’corrupt traitors’ and ignores the fishermen who live off the sea.
    This is Lee Ha-na, VOA News.
""")


def test_an_mt_narration_quoting_words_the_speaker_never_said_is_a_misquote(align_text):
    report = align_text(MT_MISQUOTE)
    [flag] = flags_of(report, "misquote")
    assert flag.severity == "error"
    assert spans_of(flag, "narration") == ["corrupt traitors"]
    # "small circle of lobbyists" became "small group of 'corrupt traitors'"
    assert spans_of(flag, "quote") == ["circle of lobbyists"]
    assert flag.suggestion == "circle of lobbyists"
    assert "corrupt traitors" in flag.message
    assert_spans_index_the_text(report)


def test_an_mt_narration_quoting_the_speakers_own_words_is_no_misquote(align_text):
    faithful = MT_MISQUOTE.replace("’corrupt traitors’", "’lobbyists’")
    assert flags_of(align_text(faithful), "misquote") == []


def test_a_quoted_paraphrase_of_a_whole_clause_is_no_misquote(align_text):
    paraphrase = MT_MISQUOTE.replace(
        "Spokesman Kessler said the agreement was drafted by a small group of’corrupt traitors’ and ignores the fishermen who live off the sea.",
        "Spokesman Kessler said, “The agreement was written by a small group of lobbyists, and it ignores the fishermen who rely on these waters.”")
    assert flags_of(align_text(paraphrase), "misquote") == []


KOREAN_MISQUOTE = dedent("""
    환경부 “해양 방류 계획은 무책임한 결정”

    미국 환경보호청이 인근 국가의 오염수 해양 방류 계획을 비판했습니다. 한지수 기자가 보도합니다.

    로라 벤틀리 환경보호청장은 2일 기자회견에서 이번 방류 계획은 ‘{term}’이라고 비판했습니다.

    [녹취: 벤틀리 청장] “This plan is an irresponsible decision. It puts the health of coastal communities at risk for years to come.”

    벤틀리 청장은 이번 계획이 앞으로 수년 동안 연안 주민들의 건강을 위협할 것이라고 지적했습니다.

    VOA 뉴스 한지수입니다.
""")


def test_a_korean_narration_quoting_a_different_term_is_flagged(align_text):
    report = align_text(KOREAN_MISQUOTE.format(term="국제 사기극"))
    [flag] = flags_of(report, "misquote")
    assert spans_of(flag, "narration") == ["국제 사기극"]
    assert flag.severity in ("warning", "info") and "국제 사기극" in flag.message
    assert_spans_index_the_text(report)


def test_a_korean_narration_quoting_a_faithful_translation_is_not_flagged(align_text):
    report = align_text(KOREAN_MISQUOTE.format(term="무책임한 결정"))
    assert flags_of(report, "misquote") == []


def test_a_quoted_question_or_someone_elses_word_is_not_the_speakers(align_text):
    text = dedent("""
        로라 벤틀리 환경보호청장은 2일 ‘방류를 막을 방법이 있느냐’는 질문에 답했습니다.

        [녹취: 벤틀리 청장] “We will use every diplomatic channel available to us.”

        벤틀리 청장은 한 의원이 이번 계획을 “도박”으로 표현한 데 대해, 모든 외교 경로를 활용하겠다고 말했습니다.
    """)
    assert flags_of(align_text(text), "misquote") == []


def test_a_quoted_statement_from_outside_the_quote_is_not_a_misquote(align_text):
    # the narration quotes another sentence of the speech, one the transcript does not include
    text = KOREAN_MISQUOTE.format(term="무책임한 결정").replace(
        "이번 방류 계획은 ‘무책임한 결정’이라고 비판했습니다.",
        "“이웃 나라들과 먼저 협의했어야 했다”며 이번 방류 계획을 비판했습니다.")
    assert "협의했어야" in text
    assert flags_of(align_text(text), "misquote") == []


def test_no_misquote_on_the_faithful_seed_quotes(seed_report):
    misquotes = flags_of(seed_report, "misquote")
    assert [(f.quote, spans_of(f, "narration")) for f in misquotes] == [("q3", ["human waste"])]
    assert not [f for f in seed_report.flags if f.severity == "error" and f.quote in ("q1", "q2")]


# ---------------------------------------------------------------------------
# omission

KOREAN_OMISSION = dedent("""
    미 교통장관 “철도 안전 예산 두 배로”

    미국 교통부가 철도 안전 예산을 늘리겠다고 밝혔습니다. 오세훈 기자가 보도합니다.

    마리아 로페즈 교통장관은 8일 기자회견에서 철도 안전 예산을 두 배로 늘리겠다고 밝혔습니다.

    [녹취: 로페즈 장관] “We will double the rail safety budget next year. {dropped}”

    로페즈 장관은 내년 철도 안전 예산을 두 배로 늘릴 것이라고 말했습니다.

    VOA 뉴스 오세훈입니다.
""")


def test_a_question_no_rendering_carries_is_an_omission(align_text):
    report = align_text(KOREAN_OMISSION.format(
        dropped="And when will the inspectors finally visit the bridges in Ohio?"))
    [flag] = flags_of(report, "omission")
    assert flag.severity == "warning"
    [evidence] = spans_of(flag, "quote")
    assert "inspectors finally visit the bridges in Ohio" in evidence
    assert "inspectors" in flag.message and flag.suggestion is None  # no text a reviewer would put in
    assert_spans_index_the_text(report)


def test_a_rendered_second_sentence_is_no_omission(align_text):
    text = KOREAN_OMISSION.format(dropped="Inspectors will visit every bridge in Ohio.").replace(
        "로페즈 장관은 내년 철도 안전 예산을 두 배로 늘릴 것이라고 말했습니다.",
        "로페즈 장관은 내년 철도 안전 예산을 두 배로 늘리고, 검사관들이 오하이오의 모든 교량을 점검할 것이라고 말했습니다.")
    assert flags_of(align_text(text), "omission") == []


def test_a_filler_clause_is_not_worth_an_omission(align_text):
    report = align_text(KOREAN_OMISSION.format(dropped="I want to be clear."))
    assert flags_of(report, "omission") == []


def test_a_quote_cut_off_by_the_end_of_the_file_is_not_checked(align_text):
    text = KOREAN_OMISSION.format(dropped="And when will the inspectors finally visit the bridges in Ohio?")
    cut = text[: text.index("로페즈 장관은 내년")] + "로페즈 장관은 내년 철도 안전 예산을"
    assert flags_of(align_text(cut), "omission") == []


MT_OMISSION = dedent("""
    The Department of Energy announced a new grid plan. This is Park Eun-ji.
    [녹취: 하딩 장관] “We are investing four billion dollars in the power grid. We will also close every coal plant in the state by 2030.”
    Secretary Harding said the government is investing four billion dollars in the power grid.
    This is Park Eun-ji, VOA News.
""")


def test_an_mt_rendering_that_leaves_a_sentence_out_is_an_omission(align_text):
    report = align_text(MT_OMISSION)
    [flag] = flags_of(report, "omission")
    assert spans_of(flag, "quote") == ["We will also close every coal plant in the state by 2030"]


def test_an_mt_paraphrase_is_no_omission(align_text):
    text = MT_OMISSION.replace(
        "Secretary Harding said the government is investing four billion dollars in the power grid.",
        "Secretary Harding said the government is investing $4 billion in the electricity grid and that all coal "
        "power plants in the state will be shut down by 2030.")
    assert flags_of(align_text(text), "omission") == []


# ---------------------------------------------------------------------------
# meaning_shift

KOREAN_DEGREE = dedent("""
    미 재무장관 “중국 환율 정책에 우려”

    미국 재무부가 중국의 환율 정책에 대한 입장을 밝혔습니다. 김하늘 기자가 보도합니다.

    [녹취: 웹스터 장관] “We have {degree} concerns about the recent moves in the currency market.”

    웹스터 장관은 최근 외환시장 움직임에 대해 {rendered} 우려하고 있다고 말했습니다.

    VOA 뉴스 김하늘입니다.
""")


def test_a_hedged_concern_reported_as_a_deep_one_is_a_meaning_shift(align_text):
    report = align_text(KOREAN_DEGREE.format(degree="some", rendered="깊이"))
    [flag] = flags_of(report, "meaning_shift")
    assert flag.severity == "warning"
    assert spans_of(flag, "quote") == ["some concerns"]
    assert spans_of(flag, "narration") == ["깊이 우려하고"]
    assert "stronger" in flag.message
    assert_spans_index_the_text(report)


def test_a_strong_concern_reported_as_a_slight_one_is_a_meaning_shift(align_text):
    report = align_text(KOREAN_DEGREE.format(degree="very serious", rendered="다소"))
    [flag] = flags_of(report, "meaning_shift")
    assert spans_of(flag, "quote") == ["very serious"] and "weaker" in flag.message


@pytest.mark.parametrize("degree, rendered", [
    ("deep", "깊이"),      # same degree
    ("some", "일부"),      # hedged on both sides
    ("", "강하게"),        # the quote states no degree: the narration may
    ("very", ""),          # a degree left out across languages is no flag
])
def test_matching_or_unstated_degrees_are_no_meaning_shift(align_text, degree, rendered):
    report = align_text(KOREAN_DEGREE.format(degree=degree, rendered=rendered).replace("  ", " "))
    assert flags_of(report, "meaning_shift") == []


MT_DEGREE = dedent("""
    The Interior Ministry rejected the report. This is Choi Yu-ri.
    [녹취: 노박 장관] “These claims are completely groundless and were invented by our rivals.”
    Minister Novak said the claims were {rendered} and were invented by rivals.
    This is Choi Yu-ri, VOA News.
""")


def test_an_mt_rendering_that_drops_the_intensified_term_is_a_meaning_shift(align_text):
    report = align_text(MT_DEGREE.format(rendered="questionable"))
    [flag] = flags_of(report, "meaning_shift")
    assert flag.severity == "warning"
    assert spans_of(flag, "quote") == ["completely groundless"]
    assert spans_of(flag, "narration") == ["questionable"]
    assert flag.suggestion == "The speaker said 'completely groundless'."


def test_an_mt_rendering_that_keeps_the_degree_is_no_meaning_shift(align_text):
    assert flags_of(align_text(MT_DEGREE.format(rendered="totally baseless")), "meaning_shift") == []
    assert flags_of(align_text(MT_DEGREE.format(rendered="completely groundless")), "meaning_shift") == []


def test_the_seed_weakens_most_despicably(seed_report):
    shifts = flags_of(seed_report, "meaning_shift")
    assert [(f.quote, spans_of(f, "quote"), spans_of(f, "narration")) for f in shifts] == \
        [("q3", ["most despicably"], ["maliciously"])]


# ---------------------------------------------------------------------------
# addition

KOREAN_CLIPPED = dedent("""
    미 농무장관 “가뭄 피해 농가 지원 검토”

    미국 농무부가 가뭄 피해 농가에 대한 지원책을 검토하고 있다고 밝혔습니다. 정다은 기자가 보도합니다.

    [녹취: 그랜트 장관] “We are reviewing several ways to support farmers hit by the drought{clip}”

    {rendering}

    VOA 뉴스 정다은입니다.
""")

COMPLETING = "그랜트 장관은 가뭄 피해 농가를 지원하는 여러 방안을 검토하고 있다며, 여기에는 농가 부채를 5년간 유예하고 긴급 대출 한도를 두 배로 늘리는 방안도 포함된다고 설명했습니다."
FAITHFUL = "그랜트 장관은 가뭄 피해를 입은 농민들을 지원하는 여러 방안을 검토하고 있다고 설명했습니다."


def test_a_rendering_that_completes_a_clipped_quote_is_an_addition(align_text, embedder):
    from dataclasses import replace

    from aligner.flags import addition

    report = align_text(KOREAN_CLIPPED.format(clip="...", rendering=COMPLETING))
    # The completing sentence's link to the quote is middling (its added half
    # pulls the score down), and such sentences as often report another part
    # of the briefing: only a note at this strength.
    [note] = flags_of(report, "addition")
    assert note.severity == "info" and "may attribute" in note.message
    assert report.quotes[0].renderings[-1].score < addition.AdditionSettings().warning_link
    # The same sentence surely linked to the quote makes a warning.
    quote = report.quotes[0]
    sure = replace(quote, renderings=tuple(replace(r, score=0.95) for r in quote.renderings))
    [flag] = addition.detect(replace(report, quotes=(sure,)), embedder=embedder)
    assert flag.severity == "warning"
    assert spans_of(flag, "narration") == spans_of(note, "narration")
    [added] = spans_of(flag, "narration")
    assert "농가 부채를 5년간 유예하고" in added and "긴급 대출 한도" in added
    assert "여러 방안을 검토" not in added  # the clause the clip carries is not the addition
    assert "clipped" in flag.message
    assert_spans_index_the_text(report)


def test_a_rendering_inside_the_clip_is_no_addition(align_text):
    assert flags_of(align_text(KOREAN_CLIPPED.format(clip="...", rendering=FAITHFUL)), "addition") == []


def test_a_full_quote_leaves_the_narration_free_to_say_more(align_text):
    report = align_text(KOREAN_CLIPPED.format(clip=".", rendering=COMPLETING))
    assert flags_of(report, "addition") == []


def test_an_all_caps_cue_is_only_a_first_line(align_text):
    text = KOREAN_CLIPPED.format(clip="...", rendering=COMPLETING).replace(
        "We are reviewing several ways to support farmers hit by the drought...", "WE ARE REVIEWING SEVERAL WAYS…")
    assert "WE ARE REVIEWING" in text
    assert flags_of(align_text(text), "addition") == []


def test_a_korean_sentence_far_longer_than_its_clip_is_an_addition(align_text):
    text = KOREAN_CLIPPED.format(clip="…", rendering=(
        "그랜트 장관은 가뭄 피해 농가의 부채 상환을 내년 말까지 전면 유예하고 피해 지역 전체에 긴급 재난 기금을 즉시 투입할 것이라고 말했습니다."
    )).replace("We are reviewing several ways to support farmers hit by the drought…", "We are reviewing…")
    report = align_text(text)
    by_severity = {f.severity: f for f in flags_of(report, "addition")}
    # the completing sentence, weakly linked, is a note; the lead gives the news
    # as the ministry's, not the speaker's: a note too, never a warning
    assert set(by_severity) == {"info"}
    assert any("긴급 재난 기금" in s for s in spans_of(by_severity["info"], "narration"))


MT_CLIPPED = dedent("""
    The Coast Guard warned about the storm season. This is Yoon Ji-ho.
    [녹취: 레이놀즈 사령관] “We expect more storms this year than last year, and we are ready...”
    Commandant Reynolds said that more storms are expected this year than last year and that the agency is ready, {rest}.
    This is Yoon Ji-ho, VOA News.
""")


def test_an_mt_rendering_that_adds_a_claim_after_a_clip_is_an_addition(align_text):
    report = align_text(MT_CLIPPED.format(rest="and that Congress cut the rescue budget in half"))
    [flag] = flags_of(report, "addition")
    assert spans_of(flag, "narration") == ["Congress cut the rescue budget in half"]


def test_an_mt_rendering_inside_the_clip_is_no_addition(align_text):
    report = align_text(MT_CLIPPED.format(rest="he stressed").replace(", he stressed.", "."))
    assert flags_of(report, "addition") == []


# ---------------------------------------------------------------------------
# what the narration attributes (aligner.attribution)


def quoted(sentence: str) -> list[tuple[str, bool]]:
    return [(q.text, q.attributed) for q in quoted_phrases(sentence, Span(0, len(sentence), sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("He called them a group of’corrupt traitors’ in the end.", [("corrupt traitors", True)]),
    ("The DPRK’s leaders don’t agree, we’re told.", []),  # apostrophes, not marks
    ("He said, “We will act.”", [("We will act.", True)]),
    ("He mocked so-called’regime change’ as an excuse.", [("regime change", False)]),
    ("장관은 ‘무모한 도발’이라고 비난했습니다.", [("무모한 도발", True)]),
    ("“클리퍼 칩”이라는 표준 모델이 논란입니다.", [("클리퍼 칩", False)]),  # names a thing
    ("‘협상을 재개하느냐’는 질문에 답했습니다.", [("협상을 재개하느냐", False)]),  # the reporter's question
])
def test_quoted_phrases_and_whether_they_are_reported_as_speech(sentence, expected):
    assert quoted(sentence) == expected


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=" abc가나다.’‘“”\"'`", max_size=40))
def test_quoted_phrases_index_the_text_inside_their_span(sentence):
    span = Span(1, max(1, len(sentence) - 1), sentence[1:max(1, len(sentence) - 1)])
    for phrase in quoted_phrases(sentence, span):
        assert span.start <= phrase.start < phrase.end <= span.end
        assert sentence[phrase.start:phrase.end] == phrase.text


@pytest.mark.parametrize("quote, clipped", [
    ("We are looking at options...", True), ("We are ready..", True), ("Based on our assessments …", True),
    ("It is so decided", False), ("We will act.", False),
])
def test_clipped_quotes(quote, clipped):
    assert is_clipped(quote) is clipped
