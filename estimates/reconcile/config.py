"""Named, pinned quantities from a small TOML file, so users decide what goes together.

    [quantities.nk-troops-in-russia]
    label = "North Korean troops in Russia"
    unit = ["troop", "soldier"]        # counted noun or unit (singular); one name or a list
    must = ["North Korean|DPRK", "Russia"]   # every entry must appear; "|" separates choices
    must_not = ["Kursk", "killed", "wounded"]

Words are matched case-insensitively as whole words: every `must` entry in the claim's sentence
(or the modifier and place inferred from its document: "North Korean", "Russia"), no `must_not`
word in its clause (the words next to its number, up to another number or a comma). `unit` is
the counted noun or unit, or its class ("troop" covers soldiers). The first quantity in the file
that matches a claim takes it; automatic grouping handles the rest.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from estimates.claims.model import Claim
from estimates.errors import SettingsError

SPEC_KEYS = frozenset({"label", "unit", "must", "must_not"})


@dataclass(frozen=True)
class QuantitySpec:
    """One pinned quantity."""

    id: str
    label: str
    units: tuple[str, ...] = ()
    must: tuple[re.Pattern[str], ...] = ()
    must_not: tuple[re.Pattern[str], ...] = ()

    @property
    def unit(self) -> str | None:
        return self.units[0] if self.units else None


def load_specs(path: str | Path | None) -> tuple[QuantitySpec, ...]:
    """The pinned quantities in a config file (none when `path` is None)."""
    if path is None:
        return ()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{p}: no such quantities file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{p}: cannot read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{p}: not valid TOML ({e})") from None
    table = data.get("quantities", {})
    if not isinstance(table, dict) or set(data) - {"quantities"}:
        raise SettingsError(f"{p}: expected only [quantities.NAME] tables")
    return tuple(_spec(p, qid, body) for qid, body in table.items())


def _spec(path: Path, qid: str, body: Any) -> QuantitySpec:
    where = f"{path}: [quantities.{qid}]"
    if not isinstance(body, dict):
        raise SettingsError(f"{where}: expected a table")
    unknown = set(body) - SPEC_KEYS
    if unknown:
        raise SettingsError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    return QuantitySpec(
        id=qid,
        label=str(body.get("label") or qid),
        units=tuple(s.lower() for s in _strings(where, "unit", body.get("unit", []))),
        must=tuple(_pattern(s) for s in _strings(where, "must", body.get("must", []))),
        must_not=tuple(_pattern(s) for s in _strings(where, "must_not", body.get("must_not", []))),
    )


def _strings(where: str, key: str, v: Any) -> list[str]:
    items = [v] if isinstance(v, str) else v
    if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
        raise SettingsError(f"{where}: {key} must be a word or a list of words")
    return items


def _pattern(entry: str) -> re.Pattern[str]:
    alt = "|".join(re.escape(w.strip()) for w in entry.split("|") if w.strip())
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)


def spec_matches(
    spec: QuantitySpec, claim: Claim, sentence: str, clause: str, noun: str | None
) -> bool:
    """Whether a claim belongs to a pinned quantity: its unit, `must` words in its sentence,
    no `must_not` word in its clause."""
    if spec.units and (claim.unit or "").lower() not in spec.units and noun not in spec.units:
        return False
    if not all(p.search(sentence) for p in spec.must):
        return False
    return not any(p.search(clause) for p in spec.must_not)
