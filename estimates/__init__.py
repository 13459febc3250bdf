"""estimates: track conflicting numeric estimates across news articles.

Stages along the data's path: documents -> claims -> ledger -> reconcile -> report.
Heavy libraries (pandas, matplotlib, pint, dateparser) are imported where they are used.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "Tracker",
    "build_report",
    "extract_claims",
    "load_lexicon",
    "read_documents",
]

_LAZY = {
    "Claim": "estimates.claims",
    "extract_claims": "estimates.claims",
    "Document": "estimates.documents",
    "read_documents": "estimates.documents",
    "load_lexicon": "estimates.lexicon",
    "Tracker": "estimates.tracker",
    "build_report": "estimates.reconcile",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'estimates' has no attribute {name!r}")
