"""Segmentation: headline, narration sentences, markers, quotes, sign-offs and
other lines, with exact offsets and a language per segment."""
from __future__ import annotations

import pytest
from conftest import SEED, dedent
from invariants import check_segments

from aligner.segments import KINDS, narration_language, segment
from aligner.sentences import split_english, split_korean

KOREAN = dedent("""
    국무부 “북한, 조건 없이 대화 복귀해야”
    미 국무부는 북한이 조건 없이 대화에 복귀해야 한다고 거듭 촉구했습니다. 한지우 기자가 보도합니다.
    토머스 하워드 국무부 대변인은 3일 정례 브리핑에서 북한과의 외교에 여전히 열려 있다고 말했습니다. 하워드 대변인은 동맹과의 협의도 계속하고 있다고 덧붙였습니다
    [녹취: 하워드 대변인] “We remain open to diplomacy with the DPRK. We have made that clear.”
    하워드 대변인은 북한과의 외교에 열려 있으며 이를 분명히 했다고 강조했습니다.
    미국의 소리, 정주운입니다.
""")

ENGLISH = dedent("""
    State Department "North Korea must return to talks"
    The U.S. State Department urged North Korea to return to dialogue. Reporter Han Ji-woo reports.
    Mr. Howard said the U.S. and the U.N. agreed on the plan. Dr. J. K. Lee, a scholar at the institute, called it "a turning point." He added that talks would resume.
    [녹취: 하워드 대변인] "We remain open to diplomacy. We have made that clear."
    Spokesman Howard stressed that Washington is open to diplomacy.
    This is Taekseong Oh, VOA News.
    – .
""")


def pieces(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment(text, lang)]


def as_dicts(segments):
    return [{"start": s.start, "end": s.end, "text": s.text, "kind": s.kind} for s in segments]


@pytest.mark.parametrize("text", [KOREAN, ENGLISH, SEED.read_text("utf-8")], ids=["ko", "en", "seed"])
def test_offsets_exact_and_cover(text):
    segments = segment(text)
    check_segments(as_dicts(segments), text)
    assert [s.id for s in segments] == [f"s{n}" for n in range(1, len(segments) + 1)]
    for s in segments:
        assert s.text == text[s.start : s.end]
        assert s.kind in KINDS
        assert s.lang in ("ko", "en", "mixed", "und")


def test_korean_transcript():
    assert pieces(KOREAN) == [
        ("headline", "국무부 “북한, 조건 없이 대화 복귀해야”"),
        ("narration", "미 국무부는 북한이 조건 없이 대화에 복귀해야 한다고 거듭 촉구했습니다."),
        ("other", "한지우 기자가 보도합니다."),
        ("narration", "토머스 하워드 국무부 대변인은 3일 정례 브리핑에서 북한과의 외교에 여전히 열려 있다고 말했습니다."),
        ("narration", "하워드 대변인은 동맹과의 협의도 계속하고 있다고 덧붙였습니다"),  # no final period
        ("marker", "[녹취: 하워드 대변인]"),
        ("quote", "“We remain open to diplomacy with the DPRK. We have made that clear.”"),
        ("narration", "하워드 대변인은 북한과의 외교에 열려 있으며 이를 분명히 했다고 강조했습니다."),
        ("signoff", "미국의 소리, 정주운입니다."),
    ]
    langs = {s.kind: s.lang for s in segment(KOREAN)}
    assert langs["narration"] == "ko" and langs["quote"] == "en" and langs["signoff"] == "ko"
    assert narration_language(KOREAN) == "ko"


def test_english_machine_translation():
    assert pieces(ENGLISH) == [
        ("headline", 'State Department "North Korea must return to talks"'),
        ("narration", "The U.S. State Department urged North Korea to return to dialogue."),
        ("other", "Reporter Han Ji-woo reports."),
        ("narration", "Mr. Howard said the U.S. and the U.N. agreed on the plan."),
        ("narration", 'Dr. J. K. Lee, a scholar at the institute, called it "a turning point."'),
        ("narration", "He added that talks would resume."),
        ("marker", "[녹취: 하워드 대변인]"),
        ("quote", '"We remain open to diplomacy. We have made that clear."'),
        ("narration", "Spokesman Howard stressed that Washington is open to diplomacy."),
        ("signoff", "This is Taekseong Oh, VOA News."),
        ("other", "– ."),
    ]
    segments = segment(ENGLISH)
    assert narration_language(ENGLISH) == "en"
    assert {s.lang for s in segments if s.kind == "narration"} == {"en"}
    assert next(s for s in segments if s.kind == "marker").lang == "ko"  # MT keeps the Korean markers
    assert segments[-1].lang == "und"


@pytest.mark.parametrize("line", [
    "미국의 소리, 정주운입니다.",
    "미국의 소리 김현수입니다.",
    "VOA 뉴스",
    "VOA뉴스 김영교입니다.",
    "VOA 뉴스 이연철입니다.",
    "This is Taekseong Oh, VOA News.",
    "Kim Hyun-soo, VOA News.",
])
def test_signoffs(line):
    text = f"제목 줄\n북한이 또 미사일을 발사했다고 합동참모본부가 밝혔습니다.\n{line}\n"
    assert pieces(text)[-1] == ("signoff", line)


