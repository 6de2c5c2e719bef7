"""The lexical gap detectors: number_mismatch, name_variant, speaker_mismatch,
typography and untranslated.  Each kind has transcripts where it must fire and
close cases where it must not; all run the real pipeline with the real model."""
from __future__ import annotations

import pytest
from conftest import dedent
from hypothesis import assume, given, strategies as st
from test_numbers import korean_units

from aligner.flags.number_mismatch import compare, vague_against_dated
from aligner.numbers import find_quantities


def flags_of(report, kind: str):
    return [f for f in report.flags if f.kind == kind]


def assert_spans_index_the_text(report):
    for flag in report.flags:
        for span in flag.spans:
            assert report.text[span.start:span.end] == span.text


# ---------------------------------------------------------------------------
# number_mismatch

def gaps(quote: str, rendering: str):
    return [(g.quoted.text, g.rendered.text, g.strong)
            for g in compare(find_quantities(quote), find_quantities(rendering))]


@pytest.mark.parametrize("quote, rendering, expected", [
    ("This is the third such launch this year.", "북한이 올해 네 번째 ICBM을 발사했다고 말했습니다.", ("third", "네 번째")),
    ("Today, 40 countries have joined this statement.", "45개국이 참여한 공동성명을 낭독했습니다.", ("40 countries", "45개국")),
    ("Since last March, we have observed discharges.", "지난 5월부터 온수 배출이 관측됐다고 말했습니다.", ("March", "5월")),
    ("We recovered 30 million dollars.", "he said the US recovered $50 million.", ("30 million dollars", "$50 million")),
    ("It was adopted in 2014.", "2016년 채택됐다고 말했습니다.", ("2014", "2016년")),
    # 억 read as a billion: off by a power of ten
    ("They stole 1 billion dollars.", "1억 달러를 훔쳤다고 말했습니다.", ("1 billion dollars", "1억 달러")),
    ("Two people were injured.", "다섯 명이 다쳤다고 말했습니다.", ("Two people", "다섯 명")),
])
def test_compare_finds_a_number_stated_otherwise(quote, rendering, expected):
    assert gaps(quote, rendering) == [(*expected, True)]


@pytest.mark.parametrize("quote, rendering", [
    ("This is the third ICBM launch this year.", "올해 들어서만 세 번째 ICBM을 발사했다고 지적했습니다."),
    ("The 3rd phase will proceed.", "He said the third phase will proceed."),
    ("The DPRK stole more than 100 million dollars.", "북한이 1억 달러가 넘는 가상화폐를 훔쳤다는 겁니다."),
    ("We will contribute a hundred million dollars.", "He will contribute $100 million."),
    ("We recovered more than 30 million dollars.", "He said more than $30 million was recovered."),
    ("58 countries joined.", "58개국이 공동제안국으로 참여했습니다."),
    # the rendering leaves the number out: not rendered, not misrendered
    ("Today, 40 countries have joined this statement.", "공동성명을 낭독했습니다."),
    # the rendering adds a date of its own (the day of the briefing)
    ("This is the third launch.", "대변인은 16일 세 번째 발사라고 말했습니다."),
    # one of two amounts is dropped; the other is right
    ("It fell $3.98 to $124.44.", "배럴당 124.44달러로 마감했습니다."),
    # bare numbers with no unit are never compared (15 meters (49 feet) / 15m)
    ("They stood 15 meters (49 feet) apart.", "15m 간격으로 설치됐습니다."),
    # a rendering number the quote states in another unit is accounted for
    ("Sami, now 18, and his 21-year-old cousin.", "18살이 된 사미와 사촌 하디(21)."),
    # two figures of one story, not one figure misstated
    ("Troops seized five people.", "레바논에서는 약 750명이 사망하였다."),
    # approximate figures may round
    ("About 750 people were killed.", "약 757명이 사망하였다."),
])
def test_compare_leaves_faithful_and_unrendered_numbers_alone(quote, rendering):
    assert gaps(quote, rendering) == []


def test_a_relative_time_shift_is_weak_evidence():
    assert gaps("The fires broke out this week.", "지난주 화재가 발생했습니다.") == [("this week", "지난주", False)]


