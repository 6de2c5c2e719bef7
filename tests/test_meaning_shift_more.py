"""meaning_shift, the shifts bilingual reviewers still found missed: a stance
strengthened or weakened (concern reported as condemnation), a possibility
reported as a decision, a negation turned.  Each in both directions, in Korean
narration and in English (machine-translated) narration, with faithful
renderings that must raise nothing.  All text is invented; the people do not
exist."""
from __future__ import annotations

import pytest
from conftest import dedent

KO = dedent("""
    국무부 "대북 정책 입장 밝혀"

    미국 국무부가 북한 문제에 대한 입장을 밝혔습니다. 윤다빈 기자가 보도합니다.

    [녹취: 펠로스키 대변인] “{quote}”

    {rendering}

    VOA 뉴스 윤다빈입니다.
""")
EN = dedent("""
    State Department states its position on North Korea

    The State Department stated its position on North Korea. Yoon Da-bin reports.

    [녹취: 펠로스키 대변인] “{quote}”

    {rendering}

    This is Yoon Da-bin, VOA News.
""")


def shifts(align_text, template, quote, rendering):
    """The meaning_shift flags of one quote and its rendering: (severity,
    quote span, narration span)."""
    report = align_text(template.format(quote=quote, rendering=rendering))
    assert report.quotes[0].renderings, "the rendering must be linked for the test to say anything"
    return [(f.severity, f.spans[0].text, f.spans[-1].text) for f in report.flags if f.kind == "meaning_shift"]


def only_notes(found, quote_word):
    """Exactly one note, on ``quote_word`` of the quote."""
    assert [(severity, said) for severity, said, _ in found] == [("info", quote_word)], found
    return found[0][2]


# --- 1. the speaker's stance: concern < criticism < condemnation ---------------------------------

CONCERN = "We are deeply concerned about the missile launches that North Korea carried out this week."
CONDEMN = "We condemn the missile launches that North Korea carried out this week."


@pytest.mark.parametrize("template, quote, turned, word, told, faithful", [
    # strengthened: a concern reported as outrage or condemnation (each stance with its degree word)
    (KO, CONCERN, "펠로스키 대변인은 북한이 이번 주 감행한 미사일 발사를 강하게 규탄했다고 말했습니다.", "deeply concerned", "강하게 규탄했다고",
     "펠로스키 대변인은 북한이 이번 주 감행한 미사일 발사에 대해 깊이 우려하고 있다고 말했습니다."),
    (EN, CONCERN, "Spokesperson Pelosky said the United States was outraged by the missile launches North Korea "
                  "carried out this week.", "deeply concerned", "outraged",
     "Spokesperson Pelosky said the United States was deeply concerned about the missile launches North Korea "
     "carried out this week."),
    # weakened: a condemnation reported as a concern
    (KO, CONDEMN, "펠로스키 대변인은 북한이 이번 주 감행한 미사일 발사에 대해 우려를 표했습니다.", "condemn", "우려를",
     "펠로스키 대변인은 북한이 이번 주 감행한 미사일 발사를 규탄한다고 말했습니다."),
    (EN, CONDEMN, "Spokesperson Pelosky expressed concern about the missile launches North Korea carried out this week.",
     "condemn", "concern",
     "Spokesperson Pelosky said the United States condemns the missile launches North Korea carried out this week."),
])
def test_a_stance_reported_on_another_step_of_the_scale_is_a_note(align_text, template, quote, turned, word, told,
                                                                  faithful):
    assert only_notes(shifts(align_text, template, quote, turned), word) == told
    assert shifts(align_text, template, quote, faithful) == []


def test_a_stance_kept_beside_a_stronger_word_of_the_narration_is_no_shift(align_text):
    rendering = "펠로스키 대변인은 북한의 미사일 발사를 비판하며 깊은 우려를 표했습니다."
    assert shifts(align_text, KO, CONCERN, rendering) == []


def test_the_stance_scale_has_every_step_in_both_languages():
    from aligner.wordlists import stance_scale

    scale = stance_scale()
    for side in (scale.english, scale.korean):
        assert {level for _, level in side} == {1, 2, 3}
        words = [word for word, _ in side]
        assert len(words) == len(set(words)) and all(w and w == w.strip() for w in words)


