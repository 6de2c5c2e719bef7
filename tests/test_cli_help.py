"""Every command explains itself (sqlite-utils style)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from aligner.cli import cli

COMMANDS = sorted(cli.commands)


def test_the_commands_we_document_exist():
    assert {"align", "evaluate", "diff"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name):
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"aligner {name} has no docstring"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: cli {name}") or result.output.startswith(f"Usage: aligner {name}")
    first_line = command.help.strip().splitlines()[0]
    assert first_line in result.output
    for param in command.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            assert param.help, f"aligner {name} {param.opts[0]} has no help text"


def test_the_group_lists_every_command_with_a_summary():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        line = next((row for row in result.output.splitlines() if row.strip().startswith(name + " ")), None)
        assert line and len(line.split(None, 1)) == 2, f"aligner --help shows no summary for {name}"
