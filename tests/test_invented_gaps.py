"""Gaps and forms found by a reviewer who wrote transcripts of their own
(issue: trustworthy on unseen transcripts).  All text here is invented for
the test; the people do not exist."""
from __future__ import annotations

import pytest
from conftest import dedent

from aligner.markers import split_speaker
from aligner.numbers import find_quantities
from aligner.flags.number_mismatch import compare


def flags_of(report, kind):
    return [f for f in report.flags if f.kind == kind]


# --- speaker parsing: bodies, regions and documents are never a name -----------------------------

@pytest.mark.parametrize("body, name", [
    ("마들렌 크루거 주일미군 사령관", "마들렌 크루거"),  # a body ending in 미군 after the name
    ("세계식량계획 중앙아시아 대표부 오스카 벨린 대표", "오스카 벨린"),  # body first, a region, then the name
    ("국제인권위원회 하비에르 몬테스 위원", "하비에르 몬테스"),  # a leftmost body ending in 위원회
    ("백악관 국가경제회의 대변인", None),  # a council, then a title: no person
    ("미 상무부 보도자료", None),  # a document of a body
    ("국방부 성명", None),
])
def test_bodies_regions_and_documents_are_not_names(glossary, body, name):
    assert split_speaker(body, glossary)[0] == name


def test_a_document_marker_takes_no_nearby_person_as_its_speaker(align_text):
    report = align_text(dedent("""
        상무부, 대북 수출 통제 강화

        미국 상무부가 대북 수출 통제 대상 품목을 늘렸습니다.

        [텍스트: 미 상무부 보도자료] “Today’s rule adds forty items to the list of goods that may not be shipped to North Korea.”

        엘리엇 파인 상무부 차관은 성명에서 이번 조치가 북한의 무기 개발을 막기 위한 것이라고 밝혔습니다.

        [텍스트: 엘리엇 파인 상무부 차관] “We will not let our technology feed Pyongyang’s weapons.”

        파인 차관은 미국의 기술이 북한의 무기 개발에 쓰이게 두지 않겠다고 말했습니다.
    """))
    document, person = report.quotes
    assert document.speaker.name is None and document.speaker.confidence == 0.0
    assert person.speaker.name == "엘리엇 파인"
    assert not [f for f in flags_of(report, "unresolved_speaker") if f.quote == document.id]


def test_a_surname_marker_borrows_the_full_name_of_an_earlier_marker_in_romanised_narration(align_text):
    report = align_text(dedent("""
        US envoy says sanctions stay

        Deputy Assistant Secretary Nadia Okafor said on the 3rd that sanctions on North Korea will stay.

        [녹취: 나디아 오카포 국무부 부차관보] “Sanctions remain in place until we see real steps.”

        Deputy Assistant Secretary Okafor added that Washington is ready to talk.

        [녹취: 오카포 부차관보] “We are ready to talk at any time, without preconditions.”

        Okafor said the United States is ready to meet at any time without preconditions.
    """))
    first, second = report.quotes
    assert first.speaker.name is not None and "Okafor" in first.speaker.name
    assert second.speaker.name == first.speaker.name
    assert not flags_of(report, "unresolved_speaker")


# --- speaker_mismatch: a different person named in a sure rendering -------------------------------

@pytest.mark.parametrize("person, severity", [
    ("하딩 대사", "warning"),  # a sure rendering and a name nothing like 베이커: two signals
    ("베이크 대사", "info"),  # a name close to the marker's may be the same person misspelled
])
def test_a_rendering_that_gives_the_words_to_another_named_person_is_flagged(align_text, person, severity):
    report = align_text(dedent(f"""
        주태국 미국대사 "북한 선박 입항 거부"

        로웰 베이커 주태국 미국대사는 5일 방콕에서 기자들과 만나 북한 선박 문제에 대해 말했습니다.

        [녹취: 베이커 대사] “Thailand turned away two North Korean ships last month after they switched off their transponders.”

        {person}는 지난달 태국이 위치 송신기를 끈 북한 선박 두 척의 입항을 거부했다고 말했습니다.
    """))
    found = flags_of(report, "speaker_mismatch")
    assert len(found) == 1 and person in found[0].message and found[0].severity == severity
    assert {s.side for s in found[0].spans} == {"marker", "narration"}


def test_a_person_the_speaker_talks_about_is_no_mismatch(align_text):
    report = align_text(dedent("""
        국무부 "장관 방한 일정 조율 중"

        노엘 파커 국무부 대변인은 2일 정례 브리핑에서 국무장관의 방한 일정을 묻는 질문에 답했습니다.

        [녹취: 노엘 파커 국무부 대변인] “Secretary Vance looks forward to visiting Seoul soon, and we are working out the dates.”

        밴스 장관은 조만간 서울을 방문하기를 고대하고 있다고 파커 대변인은 전했습니다.
    """))
    assert not flags_of(report, "speaker_mismatch")


# --- numbers: transposed digits, people counted, a date on the same month -------------------------

def test_transposed_digits_are_compared_whatever_each_side_counts():
    quoted = find_quantities("We processed 478 new applications this spring.")
    rendered = find_quantities("올봄 신청자 874명을 처리했다고 밝혔습니다.")
    gaps = compare(quoted, rendered)
    assert [(g.quoted.value, g.rendered.value, g.strong) for g in gaps] == [(478, 874, False)]


def test_different_numbers_with_different_units_are_still_left_alone():
    assert compare(find_quantities("We processed 478 new applications."), find_quantities("신청자 512명")) == []


def test_people_counted_in_english_meet_korean_people_counts():
    quoted = find_quantities("five North Korean sailors were rescued")
    rendered = find_quantities("북한 선원 6명이 구조됐다")
    assert [(g.quoted.value, g.rendered.value, g.strong) for g in compare(quoted, rendered)] == [(5, 6, True)]


def test_a_day_of_the_same_month_stated_otherwise_is_a_question_not_an_error():
    # The narration may date its own event in the same month (9월 13일 회견에서).
    quoted = find_quantities("The talks will open in Vienna on October 7th.")
    rendered = find_quantities("회담은 10월 17일 빈에서 열린다고 밝혔습니다.")
    gaps = compare(quoted, rendered)
    assert [(g.quoted.value, g.rendered.value, g.strong) for g in gaps] == [(7, 17, False)]


def test_a_day_with_no_month_beside_it_stays_a_question():
    quoted = find_quantities("The talks will open in Vienna on the 7th.")
    rendered = find_quantities("회담은 17일 빈에서 열린다고 밝혔습니다.")
    assert [g.strong for g in compare(quoted, rendered)] == [False]


# --- typography the splitter hides ----------------------------------------------------------------

