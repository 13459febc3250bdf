"""Stage 5: what a reader sees. Reports (markdown, html), charts, spreadsheet exports.

Everything here is a pure function of pandas DataFrames / report dicts; files are written only
by the `write_*` / `save_*` helpers the CLI calls. matplotlib and pandas are imported lazily.
"""