def test_signoff_inside_a_narration_line():
    text = "Headline\nThe ministry said it would respond firmly. This is Taekseong Oh, VOA News.\n"
    assert pieces(text)[1:] == [
        ("narration", "The ministry said it would respond firmly."),
        ("signoff", "This is Taekseong Oh, VOA News."),
    ]


def test_other_lines_captions_bylines_fragments():
    text = dedent("""
        유엔 안보리, 북한 미사일 논의
        안보리 회의장 모습. (자료사진)
        김철수
        유엔 안전보장이사회가 북한의 탄도미사일 발사를 논의하기 위해 긴급회의를 열었습니다.
        회의는 두 시간 동안 이어졌습니다.
        –
    """)
    assert pieces(text) == [
        ("headline", "유엔 안보리, 북한 미사일 논의"),
        ("other", "안보리 회의장 모습. (자료사진)"),
        ("other", "김철수"),
        ("narration", "유엔 안전보장이사회가 북한의 탄도미사일 발사를 논의하기 위해 긴급회의를 열었습니다."),
        ("narration", "회의는 두 시간 동안 이어졌습니다."),
        ("other", "–"),
    ]


def test_plain_form_photo_caption_among_polite_narration():
    text = dedent("""
        한미 외교장관 회담
        두 장관이 10일 워싱턴에서 회담에 앞서 악수를 하고 있다.
        두 장관은 10일 워싱턴에서 만나 대북 공조를 논의했습니다.
        두 사람은 회담 뒤 공동 기자회견도 열었습니다.
    """)
    assert [k for k, _ in pieces(text)] == ["headline", "other", "narration", "narration"]


def test_korean_sentences_split_by_kiwi():
    text = "제목\n한국 정부는 10일 성명을 냈습니다.정부는 대화를 촉구했다고 밝혔습니다 이어 북한은 반발했습니다.\n"
    assert pieces(text)[1:] == [
        ("narration", "한국 정부는 10일 성명을 냈습니다."),
        ("narration", "정부는 대화를 촉구했다고 밝혔습니다"),
        ("narration", "이어 북한은 반발했습니다."),
    ]


def test_korean_plain_form_run_together():
    text = "제목\n정부는 반대했다.다음 날 북한도 반발했습니다.\n"
    assert pieces(text)[1:] == [("narration", "정부는 반대했다."), ("narration", "다음 날 북한도 반발했습니다.")]


def test_korean_comma_never_ends_a_sentence():
    body = "그는 이것이 북한 문제에 대한 새로운 접근법이라며, 동맹과 함께 추진하겠다고 말했습니다."
    spans = split_korean(body)
    assert [body[a:b] for a, b in spans] == [body] or all(not body[a:b].endswith(",") for a, b in spans)
    text = f"제목\n{body}\n"
    assert pieces(text)[1:] == [("narration", body)]


@pytest.mark.parametrize("sentence", [
    "Mr. Bozkir said the resolution passed.",
    "Mrs. Clark and Ms. Lee met Gen. Park on Jan. 5 at the U.S. embassy.",
    "The U.N. Security Council met on Friday.",
    "President George W. Bush spoke with Amb. J. R. Kim about it.",
    'He called it "a clear violation." ',
    'She said, "We will not accept this. Never." and left.',
    "It rose 3.5 percent, e.g. in Seoul, at 9 a.m. local time.",
])
def test_english_sentence_survives_abbreviations(sentence):
    assert [sentence[a:b] for a, b in split_english(sentence)] == [sentence.strip()]


def test_english_sentences_split_after_quote_and_question():
    text = 'He asked, "When is the summit?" Nobody answered. The U.S. said no. What now? We wait!'
    assert [text[a:b] for a, b in split_english(text)] == [
        'He asked, "When is the summit?"', "Nobody answered.", "The U.S. said no.", "What now?", "We wait!",
    ]


def test_english_sentence_before_hangul_or_digit():
    text = "The meeting ended. 2021 was a hard year. 한국 정부는 환영했습니다."
    assert [text[a:b] for a, b in split_english(text)] == [
        "The meeting ended.", "2021 was a hard year.", "한국 정부는 환영했습니다.",
    ]


def test_mixed_language_sentence():
    text = "제목\n미국 정부는 the Treasury Department 성명과 sanctions designations against companies 발표했습니다.\n"
    narration = [s for s in segment(text) if s.kind == "narration"]
    assert len(narration) == 1 and narration[0].lang == "mixed"


def test_marker_quote_and_narration_on_one_line():
    text = "제목\n[녹취: 하워드 대변인] “We remain open.” 하워드 대변인은 대화에 열려 있다고 강조했습니다.\n"
    assert pieces(text)[1:] == [
        ("marker", "[녹취: 하워드 대변인]"),
        ("quote", "“We remain open.”"),
        ("narration", "하워드 대변인은 대화에 열려 있다고 강조했습니다."),
    ]


