"""Documents in batches: the one per-document loop every path extracts through, and what runs
it over many documents.

    loop.py        read, give each document an id of its own, extract, and turn any failure
                   into that document's one-line error (`extract_each`, `extract_items`)
    ingest.py      into the ledger: `ingest` (spooled, one transaction), `reindex`,
                   `store_archive` (a claims folder loaded in bulk)
    partition.py   the partition function: documents DataFrame -> claims DataFrame, pure
    archive.py     an archive as partitions; claims written as Parquet and read back
    cluster.py     the partitions on a local or remote Dask cluster

`Tracker.add`, `estimates add`, `reindex`, `estimates extract` and the partitions of an archive
run all go through `loop.extract_items`, so their claims cannot drift. This layer sits above the
ledger (it stores through it) and the report's row builder (the claims frames are the report's
own). Dask and pyarrow (the `[scale]` extra) are imported only by the archive and cluster
functions that need them.
"""
