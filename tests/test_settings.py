"""The settings tree: registered detectors, every threshold in the signature,
TOML overrides, and `aligner settings`."""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import InputError
from aligner.flags import FlagSettings, flag_kinds, registry
from aligner.settings import Settings, apply_overrides, load_settings, to_toml

ROOT = Path(__file__).resolve().parent.parent


def test_every_flag_kind_has_exactly_one_registered_detector():
    kinds = flag_kinds()
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == {"misquote", "meaning_shift", "omission", "addition", "number_mismatch", "name_variant",
                          "speaker_mismatch", "unresolved_speaker", "malformed_marker", "missing_quote",
                          "unrendered_quote", "typography", "untranslated"}
    assert [d.name for d in registry()] == sorted(d.name for d in registry())


# Module-level numbers that are bounds on cost, not fitted to any data.
# (flags/flood.py is no detector and is not scanned: its bound keeps a report
# readable.)
COST_BOUNDS = {("phrases.py", "MAX_WINDOW_WORDS")}


def test_no_tuned_number_lives_outside_the_settings_tree():
    # A module-level NAME = <number> in a detector, the speaker resolver, the
    # rendering finder, the phrase alignment or the reviewer's comparisons and
    # word diff would be a threshold the signature does not record.
    detectors = [p for p in ROOT.glob("aligner/flags/*.py") if "\nDETECTOR = " in p.read_text("utf-8")]
    assert len(detectors) == len(registry())
    shared = ["speakers.py", "renderings.py", "phrases.py", "comparisons.py", "worddiff.py", "render/diff.py"]
    for path in [*detectors, *(ROOT / "aligner" / name for name in shared)]:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            found = re.match(r"^([A-Z_]+) = -?[0-9.]+\b", line)
            assert not found or (path.name, found.group(1)) in COST_BOUNDS, f"{path.name}:{number}: {line}"


def test_the_signature_holds_every_setting_of_the_tree():
    settings = Settings()
    recorded = dict(settings.signature().settings)
    for name, detector_settings in settings.detectors.items():
        for f in fields(detector_settings):
            assert f"flags.{name}.{f.name}" in recorded
    for f in fields(settings.speakers):
        assert f"speakers.{f.name}" in recorded
    for section in ("phrases", "comparisons"):
        for f in fields(getattr(settings, section)):
            assert recorded[f"{section}.{f.name}"] == getattr(getattr(settings, section), f.name)
    assert recorded["renderings.weights"] == settings.renderings.weights


def test_a_changed_threshold_changes_the_digest_and_the_resume_key():
    from aligner.batch import run_key

    base = Settings()
    changed = apply_overrides(base, {"flags": {"addition": {"warning_link": 0.9}}})
    assert changed.detectors["addition"].warning_link == 0.9
    assert base.signature().digest() != changed.signature().digest()
    assert run_key(base, "json", None) != run_key(changed, "json", None)


def test_the_glossary_content_goes_into_the_signature(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("감찰관\tinspector general\ttitle\n", encoding="utf-8")
    before = Settings(glossary=str(glossary)).signature()
    glossary.write_text("감찰관\tinspector-general\ttitle\n", encoding="utf-8")
    after = Settings(glossary=str(glossary)).signature()
    assert dict(before.settings)["glossary"] == dict(after.settings)["glossary"]
    assert before.digest() != after.digest()


def test_the_tree_round_trips_through_toml(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(to_toml(Settings().tree()), encoding="utf-8")
    assert load_settings(str(path)) == Settings()


@pytest.mark.parametrize("data, message", [
    ({"renderingz": {}}, "unknown section"),
    ({"renderings": {"treshold": 0.5}}, "unknown setting 'treshold'"),
    ({"renderings": {"window": 2.5}}, "expected int"),
    ({"renderings": {"threshold": "high"}}, "expected float"),
    ({"renderings": {"weights": [1.0, 2.0]}}, "needs 18 numbers"),
    ({"phrases": {"carried_cosine": "high"}}, "expected float"),
    ({"comparisons": {"max_window_sentences": 2.5}}, "expected int"),
    ({"flags": {"nosuch": {}}}, "no detector named 'nosuch'"),
    ({"flags": {"addition": {"warning_link": True}}}, "expected float"),
])
def test_bad_overrides_are_one_clear_error(data, message):
    with pytest.raises(InputError, match=message):
        apply_overrides(Settings(), data)


def test_flag_settings_reject_an_unknown_detector():
    with pytest.raises(ValueError):
        FlagSettings((("nosuch", object()),))


def test_an_override_changes_what_the_analysis_does(align_text):
    text = ROOT.joinpath("seeds/voa-nk-human-rights-resolution.en.txt").read_text("utf-8")
    strict = apply_overrides(Settings(), {"renderings": {"threshold": 0.999}})
    report = align_text(text, renderings=strict.renderings)
    assert all(not q.renderings for q in report.quotes)
    assert {f.kind for f in report.flags} >= {"unrendered_quote"}


def test_settings_command_prints_what_settings_reads_back(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["settings"])
    assert result.exit_code == 0, result.output
    assert "[flags.addition]" in result.output and "warning_link = 0.85" in result.output
    path = tmp_path / "mine.toml"
    path.write_text(result.output.replace("warning_link = 0.85", "warning_link = 0.9"), encoding="utf-8")
    again = runner.invoke(cli, ["settings", "--settings", str(path)])
    assert "warning_link = 0.9" in again.output
    as_json = runner.invoke(cli, ["settings", "--format", "json"])
    assert '"warning_link": 0.85' in as_json.output


def test_a_bad_settings_file_is_one_line_and_exit_3(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[renderings]\nthreshold = \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", "--settings", str(path), str(ROOT / "seeds")])
    assert result.exit_code == 3
    assert result.output.strip().startswith("aligner: error:") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("section", ["phrases", "comparisons"])
def test_a_wrong_shared_section_is_a_usage_error(section):
    from aligner.errors import UsageError
    from aligner.pipeline import check_settings

    with pytest.raises(UsageError, match=f"{section} must be"):
        check_settings(Settings(**{section: 0.5}))