def test_the_stance_scale_reads_both_languages():
    from aligner.flags.meaning_shift import stances

    def levels(text):
        return [(s.text, s.level) for s in stances(text, 0, len(text))]

    assert levels("We regret this, we criticize that and we condemn the rest.") == \
        [("regret", 1), ("criticize", 2), ("condemn", 3)]
    assert levels("As far as we are concerned, the talks concerning trade went well.") == []
    assert levels("We are concerning about the launches.") == [("concerning", 1)]  # a speaker's own English
    assert sorted(levels("우려를 표하고 규탄했다")) == [("규탄했다", 3), ("우려를", 1)]


# --- 2. a possibility or an option reported as a decision -----------------------------------------

@pytest.mark.parametrize("template, quote, as_decision, word, kept", [
    (KO, "We could consider additional sanctions on the shipping companies involved.",
     "펠로스키 대변인은 관련 해운사들에 추가 제재를 부과하겠다고 말했습니다.", "could consider",
     "펠로스키 대변인은 관련 해운사들에 대한 추가 제재를 검토할 수 있다고 말했습니다."),
    (KO, "We would be open to a meeting with the North Korean delegation in Geneva.",
     "펠로스키 대변인은 미국이 제네바에서 북한 대표단과 만난다고 말했습니다.", "open to",
     "펠로스키 대변인은 미국이 제네바에서 북한 대표단과 만날 용의가 열려 있다고 말했습니다."),
    (EN, "We are not ruling out a visit by the special envoy to the region next month.",
     "Spokesperson Pelosky said the special envoy will visit the region next month.", "ruling out",
     "Spokesperson Pelosky said a visit by the special envoy to the region next month could not be ruled out."),
    (EN, "The delegation might travel to Pyongyang before the end of the year.",
     "Spokesperson Pelosky said the delegation will travel to Pyongyang before the end of the year.", "might",
     "Spokesperson Pelosky said the delegation might travel to Pyongyang before the end of the year."),
])
def test_a_possibility_reported_as_a_decision_is_a_note(align_text, template, quote, as_decision, word, kept):
    only_notes(shifts(align_text, template, quote, as_decision), word)
    assert shifts(align_text, template, quote, kept) == []


@pytest.mark.parametrize("template, quote, hedged, told, kept", [
    (KO, "We will impose new sanctions on North Korean banks next month.",
     "펠로스키 대변인은 다음 달 북한 은행들에 대한 새로운 제재를 검토하고 있다고 말했습니다.", "검토하고",
     "펠로스키 대변인은 다음 달 북한 은행들에 새로운 제재를 부과할 것이라고 말했습니다."),
    (KO, "We will impose new sanctions on North Korean banks next month.",
     "펠로스키 대변인은 다음 달 북한 은행들에 새로운 제재를 부과할 수 있다고 말했습니다.", "수 있다",
     "펠로스키 대변인은 다음 달 북한 은행들에 새로운 제재를 부과하기로 했다고 말했습니다."),
    (EN, "The special envoy will visit Seoul next week to meet the allies.",
     "Spokesperson Pelosky said the special envoy might visit Seoul next week to meet the allies.", "might",
     "Spokesperson Pelosky said the special envoy will visit Seoul next week to meet the allies."),
])
def test_a_decision_reported_as_a_possibility_is_a_note(align_text, template, quote, hedged, told, kept):
    found = shifts(align_text, template, quote, hedged)
    assert [(severity, narration) for severity, _, narration in found] == [("info", told)], found
    assert shifts(align_text, template, quote, kept) == []


def test_an_ability_rendered_with_su_itda_is_no_hedge(align_text):
    quote = "The new system will be able to detect launches within seconds."
    rendering = "펠로스키 대변인은 새 시스템이 몇 초 안에 발사를 탐지할 수 있다고 말했습니다."
    assert shifts(align_text, KO, quote, rendering) == []


@pytest.mark.parametrize("text", ["We consider this launch a clear violation of the resolutions.",
                                  "We will act as soon as possible.", "North Korea's military might is growing.",
                                  "We could not reach them yesterday.", "The talks resume in May.",
                                  "As you may know, the talks resumed.", "Be that as it may, we went ahead.",
                                  "The tests must be as precise as possible.", "The worst thing he could do is leave.",
                                  "None of the candidates could win a majority.", "The bears weigh up to 700 kilograms."])
