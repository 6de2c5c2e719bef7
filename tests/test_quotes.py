"""The quote that belongs to each marker: its span without the outer
quotation marks, or None when the marker has no quote."""
from __future__ import annotations

import pytest
from conftest import SEED, dedent

from aligner.quotes import link_quotes
from aligner.segments import segment

NARRATION = "김 대사는 이를 결코 받아들이지 않겠다고 말했습니다."


def links_of(text: str, glossary):
    links = link_quotes(segment(text), glossary)
    for link in links:
        if link.quote is not None:
            assert link.quote.text == text[link.quote.start : link.quote.end]
            segment_ = link.quote_segment
            assert segment_.kind == "quote" and segment_.start <= link.quote.start < link.quote.end <= segment_.end
    return links


def quote_of(line: str, glossary, after: str = NARRATION) -> str | None:
    links = links_of(f"제목\n{line}\n{after}\n", glossary)
    assert len(links) == 1
    return links[0].quote.text if links[0].quote else None


@pytest.mark.parametrize("line, quote", [
    ("[녹취: 김 대사] “We will never accept this resolution.”", "We will never accept this resolution."),
    ('[녹취: 김 대사] "We will never accept this resolution."', "We will never accept this resolution."),
    ("[녹취: 김 대사] ‘We will never accept this resolution.’", "We will never accept this resolution."),
    ("[녹취: 김 대사] We will never accept this resolution.", "We will never accept this resolution."),
    ("[녹취: 김 대사]“We will never accept it.”", "We will never accept it."),
    ("[녹취: 김 대사]” We will never accept it.”", "We will never accept it."),
    ("[녹취: 김 대사“We will never accept it.”", "We will never accept it."),
])
def test_quotation_mark_styles(glossary, line, quote):
    assert quote_of(line, glossary) == quote


@pytest.mark.parametrize("ending", ["...", "..", "…", "…”", "...”"])
def test_clipped_endings_are_kept(glossary, ending):
    quote = quote_of(f"[녹취: 김 대사] “We will never accept this resolution, and{ending}", glossary)
    assert quote == "We will never accept this resolution, and" + ending.rstrip("”")


def test_multi_sentence_quote(glossary):
    line = "[녹취: 김 대사] “We reject it. It is fabricated. We will never accept it.”"
    assert quote_of(line, glossary) == "We reject it. It is fabricated. We will never accept it."


def test_all_caps_cue_words(glossary):
    line = "[녹취: 클린턴 장관] WE STILL HOPE THAT NORTH KOREA WILL CHOOSE A DIFFERENT PATH…"
    assert quote_of(line, glossary) == "WE STILL HOPE THAT NORTH KOREA WILL CHOOSE A DIFFERENT PATH…"


def test_quote_on_the_line_after_a_bare_label(glossary):
    text = dedent("""
        제목
        네이선 칼라일 국무부 대변인은 회담이 분명한 메시지를 보냈다고 밝혔습니다.
        [국무부 대변인]
        “This meeting sends a message. The door to diplomacy remains open.”
        칼라일 대변인은 외교의 문이 열려 있다고 말했습니다.
    """)
    (link,) = links_of(text, glossary)
    assert link.marker.text == "[국무부 대변인]"
    assert link.quote.text == "This meeting sends a message. The door to diplomacy remains open."


def test_quote_without_marks_on_the_line_after_a_label(glossary):
    text = "제목\n[녹취: 김 대사]\nWe will never accept this resolution.\n" + NARRATION + "\n"
    (link,) = links_of(text, glossary)
    assert link.quote.text == "We will never accept this resolution."


def test_quote_running_over_two_lines(glossary):
    text = f'제목\n[녹취: 김 대사] "We will never accept this.\nNever, ever."\n{NARRATION}\n'
    (link,) = links_of(text, glossary)
    assert link.quote.text == "We will never accept this.\nNever, ever."


def test_unclosed_quote_stays_on_its_line(glossary):
    text = f"제목\n[녹취: 김 대사] “We will never accept this.\n{NARRATION}\n"
    (link,) = links_of(text, glossary)
    assert link.quote.text == "We will never accept this."
    assert segment(text)[-1].kind == "narration"


def test_narration_after_the_quote_on_the_same_line(glossary):
    text = f"제목\n[녹취: 김 대사] “We reject it.” {NARRATION}\n"
    (link,) = links_of(text, glossary)
    assert link.quote.text == "We reject it."
    assert segment(text)[-1].kind == "narration" and segment(text)[-1].text == NARRATION


def test_inner_single_quotes_do_not_end_a_double_quoted_quote(glossary):
    text = f"제목\n[녹취: 김 대사] “We won’t accept it, and we’ll say ‘no’ again.” {NARRATION}\n"
    (link,) = links_of(text, glossary)
    assert link.quote.text == "We won’t accept it, and we’ll say ‘no’ again."


def test_korean_quote_in_korean_narration(glossary):
    assert quote_of("[녹취: 김 장관] “우리는 언제든 대화할 준비가 돼 있습니다.”", glossary,
                    after="김 장관은 대화 준비가 돼 있다고 말했습니다.") == "우리는 언제든 대화할 준비가 돼 있습니다."


def test_marker_followed_directly_by_narration_has_no_quote(glossary):
    text = "제목\n[녹취: 신선호 유엔주재 북한 대사]\n신 대사는 이날 회의에서 결의안을 전면 거부했습니다.\n"
    (link,) = links_of(text, glossary)
    assert link.quote is None and link.quote_segment is None
    assert [s.kind for s in segment(text)] == ["headline", "marker", "narration"]


def test_marker_followed_by_narration_in_english_translation(glossary):
    text = dedent("""
        Headline
        Defense Secretary Robert Callahan met his counterpart on the same day.
        [녹취: 캘러헌 장관]

        Secretary Callahan said that the commitment to the defense of South Korea is ironclad.
    """)
    (link,) = links_of(text, glossary)
    assert link.quote is None


def test_marker_followed_by_another_marker(glossary):
    text = "제목\n[녹취: 김 대사]\n[녹취: 박 장관] “We disagree.”\n박 장관은 동의하지 않는다고 말했습니다.\n"
    first, second = links_of(text, glossary)
    assert first.quote is None
    assert second.quote.text == "We disagree."


def test_marker_at_the_end_of_the_text(glossary):
    (link,) = links_of("제목\n북한은 반발했습니다.\n[녹취: 김 대사]\n", glossary)
    assert link.quote is None


def test_quotes_of_the_seed(glossary):
    text = SEED.read_text("utf-8")
    links = links_of(text, glossary)
    assert [link.marker.text for link in links] == [
        "[녹취: 보즈키르 의장]", "[녹취: 바버 특별고문(지난 11월)]", "[녹취: 김성 대사]"]
    quotes = [link.quote.text for link in links]
    assert quotes[0].startswith("We first turn to draft resolution one entitled ‘Situation of Human Rights")
    assert quotes[0].endswith("It is so decided")
    assert quotes[1].startswith("With passage of this resolution") and quotes[1].endswith("held to account.")
    assert quotes[2] == ("All material contained in draft resolution are most despicably fabricated "
                         "information by Riff-Raff defectors.")