def test_a_loose_time_pinned_to_a_date_is_worth_a_look():
    found = vague_against_dated(find_quantities("I met him a couple of months back."),
                                find_quantities("2018년 6월 그를 만났다고 말했습니다."))
    assert [(g.quoted.text, g.rendered.kind, g.strong) for g in found] == [("a couple of months back", "year", False)]
    assert vague_against_dated(find_quantities("I met him a couple of months back."),
                               find_quantities("두 달 전 그를 만났다고 말했습니다.")) == []


@given(st.integers(min_value=13, max_value=10**11), st.floats(min_value=1.05, max_value=2.5))
def test_a_count_agrees_with_its_korean_writing_and_no_other(n, factor):
    quoted = find_quantities(f"{n:,} countries")
    assert compare(quoted, find_quantities(f"{korean_units(n, separators=False)}개국")) == []
    other = round(n * factor)
    assume(other != n)
    found = compare(quoted, find_quantities(f"{korean_units(other, separators=True)}개국"))
    assert [(g.quoted.value, g.rendered.value, g.strong) for g in found] == [(n, other, True)]


def test_a_loose_time_pinned_to_a_date_in_a_report(align_text):
    report = align_text(dedent("""
        볼턴 “김정은과 대화 가능성 열려 있어”

        존 볼턴 전 국가안보보좌관은 북한과의 대화 가능성이 여전히 열려 있다고 밝혔습니다.

        [녹취: 볼턴 전 보좌관] “I spoke with the President a couple of months back, and he said the door to talks with Kim Jong Un is still open.”

        볼턴 전 보좌관은 2018년 6월 트럼프 대통령과 통화했으며, 대통령은 김정은 위원장과의 대화의 문이 여전히 열려 있다고 말했다고 전했습니다.

        미국의 소리, 김철수입니다.
    """))
    found = flags_of(report, "number_mismatch")
    assert [(f.severity, f.spans[0].text, f.spans[1].text) for f in found] == [
        ("warning", "2018년 6월", "a couple of months back")]
    assert "'2018년 6월'" in found[0].message


IAEA = dedent("""
    IAEA “북한 영변 경수로 가동 정황 계속 포착”

    국제원자력기구(IAEA)는 북한 영변 핵시설의 경수로가 가동되고 있는 정황이 계속 포착되고 있다고 밝혔습니다.

    안데르스 린드크비스트 IAEA 사무총장은 11일 빈에서 열린 정기 이사회 개막 연설에서 북한의 핵 활동에 관한 보고를 내놨습니다.

    [녹취: 린드크비스트 사무총장] “Since last March, we have observed regular discharges of warm water from the cooling system of the light water reactor. This is consistent with the operation of the reactor.”

    린드크비스트 사무총장은 지난 5월부터 경수로의 냉각 계통에서 온수가 정기적으로 배출되는 것이 관측됐다며, 이는 원자로가 가동되고 있다는 것과 부합한다고 설명했습니다.

    [녹취: 오스본 대사] “Today, 40 countries have joined this statement, calling on the DPRK to return to full compliance with the NPT.”

    로라 오스본 IAEA 주재 미국대사는 이날 45개국이 참여한 공동성명을 낭독하며, 북한에 핵확산금지조약(NPT)을 완전히 준수할 것을 촉구했습니다.

    미국의 소리, 한보람입니다.
""")


def test_number_mismatch_in_a_korean_report(align_text):
    report = align_text(IAEA)
    found = flags_of(report, "number_mismatch")
    assert [(f.quote, f.severity, f.spans[0].text, f.spans[1].text) for f in found] == [
        ("q1", "error", "5월", "March"), ("q2", "error", "45개국", "40 countries")]
    assert [s.side for s in found[0].spans] == ["narration", "quote"]
    # the fix is written as the narration writes it (issue: suggestions are fixes)
    assert [f.suggestion for f in found] == ["3월", "40개국"]
    assert "40 countries" in found[1].message and "45개국" in found[1].message
    assert_spans_index_the_text(report)


def test_no_number_mismatch_when_the_numbers_agree(align_text):
    faithful = IAEA.replace("지난 5월부터", "지난 3월부터").replace("45개국", "40개국")
    assert flags_of(align_text(faithful), "number_mismatch") == []


UN_BRIEFING = dedent("""
    UN Secretary-General strongly condemns North Korea’s ICBM launch

    UN Spokesman Stefan Lamarre said at a regular briefing on the 2nd that the Secretary-General strongly condemns North Korea’s ICBM launch.

    [녹취: 라마르 대변인] “The Secretary-General strongly condemns the launch. This is the third such launch this year, and he once again urges the DPRK to immediately desist from taking any further provocative actions.”

    Spokesman Lamarre pointed out that this is North Korea’s fourth ICBM launch this year, and urged it to immediately stop further provocative actions.

    This is Park Ji-hoon, VOA News.
""")


