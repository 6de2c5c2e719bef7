"""Who speaks: the marker's surname and title resolved to the fullest name the
narration gives, in Korean and in English narration; romanization keys; the
user glossary."""
from __future__ import annotations

import pytest
from conftest import SEED, dedent

from aligner import InputError
from aligner.glossary import load_glossary
from aligner.names import hangul_similarity, korean_name_keys, latin_name_keys, name_similarity, strip_particle
from aligner.analysis import analyse
from aligner.speakers import SpeakerSettings

LATIN_MATCH = SpeakerSettings().latin_match


def speakers_of(text: str, glossary=None):
    structure = analyse(text, glossary or load_glossary())
    for speaker in structure.speakers:
        for mention in speaker.mentions:
            assert mention.text == text[mention.start : mention.end]
        assert 0.0 <= speaker.confidence <= 1.0
        assert (speaker.name is None) == (not speaker.mentions)
    return [(link.marker, speaker) for link, speaker in zip(structure.links, structure.speakers)]


KOREAN = dedent("""
    폼페오 장관 “방북 협상 진전”
    마이크 폼페오 국무장관은 9일 북한 방문에서 돌아와 비핵화 협상에 진전이 있었다고 밝혔습니다.
    [녹취: 폼페오 장관] “I came back from Pyongyang this morning. The talks moved forward.”
    폼페오 장관은 이날 백악관에서 협상에 진전이 있었다고 말했습니다.
""")


def test_korean_narration_gives_the_full_name():
    ((marker, speaker),) = speakers_of(KOREAN)
    assert (marker.speaker, marker.title) == ("폼페오", "장관")
    assert speaker.name == "마이크 폼페오"
    assert [m.text for m in speaker.mentions] == ["마이크 폼페오", "폼페오"]
    assert speaker.title == "장관"
    assert speaker.confidence == pytest.approx(1.0)


def test_surname_first_name():
    text = dedent("""
        한일 외교장관 회담
        사카이 히로시 일본 외무상은 25일 도쿄에서 한국 외교장관과 회담했습니다.
        [녹취: 사카이 외무상] “We will work closely together on this issue.”
        사카이 외무상은 양국이 이 문제에 긴밀히 협력할 것이라고 말했습니다.
    """)
    ((_, speaker),) = speakers_of(text)
    assert speaker.name == "사카이 히로시"


def test_english_narration_by_romanization():
    text = dedent("""
        UN General Assembly opens special session
        UN General Assembly President Volkan Bozkir opened the special session on Tuesday.
        [녹취: 보즈키르 의장] “The special session is now open.”
        Mr. Bozkir declared the session open and thanked the member states.
        North Korean Ambassador to the United Nations Kim Seong rejected the agenda.
        [녹취: 김성 대사] “This agenda is a fabrication.”
        Ambassador Kim said the agenda was fabricated by hostile forces.
    """)
    (m1, bozkir), (m2, kim) = speakers_of(text)
    assert bozkir.name == "Volkan Bozkir"
    assert [m.text for m in bozkir.mentions] == ["Volkan Bozkir", "Bozkir"]
    assert bozkir.title == "chairman"  # the glossary's English for 의장 in English narration
    assert kim.name == "Kim Seong"
    assert kim.title == "ambassador"
    assert bozkir.confidence >= LATIN_MATCH / 100 and kim.confidence >= LATIN_MATCH / 100


def test_seed_speakers():
    text = SEED.read_text("utf-8")
    speakers = speakers_of(text)
    assert [s.name for _, s in speakers] == ["Volkan Bozkir", "Jennifer Barber", "Kim Seong"]
    assert [m.speaker for m, _ in speakers] == ["보즈키르", "바버", "김성"]
    barber = speakers[1][1]
    assert barber.mentions[0].text == "Jennifer Barber"


def test_marker_naming_nobody():
    text = dedent("""
        국무부, 미사일 발사 규탄
        국무부는 북한의 탄도미사일 발사를 규탄하는 성명을 냈습니다.
        [텍스트: 국무부 대변인실 관계자] “The United States condemns the launch.”
        국무부는 이번 발사가 안보리 결의 위반이라고 밝혔습니다.
    """)
    ((marker, speaker),) = speakers_of(text)
    assert marker.speaker is None and marker.title == "국무부 대변인실 관계자"
    assert speaker.name is None and speaker.mentions == () and speaker.confidence == 0.0