def test_korean_sentences_glued_across_the_split_are_noted(align_text):
    report = align_text(dedent("""
        통일부 "대화 제의 유효"

        통일부 대변인은 8일 브리핑에서 대화 제의가 유효하다고 말했습니다.이어 북한의 호응을 촉구했습니다.

        [녹취: 도미닉 레예스 유엔 특별보고관] “The offer of dialogue remains on the table.”

        레예스 보고관은 대화 제의가 여전히 유효하다고 말했습니다.
    """))
    glued = [f for f in flags_of(report, "typography") if "glued" in f.message]
    assert len(glued) == 1 and glued[0].spans[0].text == "말했습니다.이어"
    assert glued[0].suggestion == "말했습니다. 이어" and glued[0].severity == "info"


def test_an_opening_mark_never_closed_in_a_narration_line_is_noted(align_text):
    report = align_text(dedent("""
        외교부 "협력 강화"

        외교부 대변인은 또 “한국과 일본의 협력은 계속될 것이라고 강조했습니다.

        [녹취: 도미닉 레예스 유엔 특별보고관] “Cooperation will continue.”

        레예스 보고관은 협력이 계속될 것이라고 말했습니다.
    """))
    unclosed = [f for f in flags_of(report, "typography") if "never closed" in f.message]
    assert len(unclosed) == 1 and unclosed[0].spans[0].text.startswith("“한국과")


# --- addition: the setting of a remark is not content the quote lacks -----------------------------

def test_a_clause_with_its_setting_is_compared_by_its_content(align_text):
    report = align_text(dedent("""
        국무장관 "한국 측과 통화"

        헨리 월시 미국 국무장관은 9일 기자회견에서 일본의 외무상과 통화했다며, 두 나라의 입장이 같다고 말했습니다.

        [녹취: 헨리 월시 미국 국무장관] “I spoke with my Japanese counterpart this morning, and we are of one mind on this. Our aim remains…”

        월시 장관은 두 나라의 목표가 같다고 강조했습니다.
    """))
    assert not [s for f in flags_of(report, "addition") for s in f.spans if "통화했다며" in s.text]


# --- name variants: th written two ways, short forms are no other spelling ------------------------

def test_a_given_name_whose_th_is_written_two_ways_is_a_variant(align_text):
    report = align_text(dedent("""
        국무부 "협의 계속"

        조나단 브루어 국무부 부대변인은 3일 브리핑에서 동맹국들과 협의를 계속하고 있다고 말했습니다.

        [녹취: 조너선 브루어 국무부 부대변인] “We continue to consult closely with our allies on the next steps.”

        브루어 부대변인은 다음 조치에 대해 동맹국들과 긴밀히 협의하고 있다고 말했습니다.
    """))
    found = flags_of(report, "name_variant")
    assert len(found) == 1 and found[0].suggestion == "조너선 브루어"


def test_a_korean_full_name_is_still_never_a_variant_of_another():
    from aligner.flags.name_variant import NameVariantSettings, _same_hangul_name
    assert not _same_hangul_name(("조성단",), ("조성선",), NameVariantSettings())


def test_a_short_form_is_not_counted_as_another_way_of_writing_a_name(align_text):
    report = align_text(dedent("""
        Envoy warns on launches

        Special Envoy Corinne Whitlock said on the 2nd that the launch was reckless.

        [녹취: 코린 휘틀록 특사] “This launch was reckless and it will not go unanswered.”

        Whitlock said the launch would not go unanswered. Special Envoy Whitlok added that allies agree.
    """))
    found = flags_of(report, "name_variant")
    assert len(found) == 1 and "2 ways" in found[0].message and "'Whitlock' /" not in found[0].message


def test_a_long_setting_is_not_content():
    from aligner.attribution import korean_content_eojeols
    clause = "로웰 베이커 주태국 미국대사는 5일 방콕의 한 연구소 주최 포럼에 참석해"
    assert korean_content_eojeols(clause, {"로웰", "베이커"}) == []
    sentence = "베이커 대사는 5일 방콕의 한 연구소 주최 포럼에 참석해 북한 선박의 입항을 거부했다고 밝혔습니다"
    content = korean_content_eojeols(sentence, {"베이커"})
    assert " ".join(sentence[a:b] for a, b in content) == "북한 선박의 입항을 거부했다고"


def test_a_sharp_rise_reported_as_a_slight_one_is_weakened(align_text):
    report = align_text(dedent("""
        유엔 "북한 내 강제노동 급증"

        [녹취: 유엔 인권최고대표사무소 대변인 마르코 벨리니] “We have documented a sharp rise in forced labour across North Korea this year.”

        벨리니 대변인은 올해 북한 전역에서 강제노동이 다소 늘어난 것을 확인했다고 말했습니다.
    """))
    weakened = [f for f in flags_of(report, "meaning_shift") if "weaker" in f.message]
    assert len(weakened) == 1 and "'sharp rise'" in weakened[0].message and "다소 늘어난" in weakened[0].message


# --- English machine translation of the markers -------------------------------------------------

@pytest.mark.parametrize("line", ["[Recording: Ambassador Lena Ortiz] “We said so.”", "[Text: Treasury statement] “Yes.”",
                                  "[Interview: Professor Omar Haddad] “Indeed.”", "[RECORDING: Envoy Ortiz] “No.”"])
def test_machine_translated_recording_cues_are_markers(line):
    from aligner.markers import find_marker
    assert find_marker(line) is not None


@pytest.mark.parametrize("body, name, title", [
    ("Ambassador Lena Ortiz, UN Special Rapporteur on Food", "Lena Ortiz", "Ambassador, UN Special Rapporteur on Food"),
    ("Rear Admiral Paul Dresner", "Paul Dresner", "Rear Admiral"),
    ("Treasury Department Spokesperson Ida Moreau", "Ida Moreau", "Treasury Department Spokesperson"),
    ("Omar Haddad, Professor of Political Science", "Omar Haddad", "Professor of Political Science"),
    ("State Department Spokesperson", None, "State Department Spokesperson"),
])
def test_an_english_marker_names_the_person_after_the_titles(glossary, body, name, title):
    assert split_speaker(body, glossary) == (name, title)


def test_an_english_mt_transcript_with_recording_markers_is_read(align_text):
    report = align_text(dedent("""
        UN rapporteur warns of food shortages in North Korea

        UN Special Rapporteur Lena Ortiz said on the 8th that food shortages in North Korea have worsened.

        [Recording: Ambassador Lena Ortiz, UN Special Rapporteur on Food] “Food shortages have worsened sharply since the spring, and children are the first to suffer.”

        Special Rapporteur Ortiz said food shortages had worsened sharply since spring and that children suffer first.

        [Recording: Special Rapporteur Ortiz] “We need access for inspectors within two weeks.”

        Ortiz called for access for inspectors within three weeks.
    """))
    assert [q.speaker.name for q in report.quotes] == ["Lena Ortiz", "Lena Ortiz"]
    assert all(q.renderings for q in report.quotes)
    numbers = flags_of(report, "number_mismatch")
    assert len(numbers) == 1 and numbers[0].quote == report.quotes[1].id