def test_judgements_idioms_and_past_facts_are_no_possibility(text):
    from aligner.flags.meaning_shift import possibility

    assert possibility(text) is None


@pytest.mark.parametrize("text, word", [("It may take years.", "may"), ("We could consider talks.", "could consider"),
                                        ("We are not ruling out talks.", "ruling out"),
                                        ("We would be open to talks.", "open to"), ("Talks might resume.", "might")])
def test_possibilities_and_options_are_read(text, word):
    from aligner.flags.meaning_shift import possibility

    found = possibility(text)
    assert found is not None and found.group() == word


# --- 3. a negation turned --------------------------------------------------------------------------

@pytest.mark.parametrize("template, quote, positive, word, negated", [
    (KO, "We will never accept a nuclear-armed North Korea.",
     "펠로스키 대변인은 미국이 결국 핵무장한 북한을 받아들일 것이라고 말했습니다.", "never",
     "펠로스키 대변인은 미국이 핵무장한 북한을 결코 받아들이지 않을 것이라고 말했습니다."),
    (KO, "We must not ignore the suffering of the North Korean people.",
     "펠로스키 대변인은 북한 주민들의 고통을 외면해도 된다고 말했습니다.", "not",
     "펠로스키 대변인은 북한 주민들의 고통을 외면해서는 안 된다고 말했습니다."),
    (EN, "We do not seek a conflict with North Korea.",
     "Spokesperson Pelosky said the United States seeks a conflict with North Korea.", "not",
     "Spokesperson Pelosky said the United States does not seek a conflict with North Korea."),
])
def test_a_negation_stated_positively_is_a_note(align_text, template, quote, positive, word, negated):
    only_notes(shifts(align_text, template, quote, positive), word)
    assert shifts(align_text, template, quote, negated) == []


@pytest.mark.parametrize("template, quote, negated, told, positive", [
    (KO, "We will accept the proposal from the North Korean side.",
     "펠로스키 대변인은 미국이 북한 측의 제안을 받아들이지 않을 것이라고 말했습니다.", "지 않",
     "펠로스키 대변인은 미국이 북한 측의 제안을 받아들일 것이라고 말했습니다."),
    (EN, "We seek a dialogue with North Korea this year.",
     "Spokesperson Pelosky said the United States does not seek a dialogue with North Korea.", "not",
     "Spokesperson Pelosky said the United States seeks a dialogue with North Korea this year."),
])
def test_a_statement_rendered_as_its_negation_is_a_note(align_text, template, quote, negated, told, positive):
    found = shifts(align_text, template, quote, negated)
    assert [(severity, narration) for severity, _, narration in found] == [("info", told)], found
    assert shifts(align_text, template, quote, positive) == []


@pytest.mark.parametrize("quote, rendering", [
    # litotes: Korean says these positives through a negated form
    ("We will remain vigilant.", "펠로스키 대변인은 미국이 경계를 늦추지 않겠다고 말했습니다."),
    ("We will fully support our allies.", "펠로스키 대변인은 미국이 동맹국들에 대한 지원을 아끼지 않겠다고 말했습니다."),
    ("Negotiations with Pyongyang will be difficult.", "펠로스키 대변인은 북한과의 협상이 쉽지 않을 것이라고 말했습니다."),
    ("We will never forget the victims of the attack.", "펠로스키 대변인은 공격의 희생자들을 영원히 기억하겠다고 말했습니다."),
    # a negation rendered by a word that means no
    ("We will not accept these terms.", "펠로스키 대변인은 미국이 이런 조건을 거부한다고 말했습니다."),
    ("North Korea has not responded to our proposal for talks.", "펠로스키 대변인은 북한이 대화 제안에 묵묵부답이라고 말했습니다."),
    # a quote with a negator in an affirming phrase may be rendered negated
    ("I'm not going to get ahead of the Secretary.", "펠로스키 대변인은 장관보다 앞서 나가지 않겠다고 말했습니다."),
    # the speaker asks for what the narration says is not yet so
    ("We urge North Korea to return to the negotiating table.",
     "펠로스키 대변인은 북한이 협상에 복귀하지 않고 있다며 협상 테이블로 돌아올 것을 촉구했습니다."),
])
def test_litotes_and_negative_words_are_no_turned_negation(align_text, quote, rendering):
    assert shifts(align_text, KO, quote, rendering) == []