def test_narration_before_a_marker_on_the_same_line():
    text = "제목\n하워드 대변인은 이렇게 말했습니다. [녹취: 하워드 대변인] “We remain open.”\n"
    assert pieces(text)[1:] == [
        ("narration", "하워드 대변인은 이렇게 말했습니다."),
        ("marker", "[녹취: 하워드 대변인]"),
        ("quote", "“We remain open.”"),
    ]


def test_quote_running_over_lines_until_it_closes():
    text = dedent("""
        제목
        [녹취: 하워드 대변인] “We remain open to diplomacy.
        We have made that clear to Pyongyang.”
        하워드 대변인은 외교에 열려 있다고 말했습니다.
    """)
    segments = segment(text)
    quote = next(s for s in segments if s.kind == "quote")
    assert quote.text == "“We remain open to diplomacy.\nWe have made that clear to Pyongyang.”"
    assert quote.text == text[quote.start : quote.end]
    assert segments[-1].kind == "narration"


def test_lines_whose_breaks_were_lost_give_every_marker_its_own_quote():
    text = ("제목\n[녹취: 하워드 대변인] “We remain open.” [녹취: 모건 장관] “We stand together.” "
            "두 사람은 대화를 강조했습니다.\n")
    kinds = [k for k, _ in pieces(text)]
    assert kinds.count("marker") == 2 and kinds.count("quote") == 2
    assert ("quote", "“We stand together.”") in pieces(text)


def test_crlf_is_not_the_segmenters_business_but_offsets_hold_on_lf_text():
    # Sources normalise newlines; a segment never holds a trailing "\r" or space.
    text = "제목  \n  북한은 반발했습니다.   \n\n\n   [녹취: 김성 대사]   “No.”  \n"
    segments = segment(text)
    check_segments(as_dicts(segments), text)
    assert [s.kind for s in segments] == ["headline", "narration", "marker", "quote"]


def test_seed_segments():
    text = SEED.read_text("utf-8")
    segments = segment(text)
    kinds = [s.kind for s in segments]
    assert kinds.count("marker") == 3 and kinds.count("quote") == 3
    assert segments[-1].kind == "other" and segments[-1].text == "– ."
    assert segments[-2].kind == "signoff" and segments[-2].text == "This is Taekseong Oh, VOA News."
    markers = [s for s in segments if s.kind == "marker"]
    assert [m.text for m in markers] == ["[녹취: 보즈키르 의장]", "[녹취: 바버 특별고문(지난 11월)]", "[녹취: 김성 대사]"]
    for m in markers:
        following = segments[segments.index(m) + 1]
        assert following.kind == "quote" and following.lang == "en"
    # "Mr. Bozkir said …" stays one sentence
    assert any(s.kind == "narration" and s.text.startswith("Mr. Bozkir said earlier") and s.text.endswith("same way.")
               for s in segments)
    assert narration_language(text) == "en"


def test_empty_and_blank_text():
    assert segment("") == []
    assert segment("  \n\n \t\n") == []


def test_story_index_answers_which_story_by_segment_and_by_offset():
    from aligner.segments import StoryIndex

    text = ("North Korea fires a missile\n"
            "The launch was condemned. Officials met.\n"
            "VOA News.\n"
            "Sanctions widen\n"
            "The Treasury named five firms.\n")
    segments = segment(text)
    kinds = [s.kind for s in segments]
    stories = StoryIndex.of(segments)
    second = kinds.index("signoff") + 1
    assert stories.starts == (0, second)
    assert stories.bounds(1) == (0, second) and stories.bounds(len(segments) - 1) == (second, len(segments))
    assert stories.story_at(text.index("Officials")) == 0 and stories.story_at(text.index("Treasury")) == 1
    narration = [i for i, k in enumerate(kinds) if k == "narration"]
    assert stories.narration_at == tuple(narration)
    # a window never crosses into the next story
    assert stories.narration_window(1, 10) == [i for i in narration if i < second]
    assert stories.nearby_narration(second, 1) == [narration[-1], max(i for i in narration if i < second)]


def test_korean_narration_is_split_in_one_pass(monkeypatch):
    from aligner import segments as segments_module

    calls = []
    original = segments_module.split_korean_texts

    def counting(texts):
        calls.append(list(texts))
        return original(texts)

    monkeypatch.setattr(segments_module, "split_korean_texts", counting)
    text = "첫 문장입니다. 둘째 문장입니다.\n[녹취: 프라이스 대변인] \"We will act.\"\n셋째 문장입니다. 넷째 문장입니다.\n"
    found = segment(text)
    assert len(calls) == 1 and len(calls[0]) == 2
    assert [s.text for s in found if s.kind == "narration"] == ["첫 문장입니다.", "둘째 문장입니다.", "셋째 문장입니다.",
                                                                "넷째 문장입니다."]