def test_bare_label_takes_the_person_the_narration_attributes_it_to():
    text = dedent("""
        국무부 “회담, 분명한 메시지 보내”
        네이선 칼라일 국무부 대변인은 브리핑에서 이번 회담이 북한에 분명한 메시지를 보냈다고 밝혔습니다.
        [국무부 대변인] "This meeting sends an unmistakable message to Pyongyang."
        세 나라가 단합돼 있다는 겁니다.
    """)
    ((marker, speaker),) = speakers_of(text)
    assert marker.speaker is None
    assert speaker.name == "네이선 칼라일"
    assert 0 < speaker.confidence < 1.0  # taken from the attribution, not the marker


def test_english_attribution_for_a_bare_label():
    text = dedent("""
        UN concerned by launch
        UN Deputy Spokesperson Farhan Haq said on Monday that the Secretary-General was concerned.
        [유엔 대변인] "The Secretary-General is deeply concerned by the launch."
        Haq added that the Secretary-General called for restraint.
    """)
    ((_, speaker),) = speakers_of(text)
    assert speaker.name == "Farhan Haq"


def test_speaker_never_named_in_the_narration():
    text = dedent("""
        국무부 브리핑
        국무부는 북한의 도발을 규탄했습니다.
        [녹취: 하워드 대변인] “We condemn this.”
        국무부는 도발 중단을 촉구했습니다.
    """)
    ((marker, speaker),) = speakers_of(text)
    assert marker.speaker == "하워드" and speaker.name is None


def test_speaker_searched_only_in_its_own_story():
    # Two stories in one archive: the first names 하워드, the second does not.
    text = dedent("""
        국무부 브리핑
        토머스 하워드 국무부 대변인은 대화를 촉구했습니다.
        VOA뉴스 김영교입니다.
        두 번째 기사 제목
        국무부는 또 다른 성명을 냈습니다.
        [녹취: 하워드 대변인] “We condemn this.”
        국무부는 도발 중단을 촉구했습니다.
    """)
    ((_, speaker),) = speakers_of(text)
    assert speaker.name is None


def test_korean_spelling_drift_between_marker_and_narration():
    text = dedent("""
        국무부 브리핑
        헤더 나워트 국무부 대변인은 5일 정례 브리핑에서 대북 압박을 계속할 것이라고 말했습니다.
        [녹취: 노어트 대변인] “Our pressure campaign will continue.”
        대변인은 압박 캠페인이 계속될 것이라고 강조했습니다.
    """)
    ((_, speaker),) = speakers_of(text)
    assert speaker.name == "헤더 나워트"


def test_korean_spelling_drift_small():
    text = dedent("""
        볼턴 보좌관 “대북 압박 계속”
        존 볼튼 국가안보보좌관은 대북 압박을 계속할 것이라고 말했습니다.
        [녹취: 볼턴 보좌관] “Maximum pressure will continue.”
        그는 최대 압박이 계속될 것이라고 말했습니다.
    """)
    ((_, speaker),) = speakers_of(text)
    assert speaker.name == "존 볼튼"
    assert speaker.confidence < 1.0


# --- romanization keys --------------------------------------------------------------------------

TRUE_PAIRS = [
    ("보즈키르", "Bozkir"), ("바버", "Barber"), ("김성", "Kim Seong"), ("폼페오", "Pompeo"),
    ("매티스", "Mattis"), ("브래드쇼", "Bradshaw"), ("캘러헌", "Callahan"), ("하워드", "Howard"),
    ("칼라일", "Carlisle"), ("모건", "Morgan"), ("프라이스", "Price"), ("블링컨", "Blinken"),
    ("설리번", "Sullivan"), ("커비", "Kirby"), ("오스틴", "Austin"), ("톰슨", "Thompson"), ("스미스", "Smith"),
    ("박진", "Park Jin"), ("이동훈", "Lee Dong-hoon"), ("황준국", "Hwang Joon-kook"), ("황준국", "Hwang Joon-guk"),
    ("정주운", "Jeong Ju-un"), ("그린필드", "Greenfield"), ("캠벨", "Campbell"), ("볼턴", "Bolton"),
    ("리퍼트", "Lippert"), ("호로위츠", "Horowitz"), ("로버츠", "Roberts"), ("두자릭", "Dujarric"),
    ("그로시", "Grossi"), ("팔라디노", "Palladino"), ("태영호", "Thae Yong-ho"), ("리선권", "Ri Son-gwon"),
    ("최선희", "Choe Son-hui"), ("폴", "Paul"), ("브라운", "Brown"), ("비건", "Biegun"), ("노어트", "Nauert"),
]