def test_number_mismatch_in_english_mt(align_text):
    report = align_text(UN_BRIEFING)
    found = flags_of(report, "number_mismatch")
    assert [(f.quote, f.severity, f.spans[0].text) for f in found] == [("q1", "error", "fourth")]
    # the rendering's own date (the 2nd) and "this year" are not compared with anything wrong
    faithful = align_text(UN_BRIEFING.replace("fourth ICBM", "third ICBM"))
    assert flags_of(faithful, "number_mismatch") == []


# ---------------------------------------------------------------------------
# typography

def test_typography_on_the_seed(seed_report):
    found = {f.spans[0].text for f in flags_of(seed_report, "typography")}
    assert {"as’human waste’", "so-called’regime change’", "– ."} <= found
    assert all(f.severity == "info" for f in flags_of(seed_report, "typography"))
    # apostrophes inside words are not damage
    assert not any("People’s" in text or "year’s" in text for text in found)


GLUED = dedent("""
    State Department “North Korea’s cyber theft funds its weapons”

    State Department spokesman Daniel Hartman said on the 7th that North Korea relies on cyber theft.

    [녹취: 하트먼 대변인]“The DPRK continues to rely on cyber theft to fund its unlawful weapons programs.”

    Spokesman Hartman emphasized that it is not the work of a few hackers, but a’national crime syndicate’ led by the state, and that they don’t stop.

    [녹취: 하트먼 대변인]” We are working hand in hand with our allies to disrupt these networks.”

    Hartman said the US is working with allies to disrupt the networks of North Korea’s hackers.

    [녹취: 하트먼 대변인] “We will hold the DPRK accountable.

    He said the US would hold North Korea accountable, according to the `State Department' statement and `Japan's` view.

    This is Kim Min-su, VOA News.
    – .
""")


def test_typography_damage_of_every_sort(align_text):
    report = align_text(GLUED)
    found = {(f.quote, f.spans[0].text) for f in flags_of(report, "typography")}
    assert ("q1", "]“The") in found  # marker glued to its quote
    assert ("q2", "]” We are") in found  # a quote that opens with a closing mark
    assert ("q3", "DPRK accountable.") in found or ("q3", "the DPRK accountable.") in found  # never closed
    texts = {text for _, text in found}
    assert "a’national crime syndicate’" in texts
    assert "`State Department'" in texts
    assert "– ." in texts
    assert not any("don’t" in text or "Korea’s" in text or "Japan" in text for text in texts)
    assert all(f.severity == "info" for f in flags_of(report, "typography"))
    assert_spans_index_the_text(report)


def test_clean_typography_raises_nothing(align_text):
    clean = dedent("""
        State Department spokesman Daniel Hartman said on the 7th that North Korea’s hackers fund its weapons.

        [녹취: 하트먼 대변인] “The DPRK continues to rely on cyber theft. We don’t accept it.”

        Spokesman Hartman said it is a ‘national crime syndicate’ and that the US won’t accept it.

        [녹취: 하트먼 대변인] “We are working hand in hand with our allies…

        He said the US is working with its allies.
    """)
    # the last quote is clipped mid-sentence (…), not damaged
    assert flags_of(align_text(clean), "typography") == []


# ---------------------------------------------------------------------------
# name_variant

def test_name_variant_on_the_seed(seed_report):
    found = flags_of(seed_report, "name_variant")
    assert len(found) == 1
    assert [s.text for s in found[0].spans] == ["Taek-Sung Oh", "Taekseong Oh"]
    assert found[0].severity == "warning" and found[0].quote is None
    assert found[0].suggestion in ("Taek-Sung Oh", "Taekseong Oh")


MT_NAMES = dedent("""
    State Department “North Korea’s cyber theft funds its weapons programs”

    The US State Department said North Korea funds its weapons through theft. Reporter Kim Min-su reports.

    State Department spokesman Daniel Hartman said at a regular briefing on the 7th that North Korea relies on cyber theft.

    [녹취: 하트먼 대변인] “The DPRK continues to rely on cyber theft to fund its unlawful weapons programs.”

    Spokesman Hartman emphasized that it is the work of the state. Hartman added that Secretary of State Antony Blinken will visit Seoul.

    Secretary Blincoln said last week that the allies would act together, and Kim Jong-un and Kim Jong-il were named.

    This is Kim Min-soo, VOA News.
""")


