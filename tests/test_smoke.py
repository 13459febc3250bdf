"""The package imports and the CLI answers."""

from click.testing import CliRunner

from estimates.cli import cli


def test_help_lists_extract() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output