@pytest.mark.parametrize("hangul, latin", TRUE_PAIRS, ids=[f"{k}-{e}" for k, e in TRUE_PAIRS])
def test_true_pairs_score_high(hangul, latin):
    assert name_similarity(hangul, latin) >= LATIN_MATCH == 78


UNRELATED = [
    ("보즈키르", "Barber"), ("바버", "Kim Seong"), ("김성", "Bozkir"), ("폼페오", "Mattis"), ("매티스", "Howard"),
    ("하워드", "Pompeo"), ("칼라일", "Bradshaw"), ("프라이스", "Morgan"), ("트럼프", "Biden"), ("바이든", "Greenfield"),
    ("커비", "Nelson"), ("스미스", "Campbell"), ("넬슨", "Trump"), ("모건", "Price"), ("오스틴", "Park Jin"),
    ("캘러헌", "Dujarric"), ("두자릭", "Sullivan"), ("그로시", "Callahan"), ("태영호", "Horowitz"),
]


@pytest.mark.parametrize("hangul, latin", UNRELATED, ids=[f"{k}-{e}" for k, e in UNRELATED])
def test_unrelated_names_score_low(hangul, latin):
    assert name_similarity(hangul, latin) < 50


def test_no_true_pair_is_beaten_by_another_name_on_the_list():
    latins = sorted({latin for _, latin in TRUE_PAIRS})
    for hangul, latin in TRUE_PAIRS:
        own = name_similarity(hangul, latin)
        others = [name_similarity(hangul, other) for other in latins
                  if other != latin and not other.startswith(latin.split()[0])]
        assert own > max(others), (hangul, latin)


def test_keys_follow_design_examples():
    assert "bojkir" in korean_name_keys("보즈키르") and "bojkir" in latin_name_keys("Bozkir")
    assert "baber" in korean_name_keys("바버")
    assert "kimsong" in korean_name_keys("김성") and "kimsong" in latin_name_keys("Kim Seong")
    assert all(k.isascii() and k.isalpha() for k in korean_name_keys("이동훈") + latin_name_keys("Lee Dong-hoon"))


def test_similarity_is_symmetric_in_spacing_and_case():
    assert name_similarity("김성", "KIM SEONG") == name_similarity("김성", "Kim-Seong") == 100


@pytest.mark.parametrize("a, b", [("볼튼", "볼턴"), ("피트", "피터"), ("폼페오", "폼페이오")])
def test_hangul_similarity_of_spelling_variants(a, b):
    assert hangul_similarity(a, b) >= 75


@pytest.mark.parametrize("token, bare", [
    ("폼페오는", "폼페오"), ("폼페오의", "폼페오"), ("보즈키르에게", "보즈키르"), ("바버가", "바버"), ("김성", "김성"), ("이가", "이가"),
])
def test_strip_particle(token, bare):
    assert strip_particle(token) == bare


# --- glossary --------------------------------------------------------------------------------------

IG_KOREAN = dedent("""
    감찰관 보고서 공개
    마이클 호로위츠 법무부 감찰관은 10일 보고서를 공개했습니다.
    [녹취: 호로위츠 감찰관] “We found no evidence of political bias.”
    호로위츠 감찰관은 정치적 편향의 증거를 찾지 못했다고 말했습니다.
""")
IG_ENGLISH = dedent("""
    Inspector general report released
    Justice Department Inspector General Michael Horowitz released the report on the 10th.
    [녹취: 호로위츠 감찰관] “We found no evidence of political bias.”
    Inspector General Horowitz said he found no evidence of political bias.
""")


@pytest.fixture
def user_glossary(tmp_path):
    path = tmp_path / "titles.tsv"
    path.write_text("# newsroom titles\n감찰관\tinspector general\n\n특임대사\tspecial envoy|envoy\ttitle\n",
                    encoding="utf-8")
    return str(path)


