"""The README stays true: every command is documented with an example, and the codebook of
the CSV columns is the one the exporter uses."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from estimates.cli import cli
from estimates.report.codebook import codebook_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_a_readme_entry(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"`estimates {name}" in README


def test_readme_codebook_matches_the_exporter() -> None:
    assert codebook_markdown().strip() in README


def test_readme_states_install_run_and_test_commands() -> None:
    assert 'pip install -e ".[dev]"' in README
    assert "    estimates report data/\n" in README
    assert "    pytest\n" in README
