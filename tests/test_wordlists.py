"""Word lists are data files under aligner/data/, one definition each."""
from __future__ import annotations

from importlib import resources

import pytest

from aligner.wordlists import korean_surnames, rows, word_set, words

LISTS = sorted(p.name for p in resources.files("aligner").joinpath("data").iterdir()
               if p.name.endswith(".txt") and p.name != "example.txt")


def test_the_lists_are_there():
    assert {"english_stopwords.txt", "english_reporting_verbs.txt", "korean_reporting_verbs.txt",
            "korean_frame_words.txt", "korean_surnames_latin.txt", "name_stopwords_korean.txt",
            "name_stopwords_english.txt"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_has_entries_without_comments_blanks_or_repeats(name):
    entries = words(name)
    assert entries, name
    assert all(e and e == e.strip() and not e.startswith("#") for e in entries)
    assert len(entries) == len(set(entries)), [e for e in entries if entries.count(e) > 1]
    assert word_set(name) == frozenset(entries)


def test_one_surname_table_serves_both_readings():
    table = rows("korean_surnames.tsv")
    assert len({row[0] for row in table}) == len(table)
    assert all(len(row) == 3 and row[1] in ("yes", "no") and row[2] in ("yes", "no") for row in table)
    surnames = korean_surnames()
    assert surnames.common < surnames.single
    assert set(surnames.ambiguous) == {"이", "전"}
    assert all(len(s) == 2 for s in surnames.double) and "남궁" in surnames.double


def test_surnames_as_the_speakers_and_the_name_variants_read_them():
    from aligner.flags.name_variant import _korean_personal_name
    from aligner.speakers import korean_surname

    assert korean_surname("남궁민") == "남궁"
    assert korean_surname("김성") == "김"
    # 시 is a surname (시 대사), but not a common one: 시진핑 is not read as a Korean
    # personal name, so its spellings can still be compared
    assert korean_surname("시진핑") == "시"
    assert not _korean_personal_name("시진핑")
    assert _korean_personal_name("김정은")
