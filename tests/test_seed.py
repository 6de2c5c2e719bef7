"""The seed transcript's gold is met in full."""
from __future__ import annotations

from conftest import SEED_GOLD

from aligner.evaluate import load_gold, score_report, squash


def test_gold_quotes_speakers_and_renderings(seed_report):
    gold = load_gold(SEED_GOLD)
    counts = score_report(seed_report, gold)
    assert counts.quotes == 3
    assert counts.quotes_linked == 3, counts.misses
    assert counts.speakers_right == 3, counts.misses
    assert counts.rendering_tp == counts.rendering_gold == 3, counts.misses
    scores = counts.scores()
    assert scores["quote_links"] == 1.0 and scores["speakers"] == 1.0 and scores["renderings"]["recall"] == 1.0
    assert not [m for m in counts.misses if "not linked" in m or "speaker" in m or "missed rendering" in m]


def test_seed_quotes_and_speakers(seed_report):
    gold = load_gold(SEED_GOLD)
    assert len(seed_report.quotes) == 3
    for gq, quote in zip(gold["quotes"], seed_report.quotes):
        assert quote.marker.text == gq["marker"]
        assert quote.quote.text.startswith(gq["quote"])
        assert quote.speaker.name == gq["speaker"]
    assert [q.speaker.name for q in seed_report.quotes] == ["Volkan Bozkir", "Jennifer Barber", "Kim Seong"]


def test_every_gold_rendering_with_its_position(seed_report):
    gold = load_gold(SEED_GOLD)
    # gold notes: quote 2 is rendered before its marker, quotes 1 and 3 after it
    expected_position = ["after", "before", "after"]
    for gq, quote, position in zip(gold["quotes"], seed_report.quotes, expected_position):
        for prefix in gq["renderings"]:
            found = [r for r in quote.renderings if squash(r.text).startswith(squash(prefix))]
            assert len(found) == 1, (prefix, [r.text for r in quote.renderings])
            assert found[0].position == position


def test_seed_flags_found(seed_report):
    gold = load_gold(SEED_GOLD)
    counts = score_report(seed_report, gold)
    assert counts.per_kind["name_variant"][0] == 1, counts.misses
    assert counts.per_kind["typography"][0] == 2, counts.misses
    # no error or warning the gold does not list
    assert counts.flags_reported_right == counts.flags_reported, counts.misses