def test_latin_name_variants(align_text):
    report = align_text(MT_NAMES)
    variants = {tuple(sorted({s.text for s in f.spans})) for f in flags_of(report, "name_variant")}
    assert ("Kim Min-soo", "Kim Min-su") in variants
    assert ("Blincoln", "Blinken") in variants or ("Antony Blinken", "Blincoln") in variants
    # short forms and two different people are not variants
    flat = {text for pair in variants for text in pair}
    assert not flat & {"Hartman", "Daniel Hartman", "Kim Jong-un", "Kim Jong-il"}
    assert len(variants) == 2
    assert_spans_index_the_text(report)


KO_NAMES = dedent("""
    미 하원 청문회 “북한 인권, 대북 정책의 뒷전 돼선 안 돼”

    캐서린 브래들리 하원 외교위원장은 9일 청문회에서 북한 정권의 인권 유린을 비판했습니다.

    증인으로 출석한 데이비드 오코너 국무부 동아태 담당 차관보는 인권 문제를 다루겠다고 밝혔습니다.

    [녹취: 오코너 차관보] “Human rights will be on the table in any negotiation with the DPRK.”

    데이빗 오코너 차관보는 어떤 협상에서도 인권 문제를 다루겠다고 말했습니다.

    존 볼튼 백악관 국가안보보좌관도 같은 입장이라고 밝혔고, 볼턴 보좌관은 김정은 국무위원장과 김정일 국방위원장을 비판했습니다.

    마이크 폼페오 국무장관은 폼페오 장관의 입장을 되풀이했고 브래들리 위원장도 동의했습니다.

    미국의 소리, 이재원입니다.
""")


def test_hangul_name_variants(align_text):
    report = align_text(KO_NAMES)
    variants = {tuple(sorted({s.text for s in f.spans})) for f in flags_of(report, "name_variant")}
    assert ("데이비드 오코너", "데이빗 오코너") in variants
    assert ("볼턴", "존 볼튼") in variants or ("볼턴", "볼튼") in variants
    flat = {text for pair in variants for text in pair}
    assert not any(name in text for text in flat for name in ("폼페오", "김정은", "김정일", "브래들리"))
    assert len(variants) == 2


@pytest.mark.parametrize("a, b", [("데이빗", "데이비드"), ("피트", "피터"), ("볼튼", "볼턴"), ("노어트", "나워트"), ("폼페오", "폼페이오")])
def test_hangul_spellings_of_one_foreign_name(a, b):
    from aligner.flags.name_variant import _hangul_alike

    assert _hangul_alike(a, b, 60)


@pytest.mark.parametrize("a, b", [("김정은", "김정일"), ("라이스", "라이트"), ("트럼프", "트루먼"), ("해리스", "해리"), ("오바마", "오바마")])
def test_hangul_names_of_different_people(a, b):
    from aligner.flags.name_variant import _hangul_alike

    assert not _hangul_alike(a, b, 60)


@pytest.mark.parametrize("a, b, alike", [
    ("Taek-Sung", "Taekseong", True), ("Min-su", "Min-soo", True), ("Joon-guk", "Joon-kook", True),
    ("Jong-un", "Jong-il", False), ("Sung-min", "Sung-kim", False),
])
def test_latin_spellings_of_korean_names(a, b, alike):
    from aligner.flags.name_variant import latin_words_alike

    assert latin_words_alike(a, b, korean=True) is alike


@pytest.mark.parametrize("a, b, alike", [
    ("Blinken", "Blincoln", True), ("Johnson", "Jonson", True), ("Park", "Parker", False), ("Korea", "Korean", False),
    ("Hartman", "Hartman", False), ("Price", "Pierce", False), ("Kerry", "Kelly", False), ("China", "Chinese", False),
])
def test_latin_spellings_of_other_names(a, b, alike):
    from aligner.flags.name_variant import latin_words_alike

    assert latin_words_alike(a, b) is alike


def test_spacing_and_hyphens_alone_are_cosmetic(align_text):
    report = align_text(dedent("""
        North Korean leader Kim Jong Un inspected a missile launch, state media said on the 3rd.

        Analysts said Kim Jong-un wants to show the launch to Washington, and Kim Yo-jong repeated it.
    """))
    found = flags_of(report, "name_variant")
    assert [(f.severity, [s.text for s in f.spans]) for f in found] == [("info", ["Kim Jong Un", "Kim Jong-un"])]


