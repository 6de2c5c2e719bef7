"""Forms the tool must read on transcripts nobody tuned on (issue: trustworthy
on unseen transcripts).  All text here is invented for the test."""
from __future__ import annotations

import pytest
from conftest import dedent

from aligner.attribution import quoted_phrases
from aligner.markers import find_marker, split_speaker
from aligner.report import Span
from aligner.segments import narration_language


def flags_of(report, kind):
    return [f for f in report.flags if f.kind == kind]


# --- 1. only recording markers are markers ------------------------------------------------------

@pytest.mark.parametrize("line", ["[ad_1]", "[ad_2] ", "[서울=연합뉴스]", "[사진=VOA 캡처]", "[advertisement]",
                                  "[2024.03.05]", "[www.example.org]", "[Reuters/AP 2023]"])
def test_page_furniture_datelines_and_credits_are_not_markers(line):
    assert find_marker(line + " “Some words.”") is None


@pytest.mark.parametrize("line", ["[국무부 대변인] “We said so.”", "[녹취: 한서린 대사] “We said so.”",
                                  "[텍스트: 국방부 관계자] “We said so.”", "[마르타 리베라 / 국무부 부대변인] “Yes.”",
                                  "[ACT 2: 0:00 DALET/POLICY: 0:19]"])
def test_recording_cues_and_speaker_labels_are_markers(line):
    assert find_marker(line) is not None


def test_an_ad_slot_raises_no_marker_flags(align_text):
    report = align_text(dedent("""
        Envoy urges talks with Pyongyang

        [ad_1]

        Special Envoy Marta Rivera said on the 4th that Washington remains open to dialogue.

        [녹취: 리베라 특사] “Our door remains open to dialogue without preconditions.”

        She added that the offer stands. This is Han Seo-rin, VOA News.
    """))
    assert [q.marker.text for q in report.quotes] == ["[녹취: 리베라 특사]"]
    assert not flags_of(report, "missing_quote") and not flags_of(report, "unresolved_speaker")


# --- 2. speaker parsing that does not depend on a title list ---------------------------------------

@pytest.mark.parametrize("body, name", [
    ("앤 모리스 영국 외무부 선임 대변인", "앤 모리스"),
    ("로페즈 헤리티지재단 선임연구원", "로페즈"),
    ("캠벨 전 국무부 차관보", "캠벨"),
    ("하르트만 유엔 주재 독일 대사", "하르트만"),
    ("국무부 대변인 마르타 리베라", "마르타 리베라"),
    ("콘라드 백악관 선임 고문", "콘라드"),
    ("유엔 대변인", None), ("국무부 관계자", None), ("미 행정부 고위 관리", None), ("유엔 사무총장 대변인실", None),
])
def test_the_name_is_never_a_country_body_or_modifier(glossary, body, name):
    assert split_speaker(body, glossary)[0] == name


KO_GERMAN_ENVOY = dedent("""
    유엔 안보리, 북한 미사일 발사 논의

    유엔 안보리가 북한의 미사일 발사를 논의했습니다. 한서린 기자가 보도합니다.

    독일의 클라우스 하르트만 유엔주재 대사는 북한의 발사가 안보리 결의 위반이라고 말했습니다.

    [녹취: 클라우스 하르트만 유엔 주재 독일 대사] “This launch is a clear violation of the resolutions.”

    하르트만 대사는 안보리가 단합된 목소리를 내야 한다고 덧붙였습니다.

    VOA 뉴스 한서린입니다.
""")


def test_a_marker_with_a_country_resolves_to_the_person(align_text):
    [quote] = align_text(KO_GERMAN_ENVOY).quotes
    assert quote.speaker.name == "클라우스 하르트만"
    assert quote.speaker.confidence == 1.0


def test_a_role_only_label_takes_the_person_the_narration_names_in_that_office(align_text):
    text = dedent("""
        유엔 “북한, 대화 복귀해야”

        유엔이 북한에 대화 복귀를 촉구했습니다.

        이브라힘 카말 유엔 사무총장 부대변인은 5일 VOA에 사무총장이 북한의 대화 복귀를 촉구한다고 밝혔습니다.

        [유엔 대변인] “The Secretary-General urges the DPRK to return to dialogue.”

        VOA 뉴스 한서린입니다.
    """)
    report = align_text(text)
    [quote] = report.quotes
    assert quote.speaker.name == "이브라힘 카말"
    assert quote.speaker.confidence < 1.0  # taken from the attribution, not the marker
    assert flags_of(report, "speaker_mismatch") == []  # the office speaks through its deputy