def test_a_superlative_keeps_the_degree_of_most(align_text):
    report = align_text(dedent("""
        Envoy praises survivors

        [Recording: Envoy Lena Ortiz] “The survivors are the most credible witnesses we have.”

        Envoy Ortiz said the survivors are the strongest witnesses the world has.
    """))
    assert not [f for f in flags_of(report, "meaning_shift") if f.severity != "info"]


def test_a_body_the_transcript_introduces_with_its_acronym_is_never_a_name(align_text):
    report = align_text(dedent("""
        국제이주기구 "탈북민 지원 확대"

        유엔 국제이주기구, IOM이 동남아시아의 탈북민 지원을 늘리겠다고 밝혔습니다.

        국제이주기구의 클라라 빈센트 대변인은 10일 제네바에서 열린 브리핑에서 이같이 말했습니다.

        [국제이주기구 대변인]
        “We will expand our support for North Korean migrants in Southeast Asia next year.”

        빈센트 대변인은 내년에 동남아시아의 북한 이주민 지원을 늘릴 것이라고 말했습니다.
    """))
    quote, = report.quotes
    assert quote.marker.speaker is None and quote.speaker.name == "클라라 빈센트"
    assert quote.speaker.confidence < 1.0
    assert not flags_of(report, "speaker_mismatch") and not flags_of(report, "unresolved_speaker")


def test_document_bodies_come_with_an_acronym():
    from aligner.analysis import document_bodies
    text = "세계보건기구(WHO)는 밝혔습니다. 유엔 국제이주기구, IOM이 말했습니다. 마이크 폼페오(Mike Pompeo) 장관"
    assert document_bodies(text) == {"세계보건기구", "국제이주기구"}


