"""Recording markers in every form DESIGN.md lists, parsed into speaker,
title, note, label and well_formed."""
from __future__ import annotations

import pytest

from conftest import dedent

from aligner.markers import find_marker, split_speaker
from aligner.quotes import link_quotes, parse_marker
from aligner.segments import segment

AFTER = "하워드 대변인은 이날 그렇게 말했습니다."


def markers_in(line: str, glossary):
    text = f"제목\n{line}\n{AFTER}\n"
    segments = segment(text)
    links = link_quotes(segments, glossary)
    for link in links:
        assert link.marker.text == text[link.marker.start : link.marker.end]
        assert link.marker_segment.kind == "marker"
        assert parse_marker(link.marker_segment, glossary) == link.marker
    return links


# (line, marker text, speaker, title, note, well_formed, label)
CASES = [
    ("[녹취: 폼페오 장관] “I returned late last night.”",
     "[녹취: 폼페오 장관]", "폼페오", "장관", None, True, "녹취"),
    ("[녹취: 바버 특별고문(지난 11월)] “With passage of this.”",
     "[녹취: 바버 특별고문(지난 11월)]", "바버", "특별고문", "지난 11월", True, "녹취"),
    ("[녹취: 오바마 대통령 (NBC 인터뷰)] “We will act.”",
     "[녹취: 오바마 대통령 (NBC 인터뷰)]", "오바마", "대통령", "NBC 인터뷰", True, "녹취"),
    ("[녹취:매티스 장관] “We are ready.”",
     "[녹취:매티스 장관]", "매티스", "장관", None, True, "녹취"),
    ("[녹취 : 하워드 대변인] “Yes, we are.”",
     "[녹취 : 하워드 대변인]", "하워드", "대변인", None, True, "녹취"),
    ("[녹취：하워드 대변인] “Yes, we are.”",  # full-width colon
     "[녹취：하워드 대변인]", "하워드", "대변인", None, True, "녹취"),
    ("[녹취: 폼페오 장관“I want to be clear.”",  # no closing bracket
     "[녹취: 폼페오 장관", "폼페오", "장관", None, False, "녹취"),
    ("[녹취: 브래드쇼 대변인]“I’ll say this once.”",  # no space before the quote
     "[녹취: 브래드쇼 대변인]", "브래드쇼", "대변인", None, True, "녹취"),
    ("[녹취: 브래드쇼 대변인]” We are moving forward.”",  # the quote opens with a closing mark
     "[녹취: 브래드쇼 대변인]", "브래드쇼", "대변인", None, True, "녹취"),
    ("[텍스트: 국무부 대변인실 관계자] “The United States condemns the launch.”",
     "[텍스트: 국무부 대변인실 관계자]", None, "국무부 대변인실 관계자", None, True, "텍스트"),
    ("[국무부 대변인] \"This meeting sends a message.\"",  # bare speaker label
     "[국무부 대변인]", None, "국무부 대변인", None, True, None),
    ("[앨리슨 모건 / 미 국무장관] \"Our cooperation has never been stronger.\"",
     "[앨리슨 모건 / 미 국무장관]", "앨리슨 모건", "미 국무장관", None, True, None),
    ("[폼페오 장관] “We had productive talks.”",
     "[폼페오 장관]", "폼페오", "장관", None, True, None),
    ("[ACT 1: 0:00 DALET/POLICY: 0:25] “We stand with our allies.”",  # script cue: no speaker
     "[ACT 1: 0:00 DALET/POLICY: 0:25]", None, None, "0:00 DALET/POLICY: 0:25", True, "ACT 1"),
    ("[녹취: 마크 토너 국무부 부대변인] “Yes.”",
     "[녹취: 마크 토너 국무부 부대변인]", "마크 토너", "국무부 부대변인", None, True, "녹취"),
    ("[녹취: 로버트 팔라디노 / 미 국무부 부대변인] “Yes.”",
     "[녹취: 로버트 팔라디노 / 미 국무부 부대변인]", "로버트 팔라디노", "미 국무부 부대변인", None, True, "녹취"),
    ("[녹취: 신선호 유엔주재 북한 대사]",  # a marker with no quote
     "[녹취: 신선호 유엔주재 북한 대사]", "신선호", "유엔주재 북한 대사", None, True, "녹취"),
    ("[인터뷰: 김철수 교수] “Indeed it is.”",
     "[인터뷰: 김철수 교수]", "김철수", "교수", None, True, "인터뷰"),
    ("[녹취: 프라이스 대",  # cut off mid-title, nothing after it
     "[녹취: 프라이스 대", "프라이스", "대", None, False, "녹취"),
]


@pytest.mark.parametrize("line, text, speaker, title, note, well_formed, label", CASES,
                         ids=[c[1] for c in CASES])
def test_marker_variants(glossary, line, text, speaker, title, note, well_formed, label):
    links = markers_in(line, glossary)
    assert len(links) == 1
    marker = links[0].marker
    assert (marker.text, marker.speaker, marker.title, marker.note, marker.well_formed, marker.label) == (
        text, speaker, title, note, well_formed, label)


