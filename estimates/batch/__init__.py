"""Documents in batches: the one partition function every path extracts through, and what
runs it over many documents (the ledger's `ingest`, an archive on a Dask cluster).

    extract_partition(documents_frame) -> claims_frame       # pure, pandas in and out

`Tracker.add`, `estimates extract` and `estimates extract ARCHIVE --to DIR` all call it, so
their claims cannot drift. Dask and pyarrow (the `[scale]` extra) are imported only by the
archive and cluster functions that need them.
"""