def test_a_rank_beside_the_office_is_no_mismatch(align_text):
    report = align_text(dedent("""
        주일미군사령관 "연합훈련 방어적"

        루카스 브레넌 주일미군사령관은 2일 요코타 기지에서 기자들과 만나 훈련 일정을 설명했습니다.

        [녹취: 주일미군사령관 루카스 브레넌 중장] “The drill is purely defensive and it is aimed at no one.”

        브레넌 사령관은 이번 훈련이 순전히 방어적이며 누구도 겨냥하지 않는다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == "루카스 브레넌"
    assert not flags_of(report, "speaker_mismatch")


def test_the_narrations_short_reference_ends_the_name(align_text):
    report = align_text(dedent("""
        유엔아동기금 "영양실조 심각"

        유엔아동기금 지역사무소의 소피아 렌츠 보건 담당관은 5일 화상 회견에서 보고서를 설명했습니다.

        [녹취: 유엔아동기금 소피아 렌츠 보건 담당관] “One child in five in the region is chronically malnourished.”

        렌츠 담당관은 이 지역 어린이 다섯 명 중 한 명이 만성 영양실조를 겪고 있다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == "소피아 렌츠"


def test_one_name_spelt_two_ways_is_one_flag_with_one_suggestion(align_text):
    report = align_text(dedent("""
        유엔 "지원 확대"

        소피아 렌츠 대변인은 5일 브리핑에서 지원을 늘리겠다고 말했습니다.

        [녹취: 소피아 렌츠 대변인] “We will expand our aid next year.”

        렌츠 대변인은 내년에 지원을 늘리겠다고 말했습니다.

        [녹취: 랜츠 대변인] “Our staff will return in the spring.”

        소피아 랜츠 대변인은 직원들이 봄에 복귀할 것이라고 말했습니다.
    """))
    found = flags_of(report, "name_variant")
    assert len(found) == 1 and found[0].suggestion == "소피아 렌츠"


def test_english_narration_crediting_another_titled_person_is_noted(align_text):
    report = align_text(dedent("""
        US says it is alarmed by arms transfers

        [Recording: State Department Spokesperson Irene Walsh] “We are alarmed by reports that North Korea shipped rockets to Russia last month.”

        Deputy Spokesperson Tobias Crane said the United States was alarmed by reports that North Korea shipped rockets to Russia last month.
    """))
    found = flags_of(report, "speaker_mismatch")
    assert len(found) == 1 and "Tobias Crane" in found[0].message and found[0].severity == "info"


def test_a_field_word_before_the_title_is_not_a_second_name(glossary):
    assert split_speaker("로즈메리 판 유엔 북한인권 특별보고관", glossary)[0] == "로즈메리 판"


def test_a_person_the_quote_names_by_office_is_no_mismatch(align_text):
    report = align_text(dedent("""
        유엔 "사무총장, 대화 촉구"

        [녹취: 알바로 멘데스 유엔 대변인] “The Secretary-General urges all sides to return to dialogue without delay.”

        빈센트 사무총장은 모든 당사자들이 지체 없이 대화에 복귀할 것을 촉구했다고 멘데스 대변인은 전했습니다.
    """))
    assert not flags_of(report, "speaker_mismatch")


def test_a_quote_closed_on_the_next_line_is_not_unclosed(align_text):
    report = align_text(dedent("""
        외교부 "협력 강화"

        외교부 대변인은 “한국과 일본의 협력은
        계속될 것”이라고 강조했습니다.

        [녹취: 도미닉 레예스 유엔 특별보고관] “Cooperation will continue.”

        레예스 보고관은 협력이 계속될 것이라고 말했습니다.
    """))
    assert not [f for f in flags_of(report, "typography") if "never closed" in f.message]


def test_an_added_clause_runs_through_the_predicate_the_splitter_cut_off(align_text):
    # 'will come to …' is one predicate (-게 될 것): the added span must not
    # stop at 나서게, or a reviewer sees a clause without its verb.
    report = align_text(dedent("""
        국무장관 "동맹과 공조"

        헨리 월시 미국 국무장관은 9일 연설에서 동맹과의 공조를 강조했습니다.

        [녹취: 헨리 월시 미국 국무장관] “And we are very hopeful that working more closely with our allies..”

        월시 장관은 “동맹국들과 계속 긴밀히 공조하면 결국 북한이 협상에 나서게 될 것이라고 확신한다”고 말했습니다.
    """))
    spans = [s.text for f in flags_of(report, "addition") for s in f.spans]
    assert spans == ["결국 북한이 협상에 나서게 될 것이라고"], spans  # not through 확신한다”고, the speaker's stance


# --- who the person is, an honorific, a body's document: never a name -----------------------------

@pytest.mark.parametrize("body, name", [
    ("한국계 미국인 이산가족 이차희 씨", "이차희"),  # nationality (place + 인/계), a group, an honorific
    ("탈북민 김영철 씨", "김영철"),
    ("국제앰네스티 보고서", None),  # a body's document
    ("NBC 방송 인터뷰", None),
])
def test_descriptors_honorifics_and_documents_are_not_names(glossary, body, name):
    assert split_speaker(body, glossary)[0] == name


def test_two_speakers_with_honorifics_each_resolve_to_their_own_name(align_text):
    report = align_text(dedent("""
        이산가족 상봉 촉구

        이 자리에는 이산가족인 한국계 미국인 이차희 씨도 참석했습니다.

        [녹취: 한국계 미국인 이산가족 이차희 씨] “I want to see my brother before I die.”

        이차희 씨는 죽기 전에 오빠를 만나고 싶다고 말했습니다.

        탈북민 김영철 씨는 북한 내부 사정이 더 나빠졌다고 전했습니다.

        [녹취: 탈북민 김영철 씨] “Life inside has become much harder in the past year.”

        김 씨는 지난 1년 동안 북한 내부의 생활이 훨씬 어려워졌다고 말했습니다.
    """))
    assert [q.speaker.name for q in report.quotes] == ["이차희", "김영철"]


@pytest.mark.parametrize("reference, mismatch", [("킴 부국장은", False), ("킴 국장은", True)])
def test_an_unknown_body_between_name_and_title_is_not_part_of_the_name(align_text, reference, mismatch):
    report = align_text(dedent(f"""
        북한 인권 토론회

        사라 킴 휴먼라이츠워치 아시아 부국장은 5일 토론회에서 북한 당국이 주민들의 이동을 더 통제하고 있다고 말했습니다.

        [녹취: 사라 킴 휴먼라이츠워치 아시아 부국장] “The authorities have tightened control over movement inside the country.”

        {reference} 북한 당국이 국내 이동 통제를 강화했다고 지적했습니다.
    """))
    assert report.quotes[0].speaker.name == "사라 킴"
    # the narration's 부국장 is the marker's title; 국장 is a rank apart
    assert bool(flags_of(report, "speaker_mismatch")) == mismatch


def test_an_english_marker_may_give_the_name_before_the_title(glossary, align_text):
    assert split_speaker("Ned Price State Department Spokesperson", glossary) == \
        ("Ned Price", "State Department Spokesperson")
    assert split_speaker("Halvorsen Director", glossary) == ("Halvorsen", "Director")  # Korean word order
    assert split_speaker("Chairwoman Westbrook", glossary) == ("Westbrook", "Chairwoman")
    report = align_text(dedent("""
        State Department: sanctions remain

        State Department spokesperson Ned Price said on the 4th that sanctions on North Korea remain in force.

        [Recording: Ned Price State Department Spokesperson] "Our sanctions remain in force, and we will continue to enforce them."

        Spokesperson Price said the United States would continue to enforce the sanctions.
    """))
    assert report.quotes[0].speaker.name == "Ned Price"


def test_a_document_marker_names_a_person_only_where_the_narration_does(align_text):
    report = align_text(dedent("""
        국제앰네스티 "북한 인권 악화"

        국제앰네스티는 3일 발표한 보고서에서 북한의 인권 상황이 더 나빠졌다고 밝혔습니다.

        [텍스트: 국제앰네스티 보고서] “The human rights situation in North Korea has deteriorated further this year.”

        보고서는 올해 북한의 인권 상황이 한층 악화됐다고 지적했습니다.

        한편 웬디 셔먼 국무부 부장관은 이날 방송에 출연해 북한과의 대화를 거듭 제안했습니다.

        [녹취: 셔먼 인터뷰] “We remain open to dialogue with Pyongyang without preconditions.”

        셔먼 부장관은 전제 조건 없이 북한과 대화할 준비가 돼 있다고 말했습니다.
    """))
    body, person = report.quotes
    assert body.speaker.name is None
    assert person.speaker.name == "웬디 셔먼" and person.speaker.title == "인터뷰"


# --- addition: who the speaker is is not content beyond the clip ---------------------------------

def test_the_speakers_long_title_is_not_added_content(align_text):
    report = align_text(dedent("""
        유엔 "납북자 가족 여전히 고통"

        니콜라 브란트 유엔 세계식량계획 동북아시아 사무소장은 북한 주민 수백만 명이 여전히 식량 지원을 기다리고 있다고 말했습니다.

        [녹취: 브란트 소장] “Millions of people are still waiting for food assistance, many of them children...”

        브란트 소장은 그 가운데 상당수가 어린이라고 말했습니다.
    """))
    spans = [s.text for f in flags_of(report, "addition") for s in f.spans]
    assert not [s for s in spans if "사무소장" in s], spans


def test_the_body_before_the_speakers_name_is_not_added_content(align_text):
    """재무부 해외자산통제실의 | 오스틴 크롤리 실장은: the nouns leading up to the
    name say whose office speaks; the clause that only adds "met reporters on
    the 20th" reports nothing beyond the clip.  What the narration adds to the
    clip (중국과 러시아 기업들도 …) is still found."""
    report = align_text(dedent("""
        미 재무부, 북한 연계 해운회사 제재

        미국 재무부가 북한과 관련된 해운회사들에 대한 새로운 제재를 발표했습니다.

        재무부 해외자산통제실의 오스틴 크롤리 실장은 20일 기자들과 만나, 이번 조치는 북한의 제재 회피를 돕는 모든 이들에게 보내는 경고라고 말했습니다.

        [녹취: 크롤리 실장] “Today’s action is a warning to anyone who helps North Korea evade sanctions..”

        크롤리 실장은 이번 조치가 경고이며, 앞으로 중국과 러시아 기업들도 예외 없이 추가 제재 대상이 될 것이라고 말했습니다.
    """))
    spans = [s.text for f in flags_of(report, "addition") for s in f.spans]
    assert not [s for s in spans if "해외자산통제실" in s or "기자들과" in s], spans
    assert [s for s in spans if "러시아 기업들도" in s], spans


def test_an_english_apposition_naming_the_speaker_is_not_added_content(align_text):
    report = align_text(dedent("""
        Senate panel chair urges aid access

        Marion Tully, chair of the Senate Subcommittee on East Asian and Pacific Affairs, urged North Korea to let aid workers return.

        [Recording: Senator Marion Tully] "We need aid workers back inside the country, and we need them there..."

        Chairwoman Tully said aid workers must be allowed back into the country.
    """))
    spans = [s.text for f in flags_of(report, "addition") for s in f.spans]
    assert not [s for s in spans if "Subcommittee" in s], spans


@pytest.mark.parametrize("sentence, setting", [
    ("도일 대사는 3일 기자회견에서 이같이 말했습니다.", True),
    ("Ambassador Doyle made the remarks at a press conference on the 3rd.", True),  # MT of 이같이 말했습니다
    ("Envoy Marsh made these comments in a radio interview.", True),
    ("Ambassador Doyle said the remarks by Pyongyang were a provocation.", False),
])
def test_a_line_that_only_gives_the_setting_is_known_in_both_languages(sentence, setting):
    from aligner.attribution import is_setting_line
    assert is_setting_line(sentence) == setting


def test_an_english_setting_line_is_not_a_rendering(align_text):
    report = align_text(dedent("""
        Envoy urges dialogue

        U.S. Special Envoy Nathan Doyle said on the 3rd that Washington's offer of talks without preconditions still stands.

        Envoy Doyle made the remarks at a forum hosted by a Washington think tank on the 3rd.

        [녹취: 도일 특별대표] “Our offer to meet anytime, anywhere, without preconditions still stands.”

        Envoy Doyle said the offer to meet without preconditions remained valid.
    """))
    texts = [r.text for r in report.quotes[0].renderings]
    assert not [t for t in texts if "made the remarks" in t], texts
    assert [t for t in texts if t.startswith("Envoy Doyle said the offer")]


def test_a_one_word_chinese_name_is_also_its_surname_with_the_title(align_text):
    # 량웨이칭 … 량 대사는: the surname and the title name the same person, so
    # the sentence is hers and not a rendering of the other speaker's quote.
    report = align_text(dedent("""
        안보리, 북한 미사일 논의

        유엔 안전보장이사회가 북한의 미사일 발사를 논의했습니다.

        [녹취: 미국 유엔대표부 오스본 차석대사] “Each of these launches violates several Security Council resolutions.”

        오스본 차석대사는 이런 발사가 안보리 결의 여러 건을 위반한다고 말했습니다.

        량웨이칭 유엔주재 중국 대사는 압박만으로는 문제를 풀 수 없다고 말했습니다.

        [녹취: 중국 유엔대표부 량웨이칭 대사] “Pressure alone will not solve this. All sides should return to talks.”

        량 대사는 모든 당사국이 대화에 복귀해야 한다고 말했습니다.

        [녹취: 미국 유엔대표부 오스본 차석대사] “Talks need a partner, and the DPRK has refused every offer we made.”

        오스본 차석대사는 대화에는 상대가 필요한데 북한이 미국의 모든 제안을 거부했다고 반박했습니다.
    """))
    us_first, china, us_second = report.quotes
    assert "량" in [m.text for m in china.speaker.mentions]
    assert not [r for r in us_second.renderings if r.text.startswith("량 대사는")]


@pytest.mark.parametrize("full, surname, title", [
    ("브랜던 토워스", "토워스", "상원의원"),  # 던: an adnominal ending only on a verb stem
    ("산티아고 몬테로", "몬테로", "특별보고관"),  # 고: a connective ending only on a verb stem
    ("디에고 살라스", "살라스", "대사"),
])
def test_given_names_ending_like_a_verb_are_still_given_names(align_text, full, surname, title):
    report = align_text(dedent(f"""
        인권 토론회

        {full} {title}은 22일 워싱턴에서 열린 토론회에 참석해 북한의 인권 상황을 비판했습니다.

        [녹취: {surname} {title}] “The situation has not improved, and the world must keep watching.”

        {surname} {title}은 상황이 나아지지 않았다며 국제사회가 계속 주시해야 한다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == full


def test_a_retired_rank_is_not_part_of_the_name(glossary):
    assert split_speaker("아이작 펠로우스 예비역 대장", glossary) == ("아이작 펠로우스", "예비역 대장")


@pytest.mark.parametrize("english, korean, unit", [
    ("we received 1,400 new tracing requests", "1천700건의 생사 확인 요청", "case"),  # any words may describe them
    ("three cases", "세 건", "case"),
])
def test_cases_and_requests_are_counted_as_korean_counts_them_with_geon(english, korean, unit):
    (said,), (told,) = find_quantities(english), find_quantities(korean)
    assert said.unit == told.unit == unit


def test_a_count_of_requests_stated_otherwise_is_a_mismatch():
    said, told = find_quantities("we received 1,400 new tracing requests"), find_quantities("1천700건의 새로운 요청")
    assert [(d.quoted.value, d.rendered.value) for d in compare(said, told)] == [(1400.0, 1700.0)]


@pytest.mark.parametrize("lead", ["청문회에 증인으로 나온", "함께 회견에 나선"])
def test_an_adnominal_verb_before_a_full_name_is_not_its_given_name(align_text, lead):
    report = align_text(dedent(f"""
        청문회 "북한 IT 노동자 위장 취업"

        {lead} 올리비아 스탠호프 연방수사국 부국장은 북한 IT 노동자들의 위장 취업 실태를 공개했습니다.

        [녹취: 스탠호프 부국장] “They apply for remote jobs under false identities and send the wages home.”

        스탠호프 부국장은 이들이 가짜 신분으로 원격 일자리에 지원해 임금을 북한으로 보낸다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == "올리비아 스탠호프"


def test_a_compound_title_the_glossary_does_not_list_is_not_part_of_the_name(glossary):
    assert split_speaker("카스텔리안 사무차장보", glossary) == ("카스텔리안", "사무차장보")  # 사무 + 차장 + 보
    assert split_speaker("데이비드 매캐슬린", glossary) == ("데이비드 매캐슬린", None)  # a name is no compound


def test_an_italian_soft_c_is_written_with_chieut():
    from aligner.names import name_similarity
    assert name_similarity("비체티", "Vicetti") >= 90 and name_similarity("프라이스", "Price") >= 85


def test_a_bodys_name_before_a_latin_name_is_not_a_given_name(align_text):
    report = align_text(dedent("""
        Treasury targets North Korean IT networks

        Under Secretary of the Treasury for Terrorism and Financial Intelligence Bradley Osgood announced new sanctions on the 5th.

        [녹취: 오스굿 차관] "We will keep exposing the networks that fund Pyongyang's weapons."

        Under Secretary Osgood said the United States would keep exposing the networks.
    """))
    assert report.quotes[0].speaker.name == "Bradley Osgood"


from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(min_value=1, max_value=10**15))
def test_a_figure_written_in_korean_units_reads_back_as_itself(value):
    from aligner.numbers import korean_units
    (read,) = find_quantities(korean_units(value) + " 달러")
    assert read.value == value


def test_a_suggestion_keeps_the_narrations_korean_units(align_text):
    report = align_text(dedent("""
        하원 청문회 "북한 가상화폐 탈취"

        [녹취: 아르보가스트 위원장] “They laundered at least 30 million dollars through one exchange last year.”

        빈센트 아르보가스트 위원장은 북한이 지난해 거래소 한 곳을 통해서만 최소 3억 달러를 세탁했다고 말했습니다.
    """))
    (found,) = flags_of(report, "number_mismatch")
    assert found.suggestion == "3천만 달러"


def test_a_place_that_opens_a_title_is_whose_office_it_is_not_a_party(glossary):
    from aligner.flags.meaning_shift import places
    text = "인도태평양사령관이 북한의 미사일 발사를 설명했습니다."
    assert [p.text for p in places(text, 0, len(text), glossary)] == ["북한"]
    region = "인도태평양 지역의 긴장이 높아졌습니다."
    assert [p.text for p in places(region, 0, len(region), glossary)] == ["인도태평양"]


@pytest.mark.parametrize("said, told, flagged", [
    ("last month", "지난주", True),  # another stretch of the calendar
    ("next year", "다음 달", True),
    ("last week", "지난주", False),
    ("two weeks ago", "지난달", False),  # may well be last month
    ("this week", "이달", False),
])
def test_relative_times_of_other_units_are_a_question(said, told, flagged):
    found = compare(find_quantities(said), find_quantities(told))
    assert bool(found) == flagged
    assert not any(d.strong for d in found)  # never an error: the two may overlap


def test_a_long_english_title_is_read_whole_before_the_name(align_text):
    report = align_text(dedent("""
        Treasury designates IT worker network

        Treasury Under Secretary for Terrorism and Financial Intelligence Bradley Osgood said the network was designated.

        [녹취: 오스굿 차관] "Today we are designating eight individuals who helped the regime earn revenue."

        Under Secretary Osgood said eight individuals were designated.
    """))
    assert report.quotes[0].speaker.name == "Bradley Osgood"
    assert not flags_of(report, "speaker_mismatch")  # Under Secretary is 차관


def test_a_looser_rendering_that_credits_another_speaker_of_the_story_is_a_note(align_text):
    report = align_text(dedent("""
        안보리 북한 인권 회의

        로절린 머서 유엔주재 미국 대사는 북한 정권의 인권 침해에 대한 책임 규명을 촉구했습니다.

        [녹취: 머서 대사] “Those responsible for these crimes must be held to account.”

        머서 대사는 이런 범죄의 책임자들이 책임을 져야 한다고 말했습니다.

        해리엇 펜들턴 유엔주재 영국 대사는 북한 상황을 국제형사재판소에 회부하는 방안을 지지한다고 밝혔습니다.

        [녹취: 펜들턴 대사] “The United Kingdom supports a referral to the International Criminal Court. Accountability must not wait for a political settlement.”

        머서 대사는 책임 규명이 정치적 해결을 기다려서는 안 된다고 말했습니다.
    """))
    notes = [f for f in flags_of(report, "speaker_mismatch") if f.quote == "q2"]
    assert notes and notes[0].severity == "info" and "머서" in notes[0].message


def test_a_latin_surname_spelt_with_z_for_s_is_a_variant(align_text):
    report = align_text(dedent("""
        Treasury designates IT worker network

        Treasury Under Secretary for Terrorism and Financial Intelligence Bradley Osgood said the network was designated.

        [녹취: 오스굿 차관] "Today we are designating eight individuals who helped the regime earn revenue."

        Under Secretary Ozgood explained that these networks operate in China and Laos.
    """))
    (found,) = flags_of(report, "name_variant")
    assert sorted(s.text for s in found.spans) == ["Bradley Osgood", "Ozgood"]


@given(st.text(alphabet=st.sampled_from(list("abc 가나다,")), max_size=120), st.integers(min_value=8, max_value=100))
def test_a_shortened_evidence_fits_and_is_the_texts_start(text, limit):
    from aligner.textutil import shorten
    out, one_line = shorten(text, limit), " ".join(text.split())
    assert len(out) <= limit
    assert out == one_line or (out.endswith("…") and one_line.startswith(out[:-1]))


def test_a_shortened_evidence_ends_on_a_whole_word():
    from aligner.textutil import shorten
    text = "the US will deploy strategic bombers to the Korean peninsula every month"
    assert shorten(text, 60) == "the US will deploy strategic bombers to the Korean…"


def test_a_closing_mark_turned_the_wrong_way_is_not_missing(align_text):
    report = align_text(dedent("""
        Blinken: review of policy

        [녹취: 블링컨 장관] “We will review the policy and address the growing threat posed by the arsenal. “

        Secretary Blinken said the policy would be reviewed.
    """))
    typography = [f.message for f in flags_of(report, "typography")]
    assert "This quote closes with an opening quotation mark (“)." in typography
    assert not [m for m in typography if "missing" in m]


def test_a_thousands_separator_is_no_clause_break():
    from aligner.phrases import PhraseSettings, english_phrases
    text = "Next spring we will train with all 28,500 of our troops, exactly as planned."
    phrases = [p.text for p in english_phrases(text, 0, len(text), PhraseSettings())]
    assert "Next spring we will train with all 28,500 of our troops" in phrases


@pytest.mark.parametrize("text, value, unit", [
    ("all 28,500 of our troops", 28500, "person"),
    ("one of the members", None, None),  # a pronoun, not a count
])
def test_a_figure_of_our_units_counts_them(text, value, unit):
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == ([(value, unit)] if value else [])


@pytest.mark.parametrize("line", [
    "[ad_2]", "[광고]", "관련 기사", "관련기사", "많이 본 기사", "Related Articles", "- 국무부 “북한 도발에 단호히 대응”",
    "Copyright © 2026 VOA Korean. All rights reserved.", "저작권자 © 데일리안보 무단 전재 및 재배포 금지",
    "입력 2026.11.18 09:12 | 수정 2026.11.18 10:05", "좋아요 0 공유하기 스크랩", "페이스북 트위터 카카오톡 URL복사 인쇄",
    "※ 이 기사는 VOA와의 콘텐츠 제휴에 따라 게재합니다.",
])
def test_a_scraped_pages_furniture_is_not_the_story(line):
    from aligner.segments import is_web_furniture
    assert is_web_furniture(line)


@pytest.mark.parametrize("line", [
    "헤일브론 대변인은 또 미국이 한국, 일본과 긴밀히 협의하고 있다고 밝혔습니다.",
    "- 그는 협상이 곧 재개될 것이라고 말했습니다.",  # a bulleted sentence is still a sentence
    "Spokesperson Lane said the talks would resume.",
])
def test_sentences_are_not_furniture(line):
    from aligner.segments import is_web_furniture
    assert not is_web_furniture(line)


def test_furniture_after_a_quote_is_neither_narration_nor_a_flag(align_text):
    report = align_text(dedent("""
        헤일런 대변인 “역내 안정 위협”

        마커스 헤일런 국무부 대변인은 12일 정례 브리핑에서 북한의 발사가 안보리 결의 위반이라고 말했습니다.

        [녹취: 헤일런 대변인] “This launch violates multiple UN Security Council resolutions.”

        헤일런 대변인은 이번 발사가 안보리 결의를 위반했다고 강조했습니다.

        관련 기사

        - 국무부 “북한 도발에 단호히 대응”

        [ad_2]

        VOA 뉴스 김민서입니다.

        Copyright © 2026 VOA Korean. All rights reserved.
    """))
    narration = [s.text for s in report.segments if s.kind == "narration"]
    assert not [t for t in narration if "관련" in t or "ad_2" in t or "Copyright" in t or "도발에 단호히" in t]
    assert not [f for f in report.flags if f.kind == "untranslated"]


def test_an_opening_mark_glued_to_a_korean_word_is_typography(align_text):
    report = align_text(dedent("""
        애쉬퍼드 의원 "그림자 선단"

        [녹취: 애쉬퍼드 의원] “North Korea keeps using a shadow fleet to move oil at sea.”

        애쉬퍼드 의원은 북한이 이른바‘그림자 선단’을 동원해 해상에서 석유를 옮기고 있다고 말했습니다.
    """))
    glued = [f for f in flags_of(report, "typography") if "glued to the word before" in f.message]
    assert [f.suggestion for f in glued] == ["이른바 ‘그림자 선단’"]
    assert all(f.severity == "info" for f in glued)


@pytest.mark.parametrize("line, credit", [
    ("[서울=연합뉴스] 정다은 기자 = 유엔 특별보고관이 북한 구금시설의 영양실조가 심각하다고 밝혔다.", "[서울=연합뉴스] 정다은 기자 ="),
    ("[워싱턴=VOA] 주한미군 사령관이 연합훈련을 예정대로 실시하겠다고 밝혔습니다.", "[워싱턴=VOA]"),
    ("WASHINGTON (AP) — The State Department said on Monday that talks would resume.", "WASHINGTON (AP) —"),
])
def test_a_wire_dateline_is_not_part_of_the_first_sentence(line, credit):
    from aligner.segments import segment
    text = "북한 인권 보고\n\n" + line + "\n"
    parts = [(s.kind, s.text) for s in segment(text, "ko" if "VOA" in line or "연합" in line else "en")]
    assert ("other", credit) in parts
    assert any(kind == "narration" and text_ == line[len(credit):].strip() for kind, text_ in parts)


def test_the_markers_given_name_extends_the_mention_even_when_it_ends_like_a_particle(align_text):
    report = align_text(dedent("""
        메리웨더 특별대표 "대화 복귀만이 유일한 길"

        미국의 오를란도 메리웨더 대북특별대표가 북한에 조건 없이 대화에 복귀하라고 거듭 촉구했습니다.

        [오를란도 메리웨더 / 미 국무부 대북특별대표]
        “We are ready to meet anytime, anywhere, without preconditions.”

        메리웨더 특별대표는 언제 어디서든 조건 없이 만날 준비가 돼 있다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == "오를란도 메리웨더"  # 도 of 오를란도 is no particle here


def test_a_rank_before_the_name_and_the_office_after_it_is_no_mismatch(align_text):
    report = align_text(dedent("""
        Combined exercises to go ahead

        [녹취: 휘트필드 사령관] "The exercises will go ahead as scheduled in March."

        General Thomas Whitfield, commander of the Combined Forces, said the exercises will go ahead as scheduled in March.
    """))
    assert report.quotes[0].speaker.name == "Thomas Whitfield"
    assert not flags_of(report, "speaker_mismatch")


def test_a_germanic_au_is_written_au_in_korean():
    from aligner.names import name_similarity
    assert name_similarity("하우그", "Haug") >= 90  # not only Austin → 오스틴
    assert name_similarity("오스틴", "Austin") >= 90


def test_a_hope_rendered_as_an_urging_is_not_stated_as_fact(align_text):
    report = align_text(dedent("""
        국무부 "대화의 문 열려 있어"

        리네스 대변인은 북한 측의 호응도 촉구했습니다.

        [녹취: 리네스 대변인] “The door remains open. We hope Pyongyang walks through it.”

        그는 대화의 문은 여전히 열려 있다며, 북한이 이에 응하길 바란다고 말했습니다.
    """))
    assert not [f for f in flags_of(report, "meaning_shift") if "hope" in f.message]


@pytest.mark.parametrize("sentence, attributed", [
    ("대변인은 북한의 발사를 ‘완전한 실패’로 규정했습니다.", True),  # the speaker's own label
    ("대변인은 이번 발사를 ‘무모한 도발’이라고 비판했습니다.", True),
    ("양국은 ‘자유의 방패’로 명명된 연합훈련을 시작했습니다.", False),  # the name a thing goes by
    ("장관은 한 의원이 이번 계획을 ‘도박’으로 표현한 데 대해 반박했습니다.", False),  # someone's label, the topic
])
def test_a_label_the_speaker_gives_is_the_speakers_word(sentence, attributed):
    from aligner.attribution import quoted_phrases
    from aligner.report import Rendering
    rendering = Rendering(start=0, end=len(sentence), text=sentence, position="after", score=0.9)
    (phrase,) = quoted_phrases(sentence, rendering)
    assert phrase.attributed == attributed


# --- name_variant: a given name that ends like a verb form ------------------------------------------

def test_a_given_name_ending_like_a_verb_form_is_still_compared(align_text):
    """브렌던 / 브랜던 캘러헌: the given name ends in 던 as a past adnominal
    does, but the analyser finds no verb in it; 회견에 나섰던 캘러헌 is a verb
    form before the surname, no given name, so no third spelling."""
    report = align_text(dedent("""
        미 합참 "북한 미사일 발사는 역내 안정 해치는 행위"

        미 합동참모본부의 브렌던 캘러헌 작전부장은 18일 국방부 브리핑에서 이번 발사가 동맹국들을 위협하는 행위라고 말했습니다.

        [녹취: 캘러헌 중장] “This launch is a destabilizing act that threatens our allies in the region.”

        지난달에도 회견에 나섰던 캘러헌 중장은 한반도 주둔 미군이 높은 대비태세를 유지하고 있다고 밝혔습니다.

        브랜던 캘러헌 중장은 한국과 일본 측과 긴밀히 소통하고 있다고 말했습니다.
    """))
    found = flags_of(report, "name_variant")
    assert len(found) == 1, found
    assert {s.text for s in found[0].spans} == {"브렌던 캘러헌", "브랜던 캘러헌"}


# --- speakers in English (machine-translated) narration ----------------------------------------------

def test_a_post_before_an_english_name_is_not_a_given_name(align_text):
    """Ambassador to Geneva Ri Chol-man, Ambassador to Japan Miriam Keswick:
    the word after "to" is the post, not part of the name."""
    report = align_text(dedent("""
        North Korea rejects UN review

        North Korean Ambassador to Geneva Ri Chol-man said on the 21st that North Korea rejects the review.

        [녹취: 리철만 대사] “The DPRK categorically rejects this politically motivated review.”

        US Ambassador to Japan Miriam Keswick also attended the meeting.

        [녹취: 키스윅 대사] “We will meet again in Seoul before the end of the year.”

        Ambassador Keswick said they would meet again in Seoul before the end of the year.
    """))
    assert [q.speaker.name for q in report.quotes] == ["Ri Chol-man", "Miriam Keswick"]


def test_an_english_role_only_marker_takes_the_person_the_narration_gives_the_role(align_text):
    """[Recording: UN spokesman] resolves as [녹취: 유엔 대변인] does: to the
    spokesman the nearby narration names."""
    report = align_text(dedent("""
        UN urges restraint

        Meanwhile, UN spokesman Pieter Vandam urged all parties to exercise maximum restraint at a regular briefing on the same day.

        [Recording: UN spokesman] “The Secretary-General urges all parties to exercise maximum restraint and to return to dialogue.”

        Spokesman Vandam said that the Secretary-General wants dialogue to resume.
    """))
    speaker = report.quotes[0].speaker
    assert speaker.name == "Pieter Vandam" and 0 < speaker.confidence < 1


def test_a_given_name_ending_like_a_particle_is_kept_and_a_particle_is_not(align_text):
    """오스발도 레너드: 도 ends the given name, not a particle, as the analyser
    reads it; in 북한도 레너드 국장의 발언에 … it is a particle, no name."""
    report = align_text(dedent("""
        미 국무부 "북한 인권 문제 계속 제기"

        북한도 레너드 국장의 발언에 반발했습니다.

        오스발도 레너드 국무부 민주주의·인권·노동 담당 국장은 북한 인권 문제를 계속 제기하겠다고 말했습니다.

        [녹취: 레너드 국장] “We will keep raising the human rights situation in North Korea at every opportunity.”

        레너드 국장은 기회가 있을 때마다 북한 인권 문제를 제기하겠다고 말했습니다.
    """))
    speaker = report.quotes[0].speaker
    assert speaker.name == "오스발도 레너드"
    assert not [m for m in speaker.mentions if m.text.startswith("북한")]


@pytest.mark.parametrize("surname, title, other, person", [
    ("박", "연구원", "한국계 앤드루 박 하원의원은", "박지혜"),  # the title tells the two 박 apart
    ("쑨", "대사", "쑨 의원은", "쑨밍하오"),  # a Chinese name in one word
])
def test_a_surname_marker_takes_the_person_with_its_title(align_text, surname, title, other, person):
    report = align_text(dedent(f"""
        하원 청문회 "이산가족 상봉 서둘러야"

        {other} 이산가족 1세대 대부분이 90세를 넘겼다고 말했습니다.

        이날 청문회에는 한미연구소의 {person} {title}도 증인으로 출석했습니다.

        [녹취: {surname} {title}] “Very few of them have ever been able to contact their relatives in the North.”

        {surname} {title}은 북한의 가족과 연락이 닿은 사람은 극히 드물다고 말했습니다.
    """))
    assert report.quotes[0].speaker.name == person


@pytest.mark.parametrize("marker", ["주제네바 캐나다 대사", "주태국 미국대사", "주오스트리아 대사"])
def test_a_post_abroad_is_never_a_name(glossary, marker):
    """주 + a country or a city says where the post is (駐): 주성하, a Korean
    full name, stays a name."""
    assert split_speaker(marker, glossary)[0] is None
    assert split_speaker("주성하 기자", glossary)[0] == "주성하"


def test_the_markers_rank_written_before_the_name_is_no_mismatch(align_text):
    """[녹취: … 대장] beside 육군 대장인 토머스 브래드퍼드 주한미군사령관: the
    narration gives the rank and then the office; another office without
    the rank is still a mismatch."""
    text = dedent("""
        주한미군사령관 "연합훈련 축소 계획 없어"

        {intro} 토머스 브래드퍼드 주한미군사령관은 3일 하원 군사위원회 청문회에 출석해 의원들의 질문에 답했습니다.

        [녹취: 토머스 브래드퍼드 대장] “We have no plans to scale down our combined exercises.”

        브래드퍼드 사령관은 연합훈련 규모를 줄일 계획이 없다고 강조했습니다.
    """)
    assert not flags_of(align_text(text.format(intro="육군 대장인")), "speaker_mismatch")
    assert flags_of(align_text(text.format(intro="미 육군의")), "speaker_mismatch")


# --- Korean names romanised two ways (McCune-Reischauer and Revised) ---------------------------------

@pytest.mark.parametrize("hangul, latin", [
    ("박웅철", "Pak Ung-chol"), ("박웅철", "Park Woong-chul"), ("최선희", "Choe Son-hui"), ("리철만", "Ri Chol-man"),
])
def test_a_korean_name_finds_its_north_korean_romanisation(hangul, latin):
    from aligner.names import name_similarity

    assert name_similarity(hangul, latin) >= 85


def test_a_korean_name_romanised_anew_in_every_word_is_a_variant(align_text):
    """Pak Ung-chol / Park Woong-chul: every word spelled another way, each
    alike (the speaker is named by the commoner spelling); Ri Chol-man and
    Lee Chul-min, two ambassadors, stay two people."""
    report = align_text(dedent("""
        North Korean envoy rejects talks

        North Korea's ambassador to the United Nations, Pak Ung-chol, said the deterrent is not a bargaining chip.

        Ambassador Pak Ung-chol made the remarks at the First Committee on the 11th.

        [녹취: 박웅철 유엔주재 북한대사] “Our nuclear deterrent is not a bargaining chip to be traded away.”

        Ambassador Park Woong-chul said the deterrent is not a bargaining chip. Ambassador Ri Chol-man of the mission and South Korean Ambassador Lee Chul-min attended.
    """))
    assert report.quotes[0].speaker.name == "Pak Ung-chol"
    found = flags_of(report, "name_variant")
    assert [sorted(s.text for s in f.spans) for f in found] == [["Pak Ung-chol", "Park Woong-chul"]]


def test_a_nominee_marker_and_an_english_title_before_the_name(align_text):
    """[녹취: 할보슨 지명자]: 지명자 is a title (nominee), and "Nominee
    Halvorsen" in the narration is her title and surname, not a full name."""
    report = align_text(dedent("""
        Nominee says human rights will be a priority

        Dana Halvorsen, the nominee for Assistant Secretary of State, said North Korean human rights would be a priority.

        [녹취: 할보슨 지명자] “Senator, human rights will be a priority for me, not an afterthought.”

        Nominee Halvorsen replied that human rights would be a priority, not an afterthought.
    """))
    quote = report.quotes[0]
    assert (quote.marker.speaker, quote.marker.title) == ("할보슨", "지명자")
    assert quote.speaker.name == "Dana Halvorsen"


def test_a_clause_rendered_in_other_words_by_machine_translation_is_at_most_a_note(align_text):
    """"we've heard nothing back" / "has received no response": the best window
    comes close (0.4-0.55), so the omission is a note; a clause nothing in the
    narration resembles stays a warning."""
    text = dedent("""
        White House says it reached out to Pyongyang

        Coordinator Brannigan said the United States remains open to diplomacy.

        [Recording: Coordinator Brannigan] “We remain open to diplomacy. We’ve reached out to Pyongyang twice since March, and we’ve heard nothing back. {extra}”

        He said the United States had contacted North Korea two times since March but has received no response.
    """)
    omissions = flags_of(align_text(text.format(extra="")), "omission")
    assert [(f.severity, f.spans[0].text) for f in omissions] == [("info", "and we’ve heard nothing back")]
    dropped = flags_of(align_text(text.format(extra="Our sanctions on its shipping companies will be tightened next month.")),
                       "omission")
    assert any(f.severity == "warning" and "sanctions" in f.spans[0].text for f in dropped), dropped