def test_a_given_name_that_ends_like_an_adnominal_is_kept(align_text):
    text = KO_GERMAN_ENVOY.replace("클라우스 하르트만", "파르한 하르트만").replace("[녹취: 파르한 하르트만 유엔 주재 독일 대사]",
                                                                          "[녹취: 하르트만 대사]")
    assert align_text(text).quotes[0].speaker.name == "파르한 하르트만"
    visiting = KO_GERMAN_ENVOY.replace("독일의 클라우스 하르트만", "서울을 방문한 하르트만").replace(
        "[녹취: 클라우스 하르트만 유엔 주재 독일 대사]", "[녹취: 하르트만 대사]")
    assert align_text(visiting).quotes[0].speaker.name == "하르트만"


# --- 3. quotation marks that attribute nothing ------------------------------------------------------

@pytest.mark.parametrize("sentence, attributed", [
    ("He told the US broadcaster ’NBC’ on the 1st that talks were possible.", False),
    ("She spoke on the programme ‘Morning Desk’ about the plan.", False),
    ("He rejected the so-called ‘regime change’ policy.", False),
    ("He called the envoy ‘Rocket Man’ again.", True),
    ("He described the defectors as ‘human waste’.", True),
    ("He said the claims were ‘utterly fabricated’.", True),
])
def test_marks_around_names_and_terms_attribute_nothing(sentence, attributed):
    [phrase] = quoted_phrases(sentence, Span(0, len(sentence), sentence))
    assert phrase.attributed is attributed


# --- 6. layout does not decide the language ------------------------------------------------------------

def test_a_page_that_lost_its_line_breaks_is_still_korean_narration():
    quote = "“" + "We will keep working with our partners to make sure the sanctions are enforced. " * 3 + "”"
    text = ("제재 이행 강조\n" "미국이 대북 제재 이행을 강조했습니다. 리베라 특사는 4일 이같이 말했습니다. [녹취: 리베라 특사] "
            + quote + " 리베라 특사는 동맹과 계속 협력하겠다고 말했습니다.\n")
    assert narration_language(text) == "ko"


# --- 10. typography a sub-editor fixes ----------------------------------------------------------------

MT_TYPO = dedent("""
    Envoy urges talks

    Special Envoy Marta Rivera said the offer stands and cooperation with allies and partners continues. .

    [녹취: 리베라 특사] “ Our door remains open to dialogue without preconditions.”

    Rivera said the door remains open.She added that talks could start soon. Allies.

    [녹취: 리베라 특사] We will keep working with our partners on this.

    Rivera stressed cooperation with partners. This is Han Seo-rin, VOA News.
""")


def test_typography_a_sub_editor_fixes(align_text):
    report = align_text(MT_TYPO)
    found = {f.spans[0].text: f for f in flags_of(report, "typography")}
    assert "continues. ." in found  # a doubled sentence mark
    assert "“ Our door" in found  # a space after the opening mark
    assert "open.She" in found  # glued sentences
    assert "soon. Allies." in found  # a one-word fragment after a sentence
    assert "We will keep" in found  # a quote without marks where the others have them
    assert all(f.severity == "info" for f in found.values())
    clean = align_text(MT_TYPO.replace("continues. .", "continues.").replace("“ Our", "“Our")
                       .replace("open.She", "open. She").replace(" Allies.", "")
                       .replace("[녹취: 리베라 특사] We will keep working with our partners on this.",
                                "[녹취: 리베라 특사] “We will keep working with our partners on this.”"))
    assert flags_of(clean, "typography") == []


# --- 3. a quote in another person's mouth is not the speaker's misquote ----------------------------

