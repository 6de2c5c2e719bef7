"""Regenerate the damaged transcripts in this folder (python tests/fuzz/make_fuzz.py).

The text is written for these tests (an invented briefing, not copied from
any published transcript); each file damages it one way that real files
arrive damaged.  What aligner must do with each is in expected.json; tests/test_inputs.py
checks that the files here are exactly what this script makes.
"""
from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent

BRIEFING = """미 국무부 "북한, 조건 없는 대화에 나서야"

미국 국무부는 북한이 조속히 협상에 복귀해야 한다고 거듭 촉구했습니다. 한서연 기자가 보도합니다.

네드 프라이스 국무부 대변인은 14일 정례 브리핑에서 미국은 북한과 전제 조건 없이 만날 준비가 돼 있다고 말했습니다.

[녹취: 프라이스 대변인] “We remain prepared to meet with the DPRK without preconditions. Our offer still stands.”

프라이스 대변인은 미국의 제안이 여전히 유효하다며 북한의 긍정적인 응답을 기대한다고 덧붙였습니다.

프라이스 대변인은 또 한국, 일본과의 긴밀한 공조가 계속될 것이라고 강조했습니다.

[녹취: 프라이스 대변인] “We will keep coordinating closely with our allies in Seoul and Tokyo.”

미국은 동맹들과 함께 대북 정책을 조율하고 있다는 설명입니다.

VOA 뉴스 한서연입니다.
"""

NARRATION_ONLY = """재무부, 북한 연계 기업 2곳 제재

미국 재무부는 북한의 불법 자금 조달을 도운 혐의로 기업 두 곳을 제재 대상에 올렸다고 밝혔습니다.

재무부는 이들 기업이 제3국에서 북한 노동자를 고용해 수익을 북한 정권에 보냈다고 설명했습니다.

이번 조치로 이들 기업의 미국 내 자산은 동결되고 미국인과의 거래도 금지됩니다.
"""


def damaged_files() -> dict[str, bytes]:
    """File name → bytes of every file in the fuzz corpus."""
    files: dict[str, bytes] = {}
    utf8 = BRIEFING.encode("utf-8")
    files["briefing_utf8.txt"] = utf8
    files["briefing_utf8_bom.txt"] = codecs.BOM_UTF8 + utf8
    files["briefing_utf16le_bom.txt"] = codecs.BOM_UTF16_LE + BRIEFING.encode("utf-16-le")
    files["briefing_utf16be_bom.txt"] = codecs.BOM_UTF16_BE + BRIEFING.encode("utf-16-be")
    files["briefing_utf16le_nobom.txt"] = BRIEFING.encode("utf-16-le")
    files["briefing_cp949.txt"] = BRIEFING.encode("cp949")  # the curly quotes are in KS X 1001 too
    files["briefing_crlf.txt"] = BRIEFING.replace("\n", "\r\n").encode("utf-8")
    files["briefing_cr_only.txt"] = BRIEFING.replace("\n", "\r").encode("utf-8")
    half = len(BRIEFING) // 2
    files["mixed_utf8_cp949.txt"] = BRIEFING[:half].encode("utf-8") + BRIEFING[half:].encode("cp949")
    files["nul_bytes.txt"] = utf8[:200] + b"\x00\x00\x00" + utf8[200:]
    files["empty.txt"] = b""
    files["whitespace_only.txt"] = " \n\t\r\n   \n\u3000\n".encode("utf-8")  # ends with an ideographic space
    files["latin1.txt"] = "Caf\u00e9 cr\u00e8me: d\u00e9j\u00e0 vu in the briefing room.\n".encode("latin-1")
    cut = BRIEFING.index("[녹취: 프라이스 대변인] “We will") + len("[녹취: 프라이스 대")
    files["truncated_mid_marker.txt"] = BRIEFING[:cut].encode("utf-8")
    cut = BRIEFING.index("Our offer still stands.")
    files["truncated_mid_quote.txt"] = BRIEFING[:cut].encode("utf-8")
    files["unbalanced_quotes.txt"] = (
        BRIEFING.replace("Our offer still stands.”", "Our offer still stands.")
        .replace("“We will keep", "We will keep”").replace("조속히", "“조속히").encode("utf-8"))
    files["unbalanced_brackets.txt"] = (
        BRIEFING.replace("[녹취: 프라이스 대변인] “We remain", "[녹취: 프라이스 대변인 “We remain")
        .replace("정례 브리핑에서", "정례 [브리핑]] 에서 [[")
        .replace("[녹취: 프라이스 대변인] “We will", "녹취: 프라이스 대변인] “We will").encode("utf-8"))
    files["markers_only.txt"] = "[녹취: 프라이스 대변인]\n[녹취: 블링컨 장관] “Thank you.”\n[녹취:\n".encode("utf-8")
    files["no_markers.txt"] = NARRATION_ONLY.encode("utf-8")
    files["one_long_line.txt"] = BRIEFING.replace("\n", " ").encode("utf-8")
    return files


def main() -> None:
    for name, data in damaged_files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
