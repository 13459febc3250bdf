"""The Claim record: one numeric claim, normalized, with who made it and when."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
"""Allowed `qualifier` values (see ../shared/corpus/GUIDELINES.md)."""

HEDGES = ("estimate", "confirmed", "reported", "denied", "projected")


@dataclass(frozen=True)
class Claim:
    """A number that quantifies the world, with its span, unit, bounds, source and date."""

    doc_id: str
    claim_id: str
    start: int
    end: int
    text: str
    sentence: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    change: str | None
    unit: str | None
    kind: str
    source: str | None = None
    source_entity: str | None = None
    via: str | None = None
    claimed_at: str | None = None
    claimed_at_precision: str | None = None
    as_of: str | None = None
    hedge: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    subject: str | None = None  # words naming what is counted/measured, for grouping

    def evolve(self, **changes: Any) -> Claim:
        """A copy with `changes`: `dataclasses.replace` without re-running `__init__`.

        The stages call this once or twice per claim, where `replace` cost a tenth of the run.
        """
        unknown = changes.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"Claim has no field(s) {sorted(unknown)}")
        new = object.__new__(Claim)
        new.__dict__.update(self.__dict__, **changes)
        return new

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


_FIELD_NAMES = frozenset(f.name for f in fields(Claim))
