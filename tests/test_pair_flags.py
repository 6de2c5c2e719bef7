"""Pair flags on small Korean/English examples written for these tests."""
from __future__ import annotations

from aligner.pair.align import align_pair
from aligner.pair.flags import usual_spellings

LEAD_KO = "미국 국무부는 북한의 탄도미사일 발사를 강력히 규탄했습니다."
LEAD_EN = "The U.S. State Department strongly condemned North Korea's ballistic missile launch."
TAIL_KO = "전문가들은 북한이 조만간 추가 도발에 나설 수 있다고 경고했습니다."
TAIL_EN = "Experts warned that North Korea could soon carry out further provocations."


def pair(embedder, ko_middle: list[str], en_middle: list[str]):
    """A short pair: one lead and one closing sentence around the lines under test."""
    return align_pair("\n".join([LEAD_KO, *ko_middle, TAIL_KO]) + "\n", "\n".join([LEAD_EN, *en_middle, TAIL_EN]) + "\n",
                      embedder=embedder)


def kinds(report):
    return [(f.kind, f.severity) for f in report.flags]


def evidence(report, kind):
    return [[(s.side, s.text) for s in f.spans] for f in report.flags if f.kind == kind]


def test_a_changed_amount_is_a_number_mismatch(embedder):
    report = pair(embedder, ["국무부는 북한 주민들을 위해 3천만 달러를 지원하기로 했다고 밝혔습니다."],
                  ["The State Department said it would provide $13 million for the North Korean people."])
    assert kinds(report) == [("number_mismatch", "error")]
    assert evidence(report, "number_mismatch") == [[("ko", "3천만 달러"), ("en", "$13 million")]]
    assert report.flags[0].suggestion == "3천만 달러"


def test_the_same_amount_or_ordinal_written_otherwise_is_not_a_mismatch(embedder):
    report = pair(embedder, ["국무부는 북한 주민들을 위해 3천만 달러를 지원하기로 했다고 밝혔습니다.",
                             "북한이 올해 들어 세 번째로 미사일을 발사했습니다."],
                  ["The State Department said it would provide 30 million dollars for the North Korean people.",
                   "North Korea fired a missile for the third time this year."])
    assert report.flags == ()


def test_a_changed_count_in_a_two_one_link_is_found_too(embedder):
    report = pair(embedder, ["북한은 올해 들어 탄도미사일을 12차례 발사했습니다.", "이는 유엔 안보리 결의 위반입니다."],
                  ["North Korea has launched ballistic missiles 21 times this year, which violates UN Security "
                   "Council resolutions."])
    assert [link.type for link in report.links] == ["1-1", "2-1", "1-1"]
    assert evidence(report, "number_mismatch") == [[("ko", "12차례"), ("en", "21 times")]]


def test_an_unrelated_english_sentence_in_place_of_a_korean_one_is_a_meaning_shift(embedder):
    report = pair(embedder, ["한국과 일본 정부도 긴급 회의를 열고 대응 방안을 논의했습니다."],
                  ["The weather in Seoul was sunny and warm on Tuesday afternoon."])
    assert [link.type for link in report.links] == ["1-1", "1-1", "1-1"]
    assert kinds(report) == [("meaning_shift", "warning")]
    assert report.flags[0].link == "l2"
    assert report.links[1].score < 0.25


def test_a_name_spelled_otherwise_than_usual_is_a_name_variant(embedder):
    assert usual_spellings()["블링컨"] == "Blinken"
    report = pair(embedder, ["블링컨 장관은 북한이 대화에 나서야 한다고 촉구했습니다."],
                  ["Secretary Blincoln urged North Korea to come to the dialogue."])
    assert kinds(report) == [("name_variant", "warning")]
    assert evidence(report, "name_variant") == [[("ko", "블링컨"), ("en", "Blincoln")]]
    assert report.flags[0].suggestion == "Blinken"


def test_the_usual_spelling_is_not_flagged(embedder):
    report = pair(embedder, ["블링컨 장관은 북한이 대화에 나서야 한다고 촉구했습니다."],
                  ["Secretary Blinken urged North Korea to come to the dialogue."])
    assert report.flags == ()


def test_a_name_written_two_ways_in_the_english_is_a_name_variant(embedder):
    # 하트먼 is not in the list of usual spellings: the English version's own majority decides
    assert "하트먼" not in usual_spellings()
    report = pair(embedder, ["하트먼 대변인은 북한의 사이버 공격을 규탄했습니다.",
                             "하트먼 대변인은 동맹국들과 긴밀히 협력하겠다고 밝혔습니다.",
                             "하트먼 대변인은 추가 제재도 검토하고 있다고 덧붙였습니다."],
                  ["Spokesman Hartman condemned North Korea's cyber attacks.",
                   "Spokesman Heartman said the United States would work closely with its allies.",
                   "Spokesman Hartman added that further sanctions were also being considered."])
    assert kinds(report) == [("name_variant", "warning")]
    assert report.flags[0].link == "l3"
    assert evidence(report, "name_variant") == [[("ko", "하트먼"), ("en", "Heartman")]]
    assert report.flags[0].suggestion == "Hartman"


def test_a_latin_spelling_in_the_korean_text_is_the_reference(embedder):
    report = pair(embedder, ["마이클 하트먼(Michael Hartman) 대변인은 북한의 사이버 공격을 규탄했습니다."],
                  ["Spokesman Michael Heartman condemned North Korea's cyber attacks."])
    assert evidence(report, "name_variant") == [[("ko", "하트먼"), ("en", "Heartman")]]


MARKER = "[녹취: 블링컨 장관]"


def quote_pair(embedder, korean_quote: str, english_quote: str):
    return align_pair(f"{LEAD_KO}\n{MARKER} {korean_quote}\n{TAIL_KO}\n", f"{LEAD_EN}\n{MARKER} {english_quote}\n{TAIL_EN}\n",
                      embedder=embedder)


def test_a_quote_whose_words_the_translation_changed_is_an_altered_quote(embedder):
    report = quote_pair(embedder, "“Our alliance with the Republic of Korea has never been stronger.”",
                        "“Our alliance with South Korea has never been stronger.”")
    assert [link.anchor for link in report.links] == [None, "marker", "quote", None]
    assert kinds(report) == [("altered_quote", "error")]
    assert evidence(report, "altered_quote") == [[("en", "South"), ("ko", "the Republic of")]]
    assert report.flags[0].link == "l3"


def test_quote_mark_style_is_not_an_alteration_but_punctuation_is_cosmetic(embedder):
    same = quote_pair(embedder, "“We remain ready to talk.”", '"We remain ready to talk."')
    assert same.flags == ()
    punctuated = quote_pair(embedder, "“We remain ready to talk.”", "“We remain ready to talk!”")
    assert kinds(punctuated) == [("altered_quote", "info")]


def test_a_dropped_caption_is_only_cosmetic(embedder):
    report = align_pair(f"{LEAD_KO}\n블링컨 장관 (자료사진)\n{TAIL_KO}\n", f"{LEAD_EN}\n{TAIL_EN}\n", embedder=embedder)
    assert kinds(report) == [("omission", "info")]
