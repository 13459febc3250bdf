"""What a report keeps between runs (the ledger holds it; `Tracker` hands it in): the features
grouping read from each document (grouping.document_features) and the names of stories
(stories.find_stories), each under a digest of everything it was worked out from, so a report
after an add works out again only what changed. An entry is used only while its digest
matches, so the report is the one a run keeping nothing gives."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from estimates.lexicon import Lexicon, unit_definition_files

if TYPE_CHECKING:
    from estimates.reconcile.features import Features


class Kept(Protocol):
    """Results kept from earlier runs, by digest."""

    def features(self, doc_id: str, digest: str) -> Mapping[str, Features] | None:
        """The document's claim id -> features kept under `digest`, else None."""
        ...

    def keep_features(self, doc_id: str, digest: str, feats: Mapping[str, Features]) -> None:
        """Keep the document's claim id -> features under `digest`."""
        ...

    def name(self, digest: str) -> str | None:
        """The story name kept under `digest`, else None."""
        ...

    def keep_name(self, digest: str, name: str) -> None:
        """Keep a story's name under `digest`."""
        ...


@cache
def fingerprint(lexicon: Lexicon, code: tuple[str, ...]) -> str:
    """A digest of what kept results are worked out with: the `code` (paths under the
    estimates package), the lexicon (its tables and unit files) and the versions of pint and
    lemminflect. What was kept under another fingerprint is worked out again."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in (*(package / p for p in code), *unit_definition_files(lexicon)):
        h.update(Path(path).read_bytes())
    h.update(json.dumps(lexicon.tables, sort_keys=True, default=str).encode())
    h.update(f"{version('pint')} {version('lemminflect')}".encode())
    return h.hexdigest()


def digest(salt: str, *parts: object) -> str:
    """A digest of `parts` (JSON values) under `salt` (a fingerprint)."""
    h = hashlib.sha256(salt.encode())
    h.update(json.dumps(parts).encode())
    return h.hexdigest()
