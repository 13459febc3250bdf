"""`estimates extract`: claims of documents, printed (nothing stored), or an archive's claims
written to a folder of Parquet files on a Dask cluster (`--to`)."""

from __future__ import annotations

import sys

import click

from estimates.cli.options import State, format_option, output_option
from estimates.cli.render import write_claims

ERROR_LINES_SHOWN = 20
"""Bad documents an archive run names on stderr; the rest are counted (all are in _errors/)."""


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
    "input.max_size, 50MB). With --to: per document.",
)
@click.option(
    "--to",
    "to",
    metavar="FOLDER",
    type=click.Path(file_okay=False),
    help="Archive mode: write the claims of PATHS (files, folders or quoted globs of Parquet, "
    "JSON Lines and the other kinds) as Parquet to FOLDER, by publication month; a rerun "
    "resumes.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="With --to: worker processes of a local Dask cluster (default: the CPU count; 0 runs "
    "in this process, without Dask).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --to: run on this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of a local one.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=None,
    help="With --to: documents (rows, lines or files) per partition [default: 2000].",
)
@click.option(
    "--max-partitions",
    type=click.IntRange(min=0),
    default=None,
    help="With --to: stop after this many partitions (a time-boxed run; the next one resumes).",
)
@click.pass_obj
def extract(
    state: State,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    max_size: int | None,
    to: str | None,
    workers: int | None,
    scheduler: str | None,
    partition_size: int | None,
    max_partitions: int | None,
) -> None:
    """Print the numeric claims found in PATHS (files, folders, or - for stdin).

    Reads .txt (optional `key: value` header, blank line, body), .json, .jsonl, .html and
    RSS/Atom feeds (.rss, .atom, .xml); stdin's format is told by its content. Bad files are
    reported one line each; the others are still processed, and the exit status is 1.

    With --to FOLDER, PATHS is an archive (also .parquet; rows with id, text, published,
    publisher, title, url) and the claims go to FOLDER as Parquet, one folder per publication
    month, extracted on a local Dask cluster (--workers) or a running one (--scheduler).
    Bad documents are counted and listed in FOLDER/_errors/; a rerun skips what is done.

    \b
    Example:
        estimates extract data/ --format csv -o claims.csv
        estimates extract - --format jsonl < saved-page.html
        estimates extract 'archive/**/*.parquet' --to claims/ --workers 8
    """
    if to is not None:
        if output is not None:
            raise click.UsageError("-o/--output prints claims; with --to they go to FOLDER")
        _archive(state, paths, to, workers, scheduler, partition_size, max_partitions, max_size)
        return
    if workers is not None or scheduler or partition_size or max_partitions is not None:
        raise click.UsageError(
            "--workers, --scheduler, --partition-size and --max-partitions need --to FOLDER"
        )
    from estimates.batch.loop import extract_each
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


def _archive(
    state: State,
    paths: tuple[str, ...],
    to: str,
    workers: int | None,
    scheduler: str | None,
    partition_size: int | None,
    max_partitions: int | None,
    max_size: int | None,
) -> None:
    """Archive mode: every partition of PATHS extracted into FOLDER, a bar over partitions."""
    import os

    from estimates.batch.archive import PARTITION_SIZE
    from estimates.batch.cluster import run_archive
    from estimates.cli.progress import enabled, make_bar
    from estimates.documents import ReadOptions

    shown = 0
    bar = None

    def on_plan(todo: int, already: int) -> None:
        nonlocal bar
        if already and not state.quiet:
            click.echo(f"estimates: {already} partitions already done in {to}; resuming", err=True)
        if enabled(state.quiet):
            bar = make_bar(todo, "partitions")
            bar.bar.start()

    def on_partition(r) -> None:
        nonlocal shown
        for where, reason in r.first_errors:
            if shown < ERROR_LINES_SHOWN:
                line = error_line(where, reason)
                bar.echo(line) if bar else click.echo(line, err=True)
                shown += 1
        if bar is not None:
            bar(docs=1, claims=r.claims, failed=r.errors)

    n = (os.cpu_count() or 1) if workers is None and scheduler is None else (workers or 0)
    try:
        result = run_archive(
            paths,
            to,
            workers=n,
            scheduler=scheduler,
            partition_size=partition_size or PARTITION_SIZE,
            max_partitions=max_partitions,
            lexicon_dirs=state.lexicon_dirs,
            options=ReadOptions.from_settings(max_size=max_size),
            on_plan=on_plan,
            on_partition=on_partition,
        )
    finally:
        if bar is not None:
            bar.bar.stop()
    for reason in result.failed.values():
        click.echo(f"estimates: error: partition failed: {reason}", err=True)
    if result.errors > shown:
        click.echo(f"estimates: ... {result.errors - shown} more bad documents", err=True)
    if not state.quiet:
        rate = result.documents / result.seconds if result.seconds else 0.0
        click.echo(
            f"estimates: {len(result.results)} partitions, {result.documents} documents "
            f"({result.skipped} already done), {result.claims} claims, {result.errors} bad "
            f"(listed in {to}/_errors/) in {result.seconds:.1f} s ({rate:.0f} documents/s)",
            err=True,
        )
        if result.failed:
            click.echo(
                f"estimates: {len(result.failed)} partitions failed: rerun to retry", err=True
            )
    if result.errors or result.failed:
        sys.exit(1)