def test_words_the_narration_gives_to_another_person_are_not_a_misquote(align_text):
    text = dedent("""
        유엔 “북한, 대화 복귀해야”

        이브라힘 카말 유엔 부대변인은 5일 사무총장이 북한의 대화 복귀를 거듭 촉구한다고 밝혔습니다.

        [유엔 대변인] “The Secretary-General reiterates his call on the DPRK to return to dialogue.”

        앞서 박철민 북한 외무성 부상은 사무총장을 ‘미국의 대변자’라고 비난했습니다.

        VOA 뉴스 한서린입니다.
    """)
    report = align_text(text)
    assert flags_of(report, "misquote") == []


def test_someone_else_speaking_is_read_from_the_sentence(glossary):
    from aligner.attribution import speaks_for_someone_else
    from aligner.report import Marker, Quote, Span, Speaker

    quote = Quote(id="q1", marker=Marker(0, 10, "[녹취: 카말 부대변인]", "카말", "부대변인", None, True),
                  quote=Span(11, 20, "Some words"), speaker=Speaker("이브라힘 카말", None, (), 1.0), renderings=())
    assert speaks_for_someone_else("앞서 박철민 북한 외무성 부상은 사무총장을 ‘미국의 대변자’라고 비난했습니다.", quote, glossary)
    assert not speaks_for_someone_else("카말 부대변인은 북한이 ‘도발’을 멈춰야 한다고 말했습니다.", quote, glossary)
    assert not speaks_for_someone_else("사무총장은 대화가 ‘유일한 길’이라고 강조했습니다.", quote, glossary)
    assert speaks_for_someone_else("Earlier, Park said the UN chief was a ‘mouthpiece’.", quote, glossary)


# --- calibrated severity: an unrendered quote that came near is a note --------------------------------

def test_an_unrendered_quote_that_came_near_a_rendering_is_only_a_note():
    from aligner.flags import structural
    from aligner.report import Marker, Quote, Report, RunSignature, SourceInfo, Span, Speaker

    text = "[녹취: 카말 부대변인] “Some words here.”\n카말 부대변인은 다른 이야기를 했습니다.\n"
    quote = Span(text.index("Some"), text.index("”"), "Some words here.")

    def severity(nearest: float) -> list[str]:
        q = Quote(id="q1", marker=Marker(0, 14, text[:14], "카말", "부대변인", None, True, "녹취"), quote=quote,
                  speaker=Speaker("카말", "부대변인", (), 1.0), renderings=(), nearest=nearest)
        report = Report(source=SourceInfo("<t>", "0", "utf-8", "ko", len(text)), run=RunSignature("0", "m", ()),
                        segments=(), quotes=(q,), flags=(), notes=(), text=text)
        return [f.severity for f in structural.detect(report) if f.kind == "unrendered_quote"]

    assert severity(0.05) == ["warning"]
    assert severity(structural.StructuralSettings().unrendered_near_miss) == ["info"]


# --- 9. meaning shifts that change what was said, both directions ----------------------------------

SHIFT_KO = dedent("""
    국무부 “대북 제재 공조 계속”

    미국 국무부가 대북 제재 공조를 강조했습니다. 한서린 기자가 보도합니다.

    [녹취: 리베라 대변인] “{quote}”

    {rendering}

    VOA 뉴스 한서린입니다.
""")
SHIFT_EN = dedent("""
    State Department stresses sanctions cooperation

    The State Department stressed cooperation on sanctions. Han Seo-rin reports.

    [녹취: 리베라 대변인] “{quote}”

    {rendering}

    This is Han Seo-rin, VOA News.
""")


def shifts(align_text, template, quote, rendering):
    report = align_text(template.format(quote=quote, rendering=rendering))
    return [(f.severity, [s.text for s in f.spans]) for f in flags_of(report, "meaning_shift")]


