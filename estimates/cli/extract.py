"""`estimates extract`: claims of documents, printed, nothing stored."""

from __future__ import annotations

import sys

import click

from estimates.cli.options import State, format_option, output_option
from estimates.cli.render import write_claims


def error_line(path: str, reason: str) -> str:
    """The one line a bad input gets (the format of options.report_error)."""
    return f"estimates: error: {path}: {reason}"


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """--max-size text -> bytes; a malformed size is a usage error naming the option."""
    from estimates.settings import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(("table", "jsonl", "csv"), "table", "jsonl")
@output_option()
@click.option(
    "--max-size",
    metavar="SIZE",
    callback=_size,
    help="Refuse inputs larger than SIZE, e.g. 50MB, 800KB, 1GiB (default: settings "
    "input.max_size, 50MB).",
)
@click.pass_obj
def extract(
    state: State, paths: tuple[str, ...], fmt: str, output: str | None, max_size: int | None
) -> None:
    """Print the numeric claims found in PATHS (files, folders, or - for stdin).

    Reads .txt (optional `key: value` header, blank line, body), .json, .jsonl, .html and
    RSS/Atom feeds (.rss, .atom, .xml); stdin's format is told by its content. Bad files are
    reported one line each; the others are still processed, and the exit status is 1.

    Example:

        estimates extract data/ --format csv -o claims.csv

        estimates extract - --format jsonl < saved-page.html
    """
    from estimates.batch import extract_each
    from estimates.cli.progress import progress
    from estimates.documents import ReadOptions
    from estimates.errors import DocumentError

    if fmt == "csv" and output is not None:
        from estimates.report.export import check_suffix

        check_suffix(output)  # .csv or .xlsx, said before the work
    lexicon = state.lexicon()
    options = ReadOptions.from_settings(max_size=max_size)
    failed = 0
    # Claims streamed to the terminal show progress themselves; a bar would interleave.
    quiet = state.quiet or (output is None and fmt != "table" and sys.stdout.isatty())

    def claims(tick):
        nonlocal failed
        for item in extract_each(paths, lexicon, options):
            if isinstance(item, DocumentError):
                failed += 1
                tick.echo(error_line(item.path, item.reason))
                tick(failed=1)
                continue
            found = item.claims
            tick(claims=len(found))
            yield from found

    with progress(quiet=quiet) as tick:
        if fmt == "table":  # a table is printed whole, after the progress line is cleared
            found = list(claims(tick))
        else:
            write_claims(claims(tick), fmt, output)
    if fmt == "table":
        write_claims(found, fmt, output)
    if failed:
        sys.exit(1)
