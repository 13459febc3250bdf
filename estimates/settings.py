"""Settings: the commented defaults in settings.toml, overlaid by the user's own file.

The user file is named by the ESTIMATES_SETTINGS environment variable, else `./estimates.toml`
when it exists. Every user key must exist in the defaults and have the default's type, so a typo
is reported with its name instead of being ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from estimates.errors import SettingsError

DEFAULTS_FILE = Path(__file__).with_name("settings.toml")
ENV_VAR = "ESTIMATES_SETTINGS"
LOCAL_FILE = "estimates.toml"

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:([KMGT])(i?))?B?\s*$", re.IGNORECASE)
_ALSO_ALLOWED: dict[tuple[str, str], type] = {
    ("input", "max_size"): int,
    ("input", "max_html_size"): int,
}
"""Keys that accept a second type besides the default's (a size may be a plain byte count)."""


@dataclass(frozen=True)
class InputSettings:
    """How documents are read."""

    max_size: int
    max_html_size: int
    preferred_encodings: tuple[str, ...]
    html_extensive_date_search: bool


@dataclass(frozen=True)
class ProgressSettings:
    """Whether long runs show a progress bar."""

    enabled: bool


@dataclass(frozen=True)
class Settings:
    """Every setting, validated."""

    input: InputSettings
    progress: ProgressSettings
    source: str | None = None  # the user file that overlaid the defaults, if any


def parse_size(text: str | int) -> int:
    """Bytes in a size such as "50MB", "1.5 GiB", "800KB" or 1000; ValueError when malformed."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text < 0:
            raise ValueError(f"a size cannot be negative: {text}")
        return text
    m = _SIZE.match(str(text))
    if not m:
        raise ValueError(f"not a size: {text!r} (expected e.g. 50MB, 800KB, 1GiB)")
    number, prefix, binary = m.groups()
    power = "KMGT".index(prefix.upper()) + 1 if prefix else 0
    return int(float(number) * (1024 if binary else 1000) ** power)


def user_file() -> Path | None:
    """The user's settings file: ESTIMATES_SETTINGS, else ./estimates.toml if present."""
    named = os.environ.get(ENV_VAR)
    if named:
        return Path(named)
    local = Path(LOCAL_FILE)
    return local if local.is_file() else None


def load_settings(path: str | Path | None = None) -> Settings:
    """The defaults overlaid by `path` (or by the user file); SettingsError names a bad key."""
    chosen = Path(path) if path is not None else user_file()
    return _load(str(chosen.absolute()) if chosen else None)


@cache
def _load(path: str | None) -> Settings:
    """Defaults overlaid by the file at `path` (cached: settings are read once per run)."""
    values = _read(DEFAULTS_FILE)
    if path is not None:
        if not Path(path).is_file():
            raise SettingsError(f"{path}: settings file not found")
        _overlay(values, _read(Path(path)), path)
    return _build(values, path)


def _read(path: Path) -> dict[str, Any]:
    """One TOML file as a dict; a syntax error names the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: not valid TOML ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{path}: cannot read ({e})") from None


def _overlay(base: dict[str, Any], user: Mapping[str, Any], where: str) -> None:
    """Copy user values over the defaults, refusing unknown keys and wrong types."""
    for section, table in user.items():
        if section not in base:
            raise SettingsError(f"{where}: unknown section [{section}]")
        if not isinstance(table, Mapping):
            raise SettingsError(f"{where}: {section} must be a [section] table")
        for key, value in table.items():
            if key not in base[section]:
                known = ", ".join(sorted(base[section]))
                raise SettingsError(f"{where}: unknown key {section}.{key} (known: {known})")
            default = base[section][key]
            allowed = (type(default), _ALSO_ALLOWED.get((section, key), type(default)))
            if type(value) not in allowed:
                raise SettingsError(
                    f"{where}: {section}.{key} must be {type(default).__name__}, "
                    f"not {type(value).__name__}"
                )
            base[section][key] = value


def _build(values: Mapping[str, Any], where: str | None) -> Settings:
    """Typed settings from merged values, checking what TOML types alone cannot."""
    inp, prog = values["input"], values["progress"]
    sizes = {}
    for key in ("max_size", "max_html_size"):
        try:
            sizes[key] = parse_size(inp[key])
        except ValueError as e:
            raise SettingsError(f"{where or DEFAULTS_FILE}: input.{key}: {e}") from None
    encodings = inp["preferred_encodings"]
    bad = [e for e in encodings if not _is_codec(e)]
    if bad:
        raise SettingsError(f"{where or DEFAULTS_FILE}: input.preferred_encodings: unknown {bad}")
    return Settings(
        input=InputSettings(
            max_size=sizes["max_size"],
            max_html_size=sizes["max_html_size"],
            preferred_encodings=tuple(encodings),
            html_extensive_date_search=inp["html_extensive_date_search"],
        ),
        progress=ProgressSettings(enabled=prog["enabled"]),
        source=where,
    )


def _is_codec(name: object) -> bool:
    """Whether Python knows an encoding by this name."""
    import codecs

    if not isinstance(name, str):
        return False
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
