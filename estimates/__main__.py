"""`python -m estimates` runs the CLI."""

from estimates.cli import main

main()
