"""Gold files: one validator from the shipped JSON Schemas; every bad value
is one clear line (exit 3), never a traceback and never scored."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from aligner.cli import cli
from aligner.errors import EXIT_INPUT, EXIT_OUTPUT, GoldError
from aligner.evaluate import load_gold
from aligner.gold import schema
from aligner.pair.evaluate import load_gold_document, read_audit

from .conftest import TRANSCRIPT

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"schema": "aligner.gold/1", "narration_lang": "en",
        "quotes": [{"marker": "[녹취: 박정훈 장관]", "quote": "Peace cannot be built on silence.",
                    "speaker": "Park Jung-hoon", "renderings": ["Minister Park said"]}],
        "flags": [{"kind": "omission", "quote": 1, "evidence": "Human rights"}]}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line(result, code=EXIT_INPUT) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: "), result.stderr
    return lines[0]


def with_gold(tmp_path, gold) -> Path:
    (tmp_path / "t.txt").write_text(TRANSCRIPT, "utf-8")
    text = gold if isinstance(gold, str) else json.dumps(gold)
    (tmp_path / "t.gold.json").write_text(text, "utf-8")
    return tmp_path / "t.txt"


def variant(path: str, value):
    gold = json.loads(json.dumps(GOOD))
    target = gold
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[keys[-1]] = value
    return gold


BAD_GOLD = [
    variant("quotes", {"not": "a list"}),
    variant("quotes.0.speaker", 5),
    variant("quotes.0.renderings", "one string"),
    variant("quotes.0.marker", None),
    variant("flags.0.quote", 0),
    variant("flags.0.quote", -1),
    variant("flags.0.quote", 1.5),
    variant("flags.0.quote", True),
    variant("flags.0.quote", 2),  # past the end: one gold quote
    variant("flags.0.quote", 10**400),
    variant("flags.0.kind", ["omission"]),
    variant("flags.0.kind", "omision"),  # not a flag kind: it could never match
    variant("schema", "aligner.gold/9"),
    '{"schema": "aligner.gold/1", "quotes": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"schema": "aligner.gold/1", "quotes": [], "flags": [{"kind": "x", "quote": 1e999}]}',
    '{"schema": "aligner.gold/1", "quotes": [], "n": NaN}',
    '{"schema": "aligner.gold/1", "quotes": [], "n": ' + "9" * 5000 + "}",
    "[1, 2, 3]",
    "",
]


@pytest.mark.parametrize("gold", BAD_GOLD, ids=range(len(BAD_GOLD)))
def test_bad_gold_is_rejected_in_one_line(tmp_path, gold):
    transcript = with_gold(tmp_path, gold)
    with pytest.raises(GoldError) as caught:
        load_gold(transcript.with_name("t.gold.json"))
    assert "\n" not in str(caught.value) and "t.gold.json" in str(caught.value)


def test_evaluate_cli_rejects_bad_gold(tmp_path):
    transcript = with_gold(tmp_path, variant("flags.0.quote", 0))
    line = one_line(invoke("evaluate", transcript))
    assert "flags[0].quote" in line and "at least 1" in line


def test_good_gold_loads():
    for path in list((ROOT / "samples").glob("*.gold.json")) + list((ROOT / "seeds").glob("*.gold.json")):
        load_gold(path)


def test_schema_is_shipped_with_the_package():
    assert schema("gold")["$id"] == "aligner.gold/1" and schema("pairgold")["$id"] == "aligner.pairgold/1"


def pair_folder(tmp_path, links) -> Path:
    (tmp_path / "d.ko.txt").write_text("첫 문장입니다.\n둘째 문장입니다.\n", "utf-8")
    (tmp_path / "d.en.txt").write_text("The first sentence.\nThe second sentence.\n", "utf-8")
    gold = {"schema": "aligner.pairgold/1", "ko": "d.ko.txt", "en": "d.en.txt", "links": links}
    path = tmp_path / "d.pairgold.json"
    path.write_text(json.dumps(gold) if not isinstance(links, str) else links, "utf-8")
    return path


@pytest.mark.parametrize("links", [
    [[[0], [1]]], [[[-1], [1]]], [[[1.5], [1]]], [[[3], [1]]], [[[1], [99]]], [[[10**30], [1]]],
    [[[1], "2"]], [[[1]]], "not a list", [[[True], [1]]],
], ids=range(10))
def test_bad_pair_gold_is_rejected(tmp_path, links):
    path = pair_folder(tmp_path, links)
    with pytest.raises(GoldError):
        load_gold_document(path)
    one_line(invoke("pair-eval", "--method", "gale-church", path))


def test_good_pair_gold_loads(tmp_path):
    document = load_gold_document(pair_folder(tmp_path, [[[1], [1]], [[2], [2]]]))
    assert document.gold == (((0,), (0,)), ((1,), (1,)))


@pytest.mark.parametrize("row", ["0\tnot\tx", "-1\tnot\tx", "1.5\tnot\tx", "9" * 5000 + "\tnot\tx", "٣\tnot\tx"])
def test_bad_audit_lines_are_rejected(tmp_path, row):
    path = tmp_path / "audit.tsv"
    path.write_text(f"line\tverdict\treason\n{row}\n", "utf-8")
    with pytest.raises(GoldError) as caught:
        read_audit(path)
    assert "audit.tsv:2" in str(caught.value)


def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "c.ko").write_text("".join(f"문장 {n}입니다.\n" for n in range(12)), "utf-8")
    (folder / "c.en").write_text("".join(f"Sentence {n}.\n" for n in range(12)), "utf-8")
    return folder


def test_pair_eval_write_into_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke("pair-eval", "--method", "gale-church", "--corpus", corpus(tmp_path), "--docs", "2",
                    "--sentences", "4", "--write", blocker / "sub")
    one_line(result, EXIT_OUTPUT)


def test_pair_eval_write_is_atomic_and_reloads(tmp_path):
    out = tmp_path / "built"
    result = invoke("pair-eval", "--method", "gale-church", "--corpus", corpus(tmp_path), "--docs", "2",
                    "--sentences", "4", "--write", out)
    assert result.exit_code == 0, result.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".aligner-")]
    for path in out.glob("*.pairgold.json"):
        load_gold_document(path)


gold_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["quotes", "quotes.0.speaker", "quotes.0.quote", "quotes.0.renderings",
                              "flags", "flags.0.quote", "flags.0.kind", "flags.0.evidence"]), value=gold_values)
def test_any_gold_value_loads_or_is_one_gold_error(tmp_path, field, value):
    path = tmp_path / "h.gold.json"
    path.write_text(json.dumps(variant(field, value)), "utf-8")
    try:
        gold = load_gold(path)
    except GoldError as exc:
        assert "\n" not in str(exc)
        return
    for flag in gold.get("flags") or []:  # what loads is in range
        assert flag.get("quote") is None or (type(flag["quote"]) is int and 1 <= flag["quote"] <= len(gold["quotes"]))