def test_no_name_variant_in_faithful_samples(align_text):
    from conftest import SAMPLES

    for name in ("en_mt_fm_park_speech_faithful", "ko_unsc_icbm_meeting_faithful", "en_mt_un_briefing_speaker_mismatch"):
        report = align_text((SAMPLES / f"{name}.txt").read_text("utf-8"))
        assert flags_of(report, "name_variant") == [], name


# ---------------------------------------------------------------------------
# untranslated

def test_korean_left_in_english_narration(align_text):
    report = align_text(dedent("""
        Pentagon Press Secretary Brian Bradshaw said on the 19th that there is no change in the force posture.

        Regarding the joint exercise, Bradshaw said that the 3rd phase of the 한미연합훈련 will proceed as scheduled.

        [녹취: 브래드쇼 대변인] “We are moving forward with the third phase of the combined exercise as planned.”

        He said the exercise with Kim Jong Un (김정은) in mind is defensive in nature.
    """))
    found = flags_of(report, "untranslated")
    by_text = {f.spans[0].text: f for f in found}
    assert by_text["한미연합훈련"].severity == "warning"
    assert by_text["한미연합훈련"].quote == "q1"  # the sentence renders q1
    assert by_text["김정은"].severity == "info"  # a gloss in parentheses is the writer's choice
    assert "[녹취" not in "".join(by_text)  # markers are Korean by design
    assert_spans_index_the_text(report)


def test_english_left_in_korean_narration(align_text):
    report = align_text(dedent("""
        미국은 북한 지도자와 정권의 행동에 매우 우려하고 있다고 국무부가 밝혔습니다. 백성원 기자가 보도합니다.

        마크 토너 국무부 부대변인은 10일 정례브리핑에서 we are very concerned about the behavior 라고 말했습니다.

        [녹취: 토너 부대변인] “We’re very concerned about both the North Korean leader’s behavior.”

        토너 부대변인은 ‘very concerned’라는 표현을 썼고 NBC News Today Show 인터뷰에서도 같은 말을 했습니다.

        토너 부대변인은 또 미국은 북한 문제를 다자적 노력을 통해 해결하려 한다고 말했습니다.
    """))
    found = [f.spans[0].text for f in flags_of(report, "untranslated")]
    assert found == ["we are very concerned about the behavior"]
    assert all(f.severity == "info" for f in flags_of(report, "untranslated"))


def test_a_lowercase_english_term_left_in_korean_narration(align_text):
    """A term the translator left in English (ship-to-ship transfer) is a gap;
    the same term glossed in parentheses, a name (Joint Chiefs of Staff) or
    an acronym (ICBM) is not."""
    report = align_text(dedent("""
        할보르센 대사는 각국이 제재 이행 보고서를 제때 제출해야 한다며, 특히 ship-to-ship transfer 감시를 강화해야 한다고 강조했습니다.

        [녹취: 할보르센 대사] “Member states must step up monitoring of ship-to-ship transfers.”

        할보르센 대사는 환적(ship-to-ship transfer)과 ICBM 문제를 Joint Chiefs of Staff 관계자들과 논의했다고 말했습니다.
    """))
    found = flags_of(report, "untranslated")
    assert [f.spans[0].text for f in found] == ["ship-to-ship transfer"]
    assert found[0].severity == "info"
    assert_spans_index_the_text(report)


def test_faithful_samples_have_nothing_untranslated(align_text):
    from conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt")):
        if path.stem == "en_mt_pentagon_malformed_missing":
            continue
        assert flags_of(align_text(path.read_text("utf-8")), "untranslated") == [], path.name


# ---------------------------------------------------------------------------
# speaker_mismatch

def test_speaker_mismatch_in_english_mt(align_text):
    # The marker names the person with one office, the narration with another
    # a rank apart: worth a look (warning), not an error: the same person spoke.
    report = align_text(UN_BRIEFING.replace("Spokesman", "Deputy Spokesman"))
    found = flags_of(report, "speaker_mismatch")
    assert len(found) == 1
    flag = found[0]
    assert (flag.quote, flag.severity) == ("q1", "warning")
    assert [(s.side, s.text) for s in flag.spans] == [("marker", "[녹취: 라마르 대변인]"),
                                                      ("narration", "Deputy Spokesman Stefan Lamarre")]
    assert flag.suggestion == "[녹취: 라마르 부대변인]"
    assert_spans_index_the_text(report)


