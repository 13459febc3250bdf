"""`estimates add`, `reindex` and `move`: fill the ledger and correct its grouping."""

from __future__ import annotations

import re
import sys

import click

from estimates.cli.options import State

CLAIM_ID = re.compile(r"[0-9a-fA-F]{1,40}")
"""A claim id or a prefix of one: claim ids are hex digests."""


def _note(state: State, message: str) -> None:
    if not state.quiet:
        click.echo(message, err=True)


def add_paths(state: State, paths: tuple[str, ...]) -> tuple[int, int]:
    """Ingest `paths` into the ledger, report bad files on stderr; returns how many inputs
    failed and how many documents were read (added, replaced or unchanged)."""
    from estimates.cli.progress import progress
    from estimates.errors import DocumentError
    from estimates.tracker import Tracker

    with (
        Tracker(state.db, lexicon_dirs=state.lexicon_dirs) as t,
        progress(total=None, quiet=state.quiet, label="documents") as tick,
    ):

        def step(item: object, claims: int) -> None:
            failed = isinstance(item, DocumentError)
            if isinstance(item, DocumentError):
                tick.echo(f"estimates: error: {item.path}: {item.reason}")
            tick(docs=0 if failed else 1, claims=claims, failed=int(failed))

        result = t.add(paths, on_document=step)
    s = result.stored
    _note(
        state,
        f"estimates: {len(s.added)} added, {len(s.replaced)} replaced, "
        f"{len(s.unchanged)} unchanged ({s.claims} claims stored) in {state.db}",
    )
    return len(result.errors), len(s.added) + len(s.replaced) + len(s.unchanged)


def add_claims(state: State, folder: str) -> None:
    """Load a claims folder into the ledger in one transaction and say what changed."""
    from estimates.tracker import Tracker

    with Tracker(state.db, lexicon_dirs=state.lexicon_dirs) as t:
        s = t.add_claims(folder)
    _note(
        state,
        f"estimates: {len(s.added)} added, {len(s.replaced)} replaced, "
        f"{len(s.unchanged)} unchanged ({s.claims} claims stored) in {state.db}",
    )


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--claims",
    "claims_dir",
    metavar="FOLDER",
    type=click.Path(file_okay=False, exists=True),
    help="Load a claims folder written by `estimates extract ARCHIVE --to FOLDER` (Parquet) "
    "instead of extracting PATHS.",
)
@click.pass_obj
def add(state: State, paths: tuple[str, ...], claims_dir: str | None) -> None:
    """Extract the claims of PATHS (files or folders) and store them in the ledger.

    A document already stored with the same content is skipped; one whose text changed (same
    id) has its claims replaced. The batch is one transaction. Bad files are reported one line
    each; the others are stored, and the exit status is 1.

    With --claims FOLDER, the documents and claims an archive run extracted are loaded in
    bulk, with the same rules.

    \b
    Example:
        estimates add data/
        estimates --db news.db add today/*.json
        estimates --db news.db add --claims claims/
    """
    if bool(paths) == bool(claims_dir):
        raise click.UsageError("give PATHS to extract, or --claims FOLDER to load (not both)")
    if claims_dir:
        add_claims(state, claims_dir)
    elif add_paths(state, paths)[0]:
        sys.exit(1)


@click.command()
@click.option("--all", "everything", is_flag=True, help="Re-extract every document.")
@click.pass_obj
def reindex(state: State, everything: bool) -> None:
    """Re-extract stored documents whose claims came from an older extractor version.

    Example:

        estimates reindex --all
    """
    from estimates.tracker import Tracker

    with Tracker(state.db, lexicon_dirs=state.lexicon_dirs, create=False) as t:
        n = t.reindex(everything)
    _note(state, f"estimates: {n} claims re-extracted in {state.db}")


@click.command()
@click.argument("claim_id")
@click.argument("quantity")
@click.pass_obj
def move(state: State, claim_id: str, quantity: str) -> None:
    """Put claim CLAIM_ID (or a unique prefix of it) into QUANTITY (an id, new or existing).

    The move is stored in the ledger and wins over automatic grouping and pinned quantities.

    Example:

        estimates move 3f2a9c north-korean-troops-in-russia
    """
    from estimates.errors import EstimatesError
    from estimates.tracker import Tracker

    if not CLAIM_ID.fullmatch(claim_id):
        raise EstimatesError(
            f"claim id {claim_id!r} is not one: hex digits, as the report and "
            "`estimates export claims` show them"
        )
    name = quantity.strip()
    if not name or not all(ch.isprintable() and not ch.isspace() for ch in name):
        raise EstimatesError(
            f"quantity id {quantity!r} must be one word of printable characters (e.g. nk-troops)"
        )
    with Tracker(state.db, lexicon_dirs=state.lexicon_dirs, create=False) as t:
        full = t.move(claim_id.lower(), name)
    _note(state, f"estimates: moved claim {full} to {name}")


@click.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.pass_obj
def remove(state: State, doc_ids: tuple[str, ...]) -> None:
    """Delete the documents DOC_IDS from the ledger, with their claims and moves.

    Ids are those `estimates export claims` shows in `doc_id`. An id not in the ledger is
    reported, and the exit status is 1.

    Example:

        estimates remove ap-2024-10-30-nk-troops
    """
    from estimates.documents.guard import no_surrogates
    from estimates.tracker import Tracker

    # a byte that is not UTF-8 in a file name became U+FFFD in the id made from it
    doc_ids = tuple(no_surrogates(d) for d in doc_ids)
    with Tracker(state.db, lexicon_dirs=state.lexicon_dirs, create=False) as t:
        removed = t.remove(doc_ids)
    for doc_id in doc_ids:
        if doc_id not in removed:
            click.echo(f"estimates: error: no document {doc_id!r} in {state.db}", err=True)
    _note(state, f"estimates: {len(removed)} removed from {state.db}")
    if len(removed) < len(set(doc_ids)):
        sys.exit(1)


commands = [add, reindex, move, remove]