@pytest.mark.parametrize("template, quote, swapped, faithful", [
    (SHIFT_KO, "Japan has agreed to join the new sanctions against the regime.",
     "리베라 대변인은 중국이 새로운 제재에 동참하기로 합의했다고 말했습니다.",
     "리베라 대변인은 일본이 새로운 제재에 동참하기로 합의했다고 말했습니다."),
    (SHIFT_EN, "China must do far more to enforce the sanctions on its border.",
     "Spokesperson Rivera said Russia must do far more to enforce the sanctions on its border.",
     "Spokesperson Rivera said China must do far more to enforce the sanctions on its border."),
])
def test_a_country_swapped_is_a_meaning_shift(align_text, template, quote, swapped, faithful):
    found = shifts(align_text, template, quote, swapped)
    assert [severity for severity, _ in found] == ["info"]  # no swap in the tune split to calibrate a warning on
    said, told = found[0][1]
    assert said in ("Japan", "China") and told in ("중국", "Russia")
    assert shifts(align_text, template, quote, faithful) == []


def test_a_country_named_where_the_quote_says_the_region_is_a_note(align_text):
    quote = "The threat to the region keeps growing with every launch."
    found = shifts(align_text, SHIFT_KO, quote, "리베라 대변인은 발사가 거듭될수록 중국에 대한 위협이 커지고 있다고 말했습니다.")
    assert found == [("info", ["the region", "중국"])]
    assert shifts(align_text, SHIFT_KO, quote, "리베라 대변인은 발사가 거듭될수록 역내 위협이 커지고 있다고 말했습니다.") == []
    # the region kept (역내, 주변국들): the country also named is whose threat it is, not a swap
    assert shifts(align_text, SHIFT_KO, quote,
                  "리베라 대변인은 북한의 발사가 거듭될수록 역내 위협이 커지고 있다고 말했습니다.") == []
    assert shifts(align_text, SHIFT_KO, "Our neighbouring countries are worried about every launch.",
                  "리베라 대변인은 주변국들이 북한의 발사를 우려하고 있다고 말했습니다.") == []


def test_a_country_inside_a_compound_is_still_named(glossary):
    from aligner.flags.meaning_shift import places

    text = "대북 제재와 북한인권 문제, 한미 동맹과 미사일 발사를 논의했습니다."
    assert [p.text for p in places(text, 0, len(text), glossary)] == ["대북", "북한인권", "한미", "한미"]
    assert places("대중 앞에서 한편 일부는", 0, 12, glossary) == []


def test_the_speakers_own_side_for_we_is_no_swap(align_text):
    quote = "We will keep working closely with Japan on the sanctions."
    rendering = "리베라 대변인은 미국이 대북 제재와 관련해 일본과 긴밀히 협력하겠다고 말했습니다."
    assert shifts(align_text, SHIFT_KO, quote, rendering) == []


@pytest.mark.parametrize("template, quote, as_fact, kept", [
    (SHIFT_KO, "We hope North Korea will return to the negotiating table soon.",
     "리베라 대변인은 북한이 곧 협상 테이블로 돌아올 것이라고 말했습니다.",
     "리베라 대변인은 북한이 곧 협상 테이블로 돌아오기를 희망한다고 말했습니다."),
    (SHIFT_EN, "We hope North Korea will return to the negotiating table soon.",
     "Spokesperson Rivera said North Korea will return to the negotiating table soon.",
     "Spokesperson Rivera said she hoped North Korea would return to the negotiating table soon."),
])
def test_a_hope_stated_as_a_fact_is_a_note(align_text, template, quote, as_fact, kept):
    found = shifts(align_text, template, quote, as_fact)
    assert [(severity, spans[0]) for severity, spans in found] == [("info", "hope")]
    assert shifts(align_text, template, quote, kept) == []


# --- 7. suggestions are fixes ------------------------------------------------------------------------

def test_suggestions_are_fixes_or_nothing(align_text):
    from aligner.flags.number_mismatch import _fix
    from aligner.numbers import find_quantities

    text = "The quote said third; the narration wrote 4번째 and fourth, and in June 2018."
    quoted, = [q for q in find_quantities("the third time") if q.kind == "ordinal"]
    fourth_ko, = [q for q in find_quantities(text) if q.text.startswith("4")]
    report = type("R", (), {"text": text, "source": type("S", (), {"narration_lang": "ko"})()})()
    assert _fix(quoted, fourth_ko, report) == "3번째"  # the narration's own writing
    forty, = find_quantities("about 40 percent more")
    fourteen, = [q for q in find_quantities("약 14% 늘어난") if q.unit == "percent"]
    korean = type("R", (), {"text": "약 14% 늘어난", "source": type("S", (), {"narration_lang": "ko"})()})()
    assert _fix(forty, fourteen, korean) == "40%"  # Korean narration writes %, not the quote's 'percent'
    loose, = find_quantities("a couple of months back")
    june, = [q for q in find_quantities(text) if q.kind == "month"]
    assert _fix(loose, june, report) is None  # never the speaker's vaguer words over a date


