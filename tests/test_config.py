"""Settings file: ``aligner.toml`` in the working folder, or ``--config FILE``;
the command line wins over it."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner
from conftest import SEED

from aligner.cli import cli
from aligner.config import load_config
from aligner.errors import EXIT_FLAGS, EXIT_INPUT, EXIT_MODEL, InputError
from aligner.render.terminal import visible_width
from aligner.review import Review, save_review


@pytest.fixture()
def work(tmp_path):
    shutil.copy(SEED, tmp_path / "story.txt")
    return tmp_path


def invoke(folder, *args, input=None):
    here = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, prog_name="aligner")
    finally:
        os.chdir(here)


def widest(text: str) -> int:
    return max(visible_width(line) for line in text.splitlines())


def test_aligner_toml_in_the_working_folder_sets_defaults_the_command_line_overrides(work):
    assert invoke(work, "align", "story.txt").exit_code == 0
    (work / "aligner.toml").write_text('fail-on = "error"\nwidth = 60\nmin-severity = "warning"\n', encoding="utf-8")
    result = invoke(work, "align", "story.txt")
    assert result.exit_code == EXIT_FLAGS
    assert widest(result.stdout) <= 60
    assert "info typography" not in result.stdout  # min-severity warning
    wide = invoke(work, "align", "--width", "120", "story.txt")
    assert widest(wide.stdout) > 60
    assert invoke(work, "diff", "story.txt").stdout.splitlines() and widest(invoke(work, "diff", "story.txt").stdout) <= 60


def test_explicit_config_with_paths_relative_to_it(work, seed_report):
    settings = work / "settings"
    settings.mkdir()
    (settings / "glossary.tsv").write_text("감찰관\tinspector general\ttitle\n", encoding="utf-8")
    review = Review(str(settings / "decisions.json"))
    review.decide(seed_report, next(f for f in seed_report.flags if f.kind == "misquote"), "accepted")
    save_review(review)
    (settings / "team.toml").write_text('glossary = "glossary.tsv"\nreview = "decisions.json"\nfail-on = "error"\n',
                                        encoding="utf-8")
    result = invoke(work, "align", "--config", "settings/team.toml", "-f", "json", "story.txt")
    assert result.exit_code == 0, result.output  # the one error is accepted in the configured review file
    data = json.loads(result.stdout)
    assert data["run"]["settings"]["glossary"] == os.path.join("settings", "glossary.tsv")
    assert data["review"]["file"] == os.path.join("settings", "decisions.json")
    # the review command writes to the configured file too
    walked = invoke(work, "review", "--config", "settings/team.toml", "story.txt", input="w\nq\n")
    assert walked.exit_code == 0, walked.output
    assert "written to settings/decisions.json" in walked.stderr
    assert not (work / "aligner-review.json").exists()


def test_a_configured_model_that_cannot_load_is_exit_4(work):
    (work / "aligner.toml").write_text('model = "no/such-model"\n', encoding="utf-8")
    result = invoke(work, "align", "story.txt")
    assert result.exit_code == EXIT_MODEL
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
    assert result.stderr.startswith("aligner: error: cannot load model 'no/such-model'")


@pytest.mark.parametrize("content, words", [
    ('colour = "always"\n', "unknown setting 'colour'"),
    ('width = "wide"\n', "'width' must be a number"),
    ("width = \n", "not valid TOML"),
])
def test_a_bad_settings_file_is_one_line_and_exit_3(work, content, words):
    (work / "aligner.toml").write_text(content, encoding="utf-8")
    result = invoke(work, "align", "story.txt")
    assert result.exit_code == EXIT_INPUT
    (line,) = result.stderr.splitlines()
    assert line.startswith("aligner: error: aligner.toml: ") and words in line


def test_a_missing_explicit_settings_file_is_an_input_error(work):
    result = invoke(work, "align", "--config", "nope.toml", "story.txt")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.strip() == "aligner: error: nope.toml: no such settings file"
    with pytest.raises(InputError):
        load_config(str(work / "nope.toml"))
    assert load_config(None) == (None, {}) or os.path.exists("aligner.toml")
