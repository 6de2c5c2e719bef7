"""Pair report outputs: JSON (aligner.pair/1), TMX 1.4, HTML and the side-by-side text."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from aligner.pair.align import align_pair
from aligner.pair.render import display_width, render_html, render_json, render_text, render_tmx, tmx_links, wrap_columns

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Markup, ampersands and a control character in both versions: every output must carry them as text.
KO = ("국무부는 <script>alert('ko')</script> 태그가 든 성명을 냈습니다.\n"
      "대변인은 R&D 예산을 3천만 달러 늘리겠다고 말했습니다.\x07\n"
      "블링컨 장관은 동맹국들과 긴밀히 협력하겠다고 밝혔습니다.\n")
EN = ("The State Department issued a statement with a <script>alert('en')</script> tag.\n"
      "The spokesperson said the R&D budget would grow by $13 million.\n"
      "Secretary Blinken said he would work closely with allies.\n")


@pytest.fixture(scope="module")
def report(embedder):
    return align_pair(KO, EN, embedder=embedder)


def test_json_carries_the_schema_fields(report):
    data = json.loads(render_json(report))
    assert data["schema"] == "aligner.pair/1"
    assert set(data) >= {"schema", "sources", "run", "sentences", "links", "flags", "summary"}
    assert data["sources"]["ko"]["lang"] == "ko" and data["sources"]["en"]["lang"] == "en"
    assert data["run"]["model"] == "use-multilingual-v3" and data["run"]["settings"]["mode"] == "pair"
    for side, text in (("ko", KO), ("en", EN)):
        for sentence in data["sentences"][side]:
            assert set(sentence) == {"id", "kind", "start", "end", "text", "lang"}
            assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    ids = {s["id"] for side in ("ko", "en") for s in data["sentences"][side]}
    covered = []
    for link in data["links"]:
        assert set(link) == {"id", "type", "ko", "en", "score", "anchor"}
        assert link["type"] == f"{len(link['ko'])}-{len(link['en'])}"
        covered += link["ko"] + link["en"]
    assert sorted(covered) == sorted(ids)  # every sentence in exactly one link
    kinds = {flag["kind"] for flag in data["flags"]}
    assert kinds == {"number_mismatch"}
    flag = data["flags"][0]
    assert set(flag) >= {"id", "kind", "severity", "message", "link", "spans"}
    assert {(s["side"], s["text"]) for s in flag["spans"]} == {("ko", "3천만 달러"), ("en", "$13 million")}
    assert data["summary"]["flags"] == {"error": 1, "warning": 0, "info": 0}
    assert data["summary"]["links"]["types"] == {"1-1": 3}


def test_tmx_is_valid_xml_with_korean_source_and_escaped_text(report):
    text = render_tmx(report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "ko" and header.get("segtype") == "sentence"
    units = root.find("body").findall("tu")
    # the link with the changed amount is left out: a memory must not learn it
    assert [u.get("tuid") for u in units] == [link.id for link in tmx_links(report)] == ["l1", "l3"]
    first = units[0]
    assert [v.get(XML_LANG) for v in first.findall("tuv")] == ["ko", "en"]
    assert first.find("tuv/seg").text == report.link_text(report.links[0], "ko")
    assert "<script>" in first.findall("tuv")[1].find("seg").text  # escaped in the file, text again when parsed
    assert "<script>" not in text


def test_tmx_drops_characters_xml_cannot_hold(embedder):
    report = align_pair("대변인은 예산을 늘리겠다고 말했습니다.\x07\n", "The spokesperson said the budget would grow.\x07\n",
                        embedder=embedder)
    root = ET.fromstring(render_tmx(report).encode("utf-8"))
    assert root.find("body/tu/tuv/seg").text == "대변인은 예산을 늘리겠다고 말했습니다."


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_escapes_the_transcripts(report):
    page = render_html(report)
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "<script>alert('ko')</script>" in "".join(parser.text)
    assert "&lt;script&gt;" in page and "R&amp;D" in page
    assert "http://" not in page and "https://" not in page
    assert re.search(r"default-src 'none'", page)
    for link in report.links:
        assert f'id="{link.id}"' in page
    assert 'href="#l2"' in page  # the flag list links to its row


def test_text_view_puts_the_versions_side_by_side_within_the_width(report):
    text = render_text(report, width=80)
    lines = text.splitlines()
    assert all(display_width(line) <= 80 for line in lines)
    rows = [line for line in lines if "│" in line]
    assert rows and all(display_width(line.split("│")[0]) == (80 - 3) // 2 + 1 for line in rows)  # one bar column
    assert "✖ error number_mismatch" in text


def test_wrap_columns_counts_hangul_as_two_columns():
    lines = wrap_columns("가나다라 마바사 abcdefghijklmnopqrstuvwxyz", 10)
    assert lines == ["가나다라", "마바사", "abcdefghij", "klmnopqrst", "uvwxyz"]
    assert all(display_width(line) <= 10 for line in lines)