@pytest.mark.parametrize("line", [
    "[편집자 주: 이 기사는 일부 내용이 수정됐습니다.]",  # a bracketed sentence, not a label
    "유엔 [안보리] 회의가 열렸다고 외교부가 밝혔습니다.",  # a bracket inside narration
    "[이 괄호 안의 글은 아주 길어서 화자 이름과 직함이라고 볼 수 없는 설명문입니다 정말로]",
    # production cues: a picture, music, applause introduce no one's words
    "[사진: 유엔 총회 회의장]",
    "[사진]",
    "[자료사진: 평양 시내]",
    "[음악]",
    "[박수]",
    "[PHOTO: the General Assembly hall]",
])
def test_not_markers(line):
    assert find_marker(line) is None
    assert all(s.kind != "marker" for s in segment(f"제목\n{line}\n{AFTER}\n"))


def test_labelled_marker_after_narration_on_one_line(glossary):
    line = "하워드 대변인은 이렇게 말했습니다. [녹취: 하워드 대변인] “We remain open.”"
    links = markers_in(line, glossary)
    assert [link.marker.text for link in links] == ["[녹취: 하워드 대변인]"]
    assert links[0].quote.text == "We remain open."


def test_marker_offsets_in_the_line():
    line = "그는 이렇게 말했습니다 [녹취: 김 대사] “Yes.”"
    match = find_marker(line)
    assert line[match.start : match.end] == "[녹취: 김 대사]"
    assert match.parts.closed and match.parts.label == "녹취"


def test_unclosed_marker_ends_before_the_quote_and_never_in_space():
    line = "[녹취: 폼페오 장관  “I want to be clear.”"
    match = find_marker(line)
    assert line[match.start : match.end] == "[녹취: 폼페오 장관"
    assert not match.parts.closed


@pytest.mark.parametrize("body, name, title", [
    ("마크 토너 국무부 부대변인", "마크 토너", "국무부 부대변인"),
    ("로버트 팔라디노 / 미 국무부 부대변인", "로버트 팔라디노", "미 국무부 부대변인"),
    ("국무부 대변인실 관계자", None, "국무부 대변인실 관계자"),
    ("사카이 히로시 일본 외무상", "사카이 히로시", "일본 외무상"),
    ("김성 유엔주재 북한 대사", "김성", "유엔주재 북한 대사"),
    ("보즈키르 유엔총회 의장", "보즈키르", "유엔총회 의장"),
    ("폼페오", "폼페오", None),
    (None, None, None),
])
def test_split_speaker(glossary, body, name, title):
    assert split_speaker(body, glossary) == (name, title)


def test_marker_fields_in_the_report(align_text):
    text = (
        "제목\n"
        "하워드 국무부 대변인은 북한의 미사일 발사를 강하게 규탄했습니다.\n"
        "[녹취: 하워드 대변인(정례 브리핑)] “We condemn this launch in the strongest terms.”\n"
        "하워드 대변인은 이번 발사를 가장 강력한 표현으로 규탄한다고 말했습니다.\n"
        "[녹취: 하워드 대변인“We call on the DPRK to refrain from further provocations.”\n"
        "그는 북한에 추가 도발을 자제하라고 촉구했습니다.\n"
    )
    report = align_text(text).to_dict()
    markers = [q["marker"] for q in report["quotes"]]
    assert markers[0] == {
        "start": text.index("[녹취: 하워드 대변인(정례"), "end": text.index("[녹취: 하워드 대변인(정례") + len("[녹취: 하워드 대변인(정례 브리핑)]"),
        "text": "[녹취: 하워드 대변인(정례 브리핑)]", "speaker": "하워드", "title": "대변인", "note": "정례 브리핑",
        "well_formed": True, "label": "녹취", "line": 3, "column": 1,
    }
    assert markers[1]["text"] == "[녹취: 하워드 대변인" and markers[1]["well_formed"] is False
    malformed = [f for f in report["flags"] if f["kind"] == "malformed_marker"]
    assert [f["quote"] for f in malformed] == ["q2"]
    assert any(s["side"] == "marker" for s in malformed[0]["spans"])


def test_a_photo_caption_between_narration_and_a_marker_is_other_and_raises_nothing(align_text):
    report = align_text(dedent("""
        유엔 총회 결의안 채택

        유엔 총회가 16일 북한 인권 결의안을 표결 없이 채택했습니다.

        [사진: 유엔 총회 회의장]

        [녹취: 크래프트 대사] “We will keep pressing for accountability.”

        크래프트 대사는 책임 규명을 계속 촉구하겠다고 말했습니다.

        [음악]

        VOA 뉴스 이연철입니다.
    """))
    kinds = [(s.kind, s.text) for s in report.segments]
    assert ("other", "[사진: 유엔 총회 회의장]") in kinds and ("other", "[음악]") in kinds
    assert [q.marker.text for q in report.quotes] == ["[녹취: 크래프트 대사]"]
    assert not [f for f in report.flags if f.kind in ("missing_quote", "unresolved_speaker", "malformed_marker")]


def test_a_production_cue_before_a_marker_on_the_same_line_is_other():
    text = "제목\n\n유엔 총회가 결의안을 채택했습니다.\n\n[사진: 총회장] [녹취: 김성 대사] “We reject it.”\n"
    kinds = [(s.kind, s.text) for s in segment(text)]
    assert ("other", "[사진: 총회장]") in kinds
    assert ("marker", "[녹취: 김성 대사]") in kinds
