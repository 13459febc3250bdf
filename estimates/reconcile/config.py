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

Stories (documents about one event) are pinned or renamed in the same file:

    [stories.nepal-quake]
    name = "2015 Nepal earthquake"
    must = ["Nepal|Gorkha", "earthquake|quake"]   # every entry in the document's title or text
    docs = ["usaid-nepal-01"]                      # and/or these document ids

    [stories.hurricane-harvey]                     # no must/docs: renames the automatic story
    name = "Harvey (2017)"                          # whose id is hurricane-harvey
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
STORY_KEYS = frozenset({"name", "must", "docs"})
TABLES = frozenset({"quantities", "stories"})


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


@dataclass(frozen=True)
class StorySpec:
    """One pinned or renamed story."""

    id: str
    name: str
    must: tuple[re.Pattern[str], ...] = ()
    docs: tuple[str, ...] = ()

    @property
    def pins(self) -> bool:
        """Whether the spec takes documents (else it only renames the story of its id)."""
        return bool(self.must or self.docs)

    def takes(self, doc_id: str, text: str) -> bool:
        """Whether a document belongs to this story: named in `docs`, or every `must` entry in
        its title or text."""
        if doc_id in self.docs:
            return True
        return bool(self.must) and all(p.search(text) for p in self.must)


def load_specs(path: str | Path | None) -> tuple[QuantitySpec, ...]:
    """The pinned quantities in a config file (none when `path` is None)."""
    if path is None:
        return ()
    p = Path(path)
    table = _read(p).get("quantities", {})
    return tuple(_spec(p, qid, body) for qid, body in table.items())


def load_story_specs(path: str | Path | None) -> tuple[StorySpec, ...]:
    """The pinned or renamed stories in a config file (none when `path` is None)."""
    if path is None:
        return ()
    p = Path(path)
    table = _read(p).get("stories", {})
    return tuple(_story(p, sid, body) for sid, body in table.items())


def _read(p: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{p}: no such quantities file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{p}: cannot read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{p}: not valid TOML ({e})") from None
    if set(data) - TABLES or not all(isinstance(data[k], dict) for k in data):
        raise SettingsError(f"{p}: expected only [quantities.NAME] and [stories.NAME] tables")
    return data


def _story(path: Path, sid: str, body: Any) -> StorySpec:
    where = f"{path}: [stories.{sid}]"
    if not isinstance(body, dict):
        raise SettingsError(f"{where}: expected a table")
    unknown = set(body) - STORY_KEYS
    if unknown:
        raise SettingsError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SettingsError(f"{where}: name must be a non-empty string")
    return StorySpec(
        id=sid,
        name=name.strip(),
        must=tuple(_pattern(s) for s in _strings(where, "must", body.get("must", []))),
        docs=tuple(_strings(where, "docs", body.get("docs", []))),
    )


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
