"""The walkthrough notebook runs from top to bottom on the bundled data (so it never rots)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"
CELL_TIMEOUT_S = 300
"""Generous: the first cell extracts every sample article on a possibly busy machine."""


def test_walkthrough_notebook_runs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",  # resolves to the interpreter running the tests (the venv's)
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "articles," in printed and "claims stored" in printed
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2  # the timeline and the overview, shown inline
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("source_name" in t for t in tables) and any("spread" in t for t in tables)