def test_user_glossary_title_in_a_marker(user_glossary):
    ((marker, _),) = speakers_of(IG_KOREAN)
    assert marker.title is None  # 감찰관 is not in the built-in glossary
    glossary = load_glossary(user_glossary)
    assert glossary.title_suffix("감찰관") == "감찰관"
    assert glossary.english("감찰관") == ("inspector general",)
    assert glossary.english("특임대사") == ("special envoy", "envoy")
    ((marker, speaker),) = speakers_of(IG_KOREAN, glossary)
    assert (marker.speaker, marker.title) == ("호로위츠", "감찰관")
    assert speaker.name == "마이클 호로위츠"


def test_user_glossary_in_english_narration(user_glossary):
    ((marker, speaker),) = speakers_of(IG_ENGLISH, load_glossary(user_glossary))
    assert (marker.speaker, marker.title) == ("호로위츠", "감찰관")
    assert speaker.name == "Michael Horowitz"
    assert speaker.title == "inspector general"


def test_user_glossary_through_align(align_text, user_glossary):
    report = align_text(IG_KOREAN, glossary=user_glossary)
    assert report.quotes[0].marker.title == "감찰관"
    assert report.quotes[0].speaker.name == "마이클 호로위츠"
    assert report.run.to_dict()["settings"]["glossary"] == user_glossary


@pytest.mark.parametrize("content, line", [
    ("감찰관\tinspector general\n감찰관 inspector general\n", 2),  # no tab
    ("# comment\n\n\tinspector general\n", 3),  # no Korean
    ("감찰관\tinspector general\tperson\n", 1),  # unknown kind
])
def test_malformed_glossary_lines(tmp_path, content, line):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_glossary(str(path))
    assert f"{path}:{line}:" in str(info.value)


def test_unreadable_glossary(tmp_path):
    with pytest.raises(InputError):
        load_glossary(str(tmp_path / "missing.tsv"))
    path = tmp_path / "latin1.tsv"
    path.write_bytes("caf\xe9\tcoffee\n".encode("latin-1"))
    with pytest.raises(InputError):
        load_glossary(str(path))


def test_builtin_glossary_prefers_longer_titles(glossary):
    assert glossary.title_suffix("부대변인") == "부대변인"
    assert glossary.title_suffix("국무장관") == "국무장관"
    assert glossary.english("부대변인")[0].startswith("deputy")
    lengths = [len(ko) for ko, _ in glossary.titles]
    assert lengths == sorted(lengths, reverse=True)


def test_names_are_not_titles(glossary):
    from aligner.markers import is_title_word

    for word in ("폼페오", "보즈키르", "마크", "토너", "김성", "사카이", "히로시"):
        assert not is_title_word(word, glossary), word
    for word in ("장관", "국무부", "유엔주재", "대변인실", "부대변인", "미"):
        assert is_title_word(word, glossary), word



def test_a_korean_full_name_in_the_marker_and_surname_with_title_in_the_narration():
    text = dedent("""
        북한, 결의안 거부

        유엔 총회가 인권 결의안을 채택하자 북한 대표가 반발했습니다.

        [녹취: 김성 대사] “We categorically reject the resolution.”

        김 대사는 결의안을 전면 거부한다고 말했습니다.
    """)
    ((marker, speaker),) = speakers_of(text)
    assert speaker.name == "김" and speaker.confidence == pytest.approx(0.8)
    assert [m.text for m in speaker.mentions] == ["김"]


@pytest.mark.parametrize("narration", [
    "김 교수는 결의안을 전면 거부한다고 말했습니다.",  # another title: another person
    "김씨 성을 가진 대사는 결의안을 거부한다고 말했습니다.",  # the syllable inside a word
    "이 대사는 결의안을 거부한다고 말했습니다.",  # 이 is "this" here, and the marker's surname is 김
])
def test_a_surname_alone_needs_the_same_title_right_after_it(narration):
    text = dedent(f"""
        북한, 결의안 거부

        [녹취: 김성 대사] “We categorically reject the resolution.”

        {narration}
    """)
    ((marker, speaker),) = speakers_of(text)
    assert speaker.name is None
