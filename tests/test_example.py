"""``aligner example`` prints the bundled example transcript, which the
README's walk-through aligns and reviews."""
from __future__ import annotations

from importlib import resources

from click.testing import CliRunner

from aligner.cli import cli


def test_example_prints_the_packaged_transcript():
    result = CliRunner().invoke(cli, ["example"])
    assert result.exit_code == 0
    assert result.stdout == resources.files("aligner").joinpath("data", "example.txt").read_text(encoding="utf-8")
    assert result.stdout.count("[녹취:") == 3


def test_the_example_shows_what_the_readme_says(align_text, tmp_path):
    text = CliRunner().invoke(cli, ["example"]).stdout
    report = align_text(text, path="example.txt")
    assert [q.speaker.name for q in report.quotes] == ["레이철 하딩", "레이철 하딩", "토머스 베일리"]
    assert all(q.renderings for q in report.quotes)
    assert sorted((f.severity, f.kind, f.quote) for f in report.flags) == [  # by rank: info, warning, error
        ("warning", "name_variant", None), ("error", "number_mismatch", "q2")]
    # written to a file and aligned from there, as the README does it
    path = tmp_path / "example.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", "-q", str(path)])
    assert result.exit_code == 0 and "3 quotes, 3 linked; flags: 1 error, 1 warning, 0 info" in result.stdout
