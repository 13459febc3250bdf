"""One loader for every lexicon: the built-in files in `estimates/lexicon/` and the user's own.

Lexicons are TOML files (one per topic, grammar in each file's header). A user extends them by
putting files of the same names in a folder named by `--lexicon DIR` or the `ESTIMATES_LEXICON`
environment variable (folders separated by the OS path separator). `lexicon/schema.toml` says
what each file may hold; every file is checked against it, so a misspelt section, a wrong type
or a malformed entry is one `LexiconError` naming the file and line. A user table overlays ours
key by key, and a user word list is added to ours: a user never edits the package, and never
loses a built-in entry by adding one.
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
SCHEMA_FILE = BUILTIN_DIR / "schema.toml"
ENV_VAR = "ESTIMATES_LEXICON"

ANY_KEY = "*"
"""Schema key of a table whose keys are entries (words, aliases), not fixed fields."""

WORDS = "words"
"""Schema type of a word list: a user list extends the built-in one."""


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

    def words(self, file: str, section: str, key: str = "words") -> list[str]:
        """The word list `key` of one section (empty when absent)."""
        return [str(w) for w in self.section(file, section).get(key, [])]

    def months(self) -> list[str]:
        """Month names and their abbreviations, lower case ("march", "sept"): calendar.toml,
        the one list every reader of dates and times uses."""
        return [
            *self.section("calendar", "months"),
            *self.section("calendar", "month_abbreviations"),
        ]

    def weekdays(self) -> list[str]:
        """Weekday names, lower case (calendar.toml)."""
        return list(self.section("calendar", "weekdays"))


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
    schema = _read_toml(SCHEMA_FILE)
    tables: dict[str, dict[str, Any]] = {}
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise LexiconError(d, 0, "", "lexicon folder not found")
        builtin = folder == BUILTIN_DIR
        for path in sorted(folder.glob("*.toml")):
            if builtin and path == SCHEMA_FILE:
                continue
            data = _read_toml(path)
            spec = schema.get(path.stem)
            if spec is None and not builtin:
                known = ", ".join(sorted(schema))
                raise LexiconError(str(path), 0, "", f"unknown lexicon file (known: {known})")
            if spec is not None:
                _check(path, data, spec, (), allow_extra=builtin)
            _merge(tables.setdefault(path.stem, {}), data, spec or {})
    return Lexicon(tables=tables, dirs=dirs)


def unit_definition_files(lexicon: Lexicon) -> list[Path]:
    """Every `units.txt` (pint definitions) in the lexicon folders, built-in first."""
    return [Path(d) / "units.txt" for d in lexicon.dirs if (Path(d) / "units.txt").is_file()]


# -- reading ---------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        # Python 3.11's tomllib gives the line only in the message: "(at line 18, column 19)"
        m = re.search(r"at line (\d+)", str(e))
        line = int(getattr(e, "lineno", 0) or (m.group(1) if m else 0))
        raise LexiconError(str(path), line, _line(path, line), f"not valid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(str(path), 0, "", f"cannot read ({e})") from None


def _line(path: Path, line: int) -> str:
    if line <= 0:
        return ""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[line - 1] if line <= len(lines) else ""


# -- merging ---------------------------------------------------------------------------------


def _merge(base: dict[str, Any], extra: Mapping[str, Any], spec: Any) -> None:
    """Overlay `extra` on `base`: tables key by key, word lists extended, other values replaced."""
    for key, val in extra.items():
        sub = _field_spec(spec, key)
        old = base.get(key)
        if sub == WORDS and isinstance(old, list) and isinstance(val, list):
            seen = set(old)
            base[key] = old + [w for w in val if w not in seen]
        elif isinstance(val, Mapping) and isinstance(old, dict):
            _merge(old, val, sub)
        else:
            base[key] = _copy(val)


def _copy(val: Any) -> Any:
    if isinstance(val, Mapping):
        return {k: _copy(v) for k, v in val.items()}
    return list(val) if isinstance(val, list) else val


def _field_spec(spec: Any, key: str) -> Any:
    if not isinstance(spec, Mapping):
        return None
    return spec.get(key, spec.get(ANY_KEY))


# -- checking against the schema ----------------------------------------------------------------


def _check(
    path: Path,
    data: Mapping[str, Any],
    spec: Mapping[str, Any],
    at: tuple[str, ...],
    allow_extra: bool,
) -> None:
    """Raise a LexiconError at the first entry of `data` that the schema `spec` does not allow.

    `allow_extra` lets a built-in file hold a section the schema does not name yet (a test
    keeps the schema complete; a user file never may)."""
    for key, val in data.items():
        where = (*at, key)
        sub = _field_spec(spec, key)
        if sub is None:
            if allow_extra and not at:
                continue
            known = ", ".join(k for k in spec if k != ANY_KEY)
            what = "section" if not at else "key"
            raise _error(path, where, f"unknown {what} {_name(where)} (known: {known})")
        _check_value(path, val, sub, where)


def _check_value(path: Path, val: Any, spec: Any, where: tuple[str, ...]) -> None:
    if isinstance(spec, Mapping):
        if not isinstance(val, Mapping):
            raise _error(path, where, f"{_name(where)} must be a table, not {_kind(val)}")
        _check(path, val, spec, where, allow_extra=False)
        return
    problem = _type_problem(val, str(spec))
    if problem:
        raise _error(path, where, f"{_name(where)} {problem}", val)


def _type_problem(val: Any, spec: str) -> str | None:
    """Why `val` is not of the schema type `spec`, or None when it is."""
    if spec == WORDS:
        if not isinstance(val, list):
            return f"must be a list of strings, not {_kind(val)}"
        bad = next((w for w in val if not isinstance(w, str) or not w.strip()), None)
        if bad is not None:
            return f"must hold only non-empty strings, not {bad!r}"
        return None
    if spec.startswith("[") and spec.endswith("]"):
        parts = [p.strip() for p in spec[1:-1].split(",")]
        if not isinstance(val, list) or len(val) != len(parts):
            return f"must be a list [{', '.join(parts)}], not {val!r}"
        for item, part in zip(val, parts, strict=True):
            if _type_problem(item, part):
                return f"must be a list [{', '.join(parts)}], not {val!r}"
        return None
    if spec.startswith("one of:"):
        options = [o.strip() for o in spec[len("one of:") :].split(",")]
        if not isinstance(val, str) or val not in options:
            return f"must be one of {', '.join(repr(o) for o in options)}, not {val!r}"
        return None
    ok = {
        "string": isinstance(val, str),
        "integer": isinstance(val, int) and not isinstance(val, bool),
        "number": isinstance(val, int | float) and not isinstance(val, bool),
        "boolean": isinstance(val, bool),
    }
    if spec not in ok:
        raise ValueError(f"lexicon schema: unknown type {spec!r}")
    return None if ok[spec] else f"must be a {spec}, not {_kind(val)}"


def _kind(val: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    if isinstance(val, list):
        return "a list"
    if isinstance(val, Mapping):
        return "a table"
    return names.get(type(val), type(val).__name__)


def _name(where: tuple[str, ...]) -> str:
    if len(where) == 1:
        return f"[{where[0]}]"
    return f"[{'.'.join(where[:-1])}] {where[-1]!r}"


# -- finding the line of an entry ----------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _error(path: Path, where: tuple[str, ...], reason: str, val: Any = None) -> LexiconError:
    line = _locate(path, where, val)
    return LexiconError(str(path), line, _line(path, line), reason)


def _locate(path: Path, where: tuple[str, ...], val: Any = None) -> int:
    """The line of the entry at `where` (section path, then key), best effort; 0 if not found.

    For a list holding a bad item, the line of that item when it stands on its own line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    table: tuple[str, ...] = ()
    found = 0
    for n, raw in enumerate(lines, 1):
        h = _HEADER.match(raw)
        if h:
            table = tuple(_unquote(p) for p in h.group(1).split("."))
            if table == where and not found:
                return n
            continue
        k = _KEY.match(raw)
        if k and (*table, _unquote(k.group(1))) == where:
            found = n
            break
    if found and isinstance(val, list):
        bad = [w for w in val if not isinstance(w, str) or not w.strip()]
        if bad:
            needle = _toml_repr(bad[0])
            for n in range(found, min(len(lines), found + len(val) + 2) + 1):
                if needle in lines[n - 1]:
                    return n
    return found


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def _toml_repr(val: Any) -> str:
    if isinstance(val, bool):
        return "true" if val else "false"
    if isinstance(val, str):
        return f'"{val}"'
    return str(val)