def test_a_name_variant_is_fixed_the_way_the_marker_writes_it(align_text):
    text = KO_GERMAN_ENVOY.replace("클라우스 하르트만", "피터 슈나이더").replace("하르트만", "슈나이더")
    narration_twice = text.replace("독일의 피터 슈나이더", "독일의 피트 슈나이더").replace(
        "슈나이더 대사는", "피트 슈나이더 대사는")
    [flag] = flags_of(align_text(narration_twice), "name_variant")
    # the narration writes 피트 twice, the marker 피터 once: the fix follows the marker
    assert flag.suggestion == "피터 슈나이더"


def test_a_recording_pasted_twice_is_a_note(align_text):
    text = dedent("""
        국무부 “동맹과 공조”

        국무부는 동맹과의 공조를 강조했습니다.

        [녹취: 리베라 대변인] “We will keep working closely with our allies on this issue.”

        리베라 대변인은 동맹과 긴밀히 협력하겠다고 말했습니다.

        [녹취: 리베라 대변인] “We will keep working closely with our allies on this issue.”

        리베라 대변인은 동맹과 긴밀히 협력하겠다고 말했습니다.

        VOA 뉴스 한서린입니다.
    """)
    [flag] = [f for f in flags_of(align_text(text), "typography") if "pasted twice" in f.message]
    assert (flag.quote, flag.severity) == ("q2", "info")


def test_a_quote_cut_by_the_end_of_the_file_is_not_unrendered(align_text):
    text = dedent("""
        국무부 “동맹과 공조”

        [녹취: 리베라 대변인] “We will keep working closely with our allies on this iss
    """)
    report = align_text(text)
    assert report.quotes[0].renderings == () and flags_of(report, "unrendered_quote") == []
    # the same quote finished, with no narration to render it, is flagged
    finished = align_text(text.replace("on this iss", "on this issue.”\n\nVOA 뉴스 한서린입니다."))
    assert [f.severity for f in flags_of(finished, "unrendered_quote")] == ["warning"]


def test_a_name_that_ends_like_a_particle_keeps_its_last_syllable(align_text):
    # 하르트만 ends in 만 ("only"); the marker says it is the whole surname
    text = KO_GERMAN_ENVOY.replace("클라우스 하르트만", "피터 하르트만")
    variant = text.replace("독일의 피터 하르트만", "독일의 피트 하르트만").replace("하르트만 대사는", "피트 하르트만 대사는")
    [flag] = flags_of(align_text(variant), "name_variant")
    assert flag.suggestion == "피터 하르트만"
    assert all(s.text.endswith("하르트만") for s in flag.spans)


@pytest.mark.parametrize("template, swapped, faithful", [
    (SHIFT_KO, "리베라 대변인은 다음 달 비엔나에서 한국, 일본 측과 만나 지원 방안을 조율할 것이라고 말했습니다.",
     "리베라 대변인은 제네바에서 열린 회견에서 다음 달 제네바에서 한국, 일본 측과 만나 지원 방안을 조율할 것이라고 말했습니다."),
    (SHIFT_EN, "Spokesperson Rivera said she would meet South Korean and Japanese officials in Vienna next month "
               "to coordinate aid.",
     "Spokesperson Rivera said she would meet South Korean and Japanese officials in Geneva next month "
     "to coordinate aid."),
])
def test_a_venue_swapped_is_a_note(align_text, template, swapped, faithful):
    quote = "We will sit down with our South Korean and Japanese colleagues in Geneva next month to coordinate aid."
    found = shifts(align_text, template, quote, swapped)
    assert [(severity, spans[0]) for severity, spans in found] == [("info", "Geneva")]
    assert shifts(align_text, template, quote, faithful) == []
