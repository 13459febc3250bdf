"""`estimates extract`: claims of documents, printed, nothing stored."""

from __future__ import annotations

import sys

import click

from estimates.cli.options import State, format_option, output_option, report_error
from estimates.cli.render import write_claims


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(("table", "jsonl", "csv"), "table", "jsonl")
@output_option()
@click.pass_obj
def extract(state: State, paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Print the numeric claims found in PATHS (files, folders, or - for stdin).

    Reads .txt (optional `key: value` header, blank line, body), .json, .jsonl, .html and
    feeds. Bad files are reported one line each; the others are still processed, and the
    exit status is 1.

    Example:

        estimates extract data/ --format csv -o claims.csv

        estimates extract article.txt --format jsonl | jq .value
    """
    from estimates.claims import extract_claims
    from estimates.documents import read_documents
    from estimates.errors import DocumentError

    lexicon = state.lexicon()
    failed = 0

    def claims():
        nonlocal failed
        for item in read_documents(paths):
            if isinstance(item, DocumentError):
                failed += 1
                report_error(item.path, item.reason)
                continue
            yield from extract_claims(item, lexicon)

    write_claims(claims(), fmt, output)
    if failed:
        sys.exit(1)
