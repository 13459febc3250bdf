"""Stage 5: what a reader sees, drawn only from the reconciler's records (reconcile/model.py).

One module per job: `view` (what a quantity's section shows) with `formatting` (every number
and date), the renderers `text`, `markdown`, `html` and `plot`, `plain` (the JSON report),
`frames` (rows and DataFrames, with `codebook`) and `export` (the one CSV/XLSX writer).
Files are written only through `files`; matplotlib, pandas and rich are imported lazily.
"""
