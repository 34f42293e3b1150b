"""The command group: every command is listed, documented, and errors become one line."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, LazyGroup, cli
from kg.errors import InputError

README = Path(__file__).resolve().parents[3] / "README.md"


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name}" in result.output, f"{name} missing from kg --help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert f"kg {name}" in README.read_text(encoding="utf-8"), f"README lacks `kg {name}`"


def test_kg_error_becomes_one_line_and_exit_1() -> None:
    @click.group(cls=LazyGroup)
    def group() -> None:
        pass

    @group.command()
    def boom() -> None:
        raise InputError("examples/x.txt:3: not a listing; pass --input-format")

    group.list_commands = lambda ctx: ["boom"]  # type: ignore[method-assign]
    group.get_command = lambda ctx, name: boom if name == "boom" else None  # type: ignore[method-assign]
    result = CliRunner().invoke(group, ["boom"])
    assert result.exit_code == 1
    assert result.stderr == "Error: examples/x.txt:3: not a listing; pass --input-format\n"
    assert "Traceback" not in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.stderr
