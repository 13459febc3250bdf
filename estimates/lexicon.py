"""One loader for every lexicon: the built-in files in `estimates/lexicon/` and the user's own.

Lexicons are TOML files (one per topic, grammar in each file's header). A user extends them by
putting files of the same names in a folder named by `--lexicon DIR` or the `ESTIMATES_LEXICON`
environment variable (folders separated by the OS path separator): a user table overlays ours key
by key, so a user adds or redefines entries and never edits the package.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from estimates.errors import LexiconError

BUILTIN_DIR = Path(__file__).parent / "lexicon"
ENV_VAR = "ESTIMATES_LEXICON"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Merged lexicon tables: `tables[file_stem][section]` -> mapping of entries.

    Compared and hashed by identity, so compiled patterns can be cached per lexicon.
    """

    tables: Mapping[str, Mapping[str, Any]]
    dirs: tuple[str, ...] = field(default=())

    def section(self, file: str, section: str) -> Mapping[str, Any]:
        """One section of one lexicon file (empty when absent)."""
        return self.tables.get(file, {}).get(section, {})

    def file(self, file: str) -> Mapping[str, Any]:
        return self.tables.get(file, {})


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, val in extra.items():
        if isinstance(val, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], val)
        else:
            base[key] = val


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        # Python 3.11's tomllib gives the line only in the message: "(at line 18, column 19)"
        m = re.search(r"at line (\d+)", str(e))
        line = int(getattr(e, "lineno", 0) or (m.group(1) if m else 0))
        text = ""
        if line:
            lines = path.read_text(encoding="utf-8").splitlines()
            text = lines[line - 1] if line <= len(lines) else ""
        raise LexiconError(str(path), line, text, f"not valid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(str(path), 0, "", f"cannot read ({e})") from None


def user_dirs() -> tuple[str, ...]:
    """Folders named by the ESTIMATES_LEXICON environment variable."""
    raw = os.environ.get(ENV_VAR, "")
    return tuple(d for d in raw.split(os.pathsep) if d)


def load_lexicon(extra_dirs: Iterable[str | Path] = ()) -> Lexicon:
    """Load the built-in lexicon, then overlay each extra folder's TOML files in order."""
    dirs = (str(BUILTIN_DIR), *user_dirs(), *(str(d) for d in extra_dirs))
    return _load(dirs)


@cache
def _load(dirs: tuple[str, ...]) -> Lexicon:
    tables: dict[str, dict[str, Any]] = {}
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise LexiconError(d, 0, "", "lexicon folder not found")
        for path in sorted(folder.glob("*.toml")):
            _merge(tables.setdefault(path.stem, {}), _read_toml(path))
    return Lexicon(tables=tables, dirs=dirs)


def unit_definition_files(lexicon: Lexicon) -> list[Path]:
    """Every `units.txt` (pint definitions) in the lexicon folders, built-in first."""
    return [Path(d) / "units.txt" for d in lexicon.dirs if (Path(d) / "units.txt").is_file()]