JOINED = "Our goals are the same as before and we share them with our allies, but our policy on the North has not changed."


@pytest.mark.parametrize("template, positive, faithful", [
    (KO, "펠로스키 대변인은 미국의 목표는 이전과 같고 동맹국들과 이를 공유하고 있다며, 대북 정책은 바뀌었다고 강조했습니다.",
     "펠로스키 대변인은 미국의 목표는 이전과 같고 동맹국들과 이를 공유하고 있다며, 대북 정책은 변하지 않았다고 강조했습니다."),
    (EN, "Spokesperson Pelosky said the goals are the same as before and are shared with allies, but the policy on the "
         "North has changed.",
     "Spokesperson Pelosky said the goals are the same as before and are shared with allies, but the policy on the "
     "North has not changed."),
])
def test_a_negated_clause_among_others_stated_positively_is_a_note(align_text, template, positive, faithful):
    # the rendering joins the speaker's three clauses; its own last clause carries the negated one
    only_notes(shifts(align_text, template, JOINED, positive), "not")
    assert shifts(align_text, template, JOINED, faithful) == []


def test_a_rendering_of_the_other_clause_turns_no_negation(align_text):
    # the rendering carries "we want talks", not the negated clause: an
    # omission at most, never a negation stated positively
    quote = "We want talks with Pyongyang, and we are not interested in a military confrontation."
    rendering = "펠로스키 대변인은 미국이 북한과의 대화를 원한다고 말했습니다."
    assert [f for f in shifts(align_text, KO, quote, rendering) if f[1] == "not"] == []


def test_a_short_stance_sentence_is_read_against_the_surest_rendering(align_text):
    # "is concerned by the launch" is too short for any rendering to carry it
    # by the embedding; the whole quote states one stance, the sure rendering
    # another, two steps up.
    report = align_text(dedent("""
        유엔 "북한 미사일 발사 우려"

        오스카 벨트란 유엔 사무총장 대변인은 15일 정례 브리핑에서 사무총장이 이번 발사를 강력히 규탄했다며, 북한에 국제적 의무를 완전히 준수할 것을 촉구했다고 말했습니다.

        [녹취: 벨트란 대변인] “The Secretary-General is concerned by the launch. He urges the DPRK to fully comply with its international obligations.”

        벨트란 대변인은 북한이 국제 의무를 지켜야 한다고 거듭 강조했습니다.
    """))
    shifts = [f for f in report.flags if f.kind == "meaning_shift"]
    assert any([s.text for s in f.spans] == ["concerned", "강력히 규탄했다며"] for f in shifts), shifts


@pytest.mark.parametrize("quote, rendering", [
    ("Time is running out for these families.", "이 가족들에게 시간이 얼마 남지 않았다고"),
    ("The talks will resume soon.", "회담 재개가 멀지 않았다고"),
])
def test_korean_that_says_a_positive_thing_with_a_negated_verb_is_no_turn(align_text, quote, rendering):
    report = align_text(dedent(f"""
        적십자 "실종자 가족 정보 공유 요청"

        [녹취: 본비크 국장] “{quote}”

        라헬 본비크 국장은 {rendering} 말했습니다.
    """))
    assert not [f for f in report.flags if f.kind == "meaning_shift" and "negat" in f.message]


FORCE = ("I would expect Pyongyang to respond with some kind of show of force, most likely short-range missile "
         "launches, around the start of the drills.")


def test_a_narration_superlative_that_renders_the_quotes_own_most_is_no_shift(align_text):
    """The quote hedges ("some kind") and grades ("most likely") in one
    sentence: 가능성이 가장 크다 renders "most likely", it strengthens nothing."""
    rendering = "펠로스키 대변인은 그 방식은 단거리 미사일 발사가 될 가능성이 가장 크다고 말했습니다."
    assert shifts(align_text, KO, FORCE, rendering) == []


def test_a_hedge_rendered_as_a_superlative_is_still_a_shift(align_text):
    quote = "I would expect Pyongyang to respond with some kind of show of force around the start of the drills."
    rendering = "펠로스키 대변인은 북한이 훈련 시작을 전후해 가장 강력한 무력시위로 대응할 것으로 예상했습니다."
    found = shifts(align_text, KO, quote, rendering)
    assert [said for _, said, _ in found] == ["some kind"], found
