"""Real-world input: encodings, damaged files, clear errors, huge files, safe outputs."""
from __future__ import annotations

import codecs
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from invariants import check_report, check_segments

from aligner import InputError, align, read_source, source_from_text
from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_OUTPUT, OutputError
from aligner.outputs import atomic_output, write_atomic
from aligner.source import decode, source_from_bytes

FUZZ = Path(__file__).parent / "fuzz"
EXPECTED = {k: v for k, v in json.loads((FUZZ / "expected.json").read_text(encoding="utf-8")).items() if k != "_about"}
ALIGNER = [sys.executable, "-m", "aligner"]


def _load_make_fuzz():
    spec = importlib.util.spec_from_file_location("make_fuzz", FUZZ / "make_fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fuzz = _load_make_fuzz()
BRIEFING = make_fuzz.BRIEFING


def run_cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("aligner: error: ")
    return lines[0]


# --- the fuzz corpus -------------------------------------------------------------------------


def test_fuzz_corpus_is_what_its_script_makes():
    made = make_fuzz.damaged_files()
    on_disk = {p.name: p.read_bytes() for p in FUZZ.glob("*.txt")}
    assert on_disk == made
    assert set(made) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_damaged_file(name):
    expected = EXPECTED[name]
    path = str(FUZZ / name)
    result = run_cli("align", "-f", "json", path)
    assert result.exit_code == expected["exit"], result.stderr
    if expected["exit"]:
        line = one_error_line(result.stderr)
        assert path in line and expected["error"] in line
        assert result.stdout == ""
        return
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    source = read_source(path)
    check_report(report, source.text)
    assert report["source"]["encoding"] == expected["encoding"]
    if expected.get("same_as"):
        expected = {**EXPECTED[expected["same_as"]], **{k: v for k, v in expected.items() if k != "same_as"}}
    found = [(q["marker"]["text"].rstrip(), q["marker"]["well_formed"], q["quote"]["text"] if q["quote"] else None)
             for q in report["quotes"]]
    assert len(found) == len(expected["quotes"]), found
    for (marker, well_formed, quote), (want_marker, want_well_formed, want_quote) in zip(found, expected["quotes"]):
        assert marker == want_marker.rstrip() and well_formed == want_well_formed
        assert (quote is None) == (want_quote is None) and (quote or "").startswith(want_quote or ""), quote
    kinds = {f["kind"] for f in report["flags"]}
    assert set(expected.get("flags", ())) <= kinds
    if "note" in expected:
        assert any(expected["note"] in note for note in report["notes"])


# --- encodings ------------------------------------------------------------------------------

ENCODINGS = ["briefing_utf8_bom.txt", "briefing_utf16le_bom.txt", "briefing_utf16be_bom.txt", "briefing_cp949.txt",
             "briefing_crlf.txt", "briefing_cr_only.txt"]


def test_no_break_spaces_are_read_as_spaces_and_kept_in_the_report():
    """Copy pasted from a web page carries &nbsp; (U+00A0) and ideographic
    spaces: the analysis reads them as spaces (마이크 펜스 is one name), while
    every text field of the report still holds exactly source[start:end]."""
    reference = align(read_source(str(FUZZ / "briefing_utf8.txt"))).to_dict()
    text = BRIEFING.replace(" ", "\u00a0").replace("\u00a0\u00a0", "\u00a0\u3000")
    report = align(source_from_text(text)).to_dict()
    checked = []

    def walk(value):
        if isinstance(value, dict):
            if {"start", "end", "text"} <= set(value) and isinstance(value["text"], str):
                assert value["text"] == text[value["start"]:value["end"]]
                checked.append(value["text"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(report)
    assert any("\u00a0" in t for t in checked)
    for key in ("quotes", "flags", "summary"):
        got = json.dumps(report[key], ensure_ascii=False).replace("\u00a0", " ").replace("\u3000", " ")
        assert got == json.dumps(reference[key], ensure_ascii=False), key


@pytest.mark.parametrize("name", ENCODINGS)
def test_offsets_index_the_decoded_text_and_match_the_utf8_run(name):
    reference = align(read_source(str(FUZZ / "briefing_utf8.txt"))).to_dict()
    source = read_source(str(FUZZ / name))
    assert source.text == BRIEFING  # BOM gone, newlines normalised
    report = align(source).to_dict()
    check_segments(report["segments"], source.text)
    for segment in report["segments"]:
        assert segment["text"] == source.text[segment["start"] : segment["end"]]
    # Everything but the source's own description is what the UTF-8 file gives.
    for key in ("segments", "quotes", "flags", "summary"):
        assert report[key] == reference[key], key
    assert report["source"]["sha256"] != reference["source"]["sha256"]  # of the raw bytes


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_korean_legacy_encodings_are_detected(encoding):
    raw = BRIEFING.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert decode(raw) == (BRIEFING, "cp949")  # CP949 is the superset EUC-KR belongs to


def _cp949_words_that_are_valid_utf8() -> str:
    # Syllables whose CP949 bytes happen to form a valid two-byte UTF-8 sequence.
    found = []
    for code in range(0xAC00, 0xD7A4):
        raw = chr(code).encode("cp949", errors="ignore")
        if len(raw) == 2 and 0xC2 <= raw[0] <= 0xDF and 0x80 <= raw[1] <= 0xBF:
            found.append(chr(code))
    return " ".join("".join(found[i : i + 2]) for i in range(0, min(len(found), 12), 2))


def test_short_cp949_text_that_is_also_valid_utf8_is_read_as_korean():
    korean = _cp949_words_that_are_valid_utf8()
    raw = korean.encode("cp949")
    raw.decode("utf-8")  # valid UTF-8, as mojibake: the trap
    assert decode(raw) == (korean, "cp949")


def test_accented_utf8_without_hangul_stays_utf8():
    text = "Café crème, déjà vu: the envoy’s naïve résumé."
    raw = text.encode("utf-8")
    assert decode(raw) == (text, "utf-8")


def test_utf32_bom_is_not_mistaken_for_utf16():
    raw = codecs.BOM_UTF32_LE + BRIEFING.encode("utf-32-le")
    assert decode(raw) == (BRIEFING, "utf-32-le")


def test_encoding_option_overrides_detection():
    path = str(FUZZ / "briefing_utf16le_nobom.txt")
    result = run_cli("align", "-f", "json", "--encoding", "utf-16-le", path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"]["encoding"] == "utf-16-le"
    latin = run_cli("align", "-f", "json", "--encoding", "latin-1", str(FUZZ / "latin1.txt"))
    assert latin.exit_code == 0 and "Café crème" in latin.stdout


@pytest.mark.parametrize("encoding, message", [("utf-8", "not valid utf-8"), ("klingon", "unknown encoding 'klingon'")])
def test_wrong_encoding_option_is_a_clear_error(encoding, message):
    path = str(FUZZ / "briefing_cp949.txt")
    result = run_cli("align", "--encoding", encoding, path)
    assert result.exit_code == EXIT_INPUT
    line = one_error_line(result.stderr)
    assert path in line and message in line


# --- errors -----------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = str(tmp_path / "nowhere.txt")
    result = run_cli("align", path)
    assert result.exit_code == EXIT_INPUT
    assert one_error_line(result.stderr) == f"aligner: error: {path}: no such file"


def test_directory_where_a_file_is_expected(tmp_path):
    with pytest.raises(InputError, match="is a directory, expected a transcript file"):
        read_source(str(tmp_path))
    seed = str(FUZZ / "briefing_utf8.txt")
    result = run_cli("align", seed, "-o", str(tmp_path))
    assert result.exit_code == EXIT_OUTPUT
    assert "is a directory" in one_error_line(result.stderr)


def test_folder_without_transcripts(tmp_path):
    result = run_cli("align", str(tmp_path))
    assert result.exit_code == EXIT_INPUT
    assert "no *.txt transcripts" in one_error_line(result.stderr)


def test_standard_input(tmp_path):
    result = run_cli("align", "-f", "json", "-", input=(FUZZ / "briefing_cp949.txt").read_bytes())
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["source"]["path"] == "-" and report["source"]["encoding"] == "cp949"
    empty = run_cli("align", "-", input=b"  \n")
    assert empty.exit_code == EXIT_INPUT
    assert one_error_line(empty.stderr) == "aligner: error: standard input: only whitespace, no transcript"


def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(BRIEFING.encode("utf-8"))
    path.chmod(0)
    command = ALIGNER + ["align", str(path)]
    if os.geteuid() == 0:
        # root reads anything; drop the capabilities that let it (util-linux setpriv)
        if not shutil.which("setpriv"):
            pytest.skip("running as root and setpriv is not installed, so no file is unreadable")
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"] + command
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == EXIT_INPUT, done.stderr
    assert one_error_line(done.stderr) == f"aligner: error: {path}: permission denied"


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_file_that_fails_while_reading():
    # /proc/self/mem exists, is a regular file and fails on read (EIO): a real unreadable input.
    with pytest.raises(InputError, match=r"/proc/self/mem: cannot be read \(Input/output error\)"):
        read_source("/proc/self/mem")


def test_library_errors_are_input_errors():
    with pytest.raises(InputError, match="empty file"):
        source_from_bytes(b"", path="x.txt")
    with pytest.raises(InputError, match="only whitespace"):
        source_from_text(" \n\u3000\t")
    with pytest.raises(InputError, match="binary data"):
        source_from_bytes(b"\xef\xbb\xbfabc\x00def", path="x.txt")  # a BOM does not excuse NULs


def test_transcript_without_markers_is_a_report_with_a_note():
    result = run_cli("align", "-f", "json", str(FUZZ / "no_markers.txt"))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["quotes"] == [] and report["summary"]["quotes"] == 0
    assert report["notes"] == ["no recording markers found: the transcript has no quotes to check"]
    assert any(s["kind"] == "narration" for s in report["segments"])


# --- outputs ------------------------------------------------------------------------------------


def test_nothing_writes_to_an_input(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(FUZZ, inputs, ignore=shutil.ignore_patterns("*.py", "*.json"))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in inputs.iterdir()}
    run_cli("align", "-f", "jsonl", "-o", str(tmp_path / "all.jsonl"), str(inputs))
    run_cli("align", "-f", "text", "--out-dir", str(inputs), str(inputs))  # reports beside the inputs
    for name, (data, mtime) in before.items():
        path = inputs / name
        assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime, name
    assert (inputs / "briefing_utf8.report.txt").exists()  # text reports never end in a bare .txt


def test_output_refuses_to_overwrite_an_input(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(BRIEFING.encode("utf-8"))
    link = tmp_path / "link.json"
    link.symlink_to(path)
    for target in (path, link):
        result = run_cli("align", "-f", "json", "-o", str(target), str(path))
        assert result.exit_code == EXIT_OUTPUT
        assert "refusing to overwrite an input file" in one_error_line(result.stderr)
    assert path.read_bytes() == BRIEFING.encode("utf-8")


def test_failed_run_leaves_no_report_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("align", "-f", "json", "-o", str(out), str(FUZZ / "empty.txt"))
    assert result.exit_code == EXIT_INPUT and not out.exists()
    out.write_text("previous report", encoding="utf-8")
    result = run_cli("align", "-f", "json", "-o", str(out), str(FUZZ / "nul_bytes.txt"))
    assert result.exit_code == EXIT_INPUT
    assert out.read_text(encoding="utf-8") == "previous report"
    assert os.listdir(tmp_path) == ["report.json"]


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(str(out)) as handle:
            handle.write("half of a new rep")
            raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]
    write_atomic(str(out), "new", [])
    assert out.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable like any file, not mkstemp's 0600
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(str(tmp_path / "no" / "such.json"), "x", [])


# --- size ---------------------------------------------------------------------------------------


def _story(n: int) -> str:
    # Each copy differs (numbers), as a real archive's stories do.
    return (BRIEFING.replace("14일", f"{n % 28 + 1}일").replace("Our offer still", f"Offer {n} still")
            .replace("긴밀한 공조가", f"{n}개 분야의 긴밀한 공조가"))


@pytest.mark.slow
def test_ten_megabyte_archive(tmp_path):
    pieces, size, n = [], 0, 0
    while size < 10 * 1024 * 1024:
        story = _story(n)
        pieces.append(story)
        size += len(story.encode("utf-8")) + 1
        n += 1
    path = tmp_path / "archive.txt"
    path.write_text("\n".join(pieces), encoding="utf-8")
    assert path.stat().st_size >= 10 * 1024 * 1024
    source = read_source(str(path))
    report = align(source)
    assert len(report.quotes) == 2 * n
    assert all(q.quote is not None and q.marker.well_formed for q in report.quotes)
    assert sum(bool(q.renderings) for q in report.quotes) >= 0.9 * len(report.quotes)
    check_segments([s.__dict__ for s in report.segments], source.text)


def test_file_whose_line_breaks_were_lost(tmp_path, fake_embedder):
    # Structure only (which quotes, where): the stand-in model keeps this 600-quote input quick.
    stories = 300
    path = tmp_path / "one_line.txt"
    path.write_text(" ".join(_story(n).replace("\n", " ") for n in range(stories)), encoding="utf-8")
    source = read_source(str(path))
    assert source.text.count("\n") == 0
    report = align(source, embedder=fake_embedder)
    assert len(report.quotes) == 2 * stories  # every marker gets its own quote
    assert all(q.quote is not None and len(q.quote.text) < 200 for q in report.quotes)
    check_report(report.to_dict(), source.text)


def test_quote_that_never_closes(tmp_path):
    words = "we will keep working with our allies to address the threat".split()
    body = " ".join(words[i % len(words)] + ("." if i % 13 == 12 else "") for i in range(60_000))
    text = f"국무부 대변인은 이렇게 말했습니다.\n[녹취: 프라이스 대변인] “{body}\n프라이스 대변인은 이렇게 말했습니다.\n"
    report = align(source_from_text(text))
    assert len(report.quotes) == 1 and len(report.quotes[0].quote.text) > 300_000
    check_report(report.to_dict(), text)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_an_output_error():
    with open("/dev/full", "w") as full:
        done = subprocess.run(ALIGNER + ["align", "-f", "jsonl", str(FUZZ / "briefing_utf8.txt")],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == EXIT_OUTPUT
    assert one_error_line(done.stderr) == "aligner: error: standard output: cannot write (No space left on device)"


def test_a_reader_that_leaves_early_is_one_line_not_a_traceback():
    done = subprocess.run(f"{sys.executable} -m aligner align -f jsonl {FUZZ}/briefing_*.txt | head -c 10",
                          shell=True, capture_output=True, text=True, executable="/bin/bash")
    assert len(done.stdout) == 10
    assert one_error_line(done.stderr) == "aligner: error: standard output: closed before all reports were written"