def test_a_role_only_marker_names_an_office_that_any_spokesperson_speaks_for(align_text):
    # [유엔 대변인] is the spokesperson's office: the deputy spokesman answering
    # for it is the same source (issue: speaker mismatch is about people).
    deputy = UN_BRIEFING.replace("Spokesman", "Deputy Spokesman").replace("[녹취: 라마르 대변인]", "[녹취: 유엔 대변인]")
    assert flags_of(align_text(deputy), "speaker_mismatch") == []
    office = UN_BRIEFING.replace("[녹취: 라마르 대변인]", "[유엔 사무총장 대변인실]")
    assert flags_of(align_text(office), "speaker_mismatch") == []


def test_the_same_office_in_other_words_is_no_mismatch(align_text):
    # Spokesman / 대변인, the marker's name without its title's ministry
    assert flags_of(align_text(UN_BRIEFING), "speaker_mismatch") == []
    # a deputy under a deputy's marker
    deputy = UN_BRIEFING.replace("Spokesman", "Deputy Spokesman").replace("라마르 대변인", "라마르 부대변인")
    assert flags_of(align_text(deputy), "speaker_mismatch") == []
    # a narration that names one deputy spokesman once and "Spokesman" later agrees with the marker somewhere
    mixed = UN_BRIEFING.replace("UN Spokesman", "UN Deputy Spokesman")
    assert flags_of(align_text(mixed), "speaker_mismatch") == []


KO_DEPUTY = dedent("""
    유엔 “사무총장, 북한 ICBM 발사 강력 규탄”

    유엔은 북한의 대륙간탄도미사일 발사를 강하게 규탄했습니다. 박지훈 기자가 보도합니다.

    파르한 하크 유엔 부대변인은 2일 정례브리핑에서 사무총장이 북한의 ICBM 발사를 강력히 규탄한다고 밝혔습니다.

    [녹취: 유엔 대변인] “The Secretary-General strongly condemns the launch. He once again urges the DPRK to immediately desist from taking any further provocative actions.”

    하크 부대변인은 북한이 더 이상의 도발 행위를 즉각 중단할 것을 촉구했다고 말했습니다.

    미국의 소리, 박지훈입니다.
""")


def test_speaker_mismatch_in_korean_narration(align_text):
    # the office alone: the deputy spokesman speaks for it
    assert flags_of(align_text(KO_DEPUTY), "speaker_mismatch") == []
    named = KO_DEPUTY.replace("[녹취: 유엔 대변인]", "[녹취: 하크 대변인]")
    report = align_text(named)
    found = flags_of(report, "speaker_mismatch")
    assert [(f.quote, f.severity) for f in found] == [("q1", "warning")]
    assert found[0].spans[1].text == "파르한 하크 유엔 부대변인"  # the given name is found with the surname now
    assert found[0].suggestion == "[녹취: 하크 부대변인]"
    faithful = KO_DEPUTY.replace("[녹취: 유엔 대변인]", "[녹취: 하크 부대변인]")
    assert flags_of(align_text(faithful), "speaker_mismatch") == []
    # a role-only marker whose office the narration never names with a person:
    # the renderings may quote others, so nothing is claimed
    other = KO_DEPUTY.replace("[녹취: 유엔 대변인]", "[녹취: 유엔 사무총장]")
    assert flags_of(align_text(other), "speaker_mismatch") == []


@pytest.mark.parametrize("marker, narration, expected", [
    ("장관", "국무장관", "same"), ("대사", "미국대사", "same"), ("위원장", "외교위원장", "same"),
    ("대변인", "수석대변인", "same"), ("대변인", "부대변인", "rank"), ("차관보", "부차관보", "rank"),
    ("대사", "대사대리", "rank"), ("장관", "대사", "other"),
])
def test_korean_titles_compared(marker, narration, expected):
    from aligner.flags.speaker_mismatch import _compare_korean

    assert _compare_korean(marker, narration) == expected


def test_a_marker_title_that_agrees_with_the_narration_raises_nothing_on_the_samples(align_text):
    from conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt")):
        if path.stem == "en_mt_un_briefing_speaker_mismatch":
            continue
        assert flags_of(align_text(path.read_text("utf-8")), "speaker_mismatch") == [], path.name
