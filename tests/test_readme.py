"""The README starts with the user: what aligner does and a picture, then
exactly two commands; the first installs no torch, CI runs the second, and
every file the README links is in the repository."""
from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def the_two_commands() -> list[str]:
    block = README.split("## Two commands", 1)[1].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_opens_with_what_it_does_and_a_screenshot_before_the_commands():
    before = README.split("## Two commands", 1)[0]
    assert "checks how a bilingual broadcast-news transcript renders" in before
    image = re.search(r"!\[[^\]]+\]\(([^)]+)\)", before)
    assert image and (ROOT / image.group(1)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "```" not in before


def test_exactly_two_commands_the_first_without_torch():
    first, second = the_two_commands()
    assert "torch" not in first and "[st" not in first
    assert first.endswith("aligner align seeds/voa-nk-human-rights-resolution.en.txt")
    assert second.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines(), ".ci/run must run the README's test command as written"


def test_every_linked_file_is_in_the_repository():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    local = [link for link in links if not link.startswith(("http://", "https://"))]
    assert local, "the README links its docs"
    for link in local:
        assert not link.startswith(".."), f"{link} is outside the repository"
        assert (ROOT / link).exists(), link
    for doc in ("docs/report-format.md", "docs/gold-format.md"):
        assert doc in local
