"""The JSON report of the seed against the ``aligner.report/1`` contract of
spec/report.md, and the Python API against the CLI."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEED, dedent
from invariants import check_report, check_span

import aligner
from aligner import Report, align, read_source, source_from_text

SEED_ARG = str(SEED.relative_to(ROOT))
FLAG_KINDS = {"misquote", "meaning_shift", "omission", "addition", "number_mismatch", "name_variant",
              "speaker_mismatch", "unresolved_speaker", "malformed_marker", "missing_quote", "unrendered_quote",
              "typography", "untranslated"}
SEGMENT_KINDS = {"headline", "narration", "marker", "quote", "signoff", "other"}
LANGS = {"ko", "en", "mixed", "und"}


@pytest.fixture(scope="module")
def cli_json():
    result = subprocess.run([sys.executable, "-m", "aligner", "align", "--format", "json", SEED_ARG],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seed_text():
    return read_source(str(SEED)).text


def keys(obj: dict, required: set[str]) -> None:
    """Every field of the contract is there (more may be added, spec: 'add fields freely')."""
    assert required <= set(obj), required - set(obj)


def is_span(obj) -> None:
    keys(obj, {"start", "end", "text"})
    assert isinstance(obj["start"], int) and isinstance(obj["end"], int) and isinstance(obj["text"], str)


def test_top_level(cli_json):
    keys(cli_json, {"schema", "source", "run", "segments", "quotes", "flags", "summary"})
    assert cli_json["schema"] == "aligner.report/1"


def test_source(cli_json, seed_text):
    raw = SEED.read_bytes()
    assert cli_json["source"] == {
        "path": SEED_ARG,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "encoding": "utf-8",
        "narration_lang": "en",
        "chars": len(raw.decode("utf-8")),
    }
    assert cli_json["source"]["chars"] == len(seed_text)


def test_run_signature(cli_json):
    run = cli_json["run"]
    keys(run, {"version", "model", "settings"})
    assert run["version"] == aligner.__version__
    assert run["model"] == "use-multilingual-v3"
    assert isinstance(run["settings"], dict)
    assert run["settings"]["glossary"] is None
    assert {"renderings.threshold", "renderings.window"} <= set(run["settings"])
    json.dumps(run["settings"])  # plain JSON values


def test_segments(cli_json, seed_text):
    segments = cli_json["segments"]
    assert [s["id"] for s in segments] == [f"s{n}" for n in range(1, len(segments) + 1)]
    for segment in segments:
        keys(segment, {"id", "kind", "start", "end", "text", "lang"})
        assert segment["kind"] in SEGMENT_KINDS and segment["lang"] in LANGS
        check_span(segment, seed_text)
    kinds = [s["kind"] for s in segments]
    assert kinds.count("marker") == kinds.count("quote") == 3
    assert kinds[-2:] == ["signoff", "other"]


def test_quotes(cli_json, seed_text):
    quotes = cli_json["quotes"]
    assert [q["id"] for q in quotes] == ["q1", "q2", "q3"]
    segments = {(s["start"], s["end"]): s for s in cli_json["segments"]}
    for quote in quotes:
        keys(quote, {"id", "marker", "quote", "speaker", "renderings"})
        marker = quote["marker"]
        keys(marker, {"start", "end", "text", "speaker", "title", "note", "well_formed"})
        is_span(marker)
        check_span(marker, seed_text)
        assert segments[(marker["start"], marker["end"])]["kind"] == "marker"
        assert isinstance(marker["well_formed"], bool)
        is_span(quote["quote"])
        check_span(quote["quote"], seed_text)
        speaker = quote["speaker"]
        keys(speaker, {"name", "title", "mentions", "confidence"})
        assert 0.0 <= speaker["confidence"] <= 1.0
        for mention in speaker["mentions"]:
            is_span(mention)
            check_span(mention, seed_text)
        assert quote["renderings"], quote["id"]
        for rendering in quote["renderings"]:
            keys(rendering, {"start", "end", "text", "position", "score"})
            check_span(rendering, seed_text)
            assert rendering["position"] in ("before", "after")
            assert 0.0 <= rendering["score"] <= 1.0
            assert segments[(rendering["start"], rendering["end"])]["kind"] == "narration"
    q1, q2, q3 = quotes
    assert q2["marker"] | {"start": 0, "end": 0, "line": 0, "column": 0} == {
        "start": 0, "end": 0, "line": 0, "column": 0, "text": "[녹취: 바버 특별고문(지난 11월)]", "speaker": "바버", "title": "특별고문",
        "note": "지난 11월", "well_formed": True, "label": "녹취"}
    assert q3["quote"]["text"].startswith("All material contained") and q3["quote"]["text"].endswith("defectors.")
    assert [q["speaker"]["name"] for q in quotes] == ["Volkan Bozkir", "Jennifer Barber", "Kim Seong"]
    assert q3["speaker"]["title"] == "ambassador"
    start = seed_text.index("Volkan Bozkir")
    line = seed_text.count("\n", 0, start) + 1
    column = start - (seed_text.rfind("\n", 0, start) + 1) + 1
    assert q1["speaker"]["mentions"][0] == {"start": start, "end": start + 13, "text": "Volkan Bozkir",
                                            "line": line, "column": column}


def test_every_offset_has_its_line_and_column(cli_json, seed_text):
    """line/column (1-based, counting characters) beside every start offset,
    and on each flag where it points: its first evidence."""
    def check(span):
        before = seed_text[:span["start"]]
        assert span["line"] == before.count("\n") + 1, span
        assert span["column"] == len(before) - (before.rfind("\n") + 1) + 1, span
        assert seed_text.splitlines()[span["line"] - 1][span["column"] - 1:].startswith(span["text"].split("\n")[0])

    for segment in cli_json["segments"]:
        check(segment)
    for quote in cli_json["quotes"]:
        check(quote["marker"])
        check(quote["quote"])
        for item in quote["renderings"] + quote["speaker"]["mentions"]:
            check(item)
    for flag in cli_json["flags"]:
        for span in flag["spans"]:
            check(span)
        # a flag points at the text to edit: never the quote, nor the span that reads as the suggestion
        editable = [s for s in flag["spans"] if s["side"] != "quote" and s["text"] != flag.get("suggestion")]
        first = min(editable or flag["spans"], key=lambda s: s["start"])
        assert (flag["line"], flag["column"]) == (first["line"], first["column"])


def test_flags(cli_json, seed_text):
    quote_ids = {q["id"] for q in cli_json["quotes"]}
    for n, flag in enumerate(cli_json["flags"], 1):
        keys(flag, {"id", "kind", "severity", "message", "quote", "spans"})
        assert flag["id"] == f"f{n}"
        assert flag["kind"] in FLAG_KINDS
        assert flag["severity"] in ("error", "warning", "info")
        assert isinstance(flag["message"], str) and flag["message"].strip() and "\n" not in flag["message"]
        assert flag["quote"] is None or flag["quote"] in quote_ids
        assert flag["spans"]
        for span in flag["spans"]:
            keys(span, {"start", "end", "text", "side"})
            assert span["side"] in ("narration", "quote", "marker")
            check_span(span, seed_text)
        if "suggestion" in flag:
            assert isinstance(flag["suggestion"], str)
    assert any(f["kind"] == "name_variant" and any(s["text"] == "Taekseong Oh" for s in f["spans"])
               for f in cli_json["flags"])


def test_summary_counts(cli_json):
    summary = cli_json["summary"]
    keys(summary, {"quotes", "linked", "flags"})
    assert summary["quotes"] == len(cli_json["quotes"]) == 3
    assert summary["linked"] == sum(q["quote"] is not None for q in cli_json["quotes"]) == 3
    counts = {"error": 0, "warning": 0, "info": 0}
    for flag in cli_json["flags"]:
        counts[flag["severity"]] += 1
    assert summary["flags"] == counts


def test_shared_invariants(cli_json, seed_text):
    check_report(cli_json, seed_text)


def test_python_api_equals_cli(cli_json, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = align(read_source(SEED_ARG))
    assert isinstance(report, Report)
    assert report.to_dict() == cli_json
    assert json.loads(json.dumps(report.to_dict(), ensure_ascii=False)) == cli_json


def test_report_is_deterministic(seed_report):
    again = align(read_source(str(SEED)))
    assert again.to_dict() == seed_report.to_dict()


def test_offsets_index_the_normalised_text(tmp_path, embedder):
    text = dedent("""
        국무부 브리핑
        토머스 하워드 국무부 대변인은 대화를 촉구했습니다.
        [녹취: 하워드 대변인] “We remain open to diplomacy.”
        하워드 대변인은 외교에 열려 있다고 말했습니다.
    """)
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "crlf_bom.txt"
    path.write_bytes(raw)
    report = align(read_source(str(path)), embedder=embedder).to_dict()
    assert report["source"]["sha256"] == hashlib.sha256(raw).hexdigest()
    assert report["source"]["encoding"] == "utf-8-sig"
    assert report["source"]["chars"] == len(text)
    check_report(report, text)
    assert report["quotes"][0]["quote"]["text"] == "We remain open to diplomacy."


def test_text_without_markers_has_a_note(align_text):
    report = align_text("제목\n재무부는 북한 관련 개인 3명을 제재 대상에 올렸다고 밝혔습니다.\n").to_dict()
    assert report["quotes"] == [] and report["summary"]["quotes"] == report["summary"]["linked"] == 0
    assert report["notes"] and "no recording markers" in report["notes"][0]
    check_report(report, "제목\n재무부는 북한 관련 개인 3명을 제재 대상에 올렸다고 밝혔습니다.\n")


def test_marker_without_quote_in_json(align_text):
    text = "제목\n신선호 대사는 결의안을 거부했습니다.\n[녹취: 신선호 유엔주재 북한 대사]\n신 대사는 결의안이 날조됐다고 주장했습니다.\n"
    report = align_text(text).to_dict()
    (quote,) = report["quotes"]
    assert quote["quote"] is None and quote["renderings"] == []
    assert report["summary"] == {"quotes": 1, "linked": 0, "flags": report["summary"]["flags"],
                                 "unresolved_speakers": 0, "decided": 0}
    assert any(f["kind"] == "missing_quote" and f["quote"] == "q1" for f in report["flags"])
    check_report(report, text)


def test_source_from_text_hashes_utf8():
    source = source_from_text("제목\n본문입니다.\n")
    assert source.sha256 == hashlib.sha256("제목\n본문입니다.\n".encode()).hexdigest()
    assert source.encoding == "utf-8" and source.chars == len("제목\n본문입니다.\n")
